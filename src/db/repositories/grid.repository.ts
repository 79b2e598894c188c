import type { Kysely, Selectable } from 'kysely';
import type { GridDatasetInfo } from '../../domain/grid/population-grid.ts';
import type { Geometry } from '../../domain/regions/region.ts';
import type { GridCellColumns, PopulationGridStore, TerritorySource } from '../../use-cases/grid/ports.ts';
import type { GridDatasetsTable } from '../grid.schema.ts';
import type { DB } from '../schema.ts';

// 7 parameters per row; PostgreSQL allows 65,535 per statement.
const INSERT_BATCH = 5000;

function toInfo(row: Selectable<GridDatasetsTable>): GridDatasetInfo {
  const at: unknown = row.imported_at;
  return {
    key: row.key,
    label: row.label,
    referenceDate: row.reference_date,
    source: row.source,
    cellSize: Number(row.cell_size_m),
    cells: Number(row.cell_count),
    secretCells: Number(row.secret_cells),
    population: Number(row.population),
    territory: row.territory,
    importedAt: at instanceof Date ? at.toISOString() : String(at),
  };
}

/** The population grid store (datasets and cells per municipality). */
export function gridRepository(db: Kysely<DB>): PopulationGridStore {
  return {
    async replace(tenantKey, dataset, cells, at) {
      let population = 0;
      let secret = 0;
      for (const c of cells) {
        if (c.population === null) secret++;
        else population += c.population;
      }
      // The cells go with the dataset (on delete cascade).
      await db.deleteFrom('grid_datasets').where('tenant_key', '=', tenantKey).where('key', '=', dataset.key).execute();
      const row = await db
        .insertInto('grid_datasets')
        .values({
          tenant_key: tenantKey,
          key: dataset.key,
          label: dataset.label,
          reference_date: dataset.referenceDate,
          source: dataset.source,
          cell_size_m: dataset.cellSize,
          cell_count: cells.length,
          secret_cells: secret,
          population,
          territory: dataset.territory,
          imported_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      for (let i = 0; i < cells.length; i += INSERT_BATCH) {
        await db
          .insertInto('grid_cells')
          .values(
            cells.slice(i, i + INSERT_BATCH).map((c) => ({
              tenant_key: tenantKey,
              dataset_key: dataset.key,
              cell_id: c.cellId,
              x: c.x,
              y: c.y,
              population: c.population,
              region_key: c.regionKey,
            })),
          )
          .execute();
      }
      return toInfo(row);
    },
    async list(tenantKey) {
      const rows = await db.selectFrom('grid_datasets').selectAll().where('tenant_key', '=', tenantKey).orderBy('key').execute();
      return rows.map(toInfo);
    },
    async cells(tenantKey, datasetKey): Promise<GridCellColumns | null> {
      const exists = await db
        .selectFrom('grid_datasets')
        .select('key')
        .where('tenant_key', '=', tenantKey)
        .where('key', '=', datasetKey)
        .executeTakeFirst();
      if (!exists) return null;
      const rows = await db
        .selectFrom('grid_cells')
        .select(['x', 'y', 'population'])
        .where('tenant_key', '=', tenantKey)
        .where('dataset_key', '=', datasetKey)
        .orderBy('y')
        .orderBy('x')
        .execute();
      const x = new Float64Array(rows.length);
      const y = new Float64Array(rows.length);
      const population: (number | null)[] = new Array<number | null>(rows.length);
      rows.forEach((r, i) => {
        x[i] = r.x;
        y[i] = r.y;
        population[i] = r.population;
      });
      return { x, y, population };
    },
  };
}

/** Current regions (valid today, with a shape) visible to the tenant, of one level, optionally by key prefix or exact key. */
async function currentRegions(
  db: Kysely<DB>,
  tenantKey: string,
  level: 'gemeinde' | 'kreis' | 'planning_area',
  match: { prefix?: string; key?: string; ownOnly?: boolean },
): Promise<{ key: string; geometry: Geometry }[]> {
  let query = db
    .selectFrom('regions')
    .select(['key', 'geometry'])
    .distinctOn('key')
    .where('level', '=', level)
    .where('valid_to', 'is', null)
    .where('geometry', 'is not', null)
    .where((eb) =>
      match.ownOnly
        ? eb('owner_tenant_key', '=', tenantKey)
        : eb.or([eb('owner_tenant_key', 'is', null), eb('owner_tenant_key', '=', tenantKey)]),
    );
  if (match.prefix !== undefined) query = query.where('key', 'like', `${match.prefix}%`);
  if (match.key !== undefined) query = query.where('key', '=', match.key);
  const rows = await query.orderBy('key').orderBy('valid_from', 'desc').execute();
  return rows.map((r) => ({ key: r.key, geometry: r.geometry as Geometry }));
}

/** The municipality's territory: its Gemeinden (AGS starting with the tenant key), else its Kreis shape, else its planning areas. */
export function territoryRepository(db: Kysely<DB>): TerritorySource {
  return {
    async territory(tenantKey) {
      // A tenant key is a Land (2 digits) or Kreis (5 digits) key; Gemeinde keys (8 digits) start with it.
      const gemeinden = /^\d{2,5}$/.test(tenantKey)
        ? (await currentRegions(db, tenantKey, 'gemeinde', { prefix: tenantKey })).filter((r) => r.key.length === 8)
        : [];
      if (gemeinden.length > 0) {
        return {
          description: `${gemeinden.length.toLocaleString('de-DE')} ${gemeinden.length === 1 ? 'Gemeinde' : 'Gemeinden'} mit Schlüssel ${tenantKey}…`,
          regions: gemeinden,
        };
      }
      const kreis = await currentRegions(db, tenantKey, 'kreis', { key: tenantKey });
      if (kreis.length > 0) return { description: `Kreisgebiet ${tenantKey}`, regions: kreis };
      const areas = await currentRegions(db, tenantKey, 'planning_area', { ownOnly: true });
      if (areas.length > 0) {
        return { description: `${areas.length} Planungsräume der Gebietskörperschaft`, regions: areas };
      }
      return null;
    },
  };
}
