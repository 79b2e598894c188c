import * as polygonClippingModule from 'polygon-clipping';
import type { Geometry, Position } from '../regions/region.ts';
import { geometryFromPolygons, polygonsOf, ringSignedArea } from './planar.ts';

// The package's types declare named exports, but its ESM build only has a default export.
const polygonClipping: typeof polygonClippingModule =
  (polygonClippingModule as unknown as { default?: typeof polygonClippingModule }).default ?? polygonClippingModule;

/**
 * The union of WGS84 polygons (e.g. the Gemeinden of a planning area) as one geometry with
 * shared borders dissolved; rings follow RFC 7946 (exterior counter-clockwise, holes
 * clockwise). Returns null for an empty input.
 */
export function unionGeometries(geometries: readonly Geometry[]): Geometry | null {
  if (geometries.length === 0) return null;
  const parts = geometries.map((g) => polygonsOf(g) as unknown as polygonClippingModule.MultiPolygon);
  const merged = polygonClipping.union(parts[0]!, ...parts.slice(1));
  const oriented = merged.map((polygon) =>
    polygon.map((ring, index) => {
      const positions = ring.map((p) => [p[0], p[1]] as Position);
      const ccw = ringSignedArea(positions) > 0;
      return ccw === (index === 0) ? positions : positions.reverse();
    }),
  );
  return geometryFromPolygons(oriented);
}
