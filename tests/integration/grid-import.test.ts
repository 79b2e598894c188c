import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import proj4 from 'proj4';
import { beforeAll, expect, it } from 'vitest';
import { gridRepository } from '../../src/db/repositories/grid.repository.ts';
import { inTransaction } from '../../src/db/repositories/index.ts';
import { pointInPolygon } from '../../src/domain/geometry/planar.ts';
import type { Geometry, Position } from '../../src/domain/regions/region.ts';
import { systemClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { importPopulationGridFile } from '../../src/importers/grid/import-population-grid-file.ts';
import { importFile } from '../../src/importers/import-file.ts';
import { createTenant } from '../../src/use-cases/tenancy/create-tenant.ts';
import { describeEachEngine } from '../support/database.ts';
import { SHARED_DATA, TH_GEMEINDEN_FILE } from '../support/thuringia-atlas.ts';

/**
 * The population grid import with the real Zensus 2011 1 km grid of Thuringia (read from
 * ../shared/data, never copied) cut to Erfurt's boundary (VG250 Gemeinden 2022): the cells and
 * inhabitants inside are counted independently here (line split, proj4, point in polygon).
 */
const GRID = path.join(SHARED_DATA, 'zensus_grid/zensus2011_1km_spitze_werte_th.csv');
const SYSTEM: Actor = { kind: 'system', label: 'Test: Gitter' };
const ERFURT = '16051';
const SOEMMERDA = '16068';

/** Cells of the file whose centre lies in the Gemeinden with the given key prefix, and their inhabitants (-1 = none). */
function expected(prefix: string): { cells: number; population: number; populated: number } {
  const toLaea = proj4('WGS84', '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs');
  const features = (
    JSON.parse(fs.readFileSync(TH_GEMEINDEN_FILE, 'utf8')) as { features: { properties: { ags: string }; geometry: Geometry }[] }
  ).features.filter((f) => f.properties.ags.startsWith(prefix));
  const polygons = features.flatMap((f) =>
    (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map((polygon) =>
      polygon.map((ring) => ring.map((p) => toLaea.forward([p[0], p[1]]) as Position)),
    ),
  );
  let cells = 0;
  let population = 0;
  let populated = 0;
  const lines = fs.readFileSync(GRID, 'utf8').split('\r\n').slice(1);
  for (const line of lines) {
    if (line === '') continue;
    const f = line.split(';');
    const point: Position = [Number(f[2]), Number(f[3])];
    if (!polygons.some((polygon) => pointInPolygon(point, polygon) === 1)) continue;
    cells++;
    const einwohner = Number(f[4]);
    if (einwohner > 0) {
      population += einwohner;
      populated++;
    }
  }
  return { cells, population, populated };
}

let erfurt: ReturnType<typeof expected>;
beforeAll(() => {
  erfurt = expected('16051');
});

describeEachEngine('importing a Zensus population grid into a municipality', (database) => {
  beforeAll(async () => {
    const db = database().db;
    await importFile({ db, clock: systemClock }, SYSTEM, { file: TH_GEMEINDEN_FILE, tenantKey: null });
    await inTransaction(db, async (r) => {
      for (const [key, name, kind] of [
        [ERFURT, 'Erfurt', 'kreisfreie_stadt'],
        [SOEMMERDA, 'Landkreis Sömmerda', 'landkreis'],
      ] as const)
        await createTenant({ ...r, clock: systemClock }, SYSTEM, { key, name, kind });
    });
  });

  it('keeps the cells inside Erfurt with their inhabitants, and a re-import replaces them (also through `planwerk import`)', async () => {
    const db = database().db;
    const first = await importPopulationGridFile({ db, clock: systemClock }, SYSTEM, { file: GRID, tenantKey: ERFURT });
    // Erfurt (269.9 km²): about 270 cells of 1 km², about 200,000 inhabitants in the Zensus 2011.
    expect(erfurt.cells).toBeGreaterThan(250);
    expect(erfurt.cells).toBeLessThan(290);
    expect(erfurt.population).toBeGreaterThan(195_000);
    expect(erfurt.population).toBeLessThan(210_000);
    expect(first.dataset).toMatchObject({
      key: 'zensus2011-1km',
      label: 'Zensus 2011, 1-km-Gitter, Einwohner',
      referenceDate: '2011-05-09',
      cellSize: 1000,
      cells: erfurt.cells,
      population: erfurt.population,
      secretCells: 0,
      territory: '1 Gemeinde mit Schlüssel 16051…',
    });
    expect(first.cellsRead).toBe(16_196);
    expect(first.cellsOutside).toBe(16_196 - erfurt.cells);
    expect(first.replaced).toBe(false);
    const stored = await db
      .selectFrom('grid_cells')
      .select(['cell_id', 'x', 'y', 'population', 'region_key'])
      .where('tenant_key', '=', ERFURT)
      .execute();
    expect(stored).toHaveLength(erfurt.cells);
    expect(stored.filter((c) => (c.population ?? 0) > 0)).toHaveLength(erfurt.populated);
    expect(new Set(stored.map((c) => c.region_key))).toEqual(new Set(['16051000']));
    const cell = stored[0]!;
    expect(cell.cell_id).toBe(`CRS3035RES1000mN${cell.y - 500}E${cell.x - 500}`);

    // The same file through the import command: the grid is replaced, not doubled.
    const summary = await importFile({ db, clock: systemClock }, SYSTEM, { file: GRID, tenantKey: ERFURT });
    expect(summary.format).toBe('zensus-grid');
    expect(summary.populationGrid).toMatchObject({ cells: erfurt.cells, population: erfurt.population });
    expect(summary.warnings[0]).toBe(
      `Bevölkerungsgitter „Zensus 2011, 1-km-Gitter, Einwohner“ ersetzt: ${erfurt.cells.toLocaleString('de-DE')} Zellen im Gebiet (1 Gemeinde mit Schlüssel 16051…), ` +
        `${erfurt.population.toLocaleString('de-DE')} Einwohner*innen; ${(16_196 - erfurt.cells).toLocaleString('de-DE')} von 16.196 Zellen der Datei liegen außerhalb.`,
    );
    const count = await db
      .selectFrom('grid_cells')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_key', '=', ERFURT)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(erfurt.cells);
    expect(await gridRepository(db).list(ERFURT)).toHaveLength(1);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('tenant_key', '=', ERFURT)
      .where('action', '=', 'grid.import')
      .execute();
    expect(audit).toEqual([
      { action: 'grid.import', entity_id: 'zensus2011-1km' },
      { action: 'grid.import', entity_id: 'zensus2011-1km' },
    ]);
  });

  it('refuses a bad file with a German message naming line and column, and writes nothing', async () => {
    const db = database().db;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-grid-'));
    try {
      const lines = fs.readFileSync(GRID, 'utf8').split('\r\n');
      // Line 3 gets a word instead of a number of inhabitants.
      const bad = lines[2]!.split(';');
      bad[4] = 'zwölf';
      lines[2] = bad.join(';');
      const file = path.join(dir, 'zensus2011_1km_kaputt.csv');
      fs.writeFileSync(file, lines.join('\r\n'));
      await expect(importPopulationGridFile({ db, clock: systemClock }, SYSTEM, { file, tenantKey: SOEMMERDA })).rejects.toThrow(
        'zensus2011_1km_kaputt.csv, Zeile 3, Spalte 5: „zwölf“ ist keine Einwohnerzahl.',
      );
      const shifted = fs.readFileSync(GRID, 'utf8').split('\r\n');
      shifted[5] = shifted[5]!.replace(';', ',');
      const file2 = path.join(dir, 'zensus2011_1km_komma.csv');
      fs.writeFileSync(file2, shifted.join('\r\n'));
      await expect(
        importPopulationGridFile({ db, clock: systemClock }, SYSTEM, { file: file2, tenantKey: SOEMMERDA }),
      ).rejects.toThrow(/zensus2011_1km_komma\.csv, Zeile 6: Die Zeile hat 13 Spalten, die Kopfzeile 14/);
      expect(await gridRepository(db).list(SOEMMERDA)).toEqual([]);
      const cells = await db.selectFrom('grid_cells').select('cell_id').where('tenant_key', '=', SOEMMERDA).execute();
      expect(cells).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
