import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import proj4 from 'proj4';
import initSqlJs from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { Point, Polygon } from 'wkx';
import type { Position } from '../../domain/regions/region.ts';
import { listGeoPackageLayers, parseGeoPackageBinary, readGeoPackage } from './geopackage-reader.ts';
import { measureGeometry } from './measures.ts';
import { readGeometryFile } from './read-geometry-file.ts';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const UTM32_WKT =
  'PROJCS["ETRS89 / UTM zone 32N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",SPHEROID["GRS 1980",6378137,298.257222101]],' +
  'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],' +
  'PARAMETER["central_meridian",9],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],' +
  'UNIT["metre",1],AUTHORITY["EPSG","25832"]]';
const ESRI_GK3 =
  'PROJCS["DHDN_3_Degree_Gauss_Kruger_Zone_3",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",' +
  'SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],' +
  'PARAMETER["False_Easting",3500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",1.0],' +
  'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** GeoPackage binary: "GP", version 0, flags (little-endian header, envelope type 1 = minx/maxx/miny/maxy), srs_id, envelope, WKB. */
function gpkgGeometry(rings: Position[][], srsId: number, z = false): Uint8Array {
  const points = rings.map((r) => r.map(([x, y]) => (z ? Point.Z(x, y, 300) : new Point(x, y))));
  const wkb = (z ? Polygon.Z(points[0], points.slice(1)) : new Polygon(points[0], points.slice(1))).toWkb();
  const header = Buffer.alloc(8 + 32);
  header.write('GP', 0, 'latin1');
  header.writeUInt8(0, 2);
  header.writeUInt8(0b0000_0011, 3);
  header.writeInt32LE(srsId, 4);
  const xs = rings.flat().map((p) => p[0]);
  const ys = rings.flat().map((p) => p[1]);
  [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)].forEach((v, i) => header.writeDoubleLE(v, 8 + 8 * i));
  return new Uint8Array(Buffer.concat([header, wkb]));
}

const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

async function buildGeoPackage(): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`
    PRAGMA application_id = 1196444487;
    PRAGMA user_version = 10200;
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
    CREATE TABLE sozialraeume (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POLYGON, schluessel TEXT, name TEXT, einwohner INTEGER);
    CREATE TABLE alt_gk3 (fid INTEGER PRIMARY KEY AUTOINCREMENT, shape POLYGON, name TEXT);
    CREATE TABLE notizen (id INTEGER PRIMARY KEY, text TEXT);
  `);
  db.run(
    `INSERT INTO gpkg_spatial_ref_sys VALUES
    ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
    ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL),
    ('ETRS89 / UTM zone 32N', 25832, 'EPSG', 25832, ?, NULL),
    ('GK3 ohne Code', 100001, 'NONE', 100001, ?, NULL)`,
    [UTM32_WKT, ESRI_GK3],
  );
  db.run(`INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES
    ('notizen', 'attributes', 'notizen', NULL),
    ('sozialraeume', 'features', 'Sozialräume', 25832),
    ('alt_gk3', 'features', 'alt', 100001)`);
  db.run(
    `INSERT INTO gpkg_geometry_columns VALUES ('sozialraeume', 'geom', 'POLYGON', 25832, 0, 0), ('alt_gk3', 'shape', 'POLYGON', 100001, 0, 0)`,
  );
  const insert = db.prepare('INSERT INTO sozialraeume (geom, schluessel, name, einwohner) VALUES (?, ?, ?, ?)');
  insert.run([
    gpkgGeometry([square(642000, 5650000, 1000), [...square(642200, 5650200, 100)].reverse()], 25832),
    '16051-01',
    'Altstadt',
    1234,
  ]);
  insert.run([gpkgGeometry([square(644000, 5650000, 500)], 25832, true), '16051-02', 'Löbervorstadt', 567]);
  insert.run([
    gpkgGeometry(
      [
        [
          [650000, 5650000],
          [651000, 5651000],
          [651000, 5650000],
          [650000, 5651000],
          [650000, 5650000],
        ],
      ],
      25832,
    ),
    '16051-03',
    'Schleife',
    0,
  ]);
  insert.run([null, '16051-04', 'ohne Geometrie', 0]);
  insert.free();
  db.run('INSERT INTO alt_gk3 (shape, name) VALUES (?, ?)', [
    gpkgGeometry([square(3642000, 5650000, 1000)], 100001),
    'Erfurt-Mitte',
  ]);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('readGeoPackage', () => {
  it('reads the first feature table, reprojects EPSG:25832 like proj4 and keeps the attributes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-gpkg-'));
    tempDirs.push(dir);
    const file = path.join(dir, 'sozialraeume.gpkg');
    fs.writeFileSync(file, await buildGeoPackage());

    const result = await readGeometryFile(file);
    expect(result.format).toBe('geopackage');
    expect(result.crs).toEqual({ epsg: 25832, name: 'ETRS89 / UTM zone 32N', source: 'gpkg' });
    expect(result.warnings).toEqual([
      'Die GeoPackage-Datei enthält 2 Ebenen (sozialraeume, alt_gk3); gelesen wurde „sozialraeume“.',
      '1 Objekt(e) ohne Geometrie übersprungen.',
      '1 Objekt(e) mit ungültiger Geometrie wurden repariert.',
    ]);
    expect(result.features.map((f) => f.properties)).toEqual([
      { fid: 1, schluessel: '16051-01', name: 'Altstadt', einwohner: 1234 },
      { fid: 2, schluessel: '16051-02', name: 'Löbervorstadt', einwohner: 567 },
      { fid: 3, schluessel: '16051-03', name: 'Schleife', einwohner: 0 },
    ]);

    const utm = proj4('+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs', 'WGS84');
    const [altstadt, loeber, schleife] = result.features;
    expect(altstadt!.repaired).toBe(false);
    const rings = (altstadt!.geometry as { type: 'Polygon'; coordinates: Position[][] }).coordinates;
    const expected = [square(642000, 5650000, 1000), [...square(642200, 5650200, 100)].reverse()];
    rings.forEach((ring, r) =>
      ring.forEach((p, i) => {
        const q = utm.forward(expected[r]![i]!);
        expect(p[0]).toBeCloseTo(q[0]!, 7);
        expect(p[1]).toBeCloseTo(q[1]!, 7);
      }),
    );
    // 1 km² minus a 0.01 km² hole; UTM scale (0.9996 at the central meridian, ~1.0002 here) is taken out by LAEA.
    expect(measureGeometry(altstadt!.geometry).areaKm2).toBeCloseTo(0.99, 2);
    expect(loeber!.geometry.coordinates[0]![0]).toHaveLength(2);
    expect(schleife!.repaired).toBe(true);
    expect(schleife!.problems).toEqual(['Selbstüberschneidung im Ring 1']);
  });

  it('lists the feature tables', async () => {
    expect(await listGeoPackageLayers(await buildGeoPackage(), 'x.gpkg')).toEqual([
      { table: 'sozialraeume', geometryColumn: 'geom', geometryType: 'POLYGON', srsId: 25832 },
      { table: 'alt_gk3', geometryColumn: 'shape', geometryType: 'POLYGON', srsId: 100001 },
    ]);
  });

  it('reads a named layer whose CRS is given only as ESRI WKT', async () => {
    const result = await readGeoPackage(await buildGeoPackage(), 'sozialraeume.gpkg', { layer: 'ALT_GK3' });
    expect(result.crs).toEqual({ epsg: 31467, name: 'GK3 ohne Code', source: 'gpkg' });
    expect(result.features[0]!.properties).toEqual({ fid: 1, name: 'Erfurt-Mitte' });
    const gk3 = proj4(
      '+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7',
      'WGS84',
    );
    const first = result.features[0]!.geometry.coordinates[0]![0] as Position;
    const q = gk3.forward([3642000, 5650000]);
    expect(first[0]).toBeCloseTo(q[0]!, 7);
    expect(first[1]).toBeCloseTo(q[1]!, 7);
    await expect(readGeoPackage(await buildGeoPackage(), 'x.gpkg', { layer: 'fehlt' })).rejects.toThrow(
      'x.gpkg: Ebene „fehlt“ nicht gefunden; vorhanden: sozialraeume, alt_gk3.',
    );
  });

  it('rejects files that are not GeoPackages with a German message', async () => {
    await expect(readGeoPackage(new TextEncoder().encode('kein sqlite'), 'falsch.gpkg')).rejects.toThrow(/^falsch\.gpkg: /);
    const SQL = await initSqlJs();
    const empty = new SQL.Database();
    empty.run('CREATE TABLE t (a)');
    await expect(readGeoPackage(empty.export(), 'leer.gpkg')).rejects.toThrow(
      'leer.gpkg: Keine GeoPackage-Datei: Die Tabellen gpkg_contents/gpkg_geometry_columns fehlen.',
    );
  });
});

describe('parseGeoPackageBinary', () => {
  it('reads flags, srs_id and the envelope length', () => {
    const blob = gpkgGeometry([square(0, 0, 1)], 25832);
    const parsed = parseGeoPackageBinary(blob);
    expect(parsed.srsId).toBe(25832);
    expect(parsed.empty).toBe(false);
    expect(parsed.wkb.length).toBe(blob.length - 40);
    expect(parsed.wkb[0]).toBe(1);
    expect(() => parseGeoPackageBinary(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow('magic "GP" missing');
  });
});
