import { describe, expect, it } from 'vitest';
import type { Position } from '../regions/region.ts';
import { generateMusterlandGeography } from './musterland.ts';

/** Planar ring area in square degrees (shoelace), positive for counter-clockwise rings. */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

describe('generateMusterlandGeography', () => {
  const geo = generateMusterlandGeography();
  const gemeinden = geo.regions.filter((r) => r.level === 'gemeinde');
  const kreis = geo.regions.find((r) => r.level === 'kreis')!;

  it('creates one Kreis with 15 Gemeinden whose keys cannot collide with official ones', () => {
    expect(kreis.key).toBe('99001');
    expect(gemeinden).toHaveLength(15);
    expect(gemeinden.map((g) => g.key)).toEqual(Array.from({ length: 15 }, (_, i) => `99001${String(i + 1).padStart(3, '0')}`));
    expect(gemeinden[0]!.name).toBe('Musterstadt, Stadt');
    expect(new Set(gemeinden.map((g) => g.name)).size).toBe(15);
  });

  it('is deterministic', () => {
    expect(generateMusterlandGeography()).toEqual(geo);
  });

  it('tiles the Kreis exactly with closed counter-clockwise Gemeinde polygons', () => {
    let sum = 0;
    for (const g of gemeinden) {
      const ring = (g.geometry as { type: 'Polygon'; coordinates: Position[][] }).coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      const area = ringArea(ring);
      expect(area).toBeGreaterThan(0);
      sum += area;
    }
    const kreisRing = (kreis.geometry as { type: 'Polygon'; coordinates: Position[][] }).coordinates[0]!;
    expect(sum).toBeCloseTo(ringArea(kreisRing), 5);
  });

  it('puts every Gemeinde into exactly one of four planning areas', () => {
    const members = Object.values(geo.planningAreaMembers).flat();
    expect(Object.keys(geo.planningAreaMembers)).toEqual(['99001-SR1', '99001-SR2', '99001-SR3', '99001-SR4']);
    expect(members.sort()).toEqual(gemeinden.map((g) => g.key).sort());
  });
});
