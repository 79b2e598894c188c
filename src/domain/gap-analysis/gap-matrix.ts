/**
 * The gap analysis (Abgleich): supply against need per planning area (Sozialraum) and per row
 * of the matrix (a Lebenslage or Zielgruppe).
 *
 * Rules:
 * - **Where a service counts.** A service (one entry per service location) counts in the planning
 *   area that contains its point (point in polygon with holes and MultiPolygons, border rule of
 *   {@link RegionLocator}: a point exactly on a shared border belongs to exactly one area). A
 *   service outside all areas is counted in none, but still serves reachability across the
 *   border. A service without coordinates is counted nowhere and listed as such.
 * - **Capacity per 1,000** = Σ capacity of the row's services in the area / target population ×
 *   1,000. The target population is the value of a planner-chosen atlas variable (e.g. persons
 *   aged 0–6) for the area. Missing or zero target population gives no rate (flagged). If any
 *   service in the area has no capacity, the rate is unknown; the known sum then gives a lower
 *   bound, never a substitute.
 * - **Reachability** = share of the population weight (grid cells or centroids, see
 *   reachability.ts) of the area's points that have a service of the row within the limit.
 *   The population points stand in for the target group's spatial distribution within the
 *   area: with `reachWeighting: 'target'` (Zensus grid cells) the row's target population of
 *   each area is distributed over the area's points in proportion to their population, so the
 *   share of an area is that of its points, `targetReached` = share × target population, and
 *   the row total weights each area by its target population (Σ reached ÷ Σ target).
 * - **Gaps.** A planner sets thresholds (minimum number of services, minimum capacity per
 *   1,000, minimum reachability share). Each check is met, a gap or unknown; a cell is a
 *   `gap` if any check is a gap, `unclear` if any is unknown, `ok` if all are met and
 *   `not_assessed` without thresholds.
 */
import { RegionLocator, type PlanarPolygon } from '../grid/aggregate.ts';
import type { Position } from '../regions/region.ts';
import { InvalidError } from '../shared/errors.ts';
import { PointLocator } from './point-locator.ts';
import {
  checkPopulationPoints,
  straightLineReach,
  tallyReach,
  type PopulationPoints,
  type ReachLimit,
  type ReachTally,
} from './reachability.ts';

/** A planning area with its polygons in metres (EPSG:3035). */
export interface GapArea {
  key: string;
  name: string;
  polygons: readonly PlanarPolygon[];
}

/** A service at one location, as far as the gap analysis needs it. */
export interface GapService {
  /** Id used to link from a matrix cell to the service (e.g. the service-at-location id). */
  id: string;
  /** Keys of the taxonomy terms (Lebenslagen, Zielgruppen, …) the service is tagged with. */
  termKeys: readonly string[];
  /** Location in metres (EPSG:3035); null when the entry has no coordinates. */
  position: Position | null;
  /** Places, seats or similar (≥ 0); null when unknown. */
  capacity: number | null;
}

/** Planner-set thresholds; an absent threshold is not checked. */
export interface GapThresholds {
  /** Minimum number of services in the area. */
  minServices?: number | undefined;
  /** Minimum capacity per 1,000 of the target population. */
  minCapacityPer1000?: number | undefined;
  /** Minimum share (0–1) of the population that reaches a service within the limit. */
  minReachShare?: number | undefined;
}

/** One row of the matrix: a Lebenslage or Zielgruppe with its target population and limits. */
export interface GapRowSpec {
  key: string;
  label: string;
  /** A service belongs to the row if it carries any of these term keys. */
  termKeys: readonly string[];
  /** Atlas variable holding the target population (e.g. persons aged 0–6). */
  targetVariableKey: string;
  /** Period of the target population values (ISO date or year). */
  period: string;
  /** Target population per area key; an area missing here has an unknown target population. */
  targetPopulation: ReadonlyMap<string, number | null>;
  /** Reachability limit; null = no reachability for this row. */
  reach: ReachLimit | null;
  thresholds: GapThresholds;
}

/** Everything the analysis reads. */
export interface GapAnalysisInput {
  areas: readonly GapArea[];
  services: readonly GapService[];
  rows: readonly GapRowSpec[];
  /** Population points for reachability (metres, EPSG:3035); null = no reachability at all. */
  population: PopulationPoints | null;
  /**
   * How the row total combines the areas' shares: `points` (default) by the points' weights,
   * `target` by each area's target population distributed over its points (see the module comment).
   */
  reachWeighting?: ReachWeighting | undefined;
}

/** How reachability shares are weighted; see {@link GapAnalysisInput.reachWeighting}. */
export type ReachWeighting = 'points' | 'target';

/** For each row key, one byte per population point (1 = reached) and the engine's method. */
export type ReachMasks = ReadonlyMap<string, { reached: Uint8Array; method: string }>;

/** Why a number is missing or needs care. */
export type GapFlag =
  /** No value of the target variable for the area. */
  | 'population_missing'
  /** The target population is 0: no rate. */
  | 'population_zero'
  /** At least one service has no capacity: the rate is unknown, a lower bound is given. */
  | 'capacity_incomplete'
  /** No population points with weight in the area: no reachability share. */
  | 'reach_no_population'
  /**
   * Some population points have an unknown weight (secret grid cells), or (row total with target
   * weighting) some areas have no target population; the share is over the known ones.
   */
  | 'reach_incomplete';

/** The outcome of one threshold check. */
export interface GapCheck {
  criterion: 'services' | 'capacity_per_1000' | 'reach_share';
  threshold: number;
  /** The value compared (for capacity possibly the lower bound); null when unknown. */
  value: number | null;
  status: 'met' | 'gap' | 'unknown';
}

/** Overall state of a cell. */
export type GapStatus = 'gap' | 'unclear' | 'ok' | 'not_assessed';

/** Reachability of one cell. */
export interface GapReach extends ReachTally {
  limit: ReachLimit;
  /** Engine that answered, e.g. `straight_line`. */
  method: string;
  weighting: ReachWeighting;
  /**
   * Persons of the target population within reach: share × target population (for the row
   * total the sum over the areas); null when either is unknown.
   */
  targetReached: number | null;
}

/** One cell of the matrix (row × area), or a row's total over all areas. */
export interface GapCell {
  rowKey: string;
  /** Planning area key; null for the row total over all areas. */
  areaKey: string | null;
  /** Ids of the row's services located in the area, sorted. */
  serviceIds: string[];
  services: number;
  /** Sum of the known capacities. */
  knownCapacity: number;
  servicesWithoutCapacity: number;
  /** Target population (persons); null when unknown. */
  targetPopulation: number | null;
  targetVariableKey: string;
  period: string;
  /** Capacity per 1,000 of the target population; null when any input is unknown or the population is 0. */
  capacityPer1000: number | null;
  /** With `capacity_incomplete`: known capacity per 1,000, a lower bound of the true rate. */
  capacityPer1000LowerBound: number | null;
  /** Null when the row has no reachability limit or no population points were given. */
  reach: GapReach | null;
  flags: GapFlag[];
  checks: GapCheck[];
  status: GapStatus;
}

/** One row of the result. */
export interface GapRowResult {
  key: string;
  label: string;
  targetVariableKey: string;
  period: string;
  reach: ReachLimit | null;
  thresholds: GapThresholds;
  /** In the order of the areas. */
  cells: GapCell[];
  total: GapCell;
  /** The row's services without coordinates (counted nowhere), sorted. */
  withoutLocation: string[];
  /** The row's services with coordinates outside every area (counted nowhere, still reachable), sorted. */
  outsideAreas: string[];
}

/** The matrix: rows (Lebenslagen/Zielgruppen) × columns (planning areas). */
export interface GapMatrix {
  areas: { key: string; name: string }[];
  rows: GapRowResult[];
  services: {
    total: number;
    withoutLocation: number;
    outsideAreas: number;
    /** Services that belong to no row. */
    inNoRow: number;
  };
  population: {
    points: number;
    /** Points outside every area (not part of any share). */
    unassignedPoints: number;
  } | null;
}

function checkInput(input: GapAnalysisInput): void {
  const ids = new Set<string>();
  for (const s of input.services) {
    if (ids.has(s.id)) throw new InvalidError(`Das Angebot „${s.id}“ kommt mehrfach vor.`, 'gap-service-duplicate');
    ids.add(s.id);
    if (s.position !== null && !(Number.isFinite(s.position[0]) && Number.isFinite(s.position[1]))) {
      throw new InvalidError(`Das Angebot „${s.id}“ hat eine ungültige Koordinate.`, 'gap-service-invalid');
    }
    if (s.capacity !== null && !(Number.isFinite(s.capacity) && s.capacity >= 0)) {
      throw new InvalidError(`Das Angebot „${s.id}“ hat eine ungültige Kapazität (${s.capacity}).`, 'gap-service-invalid');
    }
  }
  const rows = new Set<string>();
  for (const row of input.rows) {
    if (rows.has(row.key)) throw new InvalidError(`Die Zeile „${row.key}“ kommt mehrfach vor.`, 'gap-row-duplicate');
    rows.add(row.key);
    const t = row.thresholds;
    for (const [name, value] of [
      ['minServices', t.minServices],
      ['minCapacityPer1000', t.minCapacityPer1000],
      ['minReachShare', t.minReachShare],
    ] as const) {
      if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
        throw new InvalidError(`Der Schwellenwert ${name} der Zeile „${row.label}“ ist ungültig.`, 'gap-threshold-invalid');
      }
    }
    if (t.minReachShare !== undefined && t.minReachShare > 1) {
      throw new InvalidError(`Der Mindestanteil der Zeile „${row.label}“ muss zwischen 0 und 1 liegen.`, 'gap-threshold-invalid');
    }
    for (const [area, value] of row.targetPopulation) {
      if (value !== null && !(Number.isFinite(value) && value >= 0)) {
        throw new InvalidError(`Die Zielbevölkerung von „${area}“ ist ungültig (${value}).`, 'gap-population-invalid');
      }
    }
  }
  if (input.population) checkPopulationPoints(input.population);
}

/** The rows whose term keys a service carries (indices into `rows`). */
function rowsOf(service: GapService, rows: readonly GapRowSpec[]): number[] {
  const out: number[] = [];
  rows.forEach((row, r) => {
    if (row.termKeys.some((k) => service.termKeys.includes(k))) out.push(r);
  });
  return out;
}

/** Area index (or -1) of each population point, by the same point-in-polygon rule as services. */
export function locatePoints(locator: RegionLocator, points: { x: ArrayLike<number>; y: ArrayLike<number> }): Int32Array {
  const out = new Int32Array(points.x.length);
  for (let i = 0; i < out.length; i++) out[i] = locator.locate(points.x[i]!, points.y[i]!);
  return out;
}

/** The positions (metres, EPSG:3035) of a row's services that have coordinates, in service order. */
export function rowDestinations(services: readonly GapService[], row: GapRowSpec): { x: Float64Array; y: Float64Array } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of services) {
    if (s.position === null || !row.termKeys.some((k) => s.termKeys.includes(k))) continue;
    xs.push(s.position[0]);
    ys.push(s.position[1]);
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

function evaluate(checks: GapCheck[]): GapStatus {
  if (checks.length === 0) return 'not_assessed';
  if (checks.some((c) => c.status === 'gap')) return 'gap';
  if (checks.some((c) => c.status === 'unknown')) return 'unclear';
  return 'ok';
}

function buildCell(
  row: GapRowSpec,
  areaKey: string | null,
  serviceIds: string[],
  knownCapacity: number,
  servicesWithoutCapacity: number,
  targetPopulation: number | null,
  reach: GapReach | null,
): GapCell {
  const flags: GapFlag[] = [];
  let capacityPer1000: number | null = null;
  let lowerBound: number | null = null;
  if (targetPopulation === null) flags.push('population_missing');
  else if (targetPopulation === 0) flags.push('population_zero');
  else {
    const rate = (knownCapacity / targetPopulation) * 1000;
    if (servicesWithoutCapacity > 0) {
      flags.push('capacity_incomplete');
      lowerBound = rate;
    } else capacityPer1000 = rate;
  }
  if (reach !== null) {
    if (reach.share === null) flags.push('reach_no_population');
    if (reach.unknownPoints > 0) flags.push('reach_incomplete');
  }
  const checks: GapCheck[] = [];
  const t = row.thresholds;
  if (t.minServices !== undefined) {
    checks.push({
      criterion: 'services',
      threshold: t.minServices,
      value: serviceIds.length,
      status: serviceIds.length >= t.minServices ? 'met' : 'gap',
    });
  }
  if (t.minCapacityPer1000 !== undefined) {
    const threshold = t.minCapacityPer1000;
    let status: GapCheck['status'];
    let value: number | null = capacityPer1000;
    if (capacityPer1000 !== null) status = capacityPer1000 >= threshold ? 'met' : 'gap';
    else if (lowerBound !== null && lowerBound >= threshold) {
      // The known capacities alone already reach the threshold.
      status = 'met';
      value = lowerBound;
    } else status = 'unknown';
    checks.push({ criterion: 'capacity_per_1000', threshold, value, status });
  }
  if (t.minReachShare !== undefined && row.reach !== null) {
    const share = reach?.share ?? null;
    checks.push({
      criterion: 'reach_share',
      threshold: t.minReachShare,
      value: share,
      status: share === null ? 'unknown' : share >= t.minReachShare ? 'met' : 'gap',
    });
  }
  return {
    rowKey: row.key,
    areaKey,
    serviceIds,
    services: serviceIds.length,
    knownCapacity,
    servicesWithoutCapacity,
    targetPopulation,
    targetVariableKey: row.targetVariableKey,
    period: row.period,
    capacityPer1000,
    capacityPer1000LowerBound: lowerBound,
    reach,
    flags,
    checks,
    status: evaluate(checks),
  };
}

/**
 * Computes the gap matrix. `reachMasks` holds, per row with a reachability limit, the answer of
 * a {@link ReachabilityEngine} for the row's destinations ({@link rowDestinations}) over
 * `input.population`; a row with a limit but without a mask is refused.
 */
export function analyseGapMatrix(input: GapAnalysisInput, reachMasks: ReachMasks = new Map()): GapMatrix {
  checkInput(input);
  const planar = input.areas.map((a) => ({ key: a.key, polygons: a.polygons }));
  // The grid locator (scanlines shared by the cells of a grid row) for population points, and
  // the point-at-a-time locator with the same answers for scattered service locations.
  const locator = new RegionLocator(planar);
  const serviceLocator = new PointLocator(planar);
  const areaCount = input.areas.length;
  const rowCount = input.rows.length;

  // serviceIds[r][a]: ids of row r's services in area a.
  const ids: string[][][] = input.rows.map(() => input.areas.map(() => []));
  const capacity = input.rows.map(() => new Float64Array(areaCount));
  const noCapacity = input.rows.map(() => new Float64Array(areaCount));
  const withoutLocation: string[][] = input.rows.map(() => []);
  const outside: string[][] = input.rows.map(() => []);
  let withoutLocationTotal = 0;
  let outsideTotal = 0;
  let inNoRow = 0;
  for (const service of input.services) {
    const rows = rowsOf(service, input.rows);
    if (rows.length === 0) inNoRow++;
    if (service.position === null) {
      withoutLocationTotal++;
      for (const r of rows) withoutLocation[r]!.push(service.id);
      continue;
    }
    const area = serviceLocator.locate(service.position[0], service.position[1]);
    if (area < 0) {
      outsideTotal++;
      for (const r of rows) outside[r]!.push(service.id);
      continue;
    }
    for (const r of rows) {
      ids[r]![area]!.push(service.id);
      if (service.capacity === null) noCapacity[r]![area]!++;
      else capacity[r]![area]! += service.capacity;
    }
  }

  const population = input.population;
  const areaOfPoint = population ? locatePoints(locator, population) : null;
  let unassignedPoints = 0;
  if (areaOfPoint) for (const a of areaOfPoint) if (a < 0) unassignedPoints++;

  const rows: GapRowResult[] = [];
  for (let r = 0; r < rowCount; r++) {
    const row = input.rows[r]!;
    let tallies: { areas: ReachTally[]; assigned: ReachTally } | null = null;
    let method = '';
    if (row.reach !== null && population !== null && areaOfPoint !== null) {
      const mask = reachMasks.get(row.key);
      if (!mask || mask.reached.length !== population.x.length) {
        throw new InvalidError(`Für die Zeile „${row.label}“ fehlt das Ergebnis der Erreichbarkeit.`, 'gap-reach-missing');
      }
      tallies = tallyReach(population, areaOfPoint, areaCount, mask.reached);
      method = mask.method;
    }
    const weighting: ReachWeighting = input.reachWeighting ?? 'points';
    const reachOf = (tally: ReachTally | undefined, target: number | null): GapReach | null =>
      tally && row.reach !== null
        ? {
            ...tally,
            limit: row.reach,
            method,
            weighting,
            targetReached: tally.share === null || target === null ? null : tally.share * target,
          }
        : null;

    const cells: GapCell[] = [];
    let totalCapacity = 0;
    let totalNoCapacity = 0;
    let totalPopulation: number | null = 0;
    const totalIds: string[] = [];
    input.areas.forEach((area, a) => {
      const areaIds = ids[r]![a]!.sort();
      const pop = row.targetPopulation.get(area.key) ?? null;
      cells.push(buildCell(row, area.key, areaIds, capacity[r]![a]!, noCapacity[r]![a]!, pop, reachOf(tallies?.areas[a], pop)));
      totalCapacity += capacity[r]![a]!;
      totalNoCapacity += noCapacity[r]![a]!;
      totalPopulation = pop === null || totalPopulation === null ? null : totalPopulation + pop;
      totalIds.push(...areaIds);
    });
    let totalReach = reachOf(tallies?.assigned, areaCount === 0 ? null : totalPopulation);
    let targetIncomplete = false;
    if (totalReach !== null && weighting === 'target') {
      // Each area counts with its target population: Σ (share × target) ÷ Σ target.
      let reached = 0;
      let target = 0;
      for (const cell of cells) {
        if (cell.reach === null || cell.reach.share === null) continue;
        if (cell.targetPopulation === null) targetIncomplete = true;
        else {
          reached += cell.reach.targetReached!;
          target += cell.targetPopulation;
        }
      }
      totalReach = {
        ...totalReach,
        share: target > 0 ? Math.min(1, reached / target) : null,
        targetReached: target > 0 ? reached : null,
      };
    }
    const total = buildCell(
      row,
      null,
      totalIds.sort(),
      totalCapacity,
      totalNoCapacity,
      areaCount === 0 ? null : totalPopulation,
      totalReach,
    );
    if (targetIncomplete && !total.flags.includes('reach_incomplete')) total.flags.push('reach_incomplete');
    rows.push({
      key: row.key,
      label: row.label,
      targetVariableKey: row.targetVariableKey,
      period: row.period,
      reach: row.reach,
      thresholds: row.thresholds,
      cells,
      total,
      withoutLocation: withoutLocation[r]!.sort(),
      outsideAreas: outside[r]!.sort(),
    });
  }
  return {
    areas: input.areas.map((a) => ({ key: a.key, name: a.name })),
    rows,
    services: {
      total: input.services.length,
      withoutLocation: withoutLocationTotal,
      outsideAreas: outsideTotal,
      inNoRow,
    },
    population: population ? { points: population.x.length, unassignedPoints } : null,
  };
}

/**
 * Reach masks of the built-in straight-line engine for every row with a distance limit (rows
 * with a travel-time limit need a routing engine and are refused).
 */
export function straightLineMasks(input: GapAnalysisInput): Map<string, { reached: Uint8Array; method: string }> {
  const masks = new Map<string, { reached: Uint8Array; method: string }>();
  if (input.population === null) return masks;
  for (const row of input.rows) {
    if (row.reach === null) continue;
    if (row.reach.kind !== 'distance') {
      throw new InvalidError(
        `Die Zeile „${row.label}“ verlangt eine Fahrzeit; ohne Routing-Anbindung ist nur die Luftlinienentfernung möglich.`,
        'gap-reach-unsupported',
      );
    }
    masks.set(row.key, {
      reached: straightLineReach(input.population, rowDestinations(input.services, row), row.reach.metres),
      method: 'straight_line',
    });
  }
  return masks;
}
