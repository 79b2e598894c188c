import type { PlaneProjection } from '../../domain/geometry/measures.ts';
import { RegionLocator, type PlanarRegion } from '../../domain/grid/aggregate.ts';
import {
  CENSUS_REFERENCE_DATE,
  cellSizeLabel,
  gridDatasetKey,
  gridDatasetLabel,
  type Census,
  type GridDatasetInfo,
  type PopulationGridRow,
} from '../../domain/grid/population-grid.ts';
import { ImportError } from '../../domain/observations/import-error.ts';
import type { Geometry, Position } from '../../domain/regions/region.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog } from '../ports.ts';
import type { PopulationGridStore, StoredGridCell, TerritorySource } from './ports.ts';

/** A grid file as the importer reads it (see src/importers/grid/population-grid-csv.ts). */
export interface PopulationGridSource {
  fileName: string;
  census: Census;
  /** The population column, e.g. `Einwohner`. */
  column: string;
  batches: AsyncIterable<readonly PopulationGridRow[]>;
}

/** What an import stored and what it left out. */
export interface PopulationGridImportResult {
  dataset: GridDatasetInfo;
  /** Cells read from the file. */
  cellsRead: number;
  /** Cells whose centre lies outside the territory (not stored). */
  cellsOutside: number;
  /** Whether a dataset with the same key was replaced. */
  replaced: boolean;
}

function planarRegions(regions: readonly { key: string; geometry: Geometry }[], plane: PlaneProjection): PlanarRegion[] {
  const project = (p: Position) => plane.forward(p);
  return regions.map((r) => {
    const polygons = r.geometry.type === 'Polygon' ? [r.geometry.coordinates] : r.geometry.coordinates;
    return { key: r.key, polygons: polygons.map((polygon) => polygon.map((ring) => ring.map(project))) };
  });
}

/**
 * Imports a Zensus population grid for one municipality: keeps the cells whose centre lies in
 * its territory (its Gemeinden, else its Kreis, else its planning areas; bounding box first,
 * then point in polygon on the EPSG:3035 plane) and replaces the dataset of the same census and
 * cell size. The whole file is read and checked before anything is written, so a bad file
 * changes nothing (the caller runs it in one transaction). Planners of the municipality may
 * import; recorded in the audit log.
 */
export async function importPopulationGrid(
  deps: { grids: PopulationGridStore; territory: TerritorySource; audit: AuditLog; clock: Clock; plane: PlaneProjection },
  actor: Actor,
  input: { tenantKey: string; grid: PopulationGridSource; onProgress?: (cellsRead: number) => void },
): Promise<PopulationGridImportResult> {
  requireRole(actor, input.tenantKey, 'planner');
  const territory = await deps.territory.territory(input.tenantKey);
  if (territory === null || territory.regions.length === 0) {
    throw new InvalidError(
      'Für den Zuschnitt des Gitters fehlen die Grenzen der Gebietskörperschaft. Bitte zuerst Gemeindegrenzen (z. B. VG250) oder Planungsräume importieren.',
      'grid-no-territory',
    );
  }
  const regions = planarRegions(territory.regions, deps.plane);
  const locator = new RegionLocator(regions);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const region of regions)
    for (const polygon of region.polygons)
      for (const [x, y] of polygon[0]!) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }

  const { grid } = input;
  const cells: StoredGridCell[] = [];
  const seen = new Map<string, number>();
  let cellsRead = 0;
  let resolution = 0;
  for await (const batch of grid.batches) {
    for (const row of batch) {
      cellsRead++;
      resolution ||= row.resolution;
      const earlier = seen.get(row.cellId);
      if (earlier !== undefined) {
        throw new ImportError(grid.fileName, row.line, null, `Die Zelle ${row.cellId} kommt schon in Zeile ${earlier} vor.`);
      }
      seen.set(row.cellId, row.line);
      if (row.x < minX || row.x > maxX || row.y < minY || row.y > maxY) continue;
      const region = locator.locate(row.x, row.y);
      if (region < 0) continue;
      cells.push({
        cellId: row.cellId,
        x: row.x,
        y: row.y,
        population: row.population === 'secret' ? null : row.population,
        regionKey: locator.keys[region]!,
      });
    }
    input.onProgress?.(cellsRead);
  }
  if (cellsRead === 0) throw new ImportError(grid.fileName, null, null, 'Die Datei enthält keine Gitterzellen.');
  if (cells.length === 0) {
    throw new ImportError(
      grid.fileName,
      null,
      null,
      `Keine der ${cellsRead.toLocaleString('de-DE')} Gitterzellen liegt im Gebiet der Gebietskörperschaft ${input.tenantKey} (${territory.description}); passt die Datei zur Gebietskörperschaft?`,
    );
  }

  const key = gridDatasetKey(grid.census, resolution);
  const before = (await deps.grids.list(input.tenantKey)).find((d) => d.key === key) ?? null;
  const now = deps.clock.now();
  const dataset = await deps.grids.replace(
    input.tenantKey,
    {
      key,
      label: gridDatasetLabel(grid.census, resolution, grid.column),
      referenceDate: CENSUS_REFERENCE_DATE[grid.census],
      source: `${grid.fileName} (Zensus-Gitter ${cellSizeLabel(resolution)}, © Statistische Ämter des Bundes und der Länder, dl-de/by-2-0)`,
      cellSize: resolution,
      territory: territory.description,
    },
    cells,
    now,
  );
  const summary = (d: GridDatasetInfo) => ({
    label: d.label,
    cells: d.cells,
    secretCells: d.secretCells,
    population: d.population,
    referenceDate: d.referenceDate,
  });
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: 'grid.import',
      entityType: 'grid-dataset',
      entityId: key,
      before: before ? summary(before) : null,
      after: { ...summary(dataset), file: grid.fileName, cellsRead, territory: territory.description },
    },
    now,
  );
  return { dataset, cellsRead, cellsOutside: cellsRead - cells.length, replaced: before !== null };
}
