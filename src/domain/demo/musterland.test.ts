import { describe, expect, it } from 'vitest';
import type { Position } from '../regions/region.ts';
import { generateMusterlandGeography, MERGER } from './musterland.ts';

/** Planar ring area in square degrees (shoelace), positive for counter-clockwise rings. */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}
const outer = (g: { geometry: unknown }) => (g.geometry as { type: 'Polygon'; coordinates: Position[][] }).coordinates[0]!;

describe('generateMusterlandGeography', () => {
  const geo = generateMusterlandGeography();
  const gemeinden = geo.regions.filter((r) => r.level === 'gemeinde');
  const before = gemeinden.filter((g) => g.validFrom < MERGER.date);
  const current = gemeinden.filter((g) => g.validTo === null);
  const kreis = geo.regions.find((r) => r.level === 'kreis')!;

  it('creates one Kreis with 15 Gemeinden (14 after the 2023 merger) whose keys cannot collide with official ones', () => {
    expect(kreis.key).toBe('99001');
    expect(before.map((g) => g.key)).toEqual(Array.from({ length: 15 }, (_, i) => `99001${String(i + 1).padStart(3, '0')}`));
    expect(current).toHaveLength(14);
    expect(current.map((g) => g.key)).toContain('99001016');
    expect(before[0]!.name).toBe('Musterstadt, Stadt');
    expect(new Set(gemeinden.map((g) => g.name)).size).toBe(16);
  });

  it('records the merger as a territorial change with full weights', () => {
    expect(geo.successors).toEqual([
      { predecessorKey: '99001011', successorKey: '99001016', changedOn: '2023-01-01', weight: 1 },
      { predecessorKey: '99001012', successorKey: '99001016', changedOn: '2023-01-01', weight: 1 },
    ]);
    const merged = gemeinden.filter((g) => g.key === '99001011' || g.key === '99001012');
    expect(merged.map((g) => g.validTo)).toEqual(['2023-01-01', '2023-01-01']);
    const successor = gemeinden.find((g) => g.key === '99001016')!;
    expect(ringArea(outer(successor))).toBeCloseTo(ringArea(outer(merged[0]!)) + ringArea(outer(merged[1]!)), 10);
  });

  it('is deterministic', () => {
    expect(generateMusterlandGeography()).toEqual(geo);
  });

  it('tiles the Kreis exactly with closed counter-clockwise Gemeinde polygons, before and after the merger', () => {
    const kreisArea = ringArea(outer(kreis));
    for (const set of [before, current]) {
      let sum = 0;
      for (const g of set) {
        const ring = outer(g);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        expect(ringArea(ring)).toBeGreaterThan(0);
        sum += ringArea(ring);
      }
      expect(sum).toBeCloseTo(kreisArea, 10);
    }
  });

  it('puts every current Gemeinde into exactly one of four planning areas', () => {
    const members = Object.values(geo.planningAreaMembers).flat();
    expect(Object.keys(geo.planningAreaMembers)).toEqual(['99001-SR1', '99001-SR2', '99001-SR3', '99001-SR4']);
    expect(members.sort()).toEqual(current.map((g) => g.key).sort());
  });
});
