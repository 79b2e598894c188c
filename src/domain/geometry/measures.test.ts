import { describe, expect, it } from 'vitest';
import type { Geometry, Position } from '../regions/region.ts';
import { areaKm2, interiorPoint, polygonCentroid, representativePoint } from './measures.ts';
import { pointInPolygon } from './planar.ts';

const km = (p: Position): Position => [p[0] * 1000, p[1] * 1000];

describe('areaKm2', () => {
  it('sums exteriors and subtracts holes on the given plane', () => {
    const g: Geometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [10, 0],
            [10, 10],
            [0, 10],
            [0, 0],
          ],
          [
            [2, 2],
            [2, 4],
            [4, 4],
            [4, 2],
            [2, 2],
          ],
        ],
        [
          [
            [20, 0],
            [21, 0],
            [21, 1],
            [20, 0],
          ],
        ],
      ],
    };
    // Coordinates read as kilometres: 100 − 4 + 0.5 km².
    expect(areaKm2(g, km)).toBeCloseTo(96.5, 10);
  });
});

describe('representativePoint', () => {
  const square: Position[] = [
    [0, 0],
    [4, 0],
    [4, 4],
    [0, 4],
    [0, 0],
  ];

  it('is the area-weighted centroid when that lies inside', () => {
    expect(polygonCentroid([square])).toEqual([2, 2]);
    expect(representativePoint({ type: 'Polygon', coordinates: [square] })).toEqual([2, 2]);
  });

  it('uses the largest polygon of a MultiPolygon', () => {
    const small: Position[] = [
      [10, 10],
      [11, 10],
      [11, 11],
      [10, 10],
    ];
    expect(representativePoint({ type: 'MultiPolygon', coordinates: [[small], [square]] })).toEqual([2, 2]);
  });

  it('falls back to a point strictly inside for a ring around a hole and for a C shape', () => {
    const ring: Position[][] = [
      square,
      [
        [1, 1],
        [1, 3],
        [3, 3],
        [3, 1],
        [1, 1],
      ],
    ];
    const c: Position[][] = [
      [
        [0, 0],
        [4, 0],
        [4, 1],
        [1, 1],
        [1, 3],
        [4, 3],
        [4, 4],
        [0, 4],
        [0, 0],
      ],
    ];
    for (const polygon of [ring, c]) {
      const point = representativePoint({ type: 'Polygon', coordinates: polygon });
      expect(pointInPolygon(point, polygon)).toBe(1);
    }
    // Scan line through the middle of the bounding box (y = 2) cuts only the back of the C.
    expect(interiorPoint(c)).toEqual([0.5, 2]);
  });

  it('measures on the plane and maps the point back', () => {
    const plane = { forward: km, inverse: (p: Position): Position => [p[0] / 1000, p[1] / 1000] };
    expect(representativePoint({ type: 'Polygon', coordinates: [square] }, plane)).toEqual([2, 2]);
  });
});
