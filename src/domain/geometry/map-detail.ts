import type { Geometry, Position } from '../regions/region.ts';
import { geometryFromPolygons, polygonsOf } from './planar.ts';
import { ATLAS_ZOOM_LEVELS, toleranceForZoom } from './simplify.ts';

/** [minLon, minLat, maxLon, maxLat] in degrees. */
export type LonLatBounds = [number, number, number, number];

/**
 * The stored simplification a map at `zoom` (256-px tiles) needs: the coarsest zoom of
 * {@link ATLAS_ZOOM_LEVELS} not coarser than `zoom`, or null when the full shapes are needed
 * (beyond the finest stored zoom).
 */
export function storedZoomFor(zoom: number): number | null {
  return ATLAS_ZOOM_LEVELS.find((z) => z >= zoom) ?? null;
}

/**
 * Decimal places of lon/lat coordinates that keep the rounding below a tenth of the
 * simplification tolerance of `zoom` (zoom 6: 3 places ≈ 100 m, zoom 8: 4, zoom 10 and 12: 5 ≈ 1 m).
 */
export function decimalsForZoom(zoom: number): number {
  const limit = toleranceForZoom(zoom) / 10;
  let decimals = 0;
  while (10 ** -decimals > limit) decimals++;
  return decimals;
}

/**
 * A geometry with coordinates rounded to `decimals` places and consecutive duplicates
 * dropped. Equal inputs round to equal outputs, so borders shared by neighbours stay shared.
 * A ring that would fall below 4 positions is kept unrounded; the input is not modified.
 */
export function quantizeGeometry(geometry: Geometry, decimals: number): Geometry {
  const factor = 10 ** decimals;
  const round = (v: number) => Math.round(v * factor) / factor;
  const polygons = polygonsOf(geometry).map((polygon) =>
    polygon.map((ring) => {
      const out: Position[] = [];
      for (const [x, y] of ring) {
        const p: Position = [round(x), round(y)];
        const last = out[out.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
      }
      return out.length >= 4 ? out : ring;
    }),
  );
  return geometryFromPolygons(polygons)!;
}

/** The lon/lat bounds of several geometries, or null when there are none. */
export function geometriesBounds(geometries: Iterable<Geometry | null>): LonLatBounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const g of geometries) {
    if (!g) continue;
    for (const polygon of polygonsOf(g))
      for (const [x, y] of polygon[0] ?? []) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
  }
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

const mercatorY = (lat: number) => {
  const phi = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  return (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2;
};

/**
 * The zoom (256-px tiles, as {@link toleranceForZoom}) at which `bounds` fill a map of
 * `width` × `height` CSS pixels with `padding` pixels on each side, as a web map's "fit
 * bounds" chooses it (Web Mercator); a map that fits whole bounds shows at most this much
 * detail per pixel. Degenerate bounds give the finest stored zoom plus one.
 */
export function fitZoom(bounds: LonLatBounds, width: number, height: number, padding = 16): number {
  const dx = (bounds[2] - bounds[0]) / 360;
  const dy = Math.abs(mercatorY(bounds[1]) - mercatorY(bounds[3]));
  const fits = [dx > 0 ? (width - 2 * padding) / (256 * dx) : Infinity, dy > 0 ? (height - 2 * padding) / (256 * dy) : Infinity];
  const scale = Math.min(...fits);
  if (!Number.isFinite(scale) || scale <= 0) return ATLAS_ZOOM_LEVELS[ATLAS_ZOOM_LEVELS.length - 1]! + 1;
  return Math.log2(scale);
}
