import type { Geometry } from '../../domain/regions/region.ts';
import type { CrsInfo } from './crs.ts';

/** The file formats the geometry importers read. */
export type GeometryFormat = 'shapefile' | 'geopackage' | 'geojson';

/** One imported area: attributes as read, geometry in WGS84 lon/lat (RFC 7946 winding), repair report in German. */
export interface ImportedFeature {
  properties: Record<string, unknown>;
  geometry: Geometry;
  /** True when the geometry was changed to make it valid; `problems` then says why. */
  repaired: boolean;
  problems: string[];
}

/** What every geometry reader returns; `warnings` are German notes for the user (skipped objects, assumed encodings, …). */
export interface GeometryImportResult {
  format: GeometryFormat;
  crs: CrsInfo;
  features: ImportedFeature[];
  warnings: string[];
}
