import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireReadTenant } from '../../domain/tenancy/policy.ts';
import { analyseGaps } from '../../use-cases/gap-analysis/analyse-gaps.ts';
import { gapAnalysisDeps } from '../compose-gap-analysis.ts';
import type { AppContext } from '../context.ts';
import { StringEnum, TenantKeyParam, withProblems } from './schemas.ts';

const RowSchema = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 100 }),
    label: Type.String({ minLength: 1, maxLength: 300 }),
    termKeys: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50 }),
    targetVariableKey: Type.String({ minLength: 1, maxLength: 300, description: 'Atlas-Merkmal mit der Zielbevölkerung' }),
    period: Type.String({ minLength: 4, maxLength: 10 }),
    reachMetres: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100_000, description: 'Luftlinie in Metern; ohne: keine Erreichbarkeit' }),
    ),
    minServices: Type.Optional(Type.Integer({ minimum: 0 })),
    minCapacityPer1000: Type.Optional(Type.Number({ minimum: 0 })),
    minReachShare: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Anteil 0–1' })),
  },
  { additionalProperties: false },
);

/** The gap analysis (Abgleich) of a municipality: services against the target population per Sozialraum. */
export function gapAnalysisRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/tenants/:tenantKey/gap-analysis',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Angebote'],
          summary:
            'Abgleich: Angebote, Plätze je 1.000 der Zielbevölkerung und Erreichbarkeit je Sozialraum, Lücken gegen Schwellenwerte (liest nur)',
          params: Type.Object({ tenantKey: TenantKeyParam }),
          body: Type.Object(
            {
              rows: Type.Array(RowSchema, { minItems: 1, maxItems: 50 }),
              population: Type.Optional(
                Type.Object(
                  {
                    level: StringEnum(['gemeinde', 'planning_area'] as const),
                    variableKey: Type.String({ minLength: 1, maxLength: 300 }),
                    period: Type.String({ minLength: 4, maxLength: 10 }),
                  },
                  { additionalProperties: false, description: 'Bevölkerungspunkte: Schwerpunkte der Gebiete mit Gewicht' },
                ),
              ),
              populationPoints: Type.Optional(
                StringEnum(['auto', 'grid', 'centroids'] as const, {
                  description:
                    'auto (Standard): Zensus-Gitter der Gebietskörperschaft, wenn importiert, sonst die Schwerpunkte aus „population“; grid: nur das Gitter; centroids: nur die Schwerpunkte',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: withProblems({
            200: Type.Object({
              tenantKey: Type.String(),
              matrix: Type.Unknown({ description: 'Zeilen × Sozialräume mit Zellen (Status ok, gap, unclear, not_assessed)' }),
              indicators: Type.Unknown(),
              entries: Type.Unknown(),
              excluded: Type.Unknown(),
              areasWithoutShape: Type.Array(Type.String()),
              population: Type.Unknown(),
              reachMethod: Type.Union([Type.String(), Type.Null()]),
            }),
          }),
        },
      },
      async (request) => {
        const { tenantKey } = request.params;
        requireReadTenant(request.actor, tenantKey);
        const body = request.body;
        return analyseGaps(gapAnalysisDeps(ctx.db, request.actor, ctx.clock), request.actor, {
          tenantKey,
          rows: body.rows.map((r) => ({
            key: r.key,
            label: r.label,
            termKeys: r.termKeys,
            targetVariableKey: r.targetVariableKey,
            period: r.period,
            reach: r.reachMetres === undefined ? null : { kind: 'distance', metres: r.reachMetres },
            thresholds: { minServices: r.minServices, minCapacityPer1000: r.minCapacityPer1000, minReachShare: r.minReachShare },
          })),
          populationPoints: body.population ? { kind: 'centroids', ...body.population } : null,
          population: body.populationPoints ?? 'auto',
        });
      },
    );
  };
}
