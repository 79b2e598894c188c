import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanarPolygon } from '../grid/aggregate.ts';
import type { Position } from '../regions/region.ts';
import { gapIndicatorValues } from './gap-indicators.ts';
import {
  analyseGapMatrix,
  straightLineMasks,
  type GapAnalysisInput,
  type GapArea,
  type GapRowSpec,
  type GapService,
} from './gap-matrix.ts';

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/*
 * The worked example (metres):
 *
 *   N (Nord): the square (0,0)–(2000,2000) with a hole (800,800)–(1200,1200).
 *   S (Süd):  a MultiPolygon: the square (2000,0)–(4000,2000) and an island (10000,0)–(11000,1000).
 *
 * Kita services (term `kinder-0-6`):
 *   k1 (500,500) in N, 60 places       k2 (1500,1500) in N, 40 places
 *   k3 (1000,1000) in N's hole → in no area, 50 places (still a destination for reachability)
 *   k4 (10500,500) on S's island, capacity unknown
 *   k5 without coordinates, 30 places   k6 (3000,1000) in S, 20 places
 * Youth service j1 (3000,500) in S, 10 places (term `jugend`); x1 (100,100) has a term of no row.
 *
 * Population points (weights = persons):
 *   p1 (250,250) 100 in N: to k1 √(250²+250²) = 353.6 m
 *   p2 (1750,250) 200 in N: to k3 √(750²+750²) = 1060.7 m, to k1/k2 1274.8 m
 *   p3 (1750,1750) 300 in N: to k2 353.6 m
 *   p4 (3500,1500) 400 in S: to k6 √(500²+500²) = 707.1 m
 *   p5 (10250,250) 50 in S: to k4 353.6 m
 *   p6 (1000,1000) 1000 in the hole: no area
 *   p7 (2500,1900) weight unknown (secret) in S
 */
const AREAS: GapArea[] = [
  { key: 'N', name: 'Nord', polygons: [[square(0, 0, 2000, 2000), square(800, 800, 1200, 1200)]] },
  { key: 'S', name: 'Süd', polygons: [[square(2000, 0, 4000, 2000)], [square(10000, 0, 11000, 1000)]] },
];
const SERVICES: GapService[] = [
  { id: 'k1', termKeys: ['kinder-0-6'], position: [500, 500], capacity: 60 },
  { id: 'k2', termKeys: ['kinder-0-6', 'familien'], position: [1500, 1500], capacity: 40 },
  { id: 'k3', termKeys: ['kinder-0-6'], position: [1000, 1000], capacity: 50 },
  { id: 'k4', termKeys: ['kinder-0-6'], position: [10500, 500], capacity: null },
  { id: 'k5', termKeys: ['kinder-0-6'], position: null, capacity: 30 },
  { id: 'k6', termKeys: ['kinder-0-6'], position: [3000, 1000], capacity: 20 },
  { id: 'j1', termKeys: ['jugend'], position: [3000, 500], capacity: 10 },
  { id: 'x1', termKeys: ['andere'], position: [100, 100], capacity: 5 },
];
const KITA: GapRowSpec = {
  key: 'kita',
  label: 'Kinder 0–6',
  termKeys: ['kinder-0-6'],
  targetVariableKey: 'bev-0-6',
  period: '2024-12-31',
  targetPopulation: new Map([
    ['N', 2000],
    ['S', 500],
  ]),
  reach: { kind: 'distance', metres: 500 },
  thresholds: { minServices: 1, minCapacityPer1000: 45, minReachShare: 0.8 },
};
const YOUTH: GapRowSpec = {
  key: 'jugend',
  label: 'Jugendliche',
  termKeys: ['jugend'],
  targetVariableKey: 'bev-12-17',
  period: '2024-12-31',
  // N has a target population of 0; S has no value at all.
  targetPopulation: new Map([['N', 0]]),
  reach: null,
  thresholds: { minServices: 1, minCapacityPer1000: 5 },
};
const POPULATION = {
  x: [250, 1750, 1750, 3500, 10250, 1000, 2500],
  y: [250, 250, 1750, 1500, 250, 1000, 1900],
  weight: [100, 200, 300, 400, 50, 1000, null],
};
const INPUT: GapAnalysisInput = { areas: AREAS, services: SERVICES, rows: [KITA, YOUTH], population: POPULATION };

const analyse = (input: GapAnalysisInput) => analyseGapMatrix(input, straightLineMasks(input));

describe('analyseGapMatrix: worked example', () => {
  const matrix = analyse(INPUT);
  const [kita, youth] = matrix.rows;
  const [kitaN, kitaS] = kita!.cells;

  it('counts each service in the area containing it (holes and MultiPolygon parts respected)', () => {
    expect(kitaN!.serviceIds).toEqual(['k1', 'k2']);
    // k4 lies on the island part of S; k3 lies in N's hole and is counted nowhere.
    expect(kitaS!.serviceIds).toEqual(['k4', 'k6']);
    expect(kita!.outsideAreas).toEqual(['k3']);
    expect(kita!.withoutLocation).toEqual(['k5']);
    expect(matrix.services).toEqual({ total: 8, withoutLocation: 1, outsideAreas: 1, inNoRow: 1 });
  });

  it('capacity per 1,000: N (60 + 40) / 2,000 × 1,000 = 50; S has a service without capacity → only a lower bound 20 / 500 × 1,000 = 40', () => {
    expect(kitaN).toMatchObject({
      knownCapacity: 100,
      servicesWithoutCapacity: 0,
      capacityPer1000: 50,
      capacityPer1000LowerBound: null,
    });
    expect(kitaS).toMatchObject({
      knownCapacity: 20,
      servicesWithoutCapacity: 1,
      capacityPer1000: null,
      capacityPer1000LowerBound: 40,
    });
    expect(kitaS!.flags).toContain('capacity_incomplete');
  });

  it('reachability within 500 m: N (100 + 300) / 600 = 2/3, S 50 / 450 = 1/9, all areas 450 / 1,050 (the hole’s 1,000 persons are in no area)', () => {
    expect(kitaN!.reach).toMatchObject({
      reachedWeight: 400,
      totalWeight: 600,
      points: 3,
      unknownPoints: 0,
      method: 'straight_line',
    });
    expect(kitaN!.reach!.share).toBeCloseTo(2 / 3, 12);
    expect(kitaS!.reach).toMatchObject({ reachedWeight: 50, totalWeight: 450, points: 2, unknownPoints: 1 });
    expect(kitaS!.reach!.share).toBeCloseTo(1 / 9, 12);
    expect(kitaS!.flags).toContain('reach_incomplete');
    expect(kita!.total.reach!.share).toBeCloseTo(450 / 1050, 12);
    expect(matrix.population).toEqual({ points: 7, unassignedPoints: 1 });
  });

  it('flags gaps against the thresholds: N and S both fall short of 80 % reachability; S’s capacity is unknown', () => {
    expect(kitaN!.checks).toEqual([
      { criterion: 'services', threshold: 1, value: 2, status: 'met' },
      { criterion: 'capacity_per_1000', threshold: 45, value: 50, status: 'met' },
      { criterion: 'reach_share', threshold: 0.8, value: 2 / 3, status: 'gap' },
    ]);
    expect(kitaN!.status).toBe('gap');
    expect(kitaS!.checks[1]).toEqual({ criterion: 'capacity_per_1000', threshold: 45, value: null, status: 'unknown' });
    expect(kitaS!.status).toBe('gap');
  });

  it('the row total: 4 services in areas, 120 known places for 2,500 children, lower bound 48 ≥ 45 → capacity met', () => {
    expect(kita!.total).toMatchObject({
      areaKey: null,
      serviceIds: ['k1', 'k2', 'k4', 'k6'],
      services: 4,
      knownCapacity: 120,
      servicesWithoutCapacity: 1,
      targetPopulation: 2500,
      capacityPer1000: null,
      capacityPer1000LowerBound: 48,
    });
    expect(kita!.total.checks[1]).toEqual({ criterion: 'capacity_per_1000', threshold: 45, value: 48, status: 'met' });
  });

  it('target population 0 or missing gives no rate and is flagged; a missing service is still a gap', () => {
    const [youthN, youthS] = youth!.cells;
    expect(youthN).toMatchObject({
      services: 0,
      targetPopulation: 0,
      capacityPer1000: null,
      flags: ['population_zero'],
      reach: null,
    });
    expect(youthN!.checks.map((c) => c.status)).toEqual(['gap', 'unknown']);
    expect(youthN!.status).toBe('gap');
    expect(youthS).toMatchObject({
      serviceIds: ['j1'],
      targetPopulation: null,
      capacityPer1000: null,
      flags: ['population_missing'],
      status: 'unclear',
    });
    // A total over areas with a missing value is missing too.
    expect(youth!.total.targetPopulation).toBeNull();
  });

  it('each cell names what it links to: services, population figure, variable and period', () => {
    expect(kitaN).toMatchObject({
      rowKey: 'kita',
      areaKey: 'N',
      targetPopulation: 2000,
      targetVariableKey: 'bev-0-6',
      period: '2024-12-31',
    });
  });

  it('within 1,100 m everyone in N is reached (p2 through k3 in the hole, outside every area) and the N cell is ok', () => {
    const wider = analyse({ ...INPUT, rows: [{ ...KITA, reach: { kind: 'distance', metres: 1100 } }] });
    const [n, s] = wider.rows[0]!.cells;
    expect(n!.reach!.share).toBe(1);
    expect(n!.status).toBe('ok');
    // S: p4 reaches k6 at 707 m; its capacity is still unknown.
    expect(s!.reach!.share).toBe(1);
    expect(s!.status).toBe('unclear');
  });

  it('indicator values per area: services, capacity per 1,000 and reachability in percent, with flags', () => {
    const values = gapIndicatorValues(matrix);
    const of = (region: string, key: string) => values.find((v) => v.regionKey === region && v.key === key);
    expect(of('N', 'gap:kita:services')).toMatchObject({ value: 2, unit: 'Anzahl', period: '2024-12-31', flag: null });
    expect(of('N', 'gap:kita:capacity_per_1000')).toMatchObject({ value: 50, flag: null });
    expect(of('N', 'gap:kita:reach_share_500m')!.value).toBeCloseTo(200 / 3, 10);
    expect(of('N', 'gap:kita:reach_share_500m')!.label).toBe(
      'Anteil der Bevölkerung mit Angebot in 500 m Luftlinie – Kinder 0–6',
    );
    expect(of('S', 'gap:kita:capacity_per_1000')).toMatchObject({ value: null, flag: 'unknown_or_secret' });
    expect(of('N', 'gap:jugend:capacity_per_1000')).toMatchObject({ value: null, flag: 'not_meaningful' });
    expect(of('S', 'gap:jugend:capacity_per_1000')).toMatchObject({ value: null, flag: 'unknown_or_secret' });
    // Rows without a limit have no reachability indicator: 2 rows × 2 areas × 2 + 2 kita reach values.
    expect(values).toHaveLength(10);
  });
});

describe('analyseGapMatrix: rules', () => {
  it('a service exactly on the border between N and S counts once, in S (the border rule of the region locator)', () => {
    const onBorder: GapService = { id: 'b', termKeys: ['kinder-0-6'], position: [2000, 1000], capacity: 1 };
    const matrix = analyse({ ...INPUT, services: [onBorder], rows: [KITA] });
    expect(matrix.rows[0]!.cells.map((c) => c.services)).toEqual([0, 1]);
  });

  it('refuses duplicate service ids, negative capacities and a reachability row without an engine result', () => {
    expect(() => analyse({ ...INPUT, services: [SERVICES[0]!, SERVICES[0]!] })).toThrow(/mehrfach/);
    expect(() => analyse({ ...INPUT, services: [{ ...SERVICES[0]!, capacity: -1 }] })).toThrow(/Kapazität/);
    expect(() => analyseGapMatrix(INPUT)).toThrow(/Erreichbarkeit/);
    expect(() =>
      straightLineMasks({ ...INPUT, rows: [{ ...KITA, reach: { kind: 'travel_time', minutes: 10, mode: 'walk' } }] }),
    ).toThrow(/Routing/);
  });

  it('without thresholds a cell is not assessed; without population points there is no reachability', () => {
    const matrix = analyse({ ...INPUT, population: null, rows: [{ ...KITA, thresholds: {} }] });
    expect(matrix.rows[0]!.cells[0]).toMatchObject({ status: 'not_assessed', reach: null, checks: [] });
    expect(matrix.population).toBeNull();
  });
});

// Random planning areas: unit squares of a 4 × 4 board (1,000 m each), some left out.
const board = fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 16 }).map((cells) =>
  cells.map((c): GapArea => {
    const x = (c % 4) * 1000;
    const y = Math.floor(c / 4) * 1000;
    return { key: `A${c}`, name: `A${c}`, polygons: [[square(x, y, x + 1000, y + 1000)] as PlanarPolygon] };
  }),
);
const service = fc.record({
  id: fc.uuid(),
  termKeys: fc.constant(['t']),
  position: fc.option(
    fc.tuple(fc.double({ min: -500, max: 4500, noNaN: true }), fc.double({ min: -500, max: 4500, noNaN: true })),
  ),
  capacity: fc.option(fc.integer({ min: 0, max: 200 })),
}) as fc.Arbitrary<GapService>;
const services = fc.uniqueArray(service, { selector: (s) => s.id, maxLength: 40 });
const row = (areas: GapArea[], population: number): GapRowSpec => ({
  key: 't',
  label: 'T',
  termKeys: ['t'],
  targetVariableKey: 'v',
  period: '2024',
  targetPopulation: new Map(areas.map((a) => [a.key, population])),
  reach: null,
  thresholds: {},
});

describe('analyseGapMatrix: laws (property)', () => {
  it('every service is counted in exactly one area, outside all areas, or as without coordinates', () => {
    fc.assert(
      fc.property(board, services, (areas, list) => {
        const m = analyseGapMatrix({ areas, services: list, rows: [row(areas, 100)], population: null });
        const r = m.rows[0]!;
        const inAreas = r.cells.reduce((n, c) => n + c.services, 0);
        expect(inAreas + r.outsideAreas.length + r.withoutLocation.length).toBe(list.length);
        expect(new Set(r.cells.flatMap((c) => c.serviceIds)).size).toBe(inAreas);
      }),
    );
  });

  it('adding a service outside all areas changes no cell', () => {
    fc.assert(
      fc.property(board, services, fc.double({ min: 5000, max: 1e6, noNaN: true }), (areas, list, far) => {
        const before = analyseGapMatrix({ areas, services: list, rows: [row(areas, 100)], population: null });
        const outside: GapService = { id: 'outside', termKeys: ['t'], position: [far, -far], capacity: 1000 };
        const after = analyseGapMatrix({ areas, services: [...list, outside], rows: [row(areas, 100)], population: null });
        expect(after.rows[0]!.cells).toEqual(before.rows[0]!.cells);
        expect(after.rows[0]!.outsideAreas).toContain('outside');
      }),
    );
  });

  it('capacity per 1,000 scales linearly: k times the capacities → k times the rate; k times the population → 1/k', () => {
    fc.assert(
      fc.property(
        board,
        services,
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 10_000 }),
        (areas, list, k, pop) => {
          const known = list.map((s) => ({ ...s, capacity: s.capacity ?? 7 }));
          const base = analyseGapMatrix({ areas, services: known, rows: [row(areas, pop)], population: null }).rows[0]!;
          const scaled = analyseGapMatrix({
            areas,
            services: known.map((s) => ({ ...s, capacity: s.capacity * k })),
            rows: [row(areas, pop)],
            population: null,
          }).rows[0]!;
          const more = analyseGapMatrix({ areas, services: known, rows: [row(areas, pop * k)], population: null }).rows[0]!;
          base.cells.forEach((cell, i) => {
            expect(scaled.cells[i]!.capacityPer1000!).toBeCloseTo(cell.capacityPer1000! * k, 9);
            expect(more.cells[i]!.capacityPer1000!).toBeCloseTo(cell.capacityPer1000! / k, 9);
            // By definition: places per 1,000 of the target population.
            expect(cell.capacityPer1000!).toBeCloseTo((cell.knownCapacity / pop) * 1000, 9);
          });
        },
      ),
    );
  });

  it('reachability shares lie in [0, 1] and never fall when the distance grows', () => {
    const population = fc
      .array(
        fc.tuple(fc.double({ min: 0, max: 4000, noNaN: true }), fc.double({ min: 0, max: 4000, noNaN: true }), fc.nat(500)),
        { maxLength: 60 },
      )
      .map((ps) => ({ x: ps.map((p) => p[0]), y: ps.map((p) => p[1]), weight: ps.map((p) => p[2]) }));
    fc.assert(
      fc.property(board, services, population, fc.nat(3000), fc.nat(3000), (areas, list, points, a, b) => {
        const at = (metres: number) => {
          const input: GapAnalysisInput = {
            areas,
            services: list,
            rows: [{ ...row(areas, 100), reach: { kind: 'distance', metres } }],
            population: points,
          };
          return analyseGapMatrix(input, straightLineMasks(input)).rows[0]!;
        };
        const near = at(Math.min(a, b));
        const far = at(Math.max(a, b));
        near.cells.forEach((cell, i) => {
          const s = cell.reach!.share;
          const t = far.cells[i]!.reach!.share;
          if (s === null) expect(t).toBeNull();
          else {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(t!).toBeLessThanOrEqual(1);
            expect(t!).toBeGreaterThanOrEqual(s);
          }
        });
      }),
    );
  });
});
