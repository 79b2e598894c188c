import { describe, expect, it } from 'vitest';
import type { PlaneProjection } from '../../domain/geometry/measures.ts';
import type { ReachabilityEngine } from '../../domain/gap-analysis/reachability.ts';
import type { Position } from '../../domain/regions/region.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import { analyseGaps, type AnalyseGapsInput } from './analyse-gaps.ts';
import type {
  GapAnalysisDeps,
  GapServiceRecord,
  PlanningAreaShape,
  PopulationPointRecords,
  PopulationPointSource,
} from './ports.ts';

// Test double of the projection port: one "degree" is 1,000 m, so the numbers stay hand-checkable.
const PLANE: PlaneProjection = {
  forward: ([lon, lat]) => [lon * 1000, lat * 1000],
  inverse: ([x, y]) => [x / 1000, y / 1000],
};
const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

const TENANT = '16099';
const PLANNER: Actor = {
  kind: 'user',
  userId: 'u1',
  email: 'planerin@example.org',
  memberships: [{ tenantKey: TENANT, tenantKind: 'landkreis', tenantName: 'Musterland', role: 'viewer' }],
};
const OUTSIDER: Actor = {
  kind: 'user',
  userId: 'u2',
  email: 'x@example.org',
  memberships: [{ tenantKey: '16098', tenantKind: 'landkreis', tenantName: 'Anderswo', role: 'admin' }],
};

/*
 * In "degrees" of the test projection (× 1,000 = metres):
 *   West (16099-W): (0,0)–(2,2);  Ost (16099-O): (2,0)–(4,2);  Leer (16099-L): no shape.
 * Services (term zielgruppe.kinder_0_6 unless said otherwise):
 *   kita-a at (0.5, 0.5), 50 places, active
 *   kita-b with two locations: b1 (1.5, 1.5) in West and b2 (3.5, 0.5) in Ost, 80 places for both
 *   kita-c at (3, 1), 30 places, temporarily closed → not counted
 *   kita-d at (2.5, 1.5), 20 places, archived → not counted
 *   kita-e without any location, 10 places
 *   senioren-a at (3.2, 1.2) tagged zielgruppe.senioren
 * Target population 0–6: West 1,000, Ost 400.
 */
const AREAS: PlanningAreaShape[] = [
  { key: '16099-W', name: 'West', geometry: { type: 'Polygon', coordinates: [square(0, 0, 2, 2)] } },
  { key: '16099-O', name: 'Ost', geometry: { type: 'Polygon', coordinates: [square(2, 0, 4, 2)] } },
  { key: '16099-L', name: 'Leer', geometry: null },
];
const KIDS = 'zielgruppe.kinder_0_6';
const record = (r: Partial<GapServiceRecord> & Pick<GapServiceRecord, 'id' | 'locations'>): GapServiceRecord => ({
  name: r.id,
  status: 'active',
  archived: false,
  termKeys: [KIDS],
  capacity: null,
  ...r,
});
const SERVICES: GapServiceRecord[] = [
  record({ id: 'kita-a', capacity: 50, locations: [{ id: 'a', longitude: 0.5, latitude: 0.5 }] }),
  record({
    id: 'kita-b',
    capacity: 80,
    locations: [
      { id: 'b1', longitude: 1.5, latitude: 1.5 },
      { id: 'b2', longitude: 3.5, latitude: 0.5 },
    ],
  }),
  record({ id: 'kita-c', status: 'temporarily closed', capacity: 30, locations: [{ id: 'c', longitude: 3, latitude: 1 }] }),
  record({ id: 'kita-d', archived: true, capacity: 20, locations: [{ id: 'd', longitude: 2.5, latitude: 1.5 }] }),
  record({ id: 'kita-e', capacity: 10, locations: [] }),
  record({
    id: 'senioren-a',
    termKeys: ['zielgruppe.senioren'],
    capacity: 12,
    locations: [{ id: 's', longitude: 3.2, latitude: 1.2 }],
  }),
];
/*
 * Grid cells (EPSG:3035 metres, as the grid port delivers them):
 *   g1 (250, 250) 100 persons, West: 354 m to a
 *   g2 (1000, 1900) 300 persons, West: to b1 √(500² + 400²) = 640 m, to a √(500² + 1400²) = 1487 m
 *   g3 (3900, 1900) 200 persons, Ost: to b2 √(400² + 1400²) = 1456 m
 *   g4 (3600, 400) secret (null), Ost
 */
const GRID: PopulationPointRecords = {
  coordinates: 'epsg3035',
  x: [250, 1000, 3900, 3600],
  y: [250, 1900, 1900, 400],
  weight: [100, 300, 200, null],
  source: 'Testgitter',
  grid: { key: 'zensus2011-1km', cellSize: 1000, referenceDate: '2011-05-09', secretCells: 1 },
};

interface Calls {
  values: string[];
  points: PopulationPointSource[];
}
function deps(overrides: Partial<GapAnalysisDeps> = {}, calls: Calls = { values: [], points: [] }): GapAnalysisDeps {
  return {
    services: { listForGapAnalysis: async (tenant) => (tenant === TENANT ? SERVICES : []) },
    planningAreas: { listWithShapes: async (tenant) => (tenant === TENANT ? AREAS : []) },
    population: {
      async valuesForAreas(_tenant, { variableKey, period, areaKeys }) {
        calls.values.push(`${variableKey}/${period}/${areaKeys.join(',')}`);
        if (variableKey === 'bev-0-6')
          return new Map([
            ['16099-W', 1000],
            ['16099-O', 400],
          ]);
        return new Map();
      },
      async points(_tenant, source) {
        calls.points.push(source);
        if (source.kind === 'grid') return GRID;
        // Centroids of the two areas in "degrees", weighted by the population 0–6.
        return { coordinates: 'wgs84', x: [1, 3], y: [1, 1], weight: [1000, 400], source: 'Mittelpunkte' };
      },
    },
    plane: PLANE,
    ...overrides,
  };
}

const KITA_ROW = {
  key: 'kita',
  label: 'Kinder 0–6',
  termKeys: [KIDS],
  targetVariableKey: 'bev-0-6',
  period: '2024-12-31',
  reach: { kind: 'distance' as const, metres: 1000 },
  thresholds: { minCapacityPer1000: 60, minReachShare: 0.9 },
};
const INPUT: AnalyseGapsInput = { tenantKey: TENANT, rows: [KITA_ROW], populationPoints: { kind: 'grid' } };

describe('analyseGaps', () => {
  it('counts active services per location, reads the target population once and flags the gaps', async () => {
    const calls: Calls = { values: [], points: [] };
    const view = await analyseGaps(deps({}, calls), PLANNER, {
      ...INPUT,
      rows: [KITA_ROW, { ...KITA_ROW, key: 'kita-ohne-reach', reach: null }],
    });
    const [west, ost] = view.matrix.rows[0]!.cells;
    // kita-b has two locations: one entry each, capacity unknown per location (80 is not split).
    expect(west!.serviceIds).toEqual(['kita-a@a', 'kita-b@b1']);
    expect(ost!.serviceIds).toEqual(['kita-b@b2']);
    expect(view.entries['kita-b@b2']).toEqual({ serviceId: 'kita-b', locationId: 'b2', name: 'kita-b' });
    // West: 50 known places, one entry without capacity → lower bound 50 / 1,000 × 1,000 = 50 < 60 → unknown.
    expect(west).toMatchObject({
      knownCapacity: 50,
      servicesWithoutCapacity: 1,
      capacityPer1000: null,
      capacityPer1000LowerBound: 50,
    });
    expect(view.excluded).toEqual({ inactive: 0, 'temporarily closed': 1, defunct: 0, archived: 1 });
    expect(view.matrix.rows[0]!.withoutLocation).toEqual(['kita-e']);
    expect(view.areasWithoutShape).toEqual(['16099-L']);
    expect(view.matrix.areas.map((a) => a.key)).toEqual(['16099-W', '16099-O']);
    // Reachability within 1,000 m: West g1 + g2 = 400 / 400 = 1; Ost g3 is 1,456 m away → 0 / 200, g4 secret.
    expect(west!.reach).toMatchObject({ share: 1, reachedWeight: 400, totalWeight: 400, method: 'straight_line' });
    expect(ost!.reach).toMatchObject({ share: 0, reachedWeight: 0, totalWeight: 200, unknownPoints: 1 });
    expect(ost!.status).toBe('gap');
    expect(west!.status).toBe('unclear');
    // Both rows use the same target variable and period: one read.
    expect(calls.values).toEqual(['bev-0-6/2024-12-31/16099-W,16099-O']);
    expect(calls.points).toEqual([{ kind: 'grid' }]);
    expect(view.population).toEqual({
      source: 'Testgitter',
      kind: 'grid',
      method: 'Zensus-Gitter 1 km (4 Zellen), Luftlinie',
      points: 4,
      unknownPoints: 1,
      weighting: 'target',
      grid: { key: 'zensus2011-1km', cellSize: 1000, referenceDate: '2011-05-09' },
    });
    // The target population is spread over the cells: West 1,000 × 1 reached, Ost 400 × 0; the
    // total weights the areas by their target population: 1,000 / 1,400 (not the cells' 400 / 600).
    expect(west!.reach!.targetReached).toBe(1000);
    expect(ost!.reach!.targetReached).toBe(0);
    expect(view.matrix.rows[0]!.total.reach).toMatchObject({ share: 1000 / 1400, targetReached: 1000, weighting: 'target' });
    expect(view.reachMethod).toBe('straight_line');
    expect(view.indicators.find((v) => v.regionKey === '16099-O' && v.key === 'gap:kita:reach_share_1000m')).toMatchObject({
      value: 0,
      unit: '%',
      period: '2024-12-31',
    });
  });

  it('centroids come in WGS84 and are projected: West (1, 1) and Ost (3, 1) are 707 m from their nearest Kita', async () => {
    // West centroid (1000, 1000) → b1 (1500, 1500): √(500² + 500²) = 707 m; a (500, 500): 707 m.
    // Ost centroid (3000, 1000) → b2 (3500, 500): 707 m. Within 700 m: none; within 710 m: both.
    const at = async (metres: number) =>
      (
        await analyseGaps(deps(), PLANNER, {
          tenantKey: TENANT,
          rows: [{ ...KITA_ROW, reach: { kind: 'distance', metres } }],
          populationPoints: { kind: 'centroids', level: 'planning_area', variableKey: 'bev-0-6', period: '2024-12-31' },
          population: 'centroids',
        })
      ).matrix.rows[0]!.cells.map((c) => c.reach!.share);
    expect(await at(700)).toEqual([0, 0]);
    expect(await at(710)).toEqual([1, 1]);
  });

  it('a routing engine behind the port answers travel times; its method is recorded', async () => {
    const requests: unknown[] = [];
    const network: ReachabilityEngine = {
      method: 'test-netz:foot',
      supports: (limit) => limit.kind === 'travel_time',
      async reach(request) {
        requests.push({ limit: request.limit, destinations: request.destinations.x.length });
        // Pretend only the first grid cell lies within the isochrone.
        return Uint8Array.from([1, 0, 0, 0]);
      },
    };
    const view = await analyseGaps(deps({ reachability: network }), PLANNER, {
      ...INPUT,
      rows: [{ ...KITA_ROW, reach: { kind: 'travel_time', minutes: 15, mode: 'walk' } }],
    });
    // Destinations: kita-a, b1, b2 (kita-e has no location; c and d are not counted).
    expect(requests).toEqual([{ limit: { kind: 'travel_time', minutes: 15, mode: 'walk' }, destinations: 3 }]);
    const west = view.matrix.rows[0]!.cells[0]!;
    expect(west.reach).toMatchObject({ share: 0.25, method: 'test-netz:foot' });
    expect(view.indicators.some((v) => v.key === 'gap:kita:reach_share_15min_walk')).toBe(true);
  });

  it('refuses travel times without a routing engine, reachability without a population source, and outsiders', async () => {
    await expect(
      analyseGaps(deps(), PLANNER, {
        ...INPUT,
        rows: [{ ...KITA_ROW, reach: { kind: 'travel_time', minutes: 15, mode: 'walk' } }],
      }),
    ).rejects.toThrow(/Routing-Anbindung/);
    await expect(analyseGaps(deps(), PLANNER, { ...INPUT, populationPoints: null, population: 'centroids' })).rejects.toThrow(
      /Bevölkerungspunkte/,
    );
    await expect(analyseGaps(deps(), PLANNER, { ...INPUT, rows: [] })).rejects.toThrow(/mindestens eine Zeile/);
    await expect(analyseGaps(deps(), OUTSIDER, INPUT)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('says so when the grid is not available or the municipality has no planning areas with shapes', async () => {
    const noGrid = deps();
    noGrid.population = { ...noGrid.population, points: async () => null };
    await expect(analyseGaps(noGrid, PLANNER, INPUT)).rejects.toThrow(/Zensus-Gitterzellen/);
    const noAreas = deps({ planningAreas: { listWithShapes: async () => [AREAS[2]!] } });
    await expect(analyseGaps(noAreas, PLANNER, INPUT)).rejects.toThrow(/Planungsräume mit Grenzen/);
  });

  it('auto: the grid when the municipality has one, else the centroids named; grid only: refuses without a grid', async () => {
    const centroids = { kind: 'centroids', level: 'planning_area', variableKey: 'bev-0-6', period: '2024-12-31' } as const;
    const calls: Calls = { values: [], points: [] };
    const withGrid = await analyseGaps(deps({}, calls), PLANNER, {
      tenantKey: TENANT,
      rows: [KITA_ROW],
      populationPoints: centroids,
    });
    expect(withGrid.population).toMatchObject({ kind: 'grid', weighting: 'target' });
    expect(calls.points).toEqual([{ kind: 'grid' }]);

    const noGrid = deps();
    const points = noGrid.population.points;
    noGrid.population = {
      ...noGrid.population,
      points: async (t, source) => (source.kind === 'grid' ? null : points(t, source)),
    };
    const fallback = await analyseGaps(noGrid, PLANNER, { tenantKey: TENANT, rows: [KITA_ROW], populationPoints: centroids });
    expect(fallback.population).toMatchObject({ kind: 'centroids', weighting: 'points', points: 2, source: 'Mittelpunkte' });
    expect(fallback.population!.method).toBe('Mittelpunkte (2 Punkte), Luftlinie');
    await expect(analyseGaps(noGrid, PLANNER, { tenantKey: TENANT, rows: [KITA_ROW] })).rejects.toThrow(/Bevölkerungspunkte/);
    await expect(
      analyseGaps(noGrid, PLANNER, { tenantKey: TENANT, rows: [KITA_ROW], populationPoints: centroids, population: 'grid' }),
    ).rejects.toThrow(/keine Zensus-Gitterzellen/);
  });
});
