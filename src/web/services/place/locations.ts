import { representativePoint } from '../../../domain/geometry/measures.ts';
import { pointInPolygon, polygonsOf } from '../../../domain/geometry/planar.ts';
import type { Geometry } from '../../../domain/regions/region.ts';
import type { Location } from '../../../domain/services/model.ts';
import { featureKey } from '../../atlas/data.ts';
import type { RegionCollection } from '../../atlas/types.ts';
import type { LonLat } from './coordinates.ts';

export type { Location };

/** A service as the members' register lists it, reduced to what the placing page shows. */
export interface RegisterEntry {
  service: { id: string; name: string; status: string; published: boolean; archived: boolean; locationIds: string[] };
}

/** A service offered at a location; `public` when it is published and active (then it shows on the public map). */
export interface ServiceAtLocation {
  id: string;
  name: string;
  public: boolean;
}

/** Which list the page shows: the locations still to be placed, or all of them (to correct a position). */
export type LocationFilter = 'ohne' | 'alle';

/** A Gemeinde offered as first approximation: its name and a point inside it. */
export interface GemeindeCentre {
  key: string;
  name: string;
  centre: LonLat;
}

/** Whether a location still needs a point (either coordinate missing). */
export function withoutCoordinates(location: Pick<Location, 'latitude' | 'longitude'>): boolean {
  return location.latitude === null || location.longitude === null;
}

/** The location's point, or null when it has none. */
export function locationPoint(location: Pick<Location, 'latitude' | 'longitude'>): LonLat | null {
  return location.latitude === null || location.longitude === null
    ? null
    : { latitude: location.latitude, longitude: location.longitude };
}

/** Location id → the services offered there, by name (archived services left out). */
export function servicesByLocation(entries: readonly RegisterEntry[]): Map<string, ServiceAtLocation[]> {
  const out = new Map<string, ServiceAtLocation[]>();
  for (const { service } of entries) {
    if (service.archived) continue;
    for (const id of service.locationIds) {
      const list = out.get(id) ?? [];
      list.push({ id: service.id, name: service.name, public: service.published && service.status === 'active' });
      out.set(id, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return out;
}

const fold = (text: string) =>
  text
    .toLocaleLowerCase('de')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/**
 * The locations of one list: without coordinates only (`ohne`) or all, narrowed by a search
 * text over name, address and service names (case and accents ignored); sorted by name.
 */
export function filterLocations(
  locations: readonly Location[],
  filter: LocationFilter,
  text: string,
  services: ReadonlyMap<string, readonly ServiceAtLocation[]>,
): Location[] {
  const words = fold(text).split(/\s+/).filter(Boolean);
  return locations
    .filter((l) => filter === 'alle' || withoutCoordinates(l))
    .filter((l) => {
      if (words.length === 0) return true;
      const haystack = fold(
        [
          l.name,
          l.address?.address1,
          l.address?.postalCode,
          l.address?.city,
          ...(services.get(l.id) ?? []).map((s) => s.name),
        ].join(' '),
      );
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'de') || a.id.localeCompare(b.id));
}

/**
 * The Gemeinden of the boundary collection with a point inside each (the area-weighted centre
 * of its largest part, moved inside for crescent shapes), sorted by name; features without a
 * polygon are left out.
 */
export function gemeindeCentres(collection: RegionCollection | null): GemeindeCentre[] {
  const out: GemeindeCentre[] = [];
  for (const feature of collection?.features ?? []) {
    const geometry = feature.geometry as Geometry | null;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    try {
      const [longitude, latitude] = representativePoint(geometry);
      const name = feature.properties?.name;
      out.push({
        key: featureKey(feature),
        name: typeof name === 'string' ? name : featureKey(feature),
        centre: { longitude, latitude },
      });
    } catch {
      // A shape without area has no centre to offer.
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** The Gemeinde whose name matches the city of an address („Musterstadt“ matches „Musterstadt, Stadt“), if any. */
export function gemeindeForCity(city: string | null | undefined, gemeinden: readonly GemeindeCentre[]): GemeindeCentre | null {
  if (!city || !city.trim()) return null;
  const wanted = fold(city.trim());
  const plain = (name: string) => fold(name.replace(/,\s*(Stadt|Gemeinde|Markt|Flecken)$/i, '').trim());
  return gemeinden.find((g) => fold(g.name) === wanted) ?? gemeinden.find((g) => plain(g.name) === wanted) ?? null;
}

/**
 * Whether the point lies inside (or on the edge of) one of the boundaries; null when there
 * are no boundaries to check against.
 */
export function insideBoundaries(point: LonLat, collection: RegionCollection | null): boolean | null {
  const polygons = (collection?.features ?? []).flatMap((f) => {
    const geometry = f.geometry as Geometry | null;
    return geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') ? polygonsOf(geometry) : [];
  });
  if (polygons.length === 0) return null;
  return polygons.some((polygon) => pointInPolygon([point.longitude, point.latitude], polygon) >= 0);
}
