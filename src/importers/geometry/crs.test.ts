import fs from 'node:fs';
import path from 'node:path';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { epsgFromCrsName, identifyWkt, resolveEpsg, resolveWkt } from './crs.ts';

const VG5000 = path.resolve(import.meta.dirname, '../../../../shared/data/boundaries/bkg_vg5000_2021_gk3');

const ESRI_UTM32 =
  'PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const ESRI_GK3 =
  'PROJCS["DHDN_3_Degree_Gauss_Kruger_Zone_3",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",' +
  'SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],' +
  'PARAMETER["False_Easting",3500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",1.0],' +
  'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const ESRI_LAEA =
  'PROJCS["ETRS_1989_LAEA",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],' +
  'UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Azimuthal_Equal_Area"],PARAMETER["False_Easting",4321000.0],' +
  'PARAMETER["False_Northing",3210000.0],PARAMETER["Central_Meridian",10.0],PARAMETER["Latitude_Of_Origin",52.0],UNIT["Meter",1.0]]';
const WKT2_UTM32 =
  'PROJCRS["ETRS89 / UTM zone 32N",BASEGEOGCRS["ETRS89",DATUM["European Terrestrial Reference System 1989",ELLIPSOID["GRS 1980",6378137,298.257222101,' +
  'LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]]],CONVERSION["UTM zone 32N",METHOD["Transverse Mercator",' +
  'ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Longitude of natural origin",9,' +
  'ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Scale factor at natural origin",0.9996,SCALEUNIT["unity",1]],PARAMETER["False easting",500000,' +
  'LENGTHUNIT["metre",1]],PARAMETER["False northing",0,LENGTHUNIT["metre",1]]],CS[Cartesian,2],AXIS["(E)",east,ORDER[1],LENGTHUNIT["metre",1]],' +
  'AXIS["(N)",north,ORDER[2],LENGTHUNIT["metre",1]]]';
const ESRI_WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const epsgOf = (wkt: string) => identifyWkt(wkt).crs?.epsg ?? null;

describe('identifyWkt', () => {
  it('recognises ESRI WKT without EPSG code by its parameters: 25832, 31467, 3035, 4326', () => {
    expect(identifyWkt(ESRI_UTM32)).toMatchObject({ name: 'ETRS_1989_UTM_Zone_32N', crs: { epsg: 25832 } });
    expect(identifyWkt(ESRI_GK3)).toMatchObject({ name: 'DHDN_3_Degree_Gauss_Kruger_Zone_3', crs: { epsg: 31467 } });
    expect(identifyWkt(ESRI_LAEA)).toMatchObject({ name: 'ETRS_1989_LAEA', crs: { epsg: 3035 } });
    expect(epsgOf(ESRI_WGS84)).toBe(4326);
    expect(epsgOf(WKT2_UTM32)).toBe(25832);
  });

  it('reads the VG5000 .prj as it is, and without its AUTHORITY', () => {
    const prj = fs.readFileSync(path.join(VG5000, 'VG5000_KRS.prj'), 'utf8');
    expect(prj).toContain('AUTHORITY["EPSG",31467]');
    expect(identifyWkt(prj)).toMatchObject({ name: 'DHDN_3_Degree_Gauss_Zone_3', crs: { epsg: 31467 } });
    const withoutCode = prj.replace(/,AUTHORITY\["EPSG",\s*"?\d+"?\]/g, '');
    expect(withoutCode).not.toContain('AUTHORITY');
    expect(epsgOf(withoutCode)).toBe(31467);
    expect(resolveWkt(withoutCode, 'VG5000_KRS.prj', 'prj').info).toEqual({
      epsg: 31467,
      name: 'DHDN_3_Degree_Gauss_Zone_3',
      source: 'prj',
    });
  });

  it('decides by parameters, not by the name', () => {
    expect(epsgOf(ESRI_UTM32.replace('"Central_Meridian",9.0', '"Central_Meridian",15.0'))).toBe(25833);
    expect(epsgOf(ESRI_GK3.replace('DHDN_3_Degree_Gauss_Kruger_Zone_3', 'Mein_System'))).toBe(31467);
    expect(epsgOf(ESRI_GK3.replace('3500000.0', '4500000.0').replace('"Central_Meridian",9.0', '"Central_Meridian",12.0'))).toBe(
      31468,
    );
    expect(epsgOf(ESRI_UTM32.replace('500000.0', '32500000.0'))).toBe(4647);
    // GK3 parameters on GRS80 are not DHDN, and a Bessel datum other than DHDN is not either.
    expect(
      epsgOf(ESRI_GK3.replace('SPHEROID["Bessel_1841",6377397.155,299.1528128]', 'SPHEROID["GRS_1980",6378137.0,298.257222101]')),
    ).toBeNull();
    expect(epsgOf(ESRI_GK3.replace('D_Deutsches_Hauptdreiecksnetz', 'D_MGI'))).toBeNull();
    expect(epsgOf(ESRI_UTM32.replace('"Scale_Factor",0.9996', '"Scale_Factor",1.0'))).toBeNull();
    expect(epsgOf(ESRI_UTM32.replace('UNIT["Meter",1.0]]', 'UNIT["Foot_US",0.3048006096012192]]'))).toBeNull();
  });

  it('uses a top-level EPSG authority when present', () => {
    expect(epsgOf(ESRI_UTM32.replace(/\]$/, ',AUTHORITY["EPSG","25833"]]'))).toBe(25833);
  });

  it('fails with a German message naming the file and the WKT name', () => {
    const austrian = ESRI_GK3.replace('DHDN_3_Degree_Gauss_Kruger_Zone_3', 'MGI_Austria_GK_M31').replace(
      'D_Deutsches_Hauptdreiecksnetz',
      'D_MGI',
    );
    expect(() => resolveWkt(austrian, 'gebiete.prj', 'prj')).toThrow(
      /^gebiete\.prj: Unbekanntes Koordinatenreferenzsystem „MGI_Austria_GK_M31“ \(Datum\/Ellipsoid nicht erkannt\)/,
    );
    expect(() => resolveWkt('kein WKT', 'x.prj', 'prj')).toThrow(
      /^x\.prj: Unbekanntes Koordinatenreferenzsystem „kein WKT“ \(kein gültiges WKT/,
    );
    expect(() => resolveEpsg(2056, 'x.geojson', 'geojson')).toThrow(
      /^x\.geojson: Das Koordinatenreferenzsystem EPSG:2056 wird nicht unterstützt/,
    );
  });
});

describe('transforms', () => {
  it('reproject to WGS84 lon/lat rounded to 7 decimals, as proj4 does directly', () => {
    const utm = resolveEpsg(25832, 'x', 'default');
    const expected = proj4('+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs', 'WGS84').forward([642000, 5650000]);
    const [lon, lat] = utm.toWgs84([642000, 5650000]);
    expect(lon).toBeCloseTo(expected[0]!, 7);
    expect(lat).toBeCloseTo(expected[1]!, 7);
    expect(String(lon).split('.')[1]!.length).toBeLessThanOrEqual(7);
  });

  it('applies the DHDN datum shift for Gauss-Krüger (about 100–200 m compared with none)', () => {
    const gk3 = resolveEpsg(31467, 'x', 'default');
    const withoutShift = proj4('+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel +units=m +no_defs', 'WGS84');
    const a = gk3.toWgs84([3650000, 5650000]);
    const b = withoutShift.forward([3650000, 5650000]);
    const metres = Math.hypot((a[0] - b[0]!) * 111320 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]!) * 110540);
    expect(metres).toBeGreaterThan(100);
    expect(metres).toBeLessThan(200);
  });
});

describe('epsgFromCrsName', () => {
  it('understands the usual GeoJSON crs names', () => {
    expect(epsgFromCrsName('urn:ogc:def:crs:EPSG::25832')).toBe(25832);
    expect(epsgFromCrsName('urn:ogc:def:crs:EPSG:6.6:31467')).toBe(31467);
    expect(epsgFromCrsName('EPSG:3035')).toBe(3035);
    expect(epsgFromCrsName('http://www.opengis.net/def/crs/EPSG/0/25833')).toBe(25833);
    expect(epsgFromCrsName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
    expect(epsgFromCrsName('irgendwas')).toBeNull();
  });
});
