import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RegionLocator, type PlanarRegion } from '../grid/aggregate.ts';
import type { Position } from '../regions/region.ts';
import { PointLocator } from './point-locator.ts';

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('PointLocator', () => {
  it('worked example: a hole belongs to no area, an island to its MultiPolygon, a shared border to the eastern area', () => {
    const regions: PlanarRegion[] = [
      { key: 'N', polygons: [[square(0, 0, 20, 20), square(8, 8, 12, 12)]] },
      { key: 'S', polygons: [[square(20, 0, 40, 20)], [square(100, 0, 110, 10)]] },
    ];
    const locator = new PointLocator(regions);
    expect(locator.locate(5, 5)).toBe(0);
    expect(locator.locate(10, 10)).toBe(-1); // in the hole
    expect(locator.locate(105, 5)).toBe(1); // on the island
    expect(locator.locate(20, 10)).toBe(1); // on the border N|S
    expect(locator.locate(0, 10)).toBe(0); // western edge of N: inside
    expect(locator.locate(40, 10)).toBe(-1); // eastern edge of S: outside
    expect(locator.locate(5, 0)).toBe(0); // southern edge: inside (half-open)
    expect(locator.locate(5, 20)).toBe(-1); // northern edge: outside
    expect(locator.locate(50, 50)).toBe(-1);
  });

  it('gives exactly the answer of the grid module’s RegionLocator, borders and vertices included (property)', () => {
    // Random triangles and quadrilaterals on a small integer lattice, so that points often lie
    // exactly on edges and vertices; overlapping areas resolve to the first one in both.
    const lattice = fc.integer({ min: 0, max: 12 });
    const ring = fc.array(fc.tuple(lattice, lattice), { minLength: 3, maxLength: 5 }).map((ps) => {
      const positions = ps.map(([x, y]) => [x, y] as Position);
      return [...positions, positions[0]!];
    });
    const region = fc.array(fc.array(ring, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 });
    const point = fc.tuple(fc.integer({ min: -2, max: 28 }), fc.integer({ min: -2, max: 28 })).map(([x, y]) => [x / 2, y / 2]);
    fc.assert(
      fc.property(fc.array(region, { minLength: 1, maxLength: 4 }), fc.array(point, { maxLength: 40 }), (polygons, points) => {
        const regions: PlanarRegion[] = polygons.map((p, i) => ({ key: `R${i}`, polygons: p }));
        const grid = new RegionLocator(regions);
        const scattered = new PointLocator(regions);
        for (const [x, y] of points) expect(scattered.locate(x!, y!)).toBe(grid.locate(x!, y!));
      }),
      { numRuns: 500 },
    );
  });
});
