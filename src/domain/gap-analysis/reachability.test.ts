import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PointBucketIndex } from './point-index.ts';
import { straightLineEngine, straightLineReach, tallyReach, type PopulationPoints } from './reachability.ts';

/** The definition, without an index: some destination within `metres`, same arithmetic. */
function bruteForce(
  origins: { x: number[]; y: number[] },
  destinations: { x: number[]; y: number[] },
  metres: number,
): Uint8Array {
  const out = new Uint8Array(origins.x.length);
  for (let i = 0; i < origins.x.length; i++) {
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

const coordinate = fc.integer({ min: -5000, max: 5000 });
const points = (max: number) =>
  fc
    .array(fc.tuple(coordinate, coordinate), { maxLength: max })
    .map((ps) => ({ x: ps.map((p) => p[0]), y: ps.map((p) => p[1]) }));

describe('straight-line reachability', () => {
  it('worked example: a 3-4-5 triangle is reached at exactly 5 m (border included) and not at 4.999 m', () => {
    // Origin (0, 0), destination (3, 4): distance √(9 + 16) = 5.
    const origins = { x: [0, 100], y: [0, 100] };
    const destinations = { x: [3], y: [4] };
    expect([...straightLineReach(origins, destinations, 5)]).toEqual([1, 0]);
    expect([...straightLineReach(origins, destinations, 4.999)]).toEqual([0, 0]);
    // (100, 100) to (3, 4): √(97² + 96²) = √18625 ≈ 136.47 m.
    expect([...straightLineReach(origins, destinations, 136.4)]).toEqual([1, 0]);
    expect([...straightLineReach(origins, destinations, 136.5)]).toEqual([1, 1]);
  });

  it('no destinations: nobody is reached; radius 0 reaches only coinciding points', () => {
    expect([...straightLineReach({ x: [0, 1], y: [0, 1] }, { x: [], y: [] }, 1e9)]).toEqual([0, 0]);
    expect([...straightLineReach({ x: [0, 1, 7], y: [0, 1, 7] }, { x: [1, 1], y: [1, 1] }, 0)]).toEqual([0, 1, 0]);
  });

  it('refuses a negative or infinite radius with a German message', () => {
    expect(() => straightLineReach({ x: [0], y: [0] }, { x: [0], y: [0] }, -1)).toThrow(/Entfernung/);
    expect(() => new PointBucketIndex({ x: [0], y: [0] }, Infinity)).toThrow(/Entfernung/);
  });

  it('equals the brute-force scan exactly, for any points and radius (property)', () => {
    fc.assert(
      fc.property(points(60), points(30), fc.integer({ min: 0, max: 4000 }), (origins, destinations, metres) => {
        expect([...straightLineReach(origins, destinations, metres)]).toEqual([...bruteForce(origins, destinations, metres)]);
      }),
      { numRuns: 300 },
    );
  });

  it('equals the brute-force scan exactly for fractional coordinates far from the origin (property)', () => {
    const metre = fc.double({ min: 4_000_000, max: 4_010_000, noNaN: true });
    const cloud = (max: number) =>
      fc.array(fc.tuple(metre, metre), { maxLength: max }).map((ps) => ({ x: ps.map((p) => p[0]), y: ps.map((p) => p[1]) }));
    fc.assert(
      fc.property(cloud(60), cloud(30), fc.double({ min: 0, max: 3000, noNaN: true }), (origins, destinations, metres) => {
        expect([...straightLineReach(origins, destinations, metres)]).toEqual([...bruteForce(origins, destinations, metres)]);
      }),
      { numRuns: 300 },
    );
  });

  it('a larger radius never reaches fewer points (monotone in the distance, property)', () => {
    fc.assert(
      fc.property(points(60), points(20), fc.nat(3000), fc.nat(3000), (origins, destinations, a, b) => {
        const small = straightLineReach(origins, destinations, Math.min(a, b));
        const large = straightLineReach(origins, destinations, Math.max(a, b));
        small.forEach((v, i) => expect(v).toBeLessThanOrEqual(large[i]!));
      }),
    );
  });

  it('the engine answers distances and refuses travel times instead of approximating them', async () => {
    const request = { origins: { x: [0], y: [0] }, destinations: { x: [300], y: [400] } };
    expect(straightLineEngine.supports({ kind: 'distance', metres: 500 })).toBe(true);
    expect([...(await straightLineEngine.reach({ ...request, limit: { kind: 'distance', metres: 500 } }))]).toEqual([1]);
    expect(straightLineEngine.supports({ kind: 'travel_time', minutes: 10, mode: 'walk' })).toBe(false);
    await expect(
      straightLineEngine.reach({ ...request, limit: { kind: 'travel_time', minutes: 10, mode: 'walk' } }),
    ).rejects.toThrow(/Routing/);
  });
});

describe('tallyReach', () => {
  it('worked example: shares per area from weights, unknown weights counted apart, unassigned points ignored', () => {
    // Area 0: weights 100 (reached), 300 (not reached) → 100 / 400 = 0.25.
    // Area 1: weight 50 (reached), unknown weight (reached, ignored) → 50 / 50 = 1.
    // Point 5 belongs to no area; all assigned: 150 / 450 = 1/3.
    const population: PopulationPoints = { x: [0, 0, 0, 0, 0], y: [0, 0, 0, 0, 0], weight: [100, 300, 50, null, 999] };
    const { areas, assigned } = tallyReach(population, [0, 0, 1, 1, -1], 3, [1, 0, 1, 1, 1]);
    expect(areas[0]).toEqual({ reachedWeight: 100, totalWeight: 400, points: 2, unknownPoints: 0, share: 0.25 });
    expect(areas[1]).toEqual({ reachedWeight: 50, totalWeight: 50, points: 1, unknownPoints: 1, share: 1 });
    // Area 2 has no points: no share rather than 0 %.
    expect(areas[2]!.share).toBeNull();
    expect(assigned.share).toBeCloseTo(1 / 3, 12);
    expect(assigned.unknownPoints).toBe(1);
  });

  it('the share always lies between 0 and 1 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })), fc.integer({ min: -1, max: 3 }), fc.boolean()),
        ),
        (rows) => {
          const population: PopulationPoints = {
            x: rows.map(() => 0),
            y: rows.map(() => 0),
            weight: rows.map((r) => r[0]),
          };
          const { areas, assigned } = tallyReach(
            population,
            rows.map((r) => r[1]),
            4,
            rows.map((r) => (r[2] ? 1 : 0)),
          );
          for (const t of [...areas, assigned]) {
            if (t.share === null) expect(t.totalWeight).toBe(0);
            else {
              expect(t.share).toBeGreaterThanOrEqual(0);
              expect(t.share).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
    );
  });
});
