import type { Kysely } from 'kysely';
import { gapServiceRepository } from '../db/repositories/gap-analysis.repository.ts';
import { gridRepository } from '../db/repositories/grid.repository.ts';
import { repositories } from '../db/repositories/index.ts';
import type { DB } from '../db/schema.ts';
import { representativePoint } from '../domain/geometry/measures.ts';
import { preferredDataset } from '../domain/grid/population-grid.ts';
import type { Geometry } from '../domain/regions/region.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { Actor } from '../domain/tenancy/policy.ts';
import { equalAreaProjection } from '../importers/geometry/crs.ts';
import { getValues } from '../use-cases/atlas/get-values.ts';
import type { GapAnalysisDeps } from '../use-cases/gap-analysis/ports.ts';

/**
 * The ports of the gap analysis over the service register, the planning areas, the atlas values
 * (as the atlas computes them, with the reader's rights), the municipality's stored Zensus grid
 * (cells in EPSG:3035, population as weight, secret cells null) and region centroids.
 */
export function gapAnalysisDeps(db: Kysely<DB>, actor: Actor, clock: Clock): GapAnalysisDeps {
  const atlas = repositories(db);
  const grids = gridRepository(db);
  const today = clock.now().toISOString().slice(0, 10);
  const valuesOf = async (tenantKey: string, variableKey: string, period: string, level: 'gemeinde' | 'planning_area') => {
    const result = await getValues({ atlas: atlas.atlas, indicators: atlas.indicators }, actor, {
      tenantKey,
      subject: { variableKey },
      period,
      level,
    });
    return new Map(result.rows.map((r) => [r.region, r.value]));
  };
  return {
    plane: equalAreaProjection,
    services: gapServiceRepository(db),
    planningAreas: {
      async listWithShapes(tenantKey) {
        const shapes = await atlas.atlas.shapes('planning_area', [tenantKey], { date: today });
        return shapes.map((s) => ({ key: s.key, name: s.name, geometry: (s.geometry as Geometry | null) ?? null }));
      },
    },
    population: {
      async valuesForAreas(tenantKey, input) {
        const values = await valuesOf(tenantKey, input.variableKey, input.period, 'planning_area');
        return new Map(input.areaKeys.map((key) => [key, values.get(key) ?? null]));
      },
      async points(tenantKey, source) {
        if (source.kind === 'grid') {
          const datasets = await grids.list(tenantKey);
          const chosen =
            source.datasetKey === undefined
              ? preferredDataset(datasets)
              : (datasets.find((d) => d.key === source.datasetKey) ?? null);
          const cells = chosen ? await grids.cells(tenantKey, chosen.key) : null;
          if (!chosen || !cells) return null;
          return {
            coordinates: 'epsg3035',
            x: cells.x,
            y: cells.y,
            weight: cells.population,
            source: `${chosen.label}, Stand ${chosen.referenceDate}`,
            grid: {
              key: chosen.key,
              cellSize: chosen.cellSize,
              referenceDate: chosen.referenceDate,
              secretCells: chosen.secretCells,
            },
          };
        }
        const owners = source.level === 'planning_area' ? [tenantKey] : [null, tenantKey];
        const [shapes, values] = await Promise.all([
          atlas.atlas.shapes(source.level, owners, { date: today }),
          valuesOf(tenantKey, source.variableKey, source.period, source.level),
        ]);
        // Only the regions the values read knows for this municipality (its Gemeinden or areas).
        const inside = shapes.filter((s) => values.has(s.key) && s.geometry);
        const x: number[] = [];
        const y: number[] = [];
        const weight: (number | null)[] = [];
        for (const s of inside) {
          const [lon, lat] = representativePoint(s.geometry as Geometry, equalAreaProjection);
          x.push(lon);
          y.push(lat);
          weight.push(values.get(s.key) ?? null);
        }
        return {
          coordinates: 'wgs84',
          x,
          y,
          weight,
          source: `Schwerpunkte der Gebiete, gewichtet mit „${source.variableKey}“ (${source.period})`,
        };
      },
    },
  };
}
