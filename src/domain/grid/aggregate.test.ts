import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Position } from '../regions/region.ts';
import { InvalidError } from '../shared/errors.ts';
import { aggregateCells, GridAggregator, planarRegion, RegionLocator, type CellValues, type PlanarRegion } from './aggregate.ts';
import { gridCell } from './grid-cell.ts';

// A 5 × 5 grid of 1 km cells; offsets in metres from this corner (EPSG:3035).
const E0 = 4_000_000;
const N0 = 3_000_000;
const p = (x: number, y: number): Position => [E0 + x, N0 + y];
const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  p(x0, y0),
  p(x1, y0),
  p(x1, y1),
  p(x0, y1),
  p(x0, y0),
];

/**
 * A: square 5 × 3 km with a hole of 2 × 1 km (cells (1,1) and (2,1) are not in A).
 * B: MultiPolygon: an island in A's hole plus the square [0,2] × [3,5] km.
 * C: [2,4] × [3,5] km, sharing the border x = 2 km with B. Cells (4,3) and (4,4) lie in no region.
 */
const regions: PlanarRegion[] = [
  planarRegion('A', { type: 'Polygon', coordinates: [rect(0, 0, 5000, 3000), rect(1000, 1000, 3000, 2000).reverse()] }),
  planarRegion('B', { type: 'MultiPolygon', coordinates: [[rect(1000, 1000, 3000, 2000)], [rect(0, 3000, 2000, 5000)]] }),
  planarRegion('C', { type: 'Polygon', coordinates: [rect(2000, 3000, 4000, 5000)] }),
];

/** Cell (i, j) has the value 1 + i + 5j (1 … 25, total 325) unless `override` says otherwise. */
function grid(override: Record<string, number[]> = {}): CellValues[] {
  const cells: CellValues[] = [];
  for (let j = 0; j < 5; j++) {
    for (let i = 0; i < 5; i++) {
      const cell = gridCell(1000, N0 + j * 1000, E0 + i * 1000);
      cells.push({ centreX: cell.centreX, centreY: cell.centreY, values: override[`${i},${j}`] ?? [1 + i + 5 * j, -1] });
    }
  }
  return cells;
}

const count = [{ key: 'Einwohner', column: 'Einwohner' }];

describe('aggregateCells: hand-made grid with a hole and a MultiPolygon', () => {
  it('gives the hand-computed sums per region and for the unassigned cells', () => {
    const result = aggregateCells(regions, ['Einwohner', 'Anteil'], count, grid());
    const einwohner = result.variables[0]!;
    // A: rows 0–2 (15 + 40 + 65 = 120) without the hole cells 7 and 8 → 105 in 13 cells.
    expect(einwohner.regions.get('A')).toEqual({
      value: 105,
      flag: null,
      cells: 13,
      valueCells: 13,
      secretCells: 0,
      knownSum: 105,
      knownWeight: 0,
    });
    // B: island 7 + 8, square 16 + 17 + 21 + 22 → 91 in 6 cells.
    expect(einwohner.regions.get('B')).toMatchObject({ value: 91, cells: 6 });
    // C: 18 + 19 + 23 + 24 → 84 in 4 cells.
    expect(einwohner.regions.get('C')).toMatchObject({ value: 84, cells: 4 });
    // Unassigned: 20 + 25 → 45 in 2 cells.
    expect(einwohner.unassigned).toMatchObject({ value: 45, cells: 2 });
    expect(einwohner.assigned).toMatchObject({ value: 280, cells: 23 });
    expect(einwohner.total).toMatchObject({ value: 325, cells: 25 });
    expect(result).toMatchObject({ cellsRead: 25, cellsAssigned: 23, cellsUnassigned: 2 });
    expect([...result.cellsPerRegion]).toEqual([
      ['A', 13],
      ['B', 6],
      ['C', 4],
    ]);
  });

  it('flags a region with a secret cell (value null, known sum as lower bound) and does not count -1', () => {
    const result = aggregateCells(regions, ['Einwohner', 'Anteil'], count, grid({ '0,0': [-9, -1], '4,0': [-1, -1] }));
    const einwohner = result.variables[0]!;
    // A without the secret 1 and the empty 5: 105 − 1 − 5 = 99 known, one secret cell.
    expect(einwohner.regions.get('A')).toEqual({
      value: null,
      flag: 'secret',
      cells: 13,
      valueCells: 11,
      secretCells: 1,
      knownSum: 99,
      knownWeight: 0,
    });
    expect(einwohner.regions.get('B')).toMatchObject({ value: 91, flag: null, secretCells: 0 });
    expect(einwohner.total).toMatchObject({ value: null, flag: 'secret', secretCells: 1, knownSum: 319 });
  });

  it('reports a region whose cells all have no value as no_value, not as zero', () => {
    const empty = Object.fromEntries(['2,3', '3,3', '2,4', '3,4'].map((k) => [k, [-1, -1]]));
    const c = aggregateCells(regions, ['Einwohner', 'Anteil'], count, grid(empty)).variables[0]!.regions.get('C');
    expect(c).toEqual({ value: null, flag: 'no_value', cells: 4, valueCells: 0, secretCells: 0, knownSum: 0, knownWeight: 0 });
  });

  it('aggregates a rate from numerators and denominators, not by averaging rates', () => {
    const variables = [...count, { key: 'Anteil', column: 'Anteil', weight: 'Einwohner' }];
    // C: 100 persons with 10 %, 300 with 30 %, one cell without persons, one with 0 persons.
    const cells = { '2,3': [100, 10], '3,3': [300, 30], '2,4': [-1, -1], '3,4': [0, -1] };
    const rate = aggregateCells(regions, ['Einwohner', 'Anteil'], variables, grid(cells)).variables[1]!;
    // (100 · 10 + 300 · 30) / 400 = 25 %, whereas the mean of the rates would be 20 %.
    expect(rate.regions.get('C')).toEqual({
      value: 25,
      flag: null,
      cells: 4,
      valueCells: 2,
      secretCells: 0,
      knownSum: 10000,
      knownWeight: 400,
    });
    const secret = aggregateCells(regions, ['Einwohner', 'Anteil'], variables, grid({ ...cells, '3,3': [300, -9] }))
      .variables[1]!;
    expect(secret.regions.get('C')).toEqual({
      value: null,
      flag: 'secret',
      cells: 4,
      valueCells: 1,
      secretCells: 1,
      knownSum: 1000,
      knownWeight: 100,
    });
    const secretWeight = aggregateCells(
      regions,
      ['Einwohner', 'Anteil'],
      variables,
      grid({ ...cells, '2,3': [-9, 10] }),
    ).variables;
    expect(secretWeight[1]!.regions.get('C')).toMatchObject({ value: null, flag: 'secret', secretCells: 1 });
    expect(secretWeight[0]!.regions.get('C')).toMatchObject({ value: null, flag: 'secret', knownSum: 300 });
  });

  it('names a missing column and a duplicate region key in German', () => {
    expect(() => new GridAggregator(regions, ['Einwohner'], [{ key: 'x', column: 'Anteil', weight: 'Einwohner' }])).toThrow(
      'Die Spalte „Anteil“ für das Merkmal „x“ fehlt.',
    );
    expect(() => new RegionLocator([regions[0]!, regions[0]!])).toThrow(InvalidError);
    expect(() => new RegionLocator([regions[0]!, regions[0]!])).toThrow('Gebietsschlüssel „A“ kommt mehrfach vor.');
  });
});

describe('RegionLocator: points on borders', () => {
  // L and R share the border x = 2 km; T lies on top of both (border y = 2 km).
  const locator = new RegionLocator([
    planarRegion('L', { type: 'Polygon', coordinates: [rect(0, 0, 2000, 2000)] }),
    planarRegion('R', { type: 'Polygon', coordinates: [rect(2000, 0, 4000, 2000).reverse()] }),
    planarRegion('T', { type: 'Polygon', coordinates: [rect(0, 2000, 4000, 4000)] }),
  ]);
  const at = (x: number, y: number) => locator.keys[locator.locate(E0 + x, N0 + y)] ?? null;

  it('assigns a centre on a shared border to exactly one region: east, on a horizontal border north', () => {
    expect(at(2000, 1000)).toBe('R');
    expect(at(1000, 2000)).toBe('T');
    expect(at(3000, 2000)).toBe('T');
    expect(at(2000, 2000)).toBe('T');
    // Outer boundary: the west and south edges belong to the region, the east and north edges do not.
    expect(at(0, 1000)).toBe('L');
    expect(at(1000, 0)).toBe('L');
    expect(at(4000, 1000)).toBeNull();
    expect(at(1000, 4000)).toBeNull();
  });

  it('counts a cell whose centre is on the border once in the aggregate', () => {
    const result = aggregateCells(
      [
        planarRegion('L', { type: 'Polygon', coordinates: [rect(0, 0, 2000, 2000)] }),
        planarRegion('R', { type: 'Polygon', coordinates: [rect(2000, 0, 4000, 2000)] }),
      ],
      ['Einwohner'],
      count,
      [{ centreX: E0 + 2000, centreY: N0 + 1000, values: [42] }],
    );
    const v = result.variables[0]!;
    expect([v.regions.get('L')!.value, v.regions.get('R')!.value, v.unassigned.cells]).toEqual([null, 42, 0]);
    expect(v.total.value).toBe(42);
  });

  it('never loses or doubles a point on a slanted shared border with opposite ring orientation', () => {
    const slanted = new RegionLocator([
      { key: 'L', polygons: [[[p(0, 0), p(3000, 0), p(1000, 2000), p(0, 2000), p(0, 0)]]] },
      { key: 'R', polygons: [[[p(3000, 0), p(4000, 0), p(4000, 2000), p(1000, 2000), p(3000, 0)].reverse()]] },
    ]);
    fc.assert(
      // Up to 1999 m: closer to the top the northing may round onto the (excluded) north edge.
      fc.property(fc.double({ min: 0, max: 1999, noNaN: true }), (t) => {
        expect(slanted.locate(E0 + 3000 - t, N0 + t)).toBeGreaterThanOrEqual(0);
      }),
    );
    expect(slanted.keys[slanted.locate(E0 + 2000, N0 + 1000)]).toBe('R');
  });
});

describe('RegionLocator properties', () => {
  it('matches half-open rectangle containment on a random tiling, also for points on the cuts', () => {
    const cuts = fc
      .uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 6 })
      .map((a) => [0, ...a.sort((x, y) => x - y), 100]);
    fc.assert(
      fc.property(
        cuts,
        cuts,
        fc.array(fc.tuple(fc.integer({ min: -5, max: 105 }), fc.integer({ min: -5, max: 105 })), { maxLength: 60 }),
        fc.boolean(),
        (xs, ys, points, reverse) => {
          const tiles: PlanarRegion[] = [];
          for (let i = 0; i + 1 < xs.length; i++) {
            for (let j = 0; j + 1 < ys.length; j++) {
              const ring = rect(xs[i]!, ys[j]!, xs[i + 1]!, ys[j + 1]!);
              tiles.push({ key: `${i}/${j}`, polygons: [[(i + j) % 2 === 0 && reverse ? ring.reverse() : ring]] });
            }
          }
          const locator = new RegionLocator(tiles);
          for (const [x, y] of points) {
            const i = xs.findIndex((_, k) => k + 1 < xs.length && xs[k]! <= x && x < xs[k + 1]!);
            const j = ys.findIndex((_, k) => k + 1 < ys.length && ys[k]! <= y && y < ys[k + 1]!);
            const expected = i < 0 || j < 0 ? undefined : `${i}/${j}`;
            expect(locator.keys[locator.locate(E0 + x, N0 + y)]).toBe(expected);
          }
        },
      ),
    );
  });

  it('agrees with a brute-force even–odd test for random polygons with holes', () => {
    const polygonArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), {
      minLength: 3,
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(polygonArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.double({ min: -10, max: 1010, noNaN: true }), fc.double({ min: -10, max: 1010, noNaN: true })), {
          maxLength: 40,
        }),
        (rings, points) => {
          const located = new RegionLocator(rings.map((r, k) => ({ key: String(k), polygons: [r as Position[][]] })));
          for (const [x, y] of points) {
            // Expected: the first region whose rings are crossed an odd number of times (half-open rule).
            let expected = -1;
            for (let k = 0; k < rings.length && expected < 0; k++) {
              let inside = false;
              for (const ring of rings[k]!) {
                for (let a = 0; a < ring.length; a++) {
                  const [xa, ya] = ring[a]!;
                  const [xb, yb] = ring[(a + 1) % ring.length]!;
                  if (ya === yb) continue;
                  const [lx, ly, ux, uy] = ya < yb ? [xa, ya, xb, yb] : [xb, yb, xa, ya];
                  if (ly <= y && y < uy && lx + ((y - ly) * (ux - lx)) / (uy - ly) <= x) inside = !inside;
                }
              }
              if (inside) expected = k;
            }
            expect(located.locate(x, y)).toBe(expected);
          }
        },
      ),
    );
  });
});
