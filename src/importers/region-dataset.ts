import { simplifyForZooms } from '../domain/geometry/simplify.ts';
import { ImportError } from '../domain/observations/import-error.ts';
import { keyLevel } from '../domain/observations/observation.ts';
import { agsFromArs, type Geometry, type Position, type RegionLevel } from '../domain/regions/region.ts';
import type { RegionDataset } from '../use-cases/atlas/import-regions.ts';
import type { RegionShape } from '../use-cases/ports.ts';
import { measureGeometry } from './geometry/measures.ts';
import type { GeometryImportResult } from './geometry/types.ts';

export interface RegionDatasetOptions {
  fileName: string;
  /** Attribute holding the key; detected (AGS, ARS, RS, ags, ars, key, id) when absent. */
  keyProperty?: string | undefined;
  /** Attribute holding the name; detected (GEN, name, NAME, AREA_NAME) when absent. */
  nameProperty?: string | undefined;
  /** Start of validity (Gebietsstand) of the shapes, ISO date. */
  validFrom: string;
  /** When set, shapes with non-official keys become this tenant's planning areas (`<tenant>-<code>`). */
  tenantKey?: string | null | undefined;
}

const KEY_CANDIDATES = [
  'AGS',
  'ags',
  'ARS',
  'ars',
  'RS',
  'rs',
  'AGS_0',
  'key',
  'KEY',
  'schluessel',
  'AREA_ID',
  'id',
  'ID',
  'district_id',
];
const NAME_CANDIDATES = ['GEN', 'gen', 'name', 'NAME', 'Name', 'AREA_NAME', 'bezeichnung', 'BEZEICHNUNG'];
// BKG boundary files mark land (3, 4 in VG250; 9 in VG5000) and water areas (1, 2; 8) in `GF`.
const BKG_LAND = new Set([3, 4, 9]);

const LEVEL: Partial<Record<NonNullable<ReturnType<typeof keyLevel>>, RegionLevel>> = {
  land: 'land',
  regierungsbezirk: 'regierungsbezirk',
  kreis: 'kreis',
  gemeindeverband: 'gemeindeverband',
  gemeinde: 'gemeinde',
};

/**
 * Official key of a feature. Keys are used as written (AGS, Kreis or Land key); a 12-digit
 * ARS is read as a Gemeinde and becomes its 8-digit AGS (`ARS[0:5] + ARS[9:12]`), because
 * boundary files carry the ARS on Gemeinde level; an ARS with ten trailing zeros is a Land.
 */
export function officialKey(raw: string): string {
  const key = raw.trim();
  if (/^\d{12}$/.test(key)) return /^\d{2}0{10}$/.test(key) ? key.slice(0, 2) : agsFromArs(key);
  return key;
}

/**
 * Turns a read geometry file into region shapes: key and name from the attributes, level
 * from the key length, BKG water areas dropped, several parts of one key combined, area,
 * representative point and simplified shapes per zoom computed. Throws an ImportError when
 * no key attribute can be found or a key is empty.
 */
export function buildRegionDataset(result: GeometryImportResult, options: RegionDatasetOptions): RegionDataset {
  const warnings = [...result.warnings];
  const first = result.features[0]?.properties ?? {};
  const keyProperty = options.keyProperty ?? KEY_CANDIDATES.find((k) => k in first);
  if (!keyProperty) {
    throw new ImportError(
      options.fileName,
      null,
      null,
      `Keine Schlüsselspalte gefunden (erwartet eine von: ${KEY_CANDIDATES.join(', ')}).`,
    );
  }
  const nameProperty = options.nameProperty ?? NAME_CANDIDATES.find((k) => k in first);
  const groups = new Map<string, { name: string; polygons: Position[][][]; repaired: boolean }>();
  let water = 0;
  result.features.forEach((feature, index) => {
    const gf = feature.properties.GF;
    if (typeof gf === 'number' && !BKG_LAND.has(gf)) {
      water += 1;
      return;
    }
    const raw = feature.properties[keyProperty];
    if (raw === null || raw === undefined || String(raw).trim() === '') {
      throw new ImportError(
        options.fileName,
        index + 1,
        null,
        `Objekt ${index + 1} hat keinen Schlüssel („${keyProperty}“ ist leer).`,
      );
    }
    let key = officialKey(String(raw));
    if (!keyLevel(key) || keyLevel(key) === 'staat') {
      if (!options.tenantKey) {
        throw new ImportError(
          options.fileName,
          index + 1,
          null,
          `„${String(raw)}“ ist kein amtlicher Schlüssel; Planungsräume bitte mit --municipality importieren.`,
        );
      }
      key = `${options.tenantKey}-${String(raw)
        .trim()
        .replace(/[^A-Za-z0-9_]/g, '_')
        .slice(0, 20)}`;
    }
    const name = nameProperty ? String(feature.properties[nameProperty] ?? key).trim() : key;
    const group = groups.get(key) ?? { name, polygons: [], repaired: false };
    group.polygons.push(...(feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates));
    group.repaired ||= feature.repaired;
    if (feature.repaired) warnings.push(`${key} ${name}: repariert (${feature.problems.join('; ')})`);
    groups.set(key, group);
  });
  if (water > 0) warnings.push(`${water} Wasserflächen (BKG-Attribut GF) nicht übernommen.`);

  const entries = [...groups].sort((a, b) => a[0].localeCompare(b[0]));
  const geometries: Geometry[] = entries.map(([, g]) =>
    g.polygons.length === 1
      ? { type: 'Polygon', coordinates: g.polygons[0]! }
      : { type: 'MultiPolygon', coordinates: g.polygons },
  );
  const simplified = simplifyForZooms(geometries);
  const shapes: RegionShape[] = entries.map(([key, g], i) => {
    const geometry = geometries[i]!;
    const measures = measureGeometry(geometry);
    const level: RegionLevel = key.includes('-') ? 'planning_area' : (LEVEL[keyLevel(key)!] ?? 'gemeinde');
    return {
      key,
      name: g.name,
      level,
      parentKey:
        level === 'gemeinde'
          ? key.slice(0, 5)
          : level === 'kreis'
            ? key.slice(0, 2)
            : level === 'planning_area'
              ? (options.tenantKey ?? null)
              : null,
      validFrom: options.validFrom,
      geometry,
      areaKm2: Math.round(measures.areaKm2 * 1000) / 1000,
      centroid: [measures.representativePoint[0], measures.representativePoint[1]],
      repaired: g.repaired,
      simplified: Object.fromEntries([...simplified].map(([zoom, list]) => [String(zoom), list[i]])),
    };
  });
  return { format: result.format, shapes, warnings };
}
