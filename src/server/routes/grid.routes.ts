import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { gridRepository } from '../../db/repositories/grid.repository.ts';
import { requireReadTenant } from '../../domain/tenancy/policy.ts';
import { listPopulationGrids } from '../../use-cases/grid/list-population-grids.ts';
import type { AppContext } from '../context.ts';
import { TenantKeyParam, withProblems } from './schemas.ts';

const DatasetSchema = Type.Object({
  key: Type.String({ description: 'z. B. zensus2011-1km' }),
  label: Type.String(),
  referenceDate: Type.String({ description: 'Stichtag der Zählung' }),
  source: Type.String(),
  cellSize: Type.Integer({ description: 'Kantenlänge der Zellen in Metern' }),
  cells: Type.Integer({ description: 'Zellen im Gebiet der Gebietskörperschaft' }),
  secretCells: Type.Integer({ description: 'Zellen mit geheim gehaltener Einwohnerzahl' }),
  population: Type.Number({ description: 'Summe der bekannten Einwohnerzahlen' }),
  territory: Type.String({ description: 'Gebiet, auf das die Zellen zugeschnitten wurden' }),
  importedAt: Type.String(),
});

/**
 * The population grids of a municipality (Zensus grid cells inside its territory, the population
 * points of the gap analysis). Imported with `planwerk import <datei.csv> --municipality …` or
 * the upload of a Zensus grid CSV.
 */
export function gridRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/tenants/:tenantKey/grids',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Angebote'],
          summary: 'Bevölkerungsgitter (Zensus-Gitterzellen) der Gebietskörperschaft',
          params: Type.Object({ tenantKey: TenantKeyParam }),
          response: withProblems({ 200: Type.Object({ datasets: Type.Array(DatasetSchema) }) }),
        },
      },
      async (request) => {
        const { tenantKey } = request.params;
        requireReadTenant(request.actor, tenantKey);
        const datasets = await listPopulationGrids({ grids: gridRepository(ctx.db) }, request.actor, { tenantKey });
        return { datasets };
      },
    );
  };
}
