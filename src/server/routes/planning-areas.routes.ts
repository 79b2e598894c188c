import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { inTransaction } from '../../db/repositories/index.ts';
import { measureGeometry } from '../../importers/geometry/measures.ts';
import { definePlanningArea, removePlanningArea, type MeasureGeometry } from '../../use-cases/atlas/define-planning-area.ts';
import type { AppContext } from '../context.ts';
import { TenantKeyParam, withProblems } from './schemas.ts';

const measure: MeasureGeometry = (geometry) => {
  const m = measureGeometry(geometry);
  return { areaKm2: m.areaKm2, centroid: [m.representativePoint[0], m.representativePoint[1]] };
};

/** Planning areas (Sozialräume) defined as sets of Gemeinden. */
export function planningAreaRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/tenants/:tenantKey/planning-areas',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Gebiete'],
          summary: 'Planungsraum aus Gemeinden bilden (Grenze = Vereinigung der Gemeindegrenzen)',
          params: Type.Object({ tenantKey: TenantKeyParam }),
          body: Type.Object(
            {
              code: Type.String({ minLength: 1, maxLength: 20 }),
              name: Type.String({ minLength: 1, maxLength: 200 }),
              members: Type.Array(Type.String({ pattern: '^\\d{8}$' }), { minItems: 1, maxItems: 2000 }),
            },
            { additionalProperties: false },
          ),
          response: withProblems(
            {
              201: Type.Object({
                key: Type.String(),
                name: Type.String(),
                members: Type.Array(Type.String()),
                areaKm2: Type.Number(),
                centroid: Type.Array(Type.Number()),
              }),
            },
            [400, 401, 403, 404, 409, 422],
          ),
        },
      },
      async (request, reply) => {
        const actor = request.actor;
        const created = await inTransaction(ctx.db, (r) =>
          definePlanningArea({ regions: r.regions, audit: r.audit, clock: ctx.clock, measure }, actor, {
            tenantKey: request.params.tenantKey,
            code: request.body.code,
            name: request.body.name,
            memberKeys: request.body.members,
          }),
        );
        return reply.code(201).send(created);
      },
    );

    app.delete(
      '/api/tenants/:tenantKey/planning-areas/:code',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Gebiete'],
          summary: 'Planungsraum entfernen',
          params: Type.Object({ tenantKey: TenantKeyParam, code: Type.String({ pattern: '^[A-Za-z0-9_]{1,20}$' }) }),
          response: withProblems({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        const actor = request.actor;
        await inTransaction(ctx.db, (r) =>
          removePlanningArea({ regions: r.regions, audit: r.audit, clock: ctx.clock }, actor, request.params),
        );
        return reply.code(204).send(null);
      },
    );
  };
}
