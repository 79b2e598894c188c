import { describe, expect, it } from 'vitest';
import { generateMusterlandGeography } from '../demo/musterland.ts';
import type { Geometry, Position } from '../regions/region.ts';
import { polygonArea } from './planar.ts';
import { unionGeometries } from './union.ts';

describe('unionGeometries', () => {
  it('dissolves neighbouring Gemeinden into one polygon with the summed area', () => {
    const geo = generateMusterlandGeography();
    const members = geo.regions.filter((r) => r.key === '99001002' || r.key === '99001003');
    const union = unionGeometries(members.map((m) => m.geometry!))!;
    const areaOf = (g: Geometry) =>
      g.type === 'Polygon' ? polygonArea(g.coordinates) : g.coordinates.reduce((s, p) => s + polygonArea(p), 0);
    expect(areaOf(union)).toBeCloseTo(
      members.reduce((s, m) => s + areaOf(m.geometry!), 0),
      9,
    );
    expect(union.type).toBe('Polygon');
  });

  it('keeps separate parts as a MultiPolygon and returns null for nothing', () => {
    const square = (x: number): Geometry => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 0],
          [x + 1, 0],
          [x + 1, 1],
          [x, 1],
          [x, 0],
        ] as Position[],
      ],
    });
    expect(unionGeometries([square(0), square(5)])!.type).toBe('MultiPolygon');
    expect(unionGeometries([])).toBeNull();
  });
});
