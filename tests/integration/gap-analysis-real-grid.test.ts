import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseGapMatrix, type GapArea, type GapService } from '../../src/domain/gap-analysis/gap-matrix.ts';
import { PointLocator } from '../../src/domain/gap-analysis/point-locator.ts';
import { straightLineReach, type PopulationPoints } from '../../src/domain/gap-analysis/reachability.ts';
import { pointInPolygon } from '../../src/domain/geometry/planar.ts';
import { GRID_NO_VALUE, GRID_SECRET, RegionLocator } from '../../src/domain/grid/aggregate.ts';
import type { Geometry } from '../../src/domain/regions/region.ts';
import { aggregateGridFile, projectToEpsg3035, readZensusGridCsvBatches } from '../../src/importers/grid/zensus-grid-csv.ts';

/**
 * The gap analysis on real data (read from ../shared/data, never copied): the Zensus 2011 1 km
 * grid of Thuringia (16,196 cells, EPSG:3035) as population points and the 22 Kreise as
 * planning areas, against 200 generated service points. Checked against brute force, not timed
 * (timing belongs in `npm run bench`).
 */
const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const GRID = path.join(DATA, 'zensus_grid/zensus2011_1km_spitze_werte_th.csv');
const KREISE = path.join(DATA, 'boundaries/th_kreise_2022_wgs84.geojson');

// Deterministic pseudo-random numbers (mulberry32), so that a failure can be reproduced.
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

/** Reachability by definition: every origin against every destination. */
function bruteForce(origins: PopulationPoints, destinations: { x: number[]; y: number[] }, metres: number): Uint8Array {
  const out = new Uint8Array(origins.x.length);
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < destinations.x.length; j++) {
      const dx = destinations.x[j]! - origins.x[i]!;
      const dy = destinations.y[j]! - origins.y[i]!;
      if (dx * dx + dy * dy <= metres * metres) {
        out[i] = 1;
        break;
      }
    }
  }
  return out;
}

let cells: PopulationPoints & { x: number[]; y: number[]; weight: (number | null)[] };
let kreise: GapArea[];
let kreisShapes: { key: string; geometry: Geometry }[];
let services: GapService[];

beforeAll(async () => {
  const x: number[] = [];
  const y: number[] = [];
  const weight: (number | null)[] = [];
  for await (const batch of readZensusGridCsvBatches(GRID)) {
    const width = batch.header.attributes.length;
    const column = batch.header.attributes.indexOf('Einwohner');
    for (let i = 0; i < batch.size; i++) {
      const v = batch.values[i * width + column]!;
      x.push(batch.centreX[i]!);
      y.push(batch.centreY[i]!);
      // -1: unpopulated (0 persons); -9: secret (unknown weight).
      weight.push(v === GRID_NO_VALUE ? 0 : v === GRID_SECRET ? null : v);
    }
  }
  cells = { x, y, weight };
  const features = (
    JSON.parse(fs.readFileSync(KREISE, 'utf8')) as {
      features: { properties: { ags: string; name: string }; geometry: Geometry }[];
    }
  ).features;
  kreisShapes = features.map((f) => ({ key: f.properties.ags, geometry: f.geometry }));
  kreise = features.map((f) => ({ key: f.properties.ags, name: f.properties.name, polygons: projectToEpsg3035(f.geometry) }));

  // 200 services near populated cells (up to 3 km off the centre, some beyond the Land border),
  // a few exactly on a centre and one exactly 1,000 m from one (600² + 800² = 1,000²).
  const rand = random(20261124);
  const populated = x.map((_, i) => i).filter((i) => (weight[i] ?? 0) > 0);
  services = [];
  for (let k = 0; k < 200; k++) {
    const i = populated[Math.floor(rand() * populated.length)]!;
    const exact = k < 5;
    const position: [number, number] =
      k === 5
        ? [x[i]! + 600, y[i]! + 800]
        : exact
          ? [x[i]!, y[i]!]
          : [x[i]! + (rand() - 0.5) * 6000, y[i]! + (rand() - 0.5) * 6000];
    services.push({ id: `s${String(k).padStart(3, '0')}`, termKeys: ['kita'], position, capacity: 10 + Math.floor(rand() * 90) });
  }
}, 60_000);

const destinations = (list: GapService[]) => ({ x: list.map((s) => s.position![0]), y: list.map((s) => s.position![1]) });

describe('gap analysis on the real Thuringian 1 km grid', () => {
  it('reads all 16,196 cells with 2,187,376 inhabitants (the figure in the data README)', () => {
    expect(cells.x).toHaveLength(16_196);
    expect(cells.weight.reduce<number>((sum, w) => sum + (w ?? 0), 0)).toBe(2_187_376);
  });

  it.each([500, 1000, 2500, 10_000])(
    'the indexed reach of 200 services within %i m equals brute force cell by cell',
    (metres) => {
      const indexed = straightLineReach(cells, destinations(services), metres);
      const brute = bruteForce(cells, destinations(services), metres);
      expect(indexed.reduce((n, v) => n + v, 0)).toBeGreaterThan(0);
      expect([...indexed]).toEqual([...brute]);
    },
  );

  it('a handful of services: per-Kreis reached population equals a brute-force tally, and the Kreis totals equal the grid import', async () => {
    const handful = [services[0]!, services[5]!, services[42]!, services[117]!, services[199]!];
    const metres = 1000;
    const matrix = analyseGapMatrix(
      {
        areas: kreise,
        services: handful,
        rows: [
          {
            key: 'kita',
            label: 'Kita',
            termKeys: ['kita'],
            targetVariableKey: 'zensus2011-grid:Einwohner',
            period: '2011-05-09',
            targetPopulation: new Map(),
            reach: { kind: 'distance', metres },
            thresholds: { minReachShare: 0.5 },
          },
        ],
        population: cells,
      },
      new Map([['kita', { reached: straightLineReach(cells, destinations(handful), metres), method: 'straight_line' }]]),
    );

    // The grid import aggregates the same file into the same Kreise: its Einwohner per Kreis must be
    // the denominator of every share.
    const imported = await aggregateGridFile(GRID, kreisShapes, { variables: [{ column: 'Einwohner' }] });
    const einwohner = imported.aggregation.variables[0]!.regions;

    // Brute force, with each reached cell placed by the plain ray-casting test of the geometry
    // module (a different point-in-polygon implementation from the scanline locator).
    const brute = bruteForce(cells, destinations(handful), metres);
    const reachedByKreis = new Map<string, number>();
    for (let i = 0; i < brute.length; i++) {
      if (brute[i] !== 1) continue;
      const point: [number, number] = [cells.x[i]!, cells.y[i]!];
      const kreis = kreise.find((k) =>
        k.polygons.some((polygon) => pointInPolygon(point, polygon as [number, number][][]) === 1),
      );
      if (kreis) reachedByKreis.set(kreis.key, (reachedByKreis.get(kreis.key) ?? 0) + (cells.weight[i] ?? 0));
    }

    let reachedEverywhere = 0;
    for (const cell of matrix.rows[0]!.cells) {
      expect(cell.reach!.totalWeight).toBe(einwohner.get(cell.areaKey!)!.value);
      expect(cell.reach!.reachedWeight).toBe(reachedByKreis.get(cell.areaKey!) ?? 0);
      expect(cell.reach!.share).toBeGreaterThanOrEqual(0);
      expect(cell.reach!.share).toBeLessThanOrEqual(1);
      reachedEverywhere += cell.reach!.reachedWeight;
    }
    expect(reachedEverywhere).toBeGreaterThan(0);
    // A 1 km circle covers at most 4 cell centres of a 1 km grid (5 with one exactly on its border).
    expect(brute.reduce((n, v) => n + v, 0)).toBeLessThanOrEqual(5 * 5);
    // The service exactly 1,000 m from a cell centre reaches that cell (the border is included).
    const s5 = services[5]!.position!;
    const centre = cells.x.findIndex((cx, i) => cx === s5[0] - 600 && cells.y[i] === s5[1] - 800);
    expect(brute[centre]).toBe(1);
    // Five services cannot reach half of any Kreis: every cell is a gap.
    expect(matrix.rows[0]!.cells.every((c) => c.status === 'gap')).toBe(true);
  }, 60_000);

  it('the service locator and the grid module’s locator place all 200 services in the same Kreis', () => {
    const grid = new RegionLocator(kreise);
    const scattered = new PointLocator(kreise);
    let inside = 0;
    for (const service of services) {
      const [x, y] = service.position!;
      expect(scattered.locate(x, y)).toBe(grid.locate(x, y));
      if (grid.locate(x, y) >= 0) inside++;
    }
    // Services up to 3 km off a populated cell: nearly all inside the Land, a few beyond its border.
    expect(inside).toBeGreaterThan(180);
  });

  it('with a radius spanning the Land every Kreis is fully reached', () => {
    const everywhere = straightLineReach(cells, destinations(services.slice(0, 1)), 400_000);
    expect(everywhere.every((v) => v === 1)).toBe(true);
  });
});
