import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { Geometry as WkbGeometry } from 'wkx';
import { crsByEpsg, identifyWkt, resolveCrs, resolveEpsg, type ResolvedCrs } from './crs.ts';
import { GeometryImportError } from './errors.ts';
import { normalizeFeatures, polygonsFromGeoJson, type RawFeature } from './normalize.ts';
import type { GeometryImportResult } from './types.ts';

/** Options for {@link readGeoPackage}. */
export interface GeoPackageOptions {
  /** Feature table (`gpkg_contents.table_name`, case-insensitive); default: the first feature table. */
  layer?: string;
  /** EPSG code to assume for an undefined SRS (srs_id −1 or 0). */
  assumeEpsg?: number;
}

/** A feature table of a GeoPackage as listed in gpkg_contents / gpkg_geometry_columns. */
export interface GeoPackageLayer {
  table: string;
  geometryColumn: string;
  geometryType: string;
  srsId: number;
}

let sqlJs: Promise<SqlJsStatic> | undefined;

/** Header of a GeoPackage geometry blob (GeoPackage 1.x, clause 2.1.3) and where its WKB starts. */
export interface GeoPackageBinary {
  srsId: number;
  empty: boolean;
  wkb: Uint8Array;
}

/**
 * Splits a GeoPackage geometry blob: magic `GP`, version, flags (bit 0 byte order of the
 * header, bits 1–3 envelope type → 0/32/48/48/64 bytes, bit 4 empty, bit 5 extended type),
 * srs_id, envelope, then standard WKB. Throws an Error (English reason) for other blobs.
 */
export function parseGeoPackageBinary(blob: Uint8Array): GeoPackageBinary {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('no GeoPackage geometry (magic "GP" missing)');
  const flags = blob[3]!;
  if (flags & 0x20) throw new Error('extended GeoPackage geometry types are not supported');
  const envelopeLength = [0, 32, 48, 48, 64][(flags >> 1) & 0x07];
  if (envelopeLength === undefined) throw new Error('invalid envelope indicator');
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const srsId = view.getInt32(4, (flags & 0x01) === 1);
  return { srsId, empty: (flags & 0x10) !== 0, wkb: blob.subarray(8 + envelopeLength) };
}

/** The feature tables of an open GeoPackage in gpkg_contents order. */
function listLayers(db: Database): GeoPackageLayer[] {
  const result = db.exec(
    `SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id
       FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
      WHERE lower(c.data_type) = 'features'
      ORDER BY c.rowid`,
  );
  return (result[0]?.values ?? []).map(([table, column, type, srs]) => ({
    table: String(table),
    geometryColumn: String(column),
    geometryType: String(type),
    srsId: Number(srs),
  }));
}

/** The feature tables of a GeoPackage, e.g. to let the user choose a layer; throws a German error for other files. */
export async function listGeoPackageLayers(bytes: Uint8Array, fileName: string): Promise<GeoPackageLayer[]> {
  const db = await openDatabase(bytes, fileName);
  try {
    return layersOrThrow(db, fileName);
  } finally {
    db.close();
  }
}

async function openDatabase(bytes: Uint8Array, fileName: string): Promise<Database> {
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  try {
    const db = new SQL.Database(bytes);
    db.exec('SELECT count(*) FROM sqlite_master');
    return db;
  } catch (error) {
    throw new GeometryImportError(fileName, `Keine gültige GeoPackage-/SQLite-Datei (${(error as Error).message}).`);
  }
}

function layersOrThrow(db: Database, fileName: string): GeoPackageLayer[] {
  let layers: GeoPackageLayer[];
  try {
    layers = listLayers(db);
  } catch {
    throw new GeometryImportError(fileName, 'Keine GeoPackage-Datei: Die Tabellen gpkg_contents/gpkg_geometry_columns fehlen.');
  }
  if (layers.length === 0) throw new GeometryImportError(fileName, 'Die GeoPackage-Datei enthält keine Feature-Tabelle.');
  return layers;
}

/**
 * Reads one feature table of a GeoPackage (SQLite via sql.js): the first in gpkg_contents,
 * or `options.layer`. The CRS comes from gpkg_spatial_ref_sys (EPSG organisation code, else
 * the definition WKT); geometries are GeoPackage binary with WKB (Z/M dropped). All other
 * columns become properties.
 */
export async function readGeoPackage(
  bytes: Uint8Array,
  fileName: string,
  options: GeoPackageOptions = {},
): Promise<GeometryImportResult> {
  const db = await openDatabase(bytes, fileName);
  try {
    const warnings: string[] = [];
    const layers = layersOrThrow(db, fileName);
    let layer = layers[0]!;
    if (options.layer !== undefined) {
      const wanted = layers.find((l) => l.table.toLowerCase() === options.layer!.toLowerCase());
      if (!wanted) {
        throw new GeometryImportError(
          fileName,
          `Ebene „${options.layer}“ nicht gefunden; vorhanden: ${layers.map((l) => l.table).join(', ')}.`,
        );
      }
      layer = wanted;
    } else if (layers.length > 1) {
      warnings.push(
        `Die GeoPackage-Datei enthält ${layers.length} Ebenen (${layers.map((l) => l.table).join(', ')}); gelesen wurde „${layer.table}“.`,
      );
    }

    const crs = resolveSrs(db, layer.srsId, `${fileName} (Ebene ${layer.table})`, options, warnings);
    const raw: RawFeature[] = [];
    const statement = db.prepare(`SELECT * FROM "${layer.table.replace(/"/g, '""')}"`);
    try {
      let row = 0;
      while (statement.step()) {
        row++;
        const values = statement.getAsObject();
        const properties: Record<string, unknown> = {};
        for (const [column, value] of Object.entries(values)) if (column !== layer.geometryColumn) properties[column] = value;
        raw.push({ properties, polygons: decodeGeometry(values[layer.geometryColumn], fileName, layer.table, row) });
      }
    } finally {
      statement.free();
    }
    const features = normalizeFeatures(raw, crs, `${fileName} (Ebene ${layer.table})`, warnings);
    return { format: 'geopackage', crs: crs.info, features, warnings };
  } finally {
    db.close();
  }
}

function decodeGeometry(value: SqlValue | undefined, fileName: string, table: string, row: number) {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Uint8Array)) {
    throw new GeometryImportError(fileName, `Ebene ${table}, Objekt ${row}: Die Geometriespalte enthält keinen Binärwert.`);
  }
  try {
    const binary = parseGeoPackageBinary(value);
    if (binary.empty) return null;
    return polygonsFromGeoJson(WkbGeometry.parse(Buffer.from(binary.wkb)).toGeoJSON());
  } catch (error) {
    throw new GeometryImportError(
      fileName,
      `Ebene ${table}, Objekt ${row}: Geometrie nicht lesbar (${(error as Error).message}).`,
    );
  }
}

function resolveSrs(db: Database, srsId: number, file: string, options: GeoPackageOptions, warnings: string[]): ResolvedCrs {
  const undefinedSrs = srsId === -1 || srsId === 0;
  if (undefinedSrs && options.assumeEpsg !== undefined) {
    warnings.push(`Raumbezug nicht definiert (srs_id ${srsId}): EPSG:${options.assumeEpsg} wurde wie angegeben angenommen.`);
    return resolveEpsg(options.assumeEpsg, file, 'default');
  }
  if (srsId === 0) {
    warnings.push('Raumbezug „undefined geographic“ (srs_id 0): WGS84 (EPSG:4326) wurde angenommen.');
    return resolveEpsg(4326, file, 'default');
  }
  if (srsId === -1) throw new GeometryImportError(file, 'Der Raumbezug ist nicht definiert (srs_id −1, „undefined cartesian“).');

  const statement = db.prepare(
    'SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
  );
  let row: Record<string, SqlValue> | null = null;
  try {
    statement.bind([srsId]);
    if (statement.step()) row = statement.getAsObject();
  } finally {
    statement.free();
  }
  if (!row) throw new GeometryImportError(file, `srs_id ${srsId} fehlt in gpkg_spatial_ref_sys.`);
  const srsName = String(row.srs_name ?? '');
  const code = Number(row.organization_coordsys_id);
  if (String(row.organization ?? '').toUpperCase() === 'EPSG' && crsByEpsg(code))
    return resolveCrs(crsByEpsg(code)!, 'gpkg', srsName || undefined);
  const definition = String(row.definition ?? '');
  const found = definition && definition.toLowerCase() !== 'undefined' ? identifyWkt(definition) : null;
  if (found?.crs) return resolveCrs(found.crs, 'gpkg', srsName || found.name || undefined);
  throw new GeometryImportError(
    file,
    `Unbekanntes Koordinatenreferenzsystem „${srsName || found?.name || srsId}“ (${row.organization ?? '?'}:${row.organization_coordsys_id ?? '?'}${found ? `, ${found.reason}` : ''}).`,
  );
}
