/**
 * Benchmark of the grid aggregation (not part of the test suite):
 * `npx tsx src/importers/grid/grid.bench.ts [cells] [--csv]`.
 * 1. The real Zensus 2011 1 km grid of Thuringia (16,196 cells) into the 631 Gemeinden, end to end.
 * 2. Synthetic 100 m cells (default 3,000,000) over Thuringia's extent into the same Gemeinden,
 *    once in file order (row by row) and once shuffled; values include `-1` and `-9`.
 * 3. With `--csv`: the synthetic cells written to a temporary CSV and aggregated from the file.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { GridAggregator, RegionLocator, type GridVariable, type PlanarRegion } from '../../domain/grid/aggregate.ts';
import { formatGridId } from '../../domain/grid/grid-cell.ts';
import type { Geometry } from '../../domain/regions/region.ts';
import { aggregateGridFile, projectToEpsg3035, readZensusGridCsvBatches } from './zensus-grid-csv.ts';

const DATA = path.resolve(import.meta.dirname, '../../../../shared/data');
const GRID_1KM = path.join(DATA, 'zensus_grid/zensus2011_1km_spitze_werte_th.csv');
const GEMEINDEN = path.join(DATA, 'boundaries/th_gemeinden_2022_wgs84.geojson');

const args = process.argv.slice(2);
const cellCount = Number(args.find((a) => /^\d+$/.test(a)) ?? 3_000_000);
const withCsv = args.includes('--csv');

// Wall time and CPU time of this process: on a busy machine the CPU time is the fairer figure.
let cpuAtStart = process.cpuUsage();
function clock(): number {
  cpuAtStart = process.cpuUsage();
  return performance.now();
}
function ms(start: number): string {
  const cpu = process.cpuUsage(cpuAtStart);
  return `${(performance.now() - start).toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`;
}

// Deterministic pseudo-random numbers (mulberry32), so runs are comparable.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const features = (
  JSON.parse(readFileSync(GEMEINDEN, 'utf8')) as { features: { properties: { ags: string }; geometry: Geometry }[] }
).features;
const regions = features.map((f) => ({ key: f.properties.ags, geometry: f.geometry }));

console.log(`1) Echtes 1-km-Gitter (16.196 Zellen) → ${regions.length} Gemeinden, Ende zu Ende`);
let t = clock();
const real = await aggregateGridFile(GRID_1KM, regions);
console.log(
  `   aggregateGridFile, erster Lauf (kalt): ${ms(t)} (Zellen ${real.summary.cellsRead}, zugeordnet ${real.summary.cellsAssigned})`,
);
t = clock();
await aggregateGridFile(GRID_1KM, regions);
console.log(`   aggregateGridFile, zweiter Lauf: ${ms(t)}`);
t = clock();
let rows = 0;
for await (const batch of readZensusGridCsvBatches(GRID_1KM)) rows += batch.size;
console.log(`   davon nur CSV lesen: ${ms(t)} (${rows} Zeilen)`);

t = clock();
const planar: PlanarRegion[] = regions.map((r) => ({ key: r.key, polygons: projectToEpsg3035(r.geometry) }));
console.log(`   Projektion WGS84 → EPSG:3035: ${ms(t)}`);
t = clock();
const locator = new RegionLocator(planar);
console.log(`   Index aufbauen: ${ms(t)}`);

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
const rowsInBox = Math.ceil((maxY - y0) / res);
const keep = Math.min(1, cellCount / (cols * rowsInBox));
const rand = random(2011);
const xs = new Float64Array(cellCount);
const ys = new Float64Array(cellCount);
const values = new Float64Array(cellCount * 2);
let n = 0;
t = clock();
for (let r = 0; r < rowsInBox && n < cellCount; r++) {
  for (let c = 0; c < cols && n < cellCount; c++) {
    if (rand() >= keep) continue;
    xs[n] = x0 + c * res + res / 2;
    ys[n] = y0 + r * res + res / 2;
    const u = rand();
    values[2 * n] = u < 0.4 ? -1 : u < 0.45 ? -9 : Math.floor(rand() * 60);
    values[2 * n + 1] = values[2 * n] === -1 ? -1 : rand() < 0.05 ? -9 : Math.round(rand() * 2000) / 100;
    n++;
  }
}
console.log(
  `\n2) ${n.toLocaleString('de-DE')} synthetische 100-m-Zellen über ${((cols * res) / 1000).toFixed(0)} × ${((rowsInBox * res) / 1000).toFixed(0)} km (erzeugt in ${ms(t)})`,
);

const columns = ['Einwohner', 'Auslaender_A'];
const variables: GridVariable[] = [
  { key: 'Einwohner', column: 'Einwohner' },
  { key: 'Auslaender_A', column: 'Auslaender_A', weight: 'Einwohner' },
];

function run(label: string, order: Uint32Array | null): void {
  const aggregator = new GridAggregator(new RegionLocator(planar), columns, variables);
  const cell = new Float64Array(2);
  const start = clock();
  for (let k = 0; k < n; k++) {
    const i = order === null ? k : order[k]!;
    cell[0] = values[2 * i]!;
    cell[1] = values[2 * i + 1]!;
    aggregator.add(xs[i]!, ys[i]!, cell);
  }
  const elapsed = ms(start);
  const result = aggregator.result();
  console.log(
    `   ${label}: ${elapsed}, zugeordnet ${result.cellsAssigned.toLocaleString('de-DE')}, nicht zugeordnet ${result.cellsUnassigned.toLocaleString('de-DE')}`,
  );
}

function readOnly(label: string, order: Uint32Array): void {
  const start = clock();
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    sum += xs[i]! + ys[i]! + values[2 * i]! + values[2 * i + 1]!;
  }
  console.log(`   ${label}: ${ms(start)} (Prüfsumme ${sum.toFixed(0)})`);
}

run('Zeilenweise (Dateireihenfolge), inkl. Indexaufbau', null);
const order = new Uint32Array(n).map((_, i) => i);
for (let i = n - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  const tmp = order[i]!;
  order[i] = order[j]!;
  order[j] = tmp;
}
run('Zufällige Reihenfolge, inkl. Indexaufbau', order);
readOnly('Vergleich: nur die Testdaten in zufälliger Reihenfolge lesen (Speicherzugriffe)', order);
const locateStart = clock();
let hits = 0;
for (let i = 0; i < n; i++) if (locator.locate(xs[i]!, ys[i]!) >= 0) hits++;
console.log(`   nur locate() (warmer Index): ${ms(locateStart)} (${hits.toLocaleString('de-DE')} Treffer)`);

if (withCsv) {
  const dir = mkdtempSync(path.join(tmpdir(), 'planwerk-grid-bench-'));
  const file = path.join(dir, 'gitter_100m.csv');
  try {
    t = clock();
    const out = createWriteStream(file);
    out.write('\uFEFFGITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner;Auslaender_A\r\n');
    for (let i = 0; i < n; i++) {
      const id = formatGridId({ resolution: res, north: ys[i]! - res / 2, east: xs[i]! - res / 2 });
      const line = `${id};${xs[i]};${ys[i]};${values[2 * i]};${String(values[2 * i + 1]).replace('.', ',')}\r\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    console.log(`\n3) CSV geschrieben: ${(statSync(file).size / 1e6).toFixed(0)} MB in ${ms(t)}`);
    t = clock();
    const result = await aggregateGridFile(file, regions, {
      variables: [{ column: 'Einwohner' }, { column: 'Auslaender_A', weight: 'Einwohner' }],
    });
    console.log(
      `   aggregateGridFile (CSV lesen + zuordnen): ${ms(t)}, Zellen ${result.summary.cellsRead.toLocaleString('de-DE')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
