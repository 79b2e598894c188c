import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { repositories } from '../../db/repositories/index.ts';
import { serviceRepositories } from '../../db/repositories/services.repository.ts';
import { SERVICE_STATUSES } from '../../domain/services/model.ts';
import { listTaxonomy } from '../../use-cases/services/list-taxonomy.ts';
import { getPublicService } from '../../use-cases/services/get-public-service.ts';
import { searchPublicServices } from '../../use-cases/services/search-public-services.ts';
import type { AppContext } from '../context.ts';
import { StringEnum, TenantKeyParam, withProblems, Nullable } from './schemas.ts';
import { AreaSchema, ScheduleSchema, ServiceQuerySchema, TermSchema, serviceQuery } from './services.routes.ts';

// Null first: with type coercion on, a null would otherwise be coerced into the first branch ("" or 0).

/**
 * A service as anonymous visitors see it. The schema is also a second guard: fields it does not
 * list (contact persons, internal flags) are never serialised.
 */
const PublicServiceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  alternateName: Nullable(Type.String()),
  description: Nullable(Type.String()),
  url: Nullable(Type.String()),
  email: Nullable(Type.String()),
  status: StringEnum(SERVICE_STATUSES),
  eligibilityDescription: Nullable(Type.String()),
  minimumAge: Nullable(Type.Integer()),
  maximumAge: Nullable(Type.Integer()),
  capacity: Nullable(Type.Integer()),
  applicationProcess: Nullable(Type.String()),
  feesDescription: Nullable(Type.String()),
  assuredDate: Nullable(Type.String({ description: 'zuletzt geprüft' })),
  termKeys: Type.Array(Type.String()),
  schedules: Type.Array(ScheduleSchema),
  phones: Type.Array(Type.Object({ number: Type.String(), type: Nullable(Type.String()), description: Nullable(Type.String()) })),
  costOptions: Type.Array(
    Type.Object({
      option: Type.String(),
      amount: Nullable(Type.Number()),
      currency: Nullable(Type.String()),
      amountDescription: Nullable(Type.String()),
    }),
  ),
  funding: Type.Array(Type.Object({ source: Type.String() })),
  languages: Type.Array(Type.Object({ name: Type.String(), code: Nullable(Type.String()), note: Nullable(Type.String()) })),
  organization: Type.Object({
    id: Type.String(),
    name: Type.String(),
    website: Nullable(Type.String()),
    privatePerson: Type.Boolean(),
  }),
  locations: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      latitude: Nullable(Type.Number()),
      longitude: Nullable(Type.Number()),
      address: Nullable(
        Type.Object({
          address1: Type.String(),
          city: Type.String(),
          postalCode: Type.String(),
          region: Nullable(Type.String()),
          country: Type.String(),
        }),
      ),
      accessibility: Type.Array(
        Type.Object({ description: Type.String(), details: Nullable(Type.String()), url: Nullable(Type.String()) }),
      ),
      transportation: Nullable(Type.String()),
    }),
  ),
  areas: Type.Array(Nullable(Type.String()), { description: 'Sozialraum je Standort (gleiche Reihenfolge)' }),
  openNow: StringEnum(['open', 'closed', 'unknown'] as const, { description: 'jetzt geöffnet (Europe/Berlin)' }),
});

const TenantParams = Type.Object({ tenantKey: TenantKeyParam });

/** The public service map's data (Angebotslandkarte): published, active entries only, never personal contact data. */
export function publicServiceRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['Angebote (öffentlich)'];
    const deps = () => ({
      tenants: repositories(ctx.db).tenants,
      register: serviceRepositories(ctx.db).register,
      regions: repositories(ctx.db).regions,
      clock: ctx.clock,
    });

    app.get(
      '/api/public/services/:tenantKey',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Öffentliche Angebote suchen: Zielgruppe, Lebenslage, Sozialraum, Alter, jetzt geöffnet',
          params: TenantParams,
          querystring: Type.Object(ServiceQuerySchema),
          response: withProblems(
            { 200: Type.Object({ areas: Type.Array(AreaSchema), services: Type.Array(PublicServiceSchema) }) },
            [400, 404],
          ),
        },
      },
      async (request) =>
        searchPublicServices(deps(), { tenantKey: request.params.tenantKey, query: serviceQuery(request.query) }),
    );

    app.get(
      '/api/public/services/:tenantKey/taxonomy',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Filterbegriffe (Lebenslagen, Zielgruppen, Handlungsfelder) der Gebietskörperschaft',
          params: TenantParams,
          response: withProblems({ 200: Type.Array(TermSchema) }, [400, 404]),
        },
      },
      async (request) =>
        listTaxonomy({ taxonomy: serviceRepositories(ctx.db).taxonomy, tenants: repositories(ctx.db).tenants }, request.params),
    );

    app.get(
      '/api/public/services/:tenantKey/entries/:serviceId',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Ein öffentliches Angebot (Detailseite, Permalink)',
          params: Type.Object({ tenantKey: TenantKeyParam, serviceId: Type.String({ minLength: 1, maxLength: 200 }) }),
          response: withProblems({ 200: PublicServiceSchema }, [400, 404]),
        },
      },
      async (request) => getPublicService(deps(), request.params),
    );
  };
}
