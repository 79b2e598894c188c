import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { repositories } from '../../db/repositories/index.ts';
import { gapValuesRepository } from '../../db/repositories/gap-values.repository.ts';
import { requireReadTenant } from '../../domain/tenancy/policy.ts';
import { saveGapIndicators } from '../../use-cases/gap-analysis/save-gap-indicators.ts';
import { gapAnalysisDeps } from '../compose-gap-analysis.ts';
import type { AppContext } from '../context.ts';
import { GapAnalysisBodySchema, gapAnalysisInput } from './gap-analysis.schema.ts';
import { TenantKeyParam, withProblems } from './schemas.ts';

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
          body: GapAnalysisBodySchema,
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
          gapAnalysisInput(tenantKey, request.body),
        );
      },
    );
  };
}
