import type { Geometry, Position } from '../regions/region.ts';
import { pointInPolygon, polygonArea, polygonsOf, ringSignedArea, ringsBBox } from './planar.ts';

/** Maps lon/lat (degrees) to a plane in metres and back, e.g. ETRS89-LAEA (EPSG:3035). */
export interface PlaneProjection {
  forward(lonLat: Position): Position;
  inverse(xy: Position): Position;
}

/**
 * Area in km² of a lon/lat geometry: every vertex is projected with `toEqualArea` (which must
 * be an equal-area projection in metres) and the planar shoelace areas of the exteriors minus
 * their holes are summed. Edges are straight on that plane, which for boundary data with
 * vertices every few hundred metres differs from geodesic edges by far less than 0.01 %.
 */
export function areaKm2(geometry: Geometry, toEqualArea: (lonLat: Position) => Position): number {
  let m2 = 0;
  for (const polygon of polygonsOf(geometry)) m2 += polygonArea(polygon.map((ring) => ring.map(toEqualArea)));
  return m2 / 1e6;
}

/** Area-weighted centroid of a polygon (holes subtracted) in its own coordinates; null when it has no area. */
export function polygonCentroid(polygon: readonly Position[][]): Position | null {
  let sumA = 0;
  let sumX = 0;
  let sumY = 0;
  const origin = polygon[0]?.[0];
  if (!origin) return null;
  polygon.forEach((ring, index) => {
    const signedRing = ringSignedArea(ring);
    // Exterior counts positively and holes negatively, whatever their winding.
    const sign = (index === 0 ? 1 : -1) * Math.sign(signedRing);
    const n = ring.length;
    for (let i = 0; i < n; i++) {
      const x1 = ring[i]![0] - origin[0];
      const y1 = ring[i]![1] - origin[1];
      const x2 = ring[(i + 1) % n]![0] - origin[0];
      const y2 = ring[(i + 1) % n]![1] - origin[1];
      const cross = (x1 * y2 - x2 * y1) * sign;
      sumA += cross;
      sumX += (x1 + x2) * cross;
      sumY += (y1 + y2) * cross;
    }
  });
  if (sumA === 0) return null;
  return [origin[0] + sumX / (3 * sumA), origin[1] + sumY / (3 * sumA)];
}

/**
 * A point strictly inside a polygon (GEOS-style interior point): a horizontal scan line at
 * height `y` (default: the middle of the bounding box), moved off any vertex height so that
 * no vertex lies on it, is cut with all rings; the midpoint of the widest inside interval is
 * returned. Null only for polygons without area.
 */
export function interiorPoint(polygon: readonly Position[][], y?: number): Position | null {
  const [, minY, , maxY] = ringsBBox(polygon);
  if (!Number.isFinite(minY) || minY === maxY) return null;
  const scanY = safeScanY(polygon, y ?? (minY + maxY) / 2);
  const xs: number[] = [];
  for (const ring of polygon) {
    const n = ring.length;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      if (a[1] > scanY !== b[1] > scanY) xs.push(a[0] + ((scanY - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
    }
  }
  xs.sort((p, q) => p - q);
  let best: Position | null = null;
  let bestWidth = 0;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const width = xs[i + 1]! - xs[i]!;
    if (width > bestWidth) {
      bestWidth = width;
      best = [(xs[i]! + xs[i + 1]!) / 2, scanY];
    }
  }
  return best;
}

/** The scan height itself if no vertex has it, otherwise the midpoint to the nearest vertex height above or below. */
function safeScanY(polygon: readonly Position[][], y: number): number {
  let below = -Infinity;
  let above = Infinity;
  let hit = false;
  for (const ring of polygon) {
    for (const [, vy] of ring) {
      if (vy === y) hit = true;
      else if (vy < y && vy > below) below = vy;
      else if (vy > y && vy < above) above = vy;
    }
  }
  if (!hit) return y;
  return Number.isFinite(above) ? (y + above) / 2 : (y + below) / 2;
}

/**
 * Representative point `[lon, lat]` of a geometry: the area-weighted centroid of its largest
 * polygon (holes subtracted), computed on `plane` (e.g. an equal-area projection; plain
 * lon/lat when omitted). When that centroid is not strictly inside the polygon (crescents,
 * rings around a hole such as Weimarer Land around Weimar) the {@link interiorPoint} on the
 * centroid's scan line is used instead, which is guaranteed to be inside.
 */
export function representativePoint(geometry: Geometry, plane?: PlaneProjection): Position {
  const forward = plane ? plane.forward : (p: Position) => p;
  const inverse = plane ? plane.inverse : (p: Position) => p;
  let largest: Position[][] | null = null;
  let largestArea = -1;
  for (const polygon of polygonsOf(geometry)) {
    const projected = polygon.map((ring) => ring.map(forward));
    const area = polygonArea(projected);
    if (area > largestArea) {
      largestArea = area;
      largest = projected;
    }
  }
  if (!largest || largestArea <= 0) throw new Error('Geometrie ohne Fläche hat keinen repräsentativen Punkt');
  const centroid = polygonCentroid(largest);
  if (centroid && pointInPolygon(centroid, largest) === 1) return inverse(centroid);
  const inside = interiorPoint(largest, centroid?.[1]) ?? interiorPoint(largest);
  if (!inside) throw new Error('Geometrie ohne Fläche hat keinen repräsentativen Punkt');
  return inverse(inside);
}
