import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import { afterAll, describe, expect, it } from 'vitest';
import { polygonCentroid } from '../../domain/geometry/measures.ts';
import { polygonArea, polygonsOf } from '../../domain/geometry/planar.ts';
import type { Geometry, Position } from '../../domain/regions/region.ts';
import { equalAreaProjection } from './crs.ts';
import { writePolygonShapefile } from './fixtures/shapefile-writer.ts';
import { measureGeometry } from './measures.ts';
import { readGeometryFile } from './read-geometry-file.ts';
import { readShapefileParts } from './shapefile-reader.ts';

const BOUNDARIES = path.resolve(import.meta.dirname, '../../../../shared/data/boundaries');
const VG5000 = path.join(BOUNDARIES, 'bkg_vg5000_2021_gk3');
const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Area-weighted centroid of all parts on ETRS89-LAEA, in metres. */
function centroidLaea(geometry: Geometry): Position {
  let area = 0;
  let x = 0;
  let y = 0;
  for (const polygon of polygonsOf(geometry)) {
    const projected = polygon.map((ring) => ring.map(equalAreaProjection.forward));
    const a = polygonArea(projected);
    const c = polygonCentroid(projected)!;
    area += a;
    x += a * c[0];
    y += a * c[1];
  }
  return [x / area, y / area];
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Local georeferencing offset per Kreis: the component-wise median of the centroid offsets
 * (VG5000 − GeoJSON) of the 15 Kreise nearest to it, itself included. A CRS or datum error
 * moves all neighbouring Kreise the same way and survives the median; the differences
 * between the two generalisations (VG5000 1:5 million vs. VG250 simplified to 4 %, islands
 * such as Helgoland or Neuwerk, Rhine exclaves) are local and random and do not.
 */
function localOffsets(items: { centre: Position; offset: Position }[], k = 15): number[] {
  return items.map((item) => {
    const nearest = [...items]
      .sort(
        (a, b) =>
          Math.hypot(a.centre[0] - item.centre[0], a.centre[1] - item.centre[1]) -
          Math.hypot(b.centre[0] - item.centre[0], b.centre[1] - item.centre[1]),
      )
      .slice(0, k);
    return Math.hypot(median(nearest.map((n) => n.offset[0])), median(nearest.map((n) => n.offset[1])));
  });
}

describe('VG5000 shapefiles (EPSG:31467, BKG originals)', () => {
  it('reprojects the Kreise to within 150 m of the WGS84 GeoJSON of 2022', async () => {
    const vg = await readGeometryFile(path.join(VG5000, 'VG5000_KRS.shp'));
    expect(vg.crs).toEqual({ epsg: 31467, name: 'DHDN_3_Degree_Gauss_Zone_3', source: 'prj' });
    expect(vg.features).toHaveLength(401);
    const reference = await readGeometryFile(path.join(BOUNDARIES, 'de_kreise_2022_wgs84.geojson'));
    const byAgs = new Map(reference.features.map((f) => [String(f.properties.ags), f.geometry]));

    const items: { ags: string; centre: Position; offset: Position; lonLat: Position }[] = [];
    const missing: string[] = [];
    for (const feature of vg.features) {
      const ags = String(feature.properties.AGS);
      const other = byAgs.get(ags);
      if (!other) {
        missing.push(ags);
        continue;
      }
      const a = centroidLaea(feature.geometry);
      const b = centroidLaea(other);
      items.push({ ags, centre: b, offset: [a[0] - b[0], a[1] - b[1]], lonLat: equalAreaProjection.inverse(a) });
    }
    expect(missing).toEqual(['16056']);
    expect(items).toHaveLength(400);

    const local = localOffsets(items);
    const raw = items.map((i) => Math.hypot(i.offset[0], i.offset[1]));
    const nationwide: Position = [median(items.map((i) => i.offset[0])), median(items.map((i) => i.offset[1]))];
    const worstRaw = items[raw.indexOf(Math.max(...raw))]!.ags;
    console.info(
      `VG5000 (EPSG:31467) vs. de_kreise_2022 (${items.length} Kreise): local offset max ${Math.max(...local).toFixed(1)} m, ` +
        `median ${median(local).toFixed(1)} m; nationwide median offset (${nationwide[0].toFixed(1)}, ${nationwide[1].toFixed(1)}) m; ` +
        `raw centroid distance median ${median(raw).toFixed(0)} m, max ${Math.max(...raw).toFixed(0)} m (${worstRaw}, generalisation/territory).`,
    );
    expect(Math.max(...local)).toBeLessThanOrEqual(150);
    expect(Math.hypot(...nationwide)).toBeLessThan(20);

    // Negative control: the same measure without the DHDN datum shift shows the ~160 m error.
    const withShift = proj4(
      `+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7`,
      'WGS84',
    );
    const withoutShift = proj4('+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel', 'WGS84');
    const shifted = items.map((i) => {
      const wrong = equalAreaProjection.forward(withoutShift.forward(withShift.inverse(i.lonLat)) as Position);
      return { centre: i.centre, offset: [wrong[0] - i.centre[0], wrong[1] - i.centre[1]] as Position };
    });
    expect(median(localOffsets(shifted))).toBeGreaterThan(120);
  });

  it('reads the 631 Thuringian Gemeinden with UTF-8 names and plausible areas', async () => {
    const gem = await readGeometryFile(path.join(VG5000, 'VG5000_GEM_TH.shp'));
    expect(gem.features).toHaveLength(631);
    const reference = await readGeometryFile(path.join(BOUNDARIES, 'th_gemeinden_2022_wgs84.geojson'));
    const keys = new Set(gem.features.map((f) => f.properties.AGS));
    expect([...keys].every((k) => typeof k === 'string' && /^16\d{6}$/.test(k))).toBe(true);
    // Same Gemeinden; only Eisenach changed its key when it joined the Wartburgkreis on 2021-07-01.
    const renamed = new Set([...keys].map((k) => (k === '16056000' ? '16063105' : k)));
    expect(keys.has('16056000')).toBe(true);
    expect(renamed).toEqual(new Set(reference.features.map((f) => f.properties.ags)));

    const byAgs = new Map(gem.features.map((f) => [f.properties.AGS, f]));
    expect(byAgs.get('16068051')?.properties.GEN).toBe('Sömmerda');
    expect(byAgs.get('16077012')?.properties.GEN).toBe('Gößnitz');

    const erfurt = measureGeometry(byAgs.get('16051000')!.geometry);
    expect(Math.abs(erfurt.areaKm2 / 269.9 - 1)).toBeLessThan(0.02);
    expect(erfurt.representativePoint[0]).toBeCloseTo(11.02, 1);
    expect(erfurt.representativePoint[1]).toBeCloseTo(50.98, 1);
    const total = gem.features.reduce((s, f) => s + measureGeometry(f.geometry).areaKm2, 0);
    expect(Math.abs(total / 16202 - 1)).toBeLessThan(0.01);
    console.info(`VG5000_GEM_TH: Erfurt ${erfurt.areaKm2.toFixed(1)} km², Thüringen ${total.toFixed(0)} km²`);

    // Two Gemeinden are stored with an exterior ring that touches itself (an "inverted" hole).
    const repaired = gem.features.filter((f) => f.repaired);
    expect(repaired.map((f) => [f.properties.GEN, f.problems])).toEqual([
      ['Bad Sulza', ['Ring 1 berührt sich selbst in einem Punkt']],
      ['Langenwetzendorf', ['Ring 1 berührt sich selbst in einem Punkt']],
    ]);
    expect(gem.warnings).toEqual(['2 Objekt(e) mit ungültiger Geometrie wurden repariert.']);
  });

  it('reads a zipped shapefile made from the VG5000 Länder: 16 Länder with GF = 9', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-geometry-'));
    tempDirs.push(dir);
    const files = Object.fromEntries(
      ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => [
        `vg5000/VG5000_LAN.${ext}`,
        new Uint8Array(fs.readFileSync(path.join(VG5000, `VG5000_LAN.${ext}`))),
      ]),
    );
    const zipPath = path.join(dir, 'laender.zip');
    fs.writeFileSync(zipPath, zipSync({ ...files, '__MACOSX/vg5000/._VG5000_LAN.shp': new Uint8Array([0]) }));

    const result = await readGeometryFile(zipPath);
    expect(result.format).toBe('shapefile');
    expect(result.crs).toEqual({ epsg: 31467, name: 'DHDN_3_Degree_Gauss_Zone_3', source: 'prj' });
    expect(result.features).toHaveLength(25);
    const laender = result.features.filter((f) => f.properties.GF === 9);
    expect(laender).toHaveLength(16);
    expect(new Set(laender.map((f) => f.properties.AGS))).toEqual(
      new Set(Array.from({ length: 16 }, (_, i) => String(i + 1).padStart(2, '0'))),
    );
    expect(laender.find((f) => f.properties.AGS === '16')?.properties.GEN).toBe('Thüringen');
    const area = laender.reduce((s, f) => s + measureGeometry(f.geometry).areaKm2, 0);
    // Germany: 357,6xx km² (Destatis); VG5000 is generalised to 1:5 million.
    expect(Math.abs(area / 357_600 - 1)).toBeLessThan(0.01);

    await expect(readGeometryFile(zipPath, { layer: 'VG5000_KRS' })).rejects.toThrow(
      'laender.zip: Ebene „VG5000_KRS“ nicht gefunden; vorhanden: VG5000_LAN.',
    );
  });
});

describe('shapefile fixtures', () => {
  const utm = proj4('+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs', 'WGS84');
  const esriUtm32 =
    'PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
    'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
  // Shapefile winding: exterior clockwise (x east, y north).
  const square = (x: number, y: number, size: number): Position[] => [
    [x, y],
    [x, y + size],
    [x + size, y + size],
    [x + size, y],
    [x, y],
  ];
  const records = [
    { rings: [square(642000, 5650000, 1000)], attributes: { NAME: 'Gößnitz', KEY: '16077012' } },
    {
      rings: [
        [
          [650000, 5650000],
          [651000, 5651000],
          [651000, 5650000],
          [650000, 5651000],
          [650000, 5650000],
        ] as Position[],
      ],
      attributes: { NAME: 'Schleife', KEY: '2' },
    },
  ];

  it('reads Windows-1252 attributes when the .cpg is missing, and ESRI WKT without EPSG code', async () => {
    const parts = writePolygonShapefile(records, 'win1252');
    const result = await readShapefileParts({ ...parts, prj: esriUtm32 }, 'gebiete');
    expect(result.crs).toEqual({ epsg: 25832, name: 'ETRS_1989_UTM_Zone_32N', source: 'prj' });
    expect(result.features[0]!.properties).toEqual({ NAME: 'Gößnitz', KEY: '16077012' });
    expect(result.warnings).toContain('gebiete.cpg fehlt: Attributtexte wurden als Windows-1252 (ISO-8859-1) gelesen.');

    const [first, second] = result.features;
    expect(first!.repaired).toBe(false);
    const ring = (first!.geometry as { coordinates: Position[][] }).coordinates[0]!;
    // RFC 7946 winding after the import: the clockwise shapefile ring is reversed.
    const expected = [...square(642000, 5650000, 1000)].reverse().map((p) => utm.forward(p));
    ring.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(expected[i]![0]!, 7);
      expect(p[1]).toBeCloseTo(expected[i]![1]!, 7);
    });
    expect(second!.repaired).toBe(true);
    expect(second!.problems).toContain('Selbstüberschneidung im Ring 1');
    expect(measureGeometry(second!.geometry).areaKm2).toBeCloseTo(0.5, 2);
  });

  it('honours the .cpg (UTF-8, 1252, ISO-8859-1) and hints at UTF-8 without one', async () => {
    const utf8 = writePolygonShapefile(records, 'utf8');
    const withCpg = await readShapefileParts({ ...utf8, prj: esriUtm32, cpg: 'UTF-8\n' }, 'a');
    expect(withCpg.features[0]!.properties.NAME).toBe('Gößnitz');
    const latin = writePolygonShapefile(records, 'win1252');
    for (const cpg of ['1252', 'ISO-8859-1', 'ANSI 1252']) {
      const r = await readShapefileParts({ ...latin, prj: esriUtm32, cpg: iconv.encode(cpg, 'latin1') }, 'b');
      expect(r.features[0]!.properties.NAME).toBe('Gößnitz');
    }
    const noCpg = await readShapefileParts({ ...utf8, prj: esriUtm32 }, 'c');
    expect(noCpg.warnings.some((w) => w.includes('sehen allerdings nach UTF-8 aus'))).toBe(true);
    await expect(readShapefileParts({ ...latin, prj: esriUtm32, cpg: 'KLINGONISCH' }, 'd')).rejects.toThrow(
      'd.cpg: Unbekannte Zeichenkodierung „KLINGONISCH“.',
    );
  });

  it('refuses files without usable CRS with German messages naming the file', async () => {
    const parts = writePolygonShapefile(records, 'win1252');
    await expect(readShapefileParts(parts, 'ohne_prj')).rejects.toThrow(/^ohne_prj\.shp: Die \.prj-Datei fehlt/);
    const assumed = await readShapefileParts(parts, 'ohne_prj', { assumeEpsg: 25832 });
    expect(assumed.crs).toEqual({ epsg: 25832, name: 'ETRS89 / UTM zone 32N', source: 'default' });
    const strange = esriUtm32
      .replace('ETRS_1989_UTM_Zone_32N', 'Lokales_System')
      .replace('"Central_Meridian",9.0', '"Central_Meridian",9.5');
    await expect(readShapefileParts({ ...parts, prj: strange }, 'gebiete')).rejects.toThrow(
      /^gebiete\.prj: Unbekanntes Koordinatenreferenzsystem „Lokales_System“ \(Projektionsparameter passen zu keinem unterstützten System\)/,
    );
    await expect(readShapefileParts({ shp: new Uint8Array(100) }, 'kaputt')).rejects.toThrow(
      'kaputt.shp: Keine gültige Shapefile-Datei',
    );
  });
});
