import type { Geometry, Position } from '../regions/region.ts';

/** A polygon as GeoJSON rings: the first ring is the exterior, the others are holes. */
export type PolygonRings = Position[][];

/** The polygons of a geometry as a list (a Polygon becomes a list of one); the arrays are shared, not copied. */
export function polygonsOf(geometry: Geometry): PolygonRings[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** A Polygon for one polygon, a MultiPolygon for several, null for none. */
export function geometryFromPolygons(polygons: PolygonRings[]): Geometry | null {
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0]! };
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** True when both positions have exactly the same coordinates. */
export function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** True when the ring has at least one position and its last position equals its first. */
export function isRingClosed(ring: readonly Position[]): boolean {
  return ring.length > 0 && samePosition(ring[0]!, ring[ring.length - 1]!);
}

/**
 * Signed shoelace area of a ring in the squared unit of its coordinates; positive means
 * counter-clockwise with x to the right and y up. Works for closed and unclosed rings.
 */
export function ringSignedArea(ring: readonly Position[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  // Coordinates relative to the first vertex keep the products small (UTM northings are ~6e6).
  const [ox, oy] = ring[0]!;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % n]!;
    sum += (x1 - ox) * (y2 - oy) - (x2 - ox) * (y1 - oy);
  }
  return sum / 2;
}

/** Area of a polygon (exterior minus holes, regardless of their orientation) in the squared unit of its coordinates. */
export function polygonArea(polygon: readonly Position[][]): number {
  let area = 0;
  polygon.forEach((ring, index) => {
    const a = Math.abs(ringSignedArea(ring));
    area += index === 0 ? a : -a;
  });
  return Math.max(area, 0);
}

/** True when all positions lie on one straight line (or coincide), so the ring encloses no area at all. */
export function isCollinear(ring: readonly Position[]): boolean {
  const a = ring[0];
  const b = ring.find((p) => a && !samePosition(p, a));
  if (!a || !b) return true;
  return ring.every((p) => orientation(a, b, p) === 0);
}

/** Cross product of (b − a) × (c − a): positive when a → b → c turns left. */
export function orientation(a: Position, b: Position, c: Position): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** True when p lies on the closed segment a–b (exact arithmetic on the given doubles). */
export function onSegment(p: Position, a: Position, b: Position): boolean {
  if (orientation(a, b, p) !== 0) return false;
  return (
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])
  );
}

/** Ray-casting test of a point against one ring: 1 inside, 0 on the boundary, −1 outside. */
export function pointInRing(point: Position, ring: readonly Position[]): -1 | 0 | 1 {
  const [x, y] = point;
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (onSegment(point, a, b)) return 0;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** Point against a polygon with holes: 1 inside, 0 on a boundary, −1 outside or inside a hole. */
export function pointInPolygon(point: Position, polygon: readonly Position[][]): -1 | 0 | 1 {
  const [exterior, ...holes] = polygon;
  if (!exterior) return -1;
  const outer = pointInRing(point, exterior);
  if (outer !== 1) return outer;
  for (const hole of holes) {
    const h = pointInRing(point, hole);
    if (h === 0) return 0;
    if (h === 1) return -1;
  }
  return 1;
}

/** Bounding box `[minX, minY, maxX, maxY]` of some rings; all Infinity/−Infinity when empty. */
export function ringsBBox(rings: readonly (readonly Position[])[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Applies `fn` to every position, returning a new geometry of the same type. */
export function mapPositions(geometry: Geometry, fn: (p: Position) => Position): Geometry {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map((r) => r.map(fn)) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map((r) => r.map(fn))) };
}

/** Rounds a coordinate to `digits` decimals (7 decimals ≈ 1 cm in degrees); −0 becomes 0. */
export function roundCoordinate(value: number, digits = 7): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f + 0;
}
