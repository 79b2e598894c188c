/**
 * P3: aggregation of grid cells into Gemeinden by cell centre, ours against PostGIS
 * (`ST_Contains … GROUP BY`) on the same data, with a per-region equality check.
 *
 * (a) the real Zensus 2011 1 km grid of Thuringia into its 631 Gemeinden (`aggregateGridFile`,
 *     i.e. reading the CSV, projecting the Gemeinden, building the index, aggregating);
 * (a′) the same cells in memory (read beforehand, untimed): projection + index + aggregation;
 * (b) synthetic 100 m cells over Thuringia's extent into the same Gemeinden (in-memory
 *     `GridAggregator`: projection + index + aggregation).
 *
 * PostGIS gets the Gemeinden already projected to EPSG:3035 by the same code (proj4) that our
 * aggregation uses, so that both sides test exactly the same polygons; the cells are points at
 * their centres. Our timing includes that projection, the PostGIS timing does not.
 */
import { spawn } from 'node:child_process';
import { chmodSync, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import pg from 'pg';
import { GridAggregator, RegionLocator, type GridAggregation, type PlanarRegion } from '../../src/domain/grid/aggregate.ts';
import type { Geometry } from '../../src/domain/regions/region.ts';
import {
  aggregateGridFile,
  projectToEpsg3035,
  readZensusGridCsvBatches,
  type GridTargetRegion,
} from '../../src/importers/grid/zensus-grid-csv.ts';
import { adminQuery, createScratchPostgres, serverUrl } from './databases.ts';
import { int, log, random, seconds, timed, type Timing } from './util.ts';

export const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
export const GRID_1KM = path.join(DATA, 'zensus_grid/zensus2011_1km_spitze_werte_th.csv');
export const GEMEINDEN = path.join(DATA, 'boundaries/th_gemeinden_2022_wgs84.geojson');

/** Per-region figures compared between the two sides. */
interface RegionFigures {
  cells: number;
  /** Sum of the values that are neither -1 (no value) nor -9 (secret). */
  knownSum: number;
  secretCells: number;
}

/** A cell whose centre lies in more than one polygon, with the keys in input order. */
interface OverlapCell {
  id: string;
  value: number;
  keys: string[];
}

/** The PostGIS side of one case. */
export interface PostgisTimes {
  /** COPY of the cells and building the point table (plus inserting the polygons). */
  load: Timing;
  /** GiST indexes on points and polygons, and ANALYZE. */
  index: Timing;
  /** Each run of the aggregation query (the first is cold). */
  queryRuns: Timing[];
  query: Timing;
  plan: string;
}

/** One P3 case. */
export interface P3Case {
  name: string;
  cells: number;
  polygons: number;
  /** Our runs (the first is cold); {@link ours} is their median. */
  ourRuns: Timing[];
  ours: Timing;
  /** Median parts of our in-memory runs (case b). */
  ourParts?: { projection: number; index: number; aggregation: number };
  /** Case (a): median time of only reading the CSV (`readZensusGridCsvBatches`), ms. */
  ourReadOnly?: number;
  postgis: PostgisTimes;
  comparison: Comparison;
}

/** Per-region equality of our result and PostGIS's. */
export interface Comparison {
  regions: number;
  /** Regions with equal cells, sum and secret cells, PostGIS result as queried. */
  equalRaw: number;
  /** The same after counting overlap cells only in their first polygon (our rule). */
  equalRegions: number;
  /** Regions still differing after that (should be none). */
  differing: { key: string; ours: RegionFigures; postgis: RegionFigures }[];
  oursAssigned: number;
  /** Assignments in the PostGIS result as queried (an overlap cell counts once per polygon). */
  postgisAssigned: number;
  /** Cell centres inside more than one polygon (PostGIS counts them in each, we in the first). */
  overlapCells: number;
  /** Regions whose PostGIS figures were corrected for overlap cells. */
  correctedRegions: string[];
}

/** Results of P3. */
export interface P3Result {
  postgisVersion: string;
  postgisInstall: string;
  cases: P3Case[];
}

function median(timings: readonly Timing[]): Timing {
  const sorted = [...timings].sort((a, b) => a.wallMs - b.wallMs);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Makes sure the PostGIS extension is available on the (local) server: installs
 * `postgresql-<major>-postgis-3` with apt-get when it is missing (running `apt-get update` first
 * if the package is unknown). Returns what was done.
 */
export async function ensurePostgis(): Promise<string> {
  const available = await adminQuery(`select 1 from pg_available_extensions where name = 'postgis'`);
  if ((available.rowCount ?? 0) > 0) return 'already installed';
  const host = new URL(serverUrl()).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(host)) {
    throw new Error(`PostGIS is missing on ${host}; it is installed automatically only on a local server.`);
  }
  const major = String((await adminQuery<{ v: string }>(`select current_setting('server_version_num') as v`)).rows[0]!.v).slice(
    0,
    2,
  );
  const pkg = `postgresql-${major}-postgis-3`;
  log(`  PostGIS missing: apt-get install -y ${pkg}`);
  let result = await run('apt-get', ['install', '-y', pkg]);
  if (result.code !== 0) {
    log('  apt-get update');
    await run('apt-get', ['update']);
    result = await run('apt-get', ['install', '-y', pkg]);
  }
  if (result.code !== 0) throw new Error(`apt-get install ${pkg} failed:\n${result.output.slice(-2000)}`);
  return `installed by this run with apt-get (${pkg})`;
}

/** The Gemeinden of Thuringia (key = AGS, WGS84 geometry). */
export function loadGemeinden(): GridTargetRegion[] {
  const json = JSON.parse(readFileSync(GEMEINDEN, 'utf8')) as { features: { properties: { ags: string }; geometry: Geometry }[] };
  return json.features.map((f) => ({ key: f.properties.ags, geometry: f.geometry }));
}

function multiPolygonGeoJson(region: PlanarRegion): string {
  return JSON.stringify({ type: 'MultiPolygon', coordinates: region.polygons });
}

/** Our per-region figures of the first variable. */
function oursByRegion(aggregation: GridAggregation): Map<string, RegionFigures> {
  const variable = aggregation.variables[0]!;
  const figures = new Map<string, RegionFigures>();
  for (const [key, aggregate] of variable.regions) {
    figures.set(key, { cells: aggregate.cells, knownSum: aggregate.knownSum, secretCells: aggregate.secretCells });
  }
  return figures;
}

const QUERY = `
  select p.key, count(*)::int as cells,
         coalesce(sum(c.value) filter (where c.value not in (-1, -9)), 0)::float8 as known_sum,
         (count(*) filter (where c.value = -9))::int as secret_cells
  from polygons p join cells c on ST_Contains(p.geom, c.geom)
  group by p.key`;

/** Loads polygons and cells into a scratch database, indexes them and runs the query `runs` times. */
async function postgisSide(
  client: pg.Client,
  planar: readonly PlanarRegion[],
  loadCells: () => Promise<void>,
  runs: number,
): Promise<{ times: PostgisTimes; figures: Map<string, RegionFigures>; overlapCells: OverlapCell[] }> {
  await client.query(
    `create table polygons (ord int primary key, key text not null, geom geometry(MultiPolygon, 3035) not null)`,
  );
  const load = (
    await timed(async () => {
      const values: string[] = [];
      const params: unknown[] = [];
      planar.forEach((region, i) => {
        values.push(
          `($${params.length + 1}::int, $${params.length + 2}::text, ST_SetSRID(ST_GeomFromGeoJSON($${params.length + 3}), 3035))`,
        );
        params.push(i, region.key, multiPolygonGeoJson(region));
      });
      await client.query(`insert into polygons (ord, key, geom) values ${values.join(', ')}`, params);
      await loadCells();
    })
  ).timing;
  const index = (
    await timed(async () => {
      await client.query(`create index cells_geom on cells using gist (geom)`);
      await client.query(`create index polygons_geom on polygons using gist (geom)`);
      await client.query(`analyze cells`);
      await client.query(`analyze polygons`);
    })
  ).timing;
  const queryRuns: Timing[] = [];
  let rows: { key: string; cells: number; known_sum: number; secret_cells: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const { result, timing } = await timed(() =>
      client.query<{ key: string; cells: number; known_sum: number; secret_cells: number }>(QUERY),
    );
    rows = result.rows;
    queryRuns.push(timing);
  }
  const plan = (await client.query<{ 'QUERY PLAN': string }>(`explain ${QUERY}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
  const figures = new Map<string, RegionFigures>();
  for (const r of rows) figures.set(r.key, { cells: r.cells, knownSum: Number(r.known_sum), secretCells: r.secret_cells });
  // Rule difference, handled outside the timing: a centre inside two (overlapping) polygons is
  // counted by PostGIS in both, by us in the first in input order. Such cells can only lie where
  // two polygons overlap; they are fetched with every polygon containing them.
  const overlaps = await client.query<{ id: string; value: number; ord: number; key: string }>(`
    with overlap as (
      select ST_Intersection(a.geom, b.geom) as g
      from polygons a join polygons b on a.ord < b.ord and a.geom && b.geom and ST_Relate(a.geom, b.geom, '2********')),
    hits as (select distinct c.id from overlap o join cells c on ST_Intersects(o.g, c.geom))
    select c.id::text as id, c.value, p.ord, p.key
    from hits h join cells c on c.id = h.id join polygons p on ST_Contains(p.geom, c.geom)
    order by c.id, p.ord`);
  const overlapCells: OverlapCell[] = [];
  for (const row of overlaps.rows) {
    const last = overlapCells[overlapCells.length - 1];
    if (last?.id === row.id) last.keys.push(row.key);
    else overlapCells.push({ id: row.id, value: Number(row.value), keys: [row.key] });
  }
  return {
    times: { load, index, queryRuns, query: median(queryRuns), plan },
    figures,
    overlapCells: overlapCells.filter((c) => c.keys.length > 1),
  };
}

function differs(a: RegionFigures, b: RegionFigures): boolean {
  return a.cells !== b.cells || a.knownSum !== b.knownSum || a.secretCells !== b.secretCells;
}

function compare(
  ours: Map<string, RegionFigures>,
  postgis: Map<string, RegionFigures>,
  overlapCells: readonly OverlapCell[],
  keys: readonly string[],
): Comparison {
  const zero = (): RegionFigures => ({ cells: 0, knownSum: 0, secretCells: 0 });
  let oursAssigned = 0;
  let postgisAssigned = 0;
  let equalRaw = 0;
  for (const key of keys) {
    const a = ours.get(key) ?? zero();
    const b = postgis.get(key) ?? zero();
    oursAssigned += a.cells;
    postgisAssigned += b.cells;
    if (!differs(a, b)) equalRaw++;
  }
  // Our rule for overlaps: the first polygon in input order keeps the cell.
  const corrected = new Map([...postgis].map(([k, v]) => [k, { ...v }]));
  const correctedRegions = new Set<string>();
  for (const cell of overlapCells) {
    for (const key of cell.keys.slice(1)) {
      const f = corrected.get(key)!;
      f.cells--;
      if (cell.value === -9) f.secretCells--;
      else if (cell.value !== -1) f.knownSum -= cell.value;
      correctedRegions.add(key);
    }
  }
  const differing: Comparison['differing'] = [];
  for (const key of keys) {
    const a = ours.get(key) ?? zero();
    const b = corrected.get(key) ?? zero();
    if (differs(a, b)) differing.push({ key, ours: a, postgis: b });
  }
  return {
    regions: keys.length,
    equalRaw,
    equalRegions: keys.length - differing.length,
    differing,
    oursAssigned,
    postgisAssigned,
    overlapCells: overlapCells.length,
    correctedRegions: [...correctedRegions],
  };
}

async function withScratch<T>(work: (client: pg.Client, dir: string) => Promise<T>, dir: string): Promise<T> {
  const scratch = await createScratchPostgres();
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  try {
    await client.query('create extension postgis');
    return await work(client, dir);
  } finally {
    await client.end();
    await scratch.drop();
  }
}

/**
 * (a) The real 1 km grid of Thuringia into the 631 Gemeinden: from the file (`aggregateGridFile`),
 * and (a′) the same cells in memory (read beforehand, untimed, as PostGIS's query finds its table
 * loaded): projection + index + aggregation, as in (b).
 */
async function realGrid(dir: string, regions: readonly GridTargetRegion[], repeats: number): Promise<[P3Case, P3Case]> {
  log(`P3 (a): real 1 km grid → ${regions.length} Gemeinden`);
  const ourRuns: Timing[] = [];
  let aggregation: GridAggregation | undefined;
  for (let i = 0; i < repeats; i++) {
    const { result, timing } = await timed(() => aggregateGridFile(GRID_1KM, regions, { variables: [{ column: 'Einwohner' }] }));
    aggregation = result.aggregation;
    ourRuns.push(timing);
  }
  const readRuns: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    for await (const batch of readZensusGridCsvBatches(GRID_1KM)) void batch;
    readRuns.push(performance.now() - start);
  }
  // (a′): the cells in memory; the first variable of the aggregation is Einwohner.
  const xs: number[] = [];
  const ys: number[] = [];
  const values: number[] = [];
  for await (const batch of readZensusGridCsvBatches(GRID_1KM)) {
    const width = batch.header.attributes.length;
    const column = batch.header.attributes.indexOf('Einwohner');
    for (let i = 0; i < batch.size; i++) {
      xs.push(batch.centreX[i]!);
      ys.push(batch.centreY[i]!);
      values.push(batch.values[i * width + column]!);
    }
  }
  const memory = inMemory(regions, { xs, ys, values, n: xs.length }, repeats);
  const ours = oursByRegion(aggregation!);
  const oursInMemory = oursByRegion(memory.aggregation);
  const planar = regions.map((r) => ({ key: r.key, polygons: projectToEpsg3035(r.geometry) }));
  const side = await withScratch(async (client) => {
    return postgisSide(
      client,
      planar,
      async () => {
        // The CSV as published: all columns as text, then the points from the centre columns.
        await client.query(`create table grid_raw (gitter_id text, gitter_id_2011 text, x_mp text, y_mp text, einwohner text,
          frauen_a text, alter_d text, unter18_a text, ab65_a text, auslaender_a text, hhgroesse_d text, leerstandsquote text,
          wohnfl_bew_d text, wohnfl_whg_d text)`);
        await client.query(`copy grid_raw from '${GRID_1KM}' with (format csv, delimiter ';', header true)`);
        await client.query(`create table cells as
          select row_number() over () as id, ST_SetSRID(ST_MakePoint(x_mp::float8, y_mp::float8), 3035)::geometry(Point, 3035) as geom,
                 einwohner::float8 as value
          from grid_raw`);
      },
      repeats,
    );
  }, dir);
  const comparison = compare(
    ours,
    side.figures,
    side.overlapCells,
    planar.map((p) => p.key),
  );
  const result: P3Case = {
    name: `(a) Zensus 2011 1 km grid of Thuringia → ${regions.length} Gemeinden`,
    cells: aggregation!.cellsRead,
    polygons: regions.length,
    ourRuns,
    ours: median(ourRuns),
    ourReadOnly: readRuns.sort((x, y) => x - y)[Math.floor((readRuns.length - 1) / 2)]!,
    postgis: side.times,
    comparison,
  };
  logCase(result);
  const inMemoryResult: P3Case = {
    name: `(a′) the same cells in memory → ${regions.length} Gemeinden`,
    cells: memory.aggregation.cellsRead,
    polygons: regions.length,
    ourRuns: memory.runs,
    ours: median(memory.runs),
    ourParts: memory.parts,
    postgis: side.times,
    comparison: compare(
      oursInMemory,
      side.figures,
      side.overlapCells,
      planar.map((p) => p.key),
    ),
  };
  logCase(inMemoryResult);
  return [result, inMemoryResult];
}

/** Cells in memory: centres (metres, EPSG:3035) and one value each. */
interface MemoryCells {
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  values: ArrayLike<number>;
  n: number;
}

/** Timed runs of projection + index + aggregation over cells already in memory; medians of the parts. */
function inMemory(
  regions: readonly GridTargetRegion[],
  cells: MemoryCells,
  repeats: number,
): { runs: Timing[]; parts: { projection: number; index: number; aggregation: number }; aggregation: GridAggregation } {
  const runs: Timing[] = [];
  const parts: { projection: number; index: number; aggregation: number }[] = [];
  let aggregation: GridAggregation | undefined;
  for (let i = 0; i < repeats; i++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const planar = regions.map((r) => ({ key: r.key, polygons: projectToEpsg3035(r.geometry) }));
    const t1 = performance.now();
    const locator = new RegionLocator(planar);
    const t2 = performance.now();
    const aggregator = new GridAggregator(locator, ['Einwohner'], [{ key: 'Einwohner', column: 'Einwohner' }]);
    const { xs, ys, values, n } = cells;
    for (let k = 0; k < n; k++) aggregator.add(xs[k]!, ys[k]!, values, k);
    aggregation = aggregator.result();
    const t3 = performance.now();
    const used = process.cpuUsage(cpu);
    parts.push({ projection: t1 - t0, index: t2 - t1, aggregation: t3 - t2 });
    runs.push({ wallMs: t3 - t0, cpuMs: (used.user + used.system) / 1000 });
  }
  const med = (pick: (p: (typeof parts)[number]) => number) =>
    [...parts].map(pick).sort((a, b) => a - b)[Math.floor((parts.length - 1) / 2)]!;
  return {
    runs,
    parts: { projection: med((p) => p.projection), index: med((p) => p.index), aggregation: med((p) => p.aggregation) },
    aggregation: aggregation!,
  };
}

/** Synthetic 100 m cells over the extent of the (projected) regions, as in `grid.bench.ts`. */
function syntheticCells(planar: readonly PlanarRegion[], count: number) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const region of planar) {
    for (const polygon of region.polygons) {
      for (const [x, y] of polygon[0] ?? []) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  const res = 100;
  const x0 = Math.floor(minX / res) * res;
  const y0 = Math.floor(minY / res) * res;
  const cols = Math.ceil((maxX - x0) / res);
  const rows = Math.ceil((maxY - y0) / res);
  const keep = Math.min(1, count / (cols * rows));
  const rand = random(2011);
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  const values = new Float64Array(count);
  let n = 0;
  for (let r = 0; r < rows && n < count; r++) {
    for (let c = 0; c < cols && n < count; c++) {
      if (rand() >= keep) continue;
      xs[n] = x0 + c * res + res / 2;
      ys[n] = y0 + r * res + res / 2;
      const u = rand();
      values[n] = u < 0.4 ? -1 : u < 0.45 ? -9 : Math.floor(rand() * 60);
      n++;
    }
  }
  return {
    n,
    xs: xs.subarray(0, n),
    ys: ys.subarray(0, n),
    values: values.subarray(0, n),
    extentKm: [(cols * res) / 1000, (rows * res) / 1000],
  };
}

/** (b) Synthetic 100 m cells into the Gemeinden, in memory. */
async function syntheticGrid(
  dir: string,
  regions: readonly GridTargetRegion[],
  cellCount: number,
  repeats: number,
  postgisRuns: number,
): Promise<P3Case> {
  const prePlanar = regions.map((r) => ({ key: r.key, polygons: projectToEpsg3035(r.geometry) }));
  const cells = syntheticCells(prePlanar, cellCount);
  log(
    `P3 (b): ${int(cells.n)} synthetic 100 m cells (${cells.extentKm[0]!.toFixed(0)} × ${cells.extentKm[1]!.toFixed(0)} km) → ${regions.length} Gemeinden`,
  );
  const memory = inMemory(regions, cells, repeats);
  const ours = oursByRegion(memory.aggregation);
  // The cells for PostGIS: a tab-separated file the server reads with COPY.
  const file = path.join(dir, 'zellen_100m.tsv');
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  for (let k = 0; k < cells.n; k += 10_000) {
    let chunk = '';
    for (let j = k; j < Math.min(cells.n, k + 10_000); j++)
      chunk += `${j + 1}\t${cells.xs[j]}\t${cells.ys[j]}\t${cells.values[j]}\n`;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  chmodSync(file, 0o644);
  const side = await withScratch(async (client) => {
    return postgisSide(
      client,
      prePlanar,
      async () => {
        await client.query(`create table cells_raw (id bigint, x float8, y float8, value float8)`);
        await client.query(`copy cells_raw from '${file}'`);
        await client.query(`create table cells as
          select id, ST_SetSRID(ST_MakePoint(x, y), 3035)::geometry(Point, 3035) as geom, value from cells_raw`);
        await client.query(`drop table cells_raw`);
      },
      postgisRuns,
    );
  }, dir);
  const comparison = compare(
    ours,
    side.figures,
    side.overlapCells,
    prePlanar.map((p) => p.key),
  );
  const result: P3Case = {
    name: `(b) ${int(cells.n)} synthetic 100 m cells → ${regions.length} Gemeinden`,
    cells: cells.n,
    polygons: regions.length,
    ourRuns: memory.runs,
    ours: median(memory.runs),
    ourParts: memory.parts,
    postgis: side.times,
    comparison,
  };
  logCase(result);
  return result;
}

function logCase(c: P3Case): void {
  const p = c.postgis;
  log(
    `  ours: ${seconds(c.ours.wallMs)} (median of ${c.ourRuns.length}); PostGIS: load ${seconds(p.load.wallMs)}, index ${seconds(p.index.wallMs)}, query ${seconds(p.query.wallMs)} (median of ${p.queryRuns.length})`,
  );
  log(
    `  check: ${c.comparison.equalRaw}/${c.comparison.regions} Gemeinden equal as queried, ${c.comparison.equalRegions}/${c.comparison.regions} with our overlap rule; assigned ours ${int(c.comparison.oursAssigned)}, PostGIS ${int(c.comparison.postgisAssigned)}; cells in overlaps ${c.comparison.overlapCells}`,
  );
}

/** Runs P3 (a) and (b). */
export async function runP3(dir: string, options: { cells: number; repeats: number; postgisRuns: number }): Promise<P3Result> {
  const postgisInstall = await ensurePostgis();
  const regions = loadGemeinden();
  // (a) is small and its times are noisy: more runs for the medians.
  const [a, aInMemory] = await realGrid(dir, regions, 15);
  const b = await syntheticGrid(dir, regions, options.cells, options.repeats, options.postgisRuns);
  const version = await withScratch(async (client) => {
    const r = await client.query<{ v: string }>(`select postgis_lib_version() as v`);
    return r.rows[0]!.v;
  }, dir);
  return { postgisVersion: version, postgisInstall, cases: [a, aInMemory, b] };
}
