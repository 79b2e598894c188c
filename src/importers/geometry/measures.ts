import { areaKm2, representativePoint } from '../../domain/geometry/measures.ts';
import { polygonsOf, ringsBBox, roundCoordinate } from '../../domain/geometry/planar.ts';
import type { Geometry, Position } from '../../domain/regions/region.ts';
import { equalAreaProjection } from './crs.ts';

/** Measures of a WGS84 geometry for the atlas. */
export interface GeometryMeasures {
  /** Area in km² on ETRS89-LAEA (EPSG:3035), holes subtracted. */
  areaKm2: number;
  /** `[lon, lat]` inside the largest polygon (its centroid when that lies inside), 7 decimals. */
  representativePoint: Position;
  /** `[minLon, minLat, maxLon, maxLat]`. */
  bbox: [number, number, number, number];
}

/** Area, representative point and bounding box of a valid lon/lat geometry (see the domain functions for the rules). */
export function measureGeometry(geometry: Geometry): GeometryMeasures {
  const point = representativePoint(geometry, equalAreaProjection);
  return {
    areaKm2: areaKm2(geometry, equalAreaProjection.forward),
    representativePoint: [roundCoordinate(point[0]), roundCoordinate(point[1])],
    bbox: ringsBBox(polygonsOf(geometry).flat()),
  };
}
