import * as polygonClippingModule from 'polygon-clipping';
import type { Geometry, Position } from '../regions/region.ts';
import {
  geometryFromPolygons,
  isCollinear,
  isRingClosed,
  polygonsOf,
  ringSignedArea,
  roundCoordinate,
  samePosition,
} from './planar.ts';
import { findGeometryProblems, TOPOLOGY_PROBLEMS } from './validity.ts';

// The package's types declare named exports, but its ESM build only has a default export.
const polygonClipping: typeof polygonClippingModule =
  (polygonClippingModule as unknown as { default?: typeof polygonClippingModule }).default ?? polygonClippingModule;

/** Outcome of {@link repairGeometry}: `geometry` is null when nothing with an area is left. */
export interface RepairResult {
  geometry: Geometry | null;
  repaired: boolean;
  /** German descriptions of every problem found, e.g. `Selbstüberschneidung im Ring 1`. */
  problems: string[];
}

/**
 * Checks a geometry and repairs it when needed. Valid geometries are returned unchanged (the
 * same object) with `repaired: false`. Otherwise rings are closed, consecutive duplicates
 * and rings without area dropped; if the topology is broken (self-intersections, crossing
 * rings, holes outside the exterior, overlapping parts) each polygon is rebuilt as
 * union(exterior) − union(holes) and all polygons are unioned with polygon-clipping, which
 * keeps every area enclosed by a ring (a bow-tie becomes two triangles). The result follows
 * RFC 7946 (exterior counter-clockwise, holes clockwise, closed rings); new vertices are
 * rounded to `digits` decimals (default 7).
 */
export function repairGeometry(geometry: Geometry, digits = 7): RepairResult {
  const found = findGeometryProblems(geometry);
  if (found.length === 0) return { geometry, repaired: false, problems: [] };
  const problems = found.map((p) => p.message);

  const cleaned = polygonsOf(geometry)
    .map((polygon) => polygon.map(cleanRing))
    .map((polygon) => (polygon[0] ? [polygon[0], ...polygon.slice(1).filter((r): r is Position[] => r !== null)] : []))
    .filter((polygon): polygon is Position[][] => polygon.length > 0);

  let polygons: Position[][][] = cleaned;
  if (found.some((p) => TOPOLOGY_PROBLEMS.has(p.code))) {
    try {
      polygons = rebuild(cleaned, digits);
    } catch {
      // polygon-clipping gives up on a few degenerate inputs; a cleaned, re-oriented geometry is still usable.
      problems.push('Überschneidungen konnten nicht vollständig aufgelöst werden');
    }
  }
  const oriented = polygons.map((polygon) => polygon.map((ring, i) => orient(ring, i === 0)));
  return { geometry: geometryFromPolygons(oriented), repaired: true, problems };
}

/** Closed ring without consecutive duplicates and invalid coordinates, or null when it has no area. */
function cleanRing(ring: readonly Position[]): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    if (out.length === 0 || !samePosition(out[out.length - 1]!, p)) out.push(p);
  }
  if (out.length > 0 && !isRingClosed(out)) out.push(out[0]!);
  if (out.length < 4 || isCollinear(out)) return null;
  return out;
}

function rebuild(polygons: Position[][][], digits: number): Position[][][] {
  const parts = polygons.map(([exterior, ...holes]) => {
    const shell = polygonClipping.union([exterior!]);
    return holes.length === 0 ? shell : polygonClipping.difference(shell, ...holes.map((h) => [h]));
  });
  const [first, ...rest] = parts;
  if (!first) return [];
  const merged = rest.length === 0 ? first : polygonClipping.union(first, ...rest);
  return merged
    .map((polygon) =>
      polygon.map((ring) =>
        cleanRing(ring.map(([x, y]) => [roundCoordinate(x, digits), roundCoordinate(y, digits)] as Position)),
      ),
    )
    .filter((polygon) => polygon[0] !== null)
    .map((polygon) => polygon.filter((r): r is Position[] => r !== null));
}

function orient(ring: Position[], exterior: boolean): Position[] {
  const ccw = ringSignedArea(ring) > 0;
  return ccw === exterior ? ring : [...ring].reverse();
}
