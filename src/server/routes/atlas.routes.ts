import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { repositories } from '../../db/repositories/index.ts';
import { REGION_LEVELS } from '../../domain/regions/region.ts';
import { requireReadTenant } from '../../domain/tenancy/policy.ts';
import { getValues } from '../../use-cases/atlas/get-values.ts';
import { getTimeSeries } from '../../use-cases/atlas/get-time-series.ts';
import { getRegionShapes } from '../../use-cases/atlas/get-region-shapes.ts';
import { listVariables as catalogue } from '../../use-cases/atlas/list-variables.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { csvDocument } from '../present/csv.ts';
import { jsonStatDataset } from '../present/json-stat.ts';
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

    app.get(
      '/api/tenants/:tenantKey/atlas/regions.geojson',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Gebietsgrenzen einer Ebene als GeoJSON (WGS84), vereinfacht je Zoomstufe, auf einem Gebietsstand',
          params: TenantParams,
          querystring: Type.Object({
            level: StringEnum(REGION_LEVELS),
            gebietsstand: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
            bbox: Type.Optional(
              Type.String({ pattern: '^-?[\\d.]+,-?[\\d.]+,-?[\\d.]+,-?[\\d.]+$', description: 'minLon,minLat,maxLon,maxLat' }),
            ),
            zoom: Type.Optional(Type.Integer({ minimum: 0, maximum: 22 })),
          }),
          response: withProblems({ 200: Type.Unknown({ description: 'GeoJSON FeatureCollection' }) }),
        },
      },
      async (request, reply) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const bbox = request.query.bbox?.split(',').map(Number) as [number, number, number, number] | undefined;
        const collection = await getRegionShapes({ ...repositories(ctx.db), clock: ctx.clock }, request.actor, {
          tenantKey: request.params.tenantKey,
          level: request.query.level,
          date: request.query.gebietsstand,
          bbox,
          zoom: request.query.zoom,
        });
        return reply.type('application/geo+json; charset=utf-8').send(collection);
      },
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/export',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Werte eines Merkmals als CSV (mit Quelle und Quellenvermerk, sicher gegen Formeln) oder JSON-stat 2.0',
          params: TenantParams,
          querystring: Type.Object({
            variable: Type.String({ minLength: 1, maxLength: 300 }),
            period: Type.String({ pattern: '^\\d{4}(-\\d{2}-\\d{2})?$' }),
            level: Type.Optional(StringEnum(REGION_LEVELS)),
            format: StringEnum(['csv', 'json-stat'] as const),
          }),
          response: withProblems({ 200: Type.Unknown() }),
        },
      },
      async (request, reply) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const r = repositories(ctx.db);
        const variable = (await catalogue(r, request.actor, request.params.tenantKey)).find(
          (v) => v.key === request.query.variable,
        );
        if (!variable) throw new NotFoundError(`Das Merkmal „${request.query.variable}“ gibt es nicht.`, 'variable-not-found');
        const rows = await getValues(r, request.actor, {
          variableKey: variable.key,
          period: request.query.period,
          level: request.query.level ?? null,
          tenantKey: request.params.tenantKey,
        });
        const base = `${variable.key.replace(/[^A-Za-z0-9_-]+/g, '_')}_${request.query.period}`;
        if (request.query.format === 'json-stat') {
          return reply
            .type('application/json; charset=utf-8')
            .header('content-disposition', `attachment; filename="${base}.json"`)
            .send(jsonStatDataset({ ...variable, period: request.query.period, rows, updated: ctx.clock.now() }));
        }
        const symbols: Record<string, string> = {
          zero: '-',
          unknown_or_secret: '.',
          not_meaningful: 'x',
          unreliable: '/',
          later: '...',
          secret: '.',
          no_value: '',
        };
        const document = csvDocument([
          ['Schlüssel', 'Gebiet', `${variable.label} (${variable.unit})`, 'Zeichen'],
          ...rows.map((row) => [
            row.region,
            row.name,
            row.flag === 'zero' ? 0 : row.value,
            row.flag ? (symbols[row.flag] ?? row.flag) : '',
          ]),
          [],
          ['Zeitraum', request.query.period],
          ['Quelle', variable.source],
          ['Quellenvermerk', variable.attribution],
          ['Lizenz', variable.licence],
        ]);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${base}.csv"`)
          .send(document);
      },
    );
  };
}
