import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { repositories } from '../../db/repositories/index.ts';
import { gapValuesRepository } from '../../db/repositories/gap-values.repository.ts';
import { requireReadTenant } from '../../domain/tenancy/policy.ts';
import type { AnalyseGapsInput } from '../../use-cases/gap-analysis/analyse-gaps.ts';
import { saveGapIndicators } from '../../use-cases/gap-analysis/save-gap-indicators.ts';
import { gapAnalysisDeps } from '../compose-gap-analysis.ts';
import type { AppContext } from '../context.ts';
import { StringEnum, TenantKeyParam, withProblems } from './schemas.ts';

// The same body as POST /api/tenants/:tenantKey/gap-analysis (the analysis is computed again from it).
const RowSchema = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 100, description: 'wird ignoriert: der Schlüssel folgt aus der Bezeichnung' }),
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

const BodySchema = Type.Object(
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
);

/** The analysis input of a request body, as the analysis route builds it. */
function analysisInput(tenantKey: string, body: Static<typeof BodySchema>): AnalyseGapsInput {
  return {
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
  };
}

const SavedSchema = Type.Object({
  tenantKey: Type.String(),
  importId: Type.Integer({ description: 'Eintrag im Importprotokoll (kann wie ein Import zurückgenommen werden)' }),
  level: Type.Literal('planning_area'),
  indicators: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      unit: Type.String(),
      period: Type.String(),
      published: Type.Boolean(),
    }),
  ),
  values: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  removed: Type.Integer(),
});

/** Saving the results of the gap analysis (Abgleich) as atlas indicators of the municipality. */
export function gapIndicatorRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/tenants/:tenantKey/gap-analysis/indicators',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Angebote'],
          summary:
            'Abgleich als Atlas-Indikatoren speichern (Planung): rechnet den Abgleich neu und speichert je Sozialraum Angebote, Plätze je 1.000 und Erreichbarkeit; nicht veröffentlicht',
          params: Type.Object({ tenantKey: TenantKeyParam }),
          body: BodySchema,
          response: withProblems({ 200: SavedSchema }),
        },
      },
      async (request) => {
        const { tenantKey } = request.params;
        requireReadTenant(request.actor, tenantKey);
        return saveGapIndicators(
          {
            analysis: gapAnalysisDeps(ctx.db, request.actor, ctx.clock),
            transaction: (work) =>
              ctx.db.transaction().execute((trx) => {
                const r = repositories(trx);
                return work({
                  journal: r.imports,
                  observations: r.observations,
                  gapValues: gapValuesRepository(trx),
                  indicators: r.indicators,
                  audit: r.audit,
                });
              }),
            secrets: ctx.secrets,
            clock: ctx.clock,
          },
          request.actor,
          analysisInput(tenantKey, request.body),
        );
      },
    );
  };
}
