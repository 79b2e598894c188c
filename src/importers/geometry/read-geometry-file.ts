import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { GeometryImportError } from './errors.ts';
import { readGeoJson } from './geojson-reader.ts';
import { readGeoPackage, type GeoPackageOptions } from './geopackage-reader.ts';
import { readShapefileParts, readShapefileZip, type ShapefileOptions, type ShapefileParts } from './shapefile-reader.ts';
import type { GeometryImportResult } from './types.ts';

/** Options understood by {@link readGeometryFile}; `layer` selects a shapefile in a zip or a GeoPackage table. */
export type GeometryFileOptions = ShapefileOptions & GeoPackageOptions;

/**
 * Reads a geometry file from disk, chosen by extension: `.zip` (zipped shapefile), `.shp`
 * (with its `.dbf`, `.shx`, `.prj`, `.cpg` siblings, extensions case-insensitive), `.gpkg`,
 * `.geojson`/`.json`. Messages name the file without its directory.
 */
export async function readGeometryFile(filePath: string, options: GeometryFileOptions = {}): Promise<GeometryImportResult> {
  const name = path.basename(filePath);
  const ext = path.extname(filePath).toLowerCase();
  const read = async () => {
    try {
      return new Uint8Array(await readFile(filePath));
    } catch (error) {
      throw new GeometryImportError(
        name,
        `Die Datei kann nicht gelesen werden (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      );
    }
  };
  switch (ext) {
    case '.zip':
      return readShapefileZip(await read(), name, options);
    case '.shp':
      return readShapefileParts(await readSiblings(filePath), name.slice(0, -4), options);
    case '.gpkg':
      return readGeoPackage(await read(), name, options);
    case '.geojson':
    case '.json':
      return readGeoJson(await read(), name);
    default:
      throw new GeometryImportError(
        name,
        'Unbekanntes Dateiformat; erwartet werden .zip (Shapefile), .shp, .gpkg oder .geojson.',
      );
  }
}

async function readSiblings(shpPath: string): Promise<ShapefileParts> {
  const dir = path.dirname(shpPath);
  const stem = path.basename(shpPath).slice(0, -4).toLowerCase();
  const names = await readdir(dir);
  const find = async (ext: string) => {
    const hit = names.find((n) => n.toLowerCase() === `${stem}.${ext}`);
    return hit ? new Uint8Array(await readFile(path.join(dir, hit))) : undefined;
  };
  const shp = await find('shp');
  if (!shp) throw new GeometryImportError(path.basename(shpPath), 'Die Datei wurde nicht gefunden.');
  return { shp, dbf: await find('dbf'), shx: await find('shx'), prj: await find('prj'), cpg: await find('cpg') };
}
