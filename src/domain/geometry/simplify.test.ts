import { describe, expect, it } from 'vitest';
import type { Geometry, Position } from '../regions/region.ts';
import { polygonsOf, ringSignedArea } from './planar.ts';
import { simplifyForZooms, simplifyGeometries, toleranceForZoom } from './simplify.ts';

/** A wiggly shared border from (1, 0) up to (1, 1): both neighbours use exactly these vertices. */
const border: Position[] = Array.from({ length: 21 }, (_, i) => [1 + (i % 2 ? 0.001 : 0) + (i === 10 ? 0.05 : 0), i / 20]);

const left: Geometry = { type: 'Polygon', coordinates: [[[0, 0], ...border, [0, 1], [0, 0]]] };
const right: Geometry = { type: 'Polygon', coordinates: [[[2, 0], [2, 1], ...[...border].reverse(), [2, 0]]] };

describe('toleranceForZoom', () => {
  it('is one screen pixel in degrees at 51° N and halves per zoom level', () => {
    expect(toleranceForZoom(6)).toBeCloseTo(0.013828, 6);
    expect(toleranceForZoom(12)).toBeCloseTo(0.013828 / 64, 8);
    expect(toleranceForZoom(8, { pixels: 2, latitude: 0 })).toBeCloseTo(720 / (256 * 256), 10);
  });
});

describe('simplifyGeometries', () => {
  it('simplifies a shared border identically for both neighbours', () => {
    const [l, r] = simplifyGeometries([left, right], 0.01);
    const shared = (g: Geometry) =>
      new Set(
        polygonsOf(g)[0]![0]!
          .filter((p) => p[0] > 0.9 && p[0] < 1.1)
          .map((p) => p.join(',')),
      );
    expect(shared(l!)).toEqual(shared(r!));
    // The bulge of 0.05° survives, most of the 0.001° wiggles do not.
    expect(shared(l!).has('1.05,0.5')).toBe(true);
    expect(shared(l!).size).toBeLessThan(8);
  });

  it('keeps winding and never collapses a ring below four positions', () => {
    const tiny: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [0.0001, 0],
          [0.0001, 0.0001],
          [0.00005, 0.00011],
          [0, 0.0001],
          [0, 0],
        ],
      ],
    };
    const [out] = simplifyGeometries([tiny], 1);
    const ring = polygonsOf(out!)[0]![0]!;
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ringSignedArea(ring)).toBeGreaterThan(0);
  });

  it('produces one list per atlas zoom level with fewer vertices at lower zoom', () => {
    const zooms = simplifyForZooms([left, right]);
    expect([...zooms.keys()]).toEqual([6, 8, 10, 12]);
    const count = (gs: Geometry[]) => gs.reduce((s, g) => s + polygonsOf(g)[0]![0]!.length, 0);
    expect(count(zooms.get(6)!)).toBeLessThanOrEqual(count(zooms.get(12)!));
  });
});
