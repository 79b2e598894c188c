import proj4 from 'proj4';
import type { PlaneProjection } from '../../domain/geometry/measures.ts';
import { roundCoordinate } from '../../domain/geometry/planar.ts';
import type { Position } from '../../domain/regions/region.ts';
import { GeometryImportError } from './errors.ts';
import { child, children, nameOf, parseWkt, type WktNode } from './wkt.ts';

/** Where a CRS came from: the .prj file, gpkg_spatial_ref_sys, a GeoJSON `crs` member or a default. */
export type CrsSource = 'prj' | 'gpkg' | 'geojson' | 'default';

/** The coordinate reference system of an imported file as reported to the caller. */
export interface CrsInfo {
  epsg: number | null;
  name: string;
  source: CrsSource;
}

type Datum = 'wgs84' | 'etrs89' | 'dhdn';

/** A supported CRS with the parameters used to recognise it in WKT without an EPSG code. */
export interface CrsDefinition {
  epsg: number;
  name: string;
  proj4: string;
  kind: 'geographic' | 'tmerc' | 'laea';
  datum: Datum;
  /** Projection parameters (degrees, metres); unused for geographic CRS. */
  lon0: number;
  lat0: number;
  k: number;
  x0: number;
  y0: number;
}

/**
 * DHDN → WGS84/ETRS89 seven-parameter Helmert transformation (position vector convention,
 * as PROJ's +towgs84 expects): EPSG transformation 1777 "DHDN to WGS 84 (2)", the set also
 * used by the EPSG definitions of 31466–31469 in PROJ/epsg.io. Its stated accuracy for
 * Germany as a whole is about 3 m (better than the ~5 m goal for atlas maps); the
 * state-specific BeTA2007 grid would give < 1 m but needs a grid file. Without any shift
 * GK coordinates land ~100–150 m off.
 */
export const DHDN_TOWGS84 = '598.1,73.7,418.2,0.202,0.045,-2.455,6.7';

// ETRS89 and WGS84 differ by well under 1 m in Germany, which the atlas ignores (+towgs84=0).
const GRS80 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';
const BESSEL = `+ellps=bessel +towgs84=${DHDN_TOWGS84}`;

function projected(
  epsg: number,
  name: string,
  datum: Datum,
  p: { lon0: number; k: number; x0: number; lat0?: number; y0?: number },
  kind: 'tmerc' | 'laea' = 'tmerc',
): CrsDefinition {
  const lat0 = p.lat0 ?? 0;
  const y0 = p.y0 ?? 0;
  const ellps = datum === 'dhdn' ? BESSEL : datum === 'etrs89' ? GRS80 : '+datum=WGS84';
  const def =
    kind === 'tmerc'
      ? `+proj=tmerc +lat_0=${lat0} +lon_0=${p.lon0} +k=${p.k} +x_0=${p.x0} +y_0=${y0} ${ellps} +units=m +no_defs`
      : `+proj=laea +lat_0=${lat0} +lon_0=${p.lon0} +x_0=${p.x0} +y_0=${y0} ${ellps} +units=m +no_defs`;
  return { epsg, name, proj4: def, kind, datum, lon0: p.lon0, lat0, k: p.k, x0: p.x0, y0 };
}

function geographic(epsg: number, name: string, datum: Datum): CrsDefinition {
  const ellps = datum === 'dhdn' ? BESSEL : datum === 'etrs89' ? GRS80 : '+datum=WGS84';
  return {
    epsg,
    name,
    proj4: `+proj=longlat ${ellps} +no_defs`,
    kind: 'geographic',
    datum,
    lon0: 0,
    lat0: 0,
    k: 1,
    x0: 0,
    y0: 0,
  };
}

/** The CRS the importers understand, by EPSG code. */
export const SUPPORTED_CRS: readonly CrsDefinition[] = [
  geographic(4326, 'WGS 84', 'wgs84'),
  geographic(4258, 'ETRS89', 'etrs89'),
  geographic(4314, 'DHDN', 'dhdn'),
  projected(25832, 'ETRS89 / UTM zone 32N', 'etrs89', { lon0: 9, k: 0.9996, x0: 500000 }),
  projected(25833, 'ETRS89 / UTM zone 33N', 'etrs89', { lon0: 15, k: 0.9996, x0: 500000 }),
  projected(4647, 'ETRS89 / UTM zone 32N (zE-N)', 'etrs89', { lon0: 9, k: 0.9996, x0: 32500000 }),
  projected(5650, 'ETRS89 / UTM zone 33N (zE-N)', 'etrs89', { lon0: 15, k: 0.9996, x0: 33500000 }),
  projected(32632, 'WGS 84 / UTM zone 32N', 'wgs84', { lon0: 9, k: 0.9996, x0: 500000 }),
  projected(32633, 'WGS 84 / UTM zone 33N', 'wgs84', { lon0: 15, k: 0.9996, x0: 500000 }),
  projected(31466, 'DHDN / 3-degree Gauss-Kruger zone 2', 'dhdn', { lon0: 6, k: 1, x0: 2500000 }),
  projected(31467, 'DHDN / 3-degree Gauss-Kruger zone 3', 'dhdn', { lon0: 9, k: 1, x0: 3500000 }),
  projected(31468, 'DHDN / 3-degree Gauss-Kruger zone 4', 'dhdn', { lon0: 12, k: 1, x0: 4500000 }),
  projected(31469, 'DHDN / 3-degree Gauss-Kruger zone 5', 'dhdn', { lon0: 15, k: 1, x0: 5500000 }),
  projected(3035, 'ETRS89-extended / LAEA Europe', 'etrs89', { lon0: 10, lat0: 52, k: 1, x0: 4321000, y0: 3210000 }, 'laea'),
];

const SUPPORTED_LIST = SUPPORTED_CRS.map((c) => `EPSG:${c.epsg}`).join(', ');

/** The supported CRS with this EPSG code, or undefined. */
export function crsByEpsg(epsg: number): CrsDefinition | undefined {
  return SUPPORTED_CRS.find((c) => c.epsg === epsg);
}

/** A CRS together with the function that turns its coordinates into WGS84 `[lon, lat]`. */
export interface ResolvedCrs {
  info: CrsInfo;
  /** Source coordinates → WGS84 lon/lat, rounded to 7 decimals (≈ 1 cm). */
  toWgs84: (p: Position) => Position;
}

/** Builds the WGS84 transform for a supported CRS; `name` overrides the display name (e.g. the WKT name). */
export function resolveCrs(definition: CrsDefinition, source: CrsSource, name = definition.name): ResolvedCrs {
  const round = ([x, y]: Position): Position => [roundCoordinate(x), roundCoordinate(y)];
  if (definition.epsg === 4326) return { info: { epsg: 4326, name, source }, toWgs84: round };
  const converter = proj4(definition.proj4, 'WGS84');
  return {
    info: { epsg: definition.epsg, name, source },
    toWgs84: (p) => round(converter.forward([p[0], p[1]]) as Position),
  };
}

/** Resolves an EPSG code or throws a German error naming the file. */
export function resolveEpsg(epsg: number, file: string, source: CrsSource): ResolvedCrs {
  const definition = crsByEpsg(epsg);
  if (!definition) {
    throw new GeometryImportError(
      file,
      `Das Koordinatenreferenzsystem EPSG:${epsg} wird nicht unterstützt (unterstützt: ${SUPPORTED_LIST}).`,
    );
  }
  return resolveCrs(definition, source);
}

/** Result of {@link identifyWkt}: the matching CRS, or null with the WKT's own name and a reason. */
export type WktIdentification = { crs: CrsDefinition; name: string } | { crs: null; name: string; reason: string };

/**
 * Recognises a CRS from WKT (WKT1/ESRI or WKT2). A top-level EPSG authority of a supported CRS
 * wins; otherwise the parameters decide, not the name: projection method (Transverse Mercator
 * / Gauss-Krüger, Lambert Azimuthal Equal Area), central meridian, latitude of origin, scale
 * factor, false easting/northing, linear unit (metre only), prime meridian (Greenwich) and the
 * datum, told apart by its ellipsoid (Bessel 1841, GRS 1980, WGS 84) and name (DHDN, ETRS89, WGS84).
 */
export function identifyWkt(wkt: string): WktIdentification {
  let root: WktNode;
  try {
    root = parseWkt(wkt.trim());
  } catch (error) {
    return { crs: null, name: wkt.trim().slice(0, 60), reason: `kein gültiges WKT (${(error as Error).message})` };
  }
  root = horizontalCrs(root);
  const name = nameOf(root);

  const authority = children(root, 'AUTHORITY', 'ID').find((a) => String(a.args[0]).toUpperCase() === 'EPSG');
  const code = authority ? Number(authority.args[1]) : NaN;
  const byCode = Number.isInteger(code) ? crsByEpsg(code) : undefined;
  if (byCode) return { crs: byCode, name };

  const datum = datumOf(root);
  if (!datum) return { crs: null, name, reason: 'Datum/Ellipsoid nicht erkannt' };
  const primem = child(root, ['PRIMEM', 'PRIMEMERIDIAN'], true);
  if (primem && Number(primem.args[1] ?? 0) !== 0) return { crs: null, name, reason: 'Nullmeridian ist nicht Greenwich' };

  if (['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS'].includes(root.keyword)) {
    const crs = SUPPORTED_CRS.find((c) => c.kind === 'geographic' && c.datum === datum);
    return crs ? { crs, name } : { crs: null, name, reason: 'geografisches System nicht unterstützt' };
  }
  if (!['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(root.keyword))
    return { crs: null, name, reason: `unbekannter Typ ${root.keyword}` };

  const conversion = child(root, ['CONVERSION']) ?? root;
  const method = normalise(nameOf(child(conversion, ['PROJECTION', 'METHOD'])));
  const kind = /^(transversemercator|gausskr(u|ue)ger|gaussschreiber)/.test(method)
    ? 'tmerc'
    : method.startsWith('lambertazimuthalequalarea')
      ? 'laea'
      : null;
  if (!kind)
    return { crs: null, name, reason: `Projektion „${nameOf(child(conversion, ['PROJECTION', 'METHOD']))}“ nicht unterstützt` };

  const unit = children(root, 'UNIT', 'LENGTHUNIT')[0] ?? child(root, ['LENGTHUNIT'], true);
  if (unit && Math.abs(Number(unit.args[1]) - 1) > 1e-9)
    return { crs: null, name, reason: `Einheit „${nameOf(unit)}“ ist nicht Meter` };

  const params = projectionParameters(conversion);
  const crs = SUPPORTED_CRS.find(
    (c) =>
      c.kind === kind &&
      c.datum === datum &&
      close(c.lon0, params.lon0 ?? 0, 1e-7) &&
      close(c.lat0, params.lat0 ?? 0, 1e-7) &&
      close(c.k, params.k ?? 1, 1e-9) &&
      close(c.x0, params.x0 ?? 0, 1e-3) &&
      close(c.y0, params.y0 ?? 0, 1e-3),
  );
  return crs ? { crs, name } : { crs: null, name, reason: 'Projektionsparameter passen zu keinem unterstützten System' };
}

/**
 * Resolves WKT (e.g. the text of a .prj file) or throws a German error naming the file and
 * the WKT's name, e.g. `gebiete.prj: Unbekanntes Koordinatenreferenzsystem „Foo_Bar“ …`.
 */
export function resolveWkt(wkt: string, file: string, source: CrsSource): ResolvedCrs {
  const found = identifyWkt(wkt);
  if (!found.crs) {
    throw new GeometryImportError(
      file,
      `Unbekanntes Koordinatenreferenzsystem „${found.name}“ (${found.reason}). Unterstützt werden ${SUPPORTED_LIST}.`,
    );
  }
  return resolveCrs(found.crs, source, found.name || found.crs.name);
}

/**
 * EPSG code from a GeoJSON `crs` name such as `urn:ogc:def:crs:EPSG::25832`, `EPSG:25832`
 * or `http://www.opengis.net/def/crs/EPSG/0/25832`; OGC CRS84 counts as 4326. Null if not recognised.
 */
export function epsgFromCrsName(name: string): number | null {
  const trimmed = name.trim();
  if (/(^|[:/])CRS:?84$/i.test(trimmed)) return 4326;
  const m = /EPSG(?::[\d.]*:|:|\/\d+\/)(\d+)$/i.exec(trimmed);
  return m ? Number(m[1]) : null;
}

/** ETRS89-LAEA (EPSG:3035), the equal-area plane in metres used for areas and centroids. */
export const equalAreaProjection: PlaneProjection = (() => {
  const converter = proj4('WGS84', crsByEpsg(3035)!.proj4);
  return {
    forward: (p: Position) => converter.forward([p[0], p[1]]) as Position,
    inverse: (p: Position) => converter.inverse([p[0], p[1]]) as Position,
  };
})();

function close(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The horizontal part of compound or bound CRS. */
function horizontalCrs(root: WktNode): WktNode {
  if (root.keyword === 'COMPD_CS' || root.keyword === 'COMPOUNDCRS') {
    return children(root, 'PROJCS', 'GEOGCS', 'PROJCRS', 'GEOGCRS', 'GEODCRS')[0] ?? root;
  }
  if (root.keyword === 'BOUNDCRS') {
    const source = child(root, ['SOURCECRS']);
    const inner = source?.args.find((a): a is WktNode => typeof a === 'object');
    return inner ? horizontalCrs(inner) : root;
  }
  return root;
}

function datumOf(root: WktNode): Datum | null {
  const datum = child(root, ['DATUM', 'GEODETICDATUM', 'TRF', 'ENSEMBLE'], true);
  const name = normalise(nameOf(datum));
  const ellipsoid = child(root, ['SPHEROID', 'ELLIPSOID'], true);
  const a = Number(ellipsoid?.args[1]);
  const rf = Number(ellipsoid?.args[2]);
  const ellps =
    ellipsoid === undefined
      ? null
      : close(a, 6377397.155, 1e-3) && close(rf, 299.1528128, 1e-6)
        ? 'bessel'
        : close(a, 6378137, 1e-3) && close(rf, 298.257222101, 1e-8)
          ? 'grs80'
          : close(a, 6378137, 1e-3) && close(rf, 298.257223563, 1e-8)
            ? 'wgs84'
            : 'other';
  const isDhdn = /hauptdreiecksnetz|dhdn|potsdam/.test(name);
  const isEtrs = /etrs|etrf|europeanterrestrial/.test(name);
  const isWgs = /wgs84|wgs1984|worldgeodeticsystem1984/.test(name);
  if (ellps === 'bessel' || (ellps === null && isDhdn)) return isDhdn ? 'dhdn' : null;
  if (ellps === 'grs80' || (ellps === null && isEtrs)) return isEtrs ? 'etrs89' : null;
  if (ellps === 'wgs84' || (ellps === null && isWgs)) return isWgs ? 'wgs84' : null;
  return null;
}

type ParamKey = 'lon0' | 'lat0' | 'k' | 'x0' | 'y0';
const PARAMETER_NAMES: Record<string, ParamKey> = {
  centralmeridian: 'lon0',
  longitudeofcenter: 'lon0',
  longitudeofcentre: 'lon0',
  longitudeoforigin: 'lon0',
  longitudeofnaturalorigin: 'lon0',
  longitudeofprojectioncentre: 'lon0',
  latitudeoforigin: 'lat0',
  latitudeofcenter: 'lat0',
  latitudeofcentre: 'lat0',
  latitudeofnaturalorigin: 'lat0',
  latitudeofprojectioncentre: 'lat0',
  scalefactor: 'k',
  scalefactoratnaturalorigin: 'k',
  falseeasting: 'x0',
  falsenorthing: 'y0',
};

function projectionParameters(node: WktNode): Partial<Record<ParamKey, number>> {
  const out: Partial<Record<ParamKey, number>> = {};
  for (const p of children(node, 'PARAMETER')) {
    const key = PARAMETER_NAMES[normalise(nameOf(p))];
    const value = Number(p.args[1]);
    if (key && Number.isFinite(value)) out[key] = value;
  }
  return out;
}
