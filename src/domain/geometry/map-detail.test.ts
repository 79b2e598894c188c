import { describe, expect, it } from 'vitest';
import type { Geometry, Position } from '../regions/region.ts';
import { decimalsForZoom, fitZoom, geometriesBounds, quantizeGeometry, storedZoomFor } from './map-detail.ts';

const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('storedZoomFor', () => {
  it('picks the coarsest stored simplification not coarser than the zoom, none beyond zoom 12', () => {
    expect(storedZoomFor(3)).toBe(6);
    expect(storedZoomFor(6)).toBe(6);
    expect(storedZoomFor(7)).toBe(8);
    expect(storedZoomFor(12)).toBe(12);
    expect(storedZoomFor(13)).toBeNull();
  });
});

describe('decimalsForZoom', () => {
  it('keeps the rounding below a tenth of a screen pixel of the zoom', () => {
    expect(decimalsForZoom(6)).toBe(3);
    expect(decimalsForZoom(8)).toBe(4);
    expect(decimalsForZoom(10)).toBe(5);
    expect(decimalsForZoom(12)).toBe(5);
  });
});

describe('quantizeGeometry', () => {
  it('rounds coordinates, drops repeated positions and keeps a shared border shared', () => {
    const border: Position[] = [
      [1.00001, 0],
      [1.00004, 0.5],
      [1.00002, 0.50001],
      [1, 1],
    ];
    const left: Geometry = { type: 'Polygon', coordinates: [[[0, 0], ...border, [0, 1], [0, 0]]] };
    const right: Geometry = { type: 'Polygon', coordinates: [[[2, 0], [2, 1], ...[...border].reverse(), [2, 0]]] };
    const l = quantizeGeometry(left, 3) as { coordinates: Position[][] };
    const r = quantizeGeometry(right, 3) as { coordinates: Position[][] };
    expect(l.coordinates[0]).toEqual([
      [0, 0],
      [1, 0],
      [1, 0.5],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
    const onBorder = (ring: Position[]) => ring.filter((p) => p[0] === 1).map((p) => p.join(','));
    expect(onBorder(r.coordinates[0]!)).toEqual([...onBorder(l.coordinates[0]!)].reverse());
    // The input is left as it was.
    expect((left as { coordinates: Position[][] }).coordinates[0]![1]).toEqual([1.00001, 0]);
  });

  it('keeps a ring unrounded that rounding would collapse, in polygons and multipolygons', () => {
    const tiny = square(10.0001, 50.0001, 0.0002);
    const big = square(10, 51, 1);
    const result = quantizeGeometry({ type: 'MultiPolygon', coordinates: [[big], [tiny]] }, 3) as {
      coordinates: Position[][][];
    };
    expect(result.coordinates[0]![0]).toEqual(big);
    expect(result.coordinates[1]![0]).toEqual(tiny);
  });
});

describe('fitZoom and geometriesBounds', () => {
  it('finds the zoom at which Germany fills a 1,280 × 480 px map (256-px tiles)', () => {
    const germany: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [5.9, 47.3],
          [15, 47.3],
          [15, 55],
          [5.9, 55],
          [5.9, 47.3],
        ],
      ],
    };
    const bounds = geometriesBounds([germany, null])!;
    expect(bounds).toEqual([5.9, 47.3, 15, 55]);
    // The height limits: 448 px for 7.7° of latitude, about 0.0346 of the Mercator world.
    const zoom = fitZoom(bounds, 1280, 480);
    expect(zoom).toBeGreaterThan(5.6);
    expect(zoom).toBeLessThan(5.7);
    // Twice the size in both directions is one zoom level more.
    expect(fitZoom(bounds, 2 * 1280 - 32, 2 * 480 - 32)).toBeCloseTo(zoom + 1, 6);
    expect(geometriesBounds([])).toBeNull();
  });
});
