import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { repositories } from '../../db/repositories/index.ts';
import { REGION_LEVELS } from '../../domain/regions/region.ts';
import { requireReadTenant } from '../../domain/tenancy/policy.ts';
import { getValues } from '../../use-cases/atlas/get-values.ts';
import { getTimeSeries } from '../../use-cases/atlas/get-time-series.ts';
import { listVariables } from '../../use-cases/atlas/list-variables.ts';
import type { AppContext } from '../context.ts';
import { StringEnum, TenantKeyParam, withProblems } from './schemas.ts';

const TenantParams = Type.Object({ tenantKey: TenantKeyParam });

const VariableSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  source: Type.String(),
  licence: Type.String(),
  attribution: Type.String(),
  additive: Type.Boolean(),
  scope: Type.String({ description: '„shared“ für Landesdaten, sonst der Kreisschlüssel' }),
});

const ValueSchema = Type.Object({
  region: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  value: Type.Union([Type.Number(), Type.Null()]),
  flag: Type.Union([Type.String(), Type.Null()]),
});

/** Atlas data of a tenant: variable catalogue and values (state-level data plus the tenant's own). */
export function atlasRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/tenants/:tenantKey/atlas/variables',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Merkmale mit Einheit, Quelle, Lizenz und Quellenvermerk',
          params: TenantParams,
          response: withProblems({ 200: Type.Array(VariableSchema) }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        return listVariables(repositories(ctx.db), request.actor, request.params.tenantKey);
      },
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/values',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Werte eines Merkmals für einen Zeitraum; Sonderzeichen der amtlichen Statistik als flag',
          params: TenantParams,
          querystring: Type.Object({
            variable: Type.String({ minLength: 1, maxLength: 300 }),
            period: Type.String({ pattern: '^\\d{4}(-\\d{2}-\\d{2})?$', description: 'JJJJ oder JJJJ-MM-TT' }),
            level: Type.Optional(StringEnum(REGION_LEVELS)),
          }),
          response: withProblems({ 200: Type.Array(ValueSchema) }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        return getValues(repositories(ctx.db), request.actor, {
          variableKey: request.query.variable,
          period: request.query.period,
          level: request.query.level ?? null,
          tenantKey: request.params.tenantKey,
        });
      },
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/series',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Zeitreihe eines Merkmals, wahlweise auf einen Gebietsstand umgerechnet (nur Zählgrößen)',
          params: TenantParams,
          querystring: Type.Object({
            variable: Type.String({ minLength: 1, maxLength: 300 }),
            regions: Type.Optional(
              Type.String({ description: 'Gebietsschlüssel, durch Komma getrennt; leer: alle', maxLength: 20000 }),
            ),
            gebietsstand: Type.Optional(
              Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Stichtag des Gebietsstands (JJJJ-MM-TT)' }),
            ),
          }),
          response: withProblems({
            200: Type.Object({
              territoryDate: Type.Union([Type.String(), Type.Null()]),
              points: Type.Array(
                Type.Object({
                  period: Type.String(),
                  region: Type.String(),
                  value: Type.Union([Type.Number(), Type.Null()]),
                  flag: Type.Union([Type.String(), Type.Null()]),
                  missing: Type.Optional(Type.String()),
                }),
              ),
            }),
          }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        return getTimeSeries(repositories(ctx.db), request.actor, {
          tenantKey: request.params.tenantKey,
          variableKey: request.query.variable,
          regions: (request.query.regions ?? '')
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
          territoryDate: request.query.gebietsstand,
        });
      },
    );
  };
}
