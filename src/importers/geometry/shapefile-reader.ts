import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { openShp } from 'shapefile';
import type { Position } from '../../domain/regions/region.ts';
import { resolveEpsg, resolveWkt, type ResolvedCrs } from './crs.ts';
import { dbfLooksLikeUtf8, encodingFromCpg, encodingFromLanguageDriver, readDbf } from './dbf.ts';
import { GeometryImportError } from './errors.ts';
import { normalizeFeatures, polygonsFromGeoJson, type RawFeature } from './normalize.ts';
import type { GeometryImportResult } from './types.ts';

/** The files of one shapefile; only `.shp` is required. Text files may be given as bytes or strings. */
export interface ShapefileParts {
  shp: Uint8Array;
  dbf?: Uint8Array;
  shx?: Uint8Array;
  prj?: Uint8Array | string;
  cpg?: Uint8Array | string;
}

/** Options for the shapefile readers. */
export interface ShapefileOptions {
  /** Name of the shapefile inside a zip (without extension, case-insensitive); default: the first. */
  layer?: string;
  /** EPSG code to assume when there is no .prj file. */
  assumeEpsg?: number;
}

const SHAPE_TYPES: Record<number, string> = {
  0: 'Null',
  1: 'Punkt',
  3: 'Linie',
  5: 'Polygon',
  8: 'Multipunkt',
  11: 'Punkt Z',
  13: 'Linie Z',
  15: 'Polygon Z',
  18: 'Multipunkt Z',
  21: 'Punkt M',
  23: 'Linie M',
  25: 'Polygon M',
  28: 'Multipunkt M',
  31: 'Multipatch',
};

/**
 * Reads one shapefile from its parts. `name` is the file name without extension used in
 * messages (e.g. `VG5000_KRS` or `gebiete.zip/VG5000_KRS`). The CRS comes from the .prj
 * (EPSG authority or recognised parameters), else `options.assumeEpsg`, else WGS84 when all
 * coordinates are plausible degrees; otherwise a German error. Attributes are decoded with
 * the .cpg encoding, else the DBF language driver, else Windows-1252 (with a warning).
 */
export async function readShapefileParts(
  parts: ShapefileParts,
  name: string,
  options: ShapefileOptions = {},
): Promise<GeometryImportResult> {
  const warnings: string[] = [];
  const shpFile = `${name}.shp`;
  if (parts.shp.length < 100 || new DataView(parts.shp.buffer, parts.shp.byteOffset, 100).getInt32(0, false) !== 9994) {
    throw new GeometryImportError(shpFile, 'Keine gültige Shapefile-Datei (.shp-Kopf fehlt oder ist beschädigt).');
  }
  const shapeType = new DataView(parts.shp.buffer, parts.shp.byteOffset, 100).getInt32(32, true);
  if (![5, 15, 25].includes(shapeType)) {
    throw new GeometryImportError(
      shpFile,
      `Die Datei enthält Geometrien vom Typ „${SHAPE_TYPES[shapeType] ?? shapeType}“; importiert werden nur Flächen (Polygone).`,
    );
  }

  const geometries = await readShapes(parts.shp, shpFile);
  const properties = readAttributes(parts, name, geometries.length, warnings);
  if (parts.shx) {
    const shxCount =
      (new DataView(parts.shx.buffer, parts.shx.byteOffset, parts.shx.byteLength).getInt32(24, false) * 2 - 100) / 8;
    if (shxCount !== geometries.length) {
      warnings.push(`${name}.shx nennt ${shxCount} Datensätze, ${shpFile} enthält ${geometries.length}; die .shp-Datei gilt.`);
    }
  }

  const raw: RawFeature[] = [];
  geometries.forEach((geometry, i) => {
    const attributes = properties ? properties[i] : {};
    if (attributes === null) return;
    raw.push({ properties: attributes ?? {}, polygons: shapefileRings(geometry), record: i + 1 });
  });
  const skippedDeleted = properties ? properties.filter((p, i) => p === null && i < geometries.length).length : 0;
  if (skippedDeleted > 0) warnings.push(`${skippedDeleted} als gelöscht markierte Datensätze übersprungen.`);

  const crs = resolveShapefileCrs(parts, name, raw, options, warnings);
  const features = normalizeFeatures(raw, crs, shpFile, warnings);
  return { format: 'shapefile', crs: crs.info, features, warnings };
}

/**
 * Reads a zipped shapefile (folders inside the zip are fine, `__MACOSX` entries are ignored).
 * With several shapefiles in the zip the first (by path) is read unless `options.layer`
 * names another; the others are listed in a warning.
 */
export async function readShapefileZip(
  zip: Uint8Array,
  fileName: string,
  options: ShapefileOptions = {},
): Promise<GeometryImportResult> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, { filter: (f) => !f.name.startsWith('__MACOSX/') && !f.name.endsWith('/') });
  } catch (error) {
    throw new GeometryImportError(fileName, `Die ZIP-Datei kann nicht gelesen werden (${(error as Error).message}).`);
  }
  const stems = Object.keys(entries)
    .filter((p) => /\.shp$/i.test(p))
    .map((p) => p.slice(0, -4))
    .sort();
  if (stems.length === 0) throw new GeometryImportError(fileName, 'Die ZIP-Datei enthält keine .shp-Datei.');
  const baseName = (stem: string) => stem.split('/').pop()!;
  let stem = stems[0]!;
  const warnings: string[] = [];
  if (options.layer !== undefined) {
    const wanted = stems.find((s) => baseName(s).toLowerCase() === options.layer!.toLowerCase());
    if (!wanted) {
      throw new GeometryImportError(
        fileName,
        `Ebene „${options.layer}“ nicht gefunden; vorhanden: ${stems.map(baseName).join(', ')}.`,
      );
    }
    stem = wanted;
  } else if (stems.length > 1) {
    warnings.push(
      `Die ZIP-Datei enthält ${stems.length} Shapefiles (${stems.map(baseName).join(', ')}); gelesen wurde „${baseName(stem)}“.`,
    );
  }
  const part = (ext: string) => {
    const key = Object.keys(entries).find((p) => p.toLowerCase() === `${stem}.${ext}`.toLowerCase());
    return key ? entries[key] : undefined;
  };
  const result = await readShapefileParts(
    { shp: part('shp')!, dbf: part('dbf'), shx: part('shx'), prj: part('prj'), cpg: part('cpg') },
    `${fileName}/${baseName(stem)}`,
    options,
  );
  return { ...result, warnings: [...warnings, ...result.warnings] };
}

async function readShapes(shp: Uint8Array, file: string): Promise<unknown[]> {
  try {
    const source = await openShp(shp);
    const out: unknown[] = [];
    for (;;) {
      const { done, value } = await source.read();
      if (done) return out;
      out.push(value);
    }
  } catch (error) {
    throw new GeometryImportError(file, `Die Geometrien können nicht gelesen werden (${(error as Error).message}).`);
  }
}

/**
 * The shapefile library groups rings by the shapefile rule (clockwise = exterior) and returns
 * them in that winding; reversing every ring gives RFC 7946 winding. Rings it could not
 * place (a counter-clockwise ring outside any exterior) then turn up as clockwise exteriors
 * and are reported and repaired like any wrongly wound ring.
 */
function shapefileRings(geometry: unknown): Position[][][] | null | string {
  const polygons = polygonsFromGeoJson(geometry);
  if (!Array.isArray(polygons)) return polygons;
  return polygons.map((polygon) => polygon.map((ring) => [...ring].reverse()));
}

function text(value: Uint8Array | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : iconv.decode(Buffer.from(value), 'utf8');
}

function readAttributes(
  parts: ShapefileParts,
  name: string,
  shapes: number,
  warnings: string[],
): (Record<string, unknown> | null)[] | null {
  if (!parts.dbf) {
    warnings.push(`${name}.dbf fehlt: Die Objekte haben keine Attribute.`);
    return null;
  }
  let encoding: string;
  const cpg = text(parts.cpg);
  if (cpg !== undefined) {
    const fromCpg = encodingFromCpg(cpg);
    if (!fromCpg) throw new GeometryImportError(`${name}.cpg`, `Unbekannte Zeichenkodierung „${cpg.trim()}“.`);
    encoding = fromCpg;
  } else {
    const fromDriver = encodingFromLanguageDriver(parts.dbf[29] ?? 0);
    encoding = fromDriver ?? 'win1252';
    const hint = dbfLooksLikeUtf8(parts.dbf)
      ? ' Die Texte sehen allerdings nach UTF-8 aus – bitte eine .cpg-Datei mit „UTF-8“ beilegen.'
      : '';
    warnings.push(
      `${name}.cpg fehlt: Attributtexte wurden als ${fromDriver ? encoding : 'Windows-1252 (ISO-8859-1)'} gelesen.${hint}`,
    );
  }
  let records: (Record<string, unknown> | null)[];
  try {
    records = readDbf(parts.dbf, encoding).records;
  } catch (error) {
    throw new GeometryImportError(`${name}.dbf`, `Die Attributtabelle kann nicht gelesen werden (${(error as Error).message}).`);
  }
  if (records.length !== shapes) {
    warnings.push(`${name}.dbf hat ${records.length} Datensätze, ${name}.shp ${shapes}; zugeordnet wird nach Reihenfolge.`);
  }
  return records;
}

function resolveShapefileCrs(
  parts: ShapefileParts,
  name: string,
  raw: RawFeature[],
  options: ShapefileOptions,
  warnings: string[],
): ResolvedCrs {
  const prj = text(parts.prj)?.replace(/^\uFEFF/, '');
  if (prj !== undefined && prj.trim() !== '') return resolveWkt(prj, `${name}.prj`, 'prj');
  if (options.assumeEpsg !== undefined) {
    warnings.push(`${name}.prj fehlt: EPSG:${options.assumeEpsg} wurde wie angegeben angenommen.`);
    return resolveEpsg(options.assumeEpsg, `${name}.shp`, 'default');
  }
  if (allDegrees(raw)) {
    warnings.push(`${name}.prj fehlt: Die Koordinaten sehen nach Längen/Breiten aus, WGS84 (EPSG:4326) wurde angenommen.`);
    return resolveEpsg(4326, `${name}.shp`, 'default');
  }
  throw new GeometryImportError(
    `${name}.shp`,
    'Die .prj-Datei fehlt, daher ist das Koordinatenreferenzsystem unbekannt. Bitte die .prj-Datei mitliefern (z. B. im ZIP).',
  );
}

function allDegrees(raw: RawFeature[]): boolean {
  return raw.every(
    (f) =>
      !Array.isArray(f.polygons) ||
      f.polygons.every((p) => p.every((r) => r.every(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90))),
  );
}
