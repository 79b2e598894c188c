import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireReadTenant } from '../../domain/tenancy/policy.ts';
import { analyseGaps } from '../../use-cases/gap-analysis/analyse-gaps.ts';
import { gapAnalysisDeps } from '../compose-gap-analysis.ts';
import type { AppContext } from '../context.ts';
import { GapAnalysisBodySchema, gapAnalysisInput } from './gap-analysis.schema.ts';
import { TenantKeyParam, withProblems } from './schemas.ts';

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
          body: GapAnalysisBodySchema,
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
        return analyseGaps(
          gapAnalysisDeps(ctx.db, request.actor, ctx.clock),
          request.actor,
          gapAnalysisInput(tenantKey, request.body),
        );
      },
    );
  };
}
