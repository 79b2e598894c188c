import { geometryFromPolygons } from '../../domain/geometry/planar.ts';
import { repairGeometry } from '../../domain/geometry/repair.ts';
import type { Position } from '../../domain/regions/region.ts';
import type { ResolvedCrs } from './crs.ts';
import { GeometryImportError } from './errors.ts';
import type { ImportedFeature } from './types.ts';

/** A feature as a reader found it: polygons (list of rings) in the file's own coordinates. */
export interface RawFeature {
  properties: Record<string, unknown>;
  /** Null when the record has no geometry; a string names an unsupported geometry type. */
  polygons: Position[][][] | null | string;
  /** 1-based record number for messages; defaults to the position in the list. */
  record?: number;
}

/**
 * Polygons of a GeoJSON-like geometry (Polygon, MultiPolygon or a GeometryCollection of them)
 * with Z/M values dropped; null for a missing geometry, the type name for other types.
 */
export function polygonsFromGeoJson(geometry: unknown): Position[][][] | null | string {
  if (geometry === null || geometry === undefined) return null;
  if (typeof geometry !== 'object') return String(geometry);
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  const ring = (r: unknown): Position[] => (Array.isArray(r) ? r : []).map((p) => [Number(p?.[0]), Number(p?.[1])] as Position);
  const polygon = (p: unknown): Position[][] => (Array.isArray(p) ? p : []).map(ring);
  if (g.type === 'Polygon') return [polygon(g.coordinates)];
  if (g.type === 'MultiPolygon') return (Array.isArray(g.coordinates) ? g.coordinates : []).map(polygon);
  if (g.type === 'GeometryCollection' && Array.isArray(g.geometries)) {
    const out: Position[][][] = [];
    for (const part of g.geometries) {
      const polygons = polygonsFromGeoJson(part);
      if (typeof polygons === 'string') return `GeometryCollection mit ${polygons}`;
      if (polygons) out.push(...polygons);
    }
    return out;
  }
  return String(g.type);
}

/**
 * Reprojects raw features to WGS84, repairs invalid polygons and drops records without an
 * area (each with a German warning naming the record, 1-based). Throws when a reprojected
 * coordinate is not a valid lon/lat, which means the CRS does not fit the coordinates.
 */
export function normalizeFeatures(
  raw: readonly RawFeature[],
  crs: ResolvedCrs,
  file: string,
  warnings: string[],
): ImportedFeature[] {
  const features: ImportedFeature[] = [];
  const unsupported = new Map<string, number>();
  let empty = 0;
  let repaired = 0;
  raw.forEach((feature, index) => {
    const record = feature.record ?? index + 1;
    if (typeof feature.polygons === 'string') {
      unsupported.set(feature.polygons, (unsupported.get(feature.polygons) ?? 0) + 1);
      return;
    }
    const polygons = (feature.polygons ?? []).filter((p) => p.length > 0 && p[0]!.length > 0);
    const geometry = geometryFromPolygons(polygons.map((p) => p.map((r) => r.map((pt) => toLonLat(pt, crs, file, record)))));
    if (!geometry) {
      empty++;
      return;
    }
    const result = repairGeometry(geometry);
    if (!result.geometry) {
      warnings.push(`Objekt ${record}: Geometrie ohne Fläche (${result.problems.join('; ')}), übersprungen.`);
      return;
    }
    if (result.repaired) repaired++;
    features.push({
      properties: feature.properties,
      geometry: result.geometry,
      repaired: result.repaired,
      problems: result.problems,
    });
  });
  if (empty > 0) warnings.push(`${empty} Objekt(e) ohne Geometrie übersprungen.`);
  for (const [type, count] of unsupported)
    warnings.push(`${count} Objekt(e) vom Typ ${type} übersprungen (nur Flächen werden importiert).`);
  if (repaired > 0) warnings.push(`${repaired} Objekt(e) mit ungültiger Geometrie wurden repariert.`);
  if (features.length === 0) throw new GeometryImportError(file, 'Die Datei enthält keine Flächen (Polygon/MultiPolygon).');
  return features;
}

function toLonLat(p: Position, crs: ResolvedCrs, file: string, record: number): Position {
  if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) return p;
  const out = crs.toWgs84(p);
  if (!(Math.abs(out[0]) <= 180 && Math.abs(out[1]) <= 90)) {
    throw new GeometryImportError(
      file,
      `Objekt ${record}: Koordinate (${p[0]}, ${p[1]}) ergibt in ${crs.info.name} keine gültige geografische Position – passt das Koordinatenreferenzsystem zur Datei?`,
    );
  }
  return out;
}
