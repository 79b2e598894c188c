/**
 * Reachability: which population points (Zensus grid cell centres or region centroids, with
 * their population as weight) have a matching service within a limit, and which share of the
 * population that is.
 *
 * Coordinates are metres in ETRS89-LAEA (EPSG:3035), the CRS of the Zensus grid, so grid cells
 * need no reprojection. Straight-line distances measured on that plane differ from the true
 * (ellipsoidal) distance by at most 0.022 % in Thuringia and 0.11 % in Germany (measured against
 * Vincenty distances on GRS80; LAEA's scale error grows with the square of the distance from its
 * centre at 52° N, 10° E); for a 1,000 m radius that is at most 0.22 m. See ADR 0014.
 *
 * The built-in engine measures straight lines; road-network engines (OSRM, Valhalla, …) plug in
 * behind {@link ReachabilityEngine} as adapters.
 */
import { InvalidError } from '../shared/errors.ts';
import { PointBucketIndex, type PlanarPoints } from './point-index.ts';

export type { PlanarPoints } from './point-index.ts';

/** How people travel, for engines that measure travel time on a network. */
export type TravelMode = 'walk' | 'bicycle' | 'car' | 'transit';

/**
 * The limit within which a service counts as reachable: a distance in metres (straight line for
 * the built-in engine, along the network for a routing engine) or a travel time in minutes.
 */
export type ReachLimit = { kind: 'distance'; metres: number } | { kind: 'travel_time'; minutes: number; mode: TravelMode };

/** One question to an engine: which origins reach at least one destination within the limit? */
export interface ReachRequest {
  /** Population points, metres in EPSG:3035. */
  origins: PlanarPoints;
  /** Service locations, metres in EPSG:3035. */
  destinations: PlanarPoints;
  limit: ReachLimit;
}

/**
 * A reachability engine (port). The answer is one byte per origin, 1 when at least one
 * destination lies within the limit (border included), in the order of the origins. Engines
 * must be deterministic for equal requests and must not drop or reorder origins; an engine
 * that cannot answer a limit says so in {@link supports} instead of approximating it.
 */
export interface ReachabilityEngine {
  /** Method name recorded with every result, e.g. `straight_line`, `osrm:foot`. */
  readonly method: string;
  /** Whether the engine can answer this limit (the straight-line engine: distances only). */
  supports(limit: ReachLimit): boolean;
  reach(request: ReachRequest): Promise<Uint8Array>;
}

/** Checks a distance limit: a finite number of metres, at least 0. */
export function checkDistance(metres: number): number {
  if (!Number.isFinite(metres) || metres < 0) {
    throw new InvalidError(`Die Entfernung muss eine Zahl ab 0 Meter sein (erhalten: ${metres}).`, 'gap-radius-invalid');
  }
  return metres;
}

/**
 * For each origin, 1 when a destination lies within `metres` (straight line on the plane,
 * border included), else 0; a bucket index makes this O(origins + destinations) for
 * evenly spread points.
 */
export function straightLineReach(origins: PlanarPoints, destinations: PlanarPoints, metres: number): Uint8Array {
  const index = new PointBucketIndex(destinations, checkDistance(metres));
  const n = origins.x.length;
  const reached = new Uint8Array(n);
  if (index.count === 0) return reached;
  for (let i = 0; i < n; i++) if (index.anyWithin(origins.x[i]!, origins.y[i]!)) reached[i] = 1;
  return reached;
}

/** The built-in engine: straight-line distance on the EPSG:3035 plane; refuses travel times. */
export const straightLineEngine: ReachabilityEngine = {
  method: 'straight_line',
  supports: (limit) => limit.kind === 'distance',
  reach(request) {
    if (request.limit.kind !== 'distance') {
      return Promise.reject(
        new InvalidError(
          'Fahrzeiten brauchen eine Routing-Anbindung; ohne sie ist nur die Luftlinienentfernung möglich.',
          'gap-reach-unsupported',
        ),
      );
    }
    return Promise.resolve(straightLineReach(request.origins, request.destinations, request.limit.metres));
  },
};

/** Population points: positions (metres, EPSG:3035) with the population living there as weight. */
export interface PopulationPoints extends PlanarPoints {
  /** Persons at the point; null when unknown (e.g. a secret grid cell), then excluded and counted. */
  weight: ArrayLike<number | null>;
}

/** Reached and total population of one area (or of all areas together). */
export interface ReachTally {
  /** Sum of the weights of the reached points. */
  reachedWeight: number;
  /** Sum of the known weights. */
  totalWeight: number;
  /** Points with a known weight (including weight 0). */
  points: number;
  /** Points whose weight is unknown; they enter neither sum. */
  unknownPoints: number;
  /** reachedWeight / totalWeight, between 0 and 1; null when totalWeight is 0. */
  share: number | null;
}

/**
 * Tallies reached population per area: `areaOfPoint[i]` is the area index of point i (-1 for
 * none); the result has one tally per area and one over all assigned points (`assigned`).
 */
export function tallyReach(
  points: PopulationPoints,
  areaOfPoint: ArrayLike<number>,
  areaCount: number,
  reached: ArrayLike<number>,
): { areas: ReachTally[]; assigned: ReachTally } {
  const reachedW = new Float64Array(areaCount + 1);
  const totalW = new Float64Array(areaCount + 1);
  const known = new Float64Array(areaCount + 1);
  const unknown = new Float64Array(areaCount + 1);
  const n = points.x.length;
  for (let i = 0; i < n; i++) {
    const area = areaOfPoint[i]!;
    if (area < 0) continue;
    const w = points.weight[i];
    if (w === null || w === undefined) {
      unknown[area]!++;
      continue;
    }
    known[area]!++;
    totalW[area]! += w;
    if (reached[i] === 1) reachedW[area]! += w;
  }
  const tally = (r: number, t: number, p: number, u: number): ReachTally => ({
    reachedWeight: r,
    totalWeight: t,
    points: p,
    unknownPoints: u,
    // Clamped because the two sums are accumulated separately and may differ in the last bit.
    share: t > 0 ? Math.min(1, r / t) : null,
  });
  const areas: ReachTally[] = [];
  let r = 0;
  let t = 0;
  let p = 0;
  let u = 0;
  for (let a = 0; a < areaCount; a++) {
    areas.push(tally(reachedW[a]!, totalW[a]!, known[a]!, unknown[a]!));
    r += reachedW[a]!;
    t += totalW[a]!;
    p += known[a]!;
    u += unknown[a]!;
  }
  return { areas, assigned: tally(r, t, p, u) };
}

/** Checks population points: equal lengths, finite coordinates, weights finite and ≥ 0 or null. */
export function checkPopulationPoints(points: PopulationPoints): void {
  const n = points.x.length;
  if (points.y.length !== n || points.weight.length !== n) {
    throw new InvalidError('Die Bevölkerungspunkte haben ungleich viele Koordinaten und Gewichte.', 'gap-points-invalid');
  }
  for (let i = 0; i < n; i++) {
    const w = points.weight[i];
    if (
      !Number.isFinite(points.x[i]) ||
      !Number.isFinite(points.y[i]) ||
      (w !== null && !(Number(w) >= 0 && Number.isFinite(w)))
    ) {
      throw new InvalidError(
        `Bevölkerungspunkt ${i + 1} ist ungültig (${points.x[i]}, ${points.y[i]}, Gewicht ${w}).`,
        'gap-points-invalid',
      );
    }
  }
}
