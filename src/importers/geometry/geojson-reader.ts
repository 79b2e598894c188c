import iconv from 'iconv-lite';
import { epsgFromCrsName, resolveEpsg, type ResolvedCrs } from './crs.ts';
import { GeometryImportError } from './errors.ts';
import { normalizeFeatures, polygonsFromGeoJson, type RawFeature } from './normalize.ts';
import type { GeometryImportResult } from './types.ts';

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

/**
 * Reads GeoJSON (UTF-8 text, bytes or an already parsed object): a FeatureCollection, a
 * single Feature or a bare geometry. Coordinates are WGS84 lon/lat as RFC 7946 requires,
 * unless a legacy `crs` member (GeoJSON 2008, e.g. `urn:ogc:def:crs:EPSG::25832` or
 * `{"type":"EPSG","properties":{"code":25832}}`) names another supported CRS. Features
 * without an area (points, lines, null) are skipped with a warning.
 */
export function readGeoJson(input: string | Uint8Array | object, fileName: string): GeometryImportResult {
  let data: unknown = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const text = typeof input === 'string' ? input : iconv.decode(Buffer.from(input), 'utf8');
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new GeometryImportError(fileName, `Kein gültiges JSON (${(error as Error).message}).`);
    }
  }
  if (typeof data !== 'object' || data === null) throw new GeometryImportError(fileName, 'Kein GeoJSON-Objekt.');
  const root = data as { type?: unknown; features?: unknown; geometry?: unknown; properties?: unknown; crs?: unknown };

  let items: { properties?: unknown; geometry?: unknown }[];
  if (root.type === 'FeatureCollection') {
    if (!Array.isArray(root.features)) throw new GeometryImportError(fileName, 'FeatureCollection ohne Liste „features“.');
    items = root.features as typeof items;
  } else if (root.type === 'Feature') items = [root];
  else if (typeof root.type === 'string' && GEOMETRY_TYPES.includes(root.type)) items = [{ geometry: root }];
  else throw new GeometryImportError(fileName, `Unbekannter GeoJSON-Typ „${String(root.type)}“.`);

  const warnings: string[] = [];
  const crs = geoJsonCrs(root.crs, fileName, warnings);
  const raw: RawFeature[] = items.map((item) => ({
    properties:
      typeof item?.properties === 'object' && item.properties !== null ? (item.properties as Record<string, unknown>) : {},
    polygons: polygonsFromGeoJson(item?.geometry),
  }));
  const features = normalizeFeatures(raw, crs, fileName, warnings);
  return { format: 'geojson', crs: crs.info, features, warnings };
}

function geoJsonCrs(member: unknown, fileName: string, warnings: string[]): ResolvedCrs {
  if (member === undefined || member === null) return resolveEpsg(4326, fileName, 'default');
  const crs = member as { type?: unknown; properties?: { name?: unknown; code?: unknown } };
  let epsg: number | null = null;
  if (crs.type === 'name' && typeof crs.properties?.name === 'string') epsg = epsgFromCrsName(crs.properties.name);
  else if (String(crs.type).toUpperCase() === 'EPSG' && crs.properties?.code !== undefined) epsg = Number(crs.properties.code);
  if (epsg === null || !Number.isInteger(epsg)) {
    throw new GeometryImportError(fileName, `Das „crs“-Element ${JSON.stringify(member)} wird nicht verstanden.`);
  }
  if (epsg !== 4326) warnings.push(`Veraltetes „crs“-Element: Koordinaten wurden aus EPSG:${epsg} nach WGS84 umgerechnet.`);
  return resolveEpsg(epsg, fileName, 'geojson');
}
