import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { inTransaction, repositories } from '../../db/repositories/index.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { REGION_LEVELS } from '../../domain/regions/region.ts';
import { requireReadTenant } from '../../domain/tenancy/policy.ts';
import { listAuditLog } from '../../use-cases/audit/list-audit-log.ts';
import { addMember } from '../../use-cases/tenancy/add-member.ts';
import { changeMemberRole } from '../../use-cases/tenancy/change-member-role.ts';
import { listMembers } from '../../use-cases/tenancy/list-members.ts';
import { listRegions } from '../../use-cases/tenancy/list-regions.ts';
import { listTenants } from '../../use-cases/tenancy/list-tenants.ts';
import { removeMember } from '../../use-cases/tenancy/remove-member.ts';
import type { AppContext } from '../context.ts';
import { RoleSchema, StringEnum, TenantKeyParam, TenantSchema, withProblems } from './schemas.ts';

const TenantParams = Type.Object({ tenantKey: TenantKeyParam });
const MemberParams = Type.Object({ tenantKey: TenantKeyParam, userId: Type.String({ format: 'uuid' }) });

const MemberSchema = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  since: Type.String({ format: 'date-time' }),
});

const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actorLabel: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  after: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

const RegionSummarySchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  level: Type.String(),
  parentKey: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
});

/** Tenants, their members (admins), audit log (admins) and regions (members and state). */
export function tenantRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/tenants',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Gebietskörperschaften'],
          summary: 'Gebietskörperschaften: eigene (angemeldet), alle (Landesebene) oder öffentliche Liste (anonym)',
          response: { 200: Type.Array(TenantSchema) },
        },
      },
      async (request) => listTenants(repositories(ctx.db), request.actor),
    );

    app.get(
      '/api/tenants/:tenantKey',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Gebietskörperschaften'],
          summary: 'Eine Gebietskörperschaft',
          params: TenantParams,
          response: withProblems({ 200: TenantSchema }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const tenant = await repositories(ctx.db).tenants.get(request.params.tenantKey);
        if (!tenant) throw new NotFoundError('Die Gebietskörperschaft wurde nicht gefunden.', 'tenant-not-found');
        return tenant;
      },
    );

    app.get(
      '/api/tenants/:tenantKey/members',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Mitglieder'],
          summary: 'Mitglieder und Rollen (nur Administration)',
          params: TenantParams,
          response: withProblems({ 200: Type.Array(MemberSchema) }),
        },
      },
      async (request) => {
        const members = await listMembers(repositories(ctx.db), request.actor, request.params.tenantKey);
        return members.map((m) => ({ ...m, since: m.since.toISOString() }));
      },
    );

    app.post(
      '/api/tenants/:tenantKey/members',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Mitglieder'],
          summary: 'Person hinzufügen (legt das Konto an, wenn es die Adresse noch nicht gibt)',
          params: TenantParams,
          body: Type.Object(
            {
              email: Type.String({ minLength: 3, maxLength: 254 }),
              role: RoleSchema,
              displayName: Type.Optional(Type.String({ maxLength: 200 })),
            },
            { additionalProperties: false },
          ),
          response: withProblems(
            {
              201: Type.Object({
                userId: Type.String(),
                email: Type.String(),
                role: RoleSchema,
                createdAccount: Type.Boolean(),
                generatedPassword: Type.Optional(Type.String({ description: 'Einmalig angezeigtes Startpasswort' })),
              }),
            },
            [400, 401, 403, 404, 409, 422],
          ),
        },
      },
      async (request, reply) => {
        const actor = request.actor;
        const result = await inTransaction(ctx.db, (r) =>
          addMember({ ...r, hasher: ctx.hasher, secrets: ctx.secrets, clock: ctx.clock }, actor, {
            tenantKey: request.params.tenantKey,
            ...request.body,
          }),
        );
        reply.header('cache-control', 'no-store');
        return reply.code(201).send(result);
      },
    );

    app.patch(
      '/api/tenants/:tenantKey/members/:userId',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Mitglieder'],
          summary: 'Rolle ändern',
          params: MemberParams,
          body: Type.Object({ role: RoleSchema }, { additionalProperties: false }),
          response: withProblems({ 200: MemberSchema }),
        },
      },
      async (request) => {
        const actor = request.actor;
        const member = await inTransaction(ctx.db, (r) =>
          changeMemberRole({ ...r, clock: ctx.clock }, actor, { ...request.params, role: request.body.role }),
        );
        return { ...member, since: member.since.toISOString() };
      },
    );

    app.delete(
      '/api/tenants/:tenantKey/members/:userId',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Mitglieder'],
          summary: 'Mitgliedschaft entfernen',
          params: MemberParams,
          response: withProblems({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        const actor = request.actor;
        await inTransaction(ctx.db, (r) => removeMember({ ...r, clock: ctx.clock }, actor, request.params));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/tenants/:tenantKey/audit',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Protokoll'],
          summary: 'Änderungsprotokoll der Gebietskörperschaft (nur Administration), neueste zuerst',
          params: TenantParams,
          querystring: Type.Object({
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            before: Type.Optional(Type.Integer({ minimum: 1 })),
          }),
          response: withProblems({ 200: Type.Array(AuditEntrySchema) }),
        },
      },
      async (request) => {
        const entries = await listAuditLog(repositories(ctx.db), request.actor, {
          tenantKey: request.params.tenantKey,
          limit: request.query.limit,
          beforeId: request.query.before,
        });
        return entries.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          actorLabel: e.actorLabel,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          before: e.before,
          after: e.after,
        }));
      },
    );

    app.get(
      '/api/tenants/:tenantKey/regions',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Gebiete'],
          summary: 'Gebiete der Gebietskörperschaft (amtliche und eigene Planungsräume)',
          params: TenantParams,
          querystring: Type.Object({
            level: Type.Optional(StringEnum(REGION_LEVELS)),
          }),
          response: withProblems({ 200: Type.Array(RegionSummarySchema) }),
        },
      },
      async (request) => {
        const regions = await listRegions(repositories(ctx.db), request.actor, {
          tenantKey: request.params.tenantKey,
          level: request.query.level,
        });
        return regions.map(({ geometry: _geometry, ...rest }) => rest);
      },
    );
  };
}
