import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { inTransaction, repositories } from '../../db/repositories/index.ts';
import { savedViewRepositories } from '../../db/repositories/saved-views.repository.ts';
import { MAX_VIEW_DESCRIPTION, MAX_VIEW_TITLE, type SavedView } from '../../domain/atlas-views/saved-view.ts';
import { MAX_STATE_LENGTH } from '../../domain/atlas-views/view-state.ts';
import { requireReadTenant } from '../../domain/tenancy/policy.ts';
import { deleteView } from '../../use-cases/atlas-views/delete-view.ts';
import { listPublicViews } from '../../use-cases/atlas-views/list-public-views.ts';
import { listViews, type ManagedView } from '../../use-cases/atlas-views/list-views.ts';
import { setViewPublished } from '../../use-cases/atlas-views/publish-view.ts';
import { restoreView } from '../../use-cases/atlas-views/restore-view.ts';
import { saveView } from '../../use-cases/atlas-views/save-view.ts';
import { updateView } from '../../use-cases/atlas-views/update-view.ts';
import type { AppContext } from '../context.ts';
import { Nullable, TenantKeyParam, withProblems } from './schemas.ts';

const TenantParams = Type.Object({ tenantKey: TenantKeyParam });
const ViewParams = Type.Object({ tenantKey: TenantKeyParam, viewId: Type.String({ format: 'uuid' }) });

// The lengths are checked again (after trimming) by the domain, with German messages per field.
const Title = Type.String({ maxLength: MAX_VIEW_TITLE + 200, description: 'Titel (höchstens 120 Zeichen)' });
const Description = Type.String({ maxLength: MAX_VIEW_DESCRIPTION + 200, description: 'Beschreibung (höchstens 1.000 Zeichen)' });
const State = Type.String({
  maxLength: MAX_STATE_LENGTH,
  description:
    'Die Ansicht als Abfrage des Atlas-Permalinks, z. B. indikator=demo.kinderarmut&ebene=gemeinde&klassifikation=jenks&klassen=5',
});

const ViewSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  state: Type.String({ description: 'Abfrage des Atlas: die Ansicht öffnet sich unter /atlas?<state>' }),
  indicatorKey: Type.String(),
  published: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const ManagedViewSchema = Type.Object({
  ...ViewSchema.properties,
  indicatorLabel: Nullable(Type.String({ description: 'null: den Indikator gibt es nicht mehr' })),
  indicatorPublished: Type.Boolean({
    description: 'Ob der Indikator veröffentlicht ist; eine veröffentlichte Ansicht erscheint nur dann öffentlich',
  }),
});

const PublicViewSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  state: Type.String({ description: 'Abfrage des Atlas: die Ansicht öffnet sich unter /atlas?<state>' }),
  indicatorKey: Type.String(),
  indicatorLabel: Type.String(),
  period: Nullable(Type.String({ description: 'null: der neueste Zeitraum' })),
  level: Type.String(),
  updatedAt: Type.String(),
});

/** A view as the members' API returns it (no author id). */
function present(view: SavedView) {
  return {
    id: view.id,
    title: view.title,
    description: view.description,
    state: view.state,
    indicatorKey: view.indicatorKey,
    published: view.published,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
  };
}

const presentManaged = (view: ManagedView) => ({
  ...present(view),
  indicatorLabel: view.indicatorLabel,
  indicatorPublished: view.indicatorPublished,
});

/** Saved atlas views: members list and manage them, anonymous visitors list the published ones. */
export function savedViewRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const deps = (r: ReturnType<typeof repositories>, trx: AppContext['db']) => ({
    ...r,
    ...savedViewRepositories(trx),
    clock: ctx.clock,
    secrets: ctx.secrets,
  });
  return async (app) => {
    app.get(
      '/api/tenants/:tenantKey/atlas/views',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Gespeicherte Kartenansichten der Gebietskörperschaft (Mitglieder), zuletzt geänderte zuerst',
          params: TenantParams,
          response: withProblems({ 200: Type.Array(ManagedViewSchema) }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const list = await listViews(deps(repositories(ctx.db), ctx.db), request.actor, request.params.tenantKey);
        return list.map(presentManaged);
      },
    );

    app.post(
      '/api/tenants/:tenantKey/atlas/views',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Kartenansicht speichern (Planung); sie ist zunächst nicht veröffentlicht',
          params: TenantParams,
          body: Type.Object(
            { title: Title, description: Type.Optional(Description), state: State },
            { additionalProperties: false },
          ),
          response: withProblems({ 201: ViewSchema }, [400, 401, 403, 404, 409, 422]),
        },
      },
      async (request, reply) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const view = await inTransaction(ctx.db, (r, trx) =>
          saveView(deps(r, trx), request.actor, { tenantKey: request.params.tenantKey, ...request.body }),
        );
        return reply.code(201).send(present(view));
      },
    );

    app.patch(
      '/api/tenants/:tenantKey/atlas/views/:viewId',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Kartenansicht umbenennen, Beschreibung oder Ansicht ändern (Planung)',
          params: ViewParams,
          body: Type.Object(
            { title: Type.Optional(Title), description: Type.Optional(Description), state: Type.Optional(State) },
            { additionalProperties: false },
          ),
          response: withProblems({ 200: ViewSchema }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const view = await inTransaction(ctx.db, (r, trx) =>
          updateView(deps(r, trx), request.actor, {
            tenantKey: request.params.tenantKey,
            id: request.params.viewId,
            ...request.body,
          }),
        );
        return present(view);
      },
    );

    app.put(
      '/api/tenants/:tenantKey/atlas/views/:viewId/published',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Kartenansicht veröffentlichen oder zurückziehen (Planung); nur mit veröffentlichtem Indikator',
          params: ViewParams,
          body: Type.Object({ published: Type.Boolean() }, { additionalProperties: false }),
          response: withProblems({ 200: ViewSchema }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const view = await inTransaction(ctx.db, (r, trx) =>
          setViewPublished(deps(r, trx), request.actor, {
            tenantKey: request.params.tenantKey,
            id: request.params.viewId,
            published: request.body.published,
          }),
        );
        return present(view);
      },
    );

    app.delete(
      '/api/tenants/:tenantKey/atlas/views/:viewId',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Kartenansicht löschen (Planung); mit …/restore rückgängig zu machen',
          params: ViewParams,
          response: withProblems({ 200: ViewSchema }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const view = await inTransaction(ctx.db, (r, trx) =>
          deleteView(deps(r, trx), request.actor, { tenantKey: request.params.tenantKey, id: request.params.viewId }),
        );
        return present(view);
      },
    );

    app.post(
      '/api/tenants/:tenantKey/atlas/views/:viewId/restore',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Gelöschte Kartenansicht wiederherstellen (Rückgängig; Planung)',
          params: ViewParams,
          response: withProblems({ 200: ViewSchema }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const view = await inTransaction(ctx.db, (r, trx) =>
          restoreView(deps(r, trx), request.actor, { tenantKey: request.params.tenantKey, id: request.params.viewId }),
        );
        return present(view);
      },
    );

    app.get(
      '/api/public/atlas/:tenantKey/views',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Öffentlicher Atlas'],
          summary: 'Veröffentlichte Kartenansichten einer Gebietskörperschaft (nur mit veröffentlichtem Indikator)',
          params: TenantParams,
          response: withProblems({ 200: Type.Array(PublicViewSchema) }, [400, 404]),
        },
      },
      async (request) => listPublicViews({ ...repositories(ctx.db), ...savedViewRepositories(ctx.db) }, request.params.tenantKey),
    );
  };
}
