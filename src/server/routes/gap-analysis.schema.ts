import { Type, type Static } from 'typebox';
import type { AnalyseGapsInput } from '../../use-cases/gap-analysis/analyse-gaps.ts';
import { StringEnum } from './schemas.ts';

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

/** The body of the gap analysis and of saving it as indicators (both compute the analysis from it). */
export const GapAnalysisBodySchema = Type.Object(
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

/** The analysis input of a validated request body; a row without `reachMetres` has no reachability. */
export function gapAnalysisInput(tenantKey: string, body: Static<typeof GapAnalysisBodySchema>): AnalyseGapsInput {
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
