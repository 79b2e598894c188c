import { describe, expect, it } from 'vitest';
import type { RegionCollection } from '../../atlas/types.ts';
import {
  filterLocations,
  gemeindeCentres,
  gemeindeForCity,
  insideBoundaries,
  servicesByLocation,
  withoutCoordinates,
  type Location,
} from './locations.ts';

const location = (id: string, name: string, point: [number, number] | null, city = 'Musterstadt'): Location => ({
  id,
  organizationId: null,
  name,
  description: null,
  transportation: null,
  latitude: point ? point[1] : null,
  longitude: point ? point[0] : null,
  coordinateSource: point ? 'imported' : null,
  address: { address1: 'Marktplatz 1', city, postalCode: '99001', region: null, country: 'DE' },
  accessibility: [],
});

const square = (x: number, y: number, size: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

/** Two Gemeinden: a square and a U-shaped one whose centroid lies outside it. */
const GEMEINDEN: RegionCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { key: '16099001', name: 'Musterstadt, Stadt' }, geometry: square(10, 51, 0.2) },
    {
      type: 'Feature',
      properties: { key: '16099002', name: 'Ahornbach' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [11, 51],
            [11.3, 51],
            [11.3, 51.3],
            [11.2, 51.3],
            [11.2, 51.1],
            [11.1, 51.1],
            [11.1, 51.3],
            [11, 51.3],
            [11, 51],
          ],
        ],
      },
    },
    { type: 'Feature', properties: { key: '16099003', name: 'Ohne Fläche' }, geometry: null },
  ],
};

describe('locations to place', () => {
  it('flags a location with a missing coordinate', () => {
    expect(withoutCoordinates(location('a', 'A', null))).toBe(true);
    expect(withoutCoordinates({ latitude: 51, longitude: null })).toBe(true);
    expect(withoutCoordinates(location('b', 'B', [10, 51]))).toBe(false);
  });

  it('lists the services per location without archived ones; public means published and active', () => {
    const map = servicesByLocation([
      { service: { id: 's2', name: 'Zwergentreff', status: 'active', published: true, archived: false, locationIds: ['o1'] } },
      {
        service: { id: 's1', name: 'Beratung', status: 'inactive', published: true, archived: false, locationIds: ['o1', 'o2'] },
      },
      { service: { id: 's3', name: 'Alt', status: 'active', published: true, archived: true, locationIds: ['o1'] } },
    ]);
    expect(map.get('o1')).toEqual([
      { id: 's1', name: 'Beratung', public: false },
      { id: 's2', name: 'Zwergentreff', public: true },
    ]);
    expect(map.get('o2')?.map((s) => s.name)).toEqual(['Beratung']);
    expect(map.get('o3')).toBeUndefined();
  });

  it('filters to the locations without coordinates or all, searching name, address and services', () => {
    const all = [
      location('1', 'Jugendhaus', null),
      location('2', 'Äpfelhof', [10, 51], 'Ahornbach'),
      location('3', 'Beratung', null),
    ];
    const services = new Map([['3', [{ id: 's', name: 'Schuldnerberatung Nord', public: true }]]]);
    expect(filterLocations(all, 'ohne', '', services).map((l) => l.id)).toEqual(['3', '1']);
    expect(filterLocations(all, 'alle', '', services).map((l) => l.id)).toEqual(['2', '3', '1']);
    expect(filterLocations(all, 'alle', 'apfel', services).map((l) => l.id)).toEqual(['2']);
    expect(filterLocations(all, 'alle', 'ahornbach', services).map((l) => l.id)).toEqual(['2']);
    expect(filterLocations(all, 'ohne', 'schuldner nord', services).map((l) => l.id)).toEqual(['3']);
  });
});

describe('Gemeinden as first approximation', () => {
  it('offers a point inside each Gemeinde, sorted by name, and skips shapes without area', () => {
    const centres = gemeindeCentres(GEMEINDEN);
    expect(centres.map((c) => c.name)).toEqual(['Ahornbach', 'Musterstadt, Stadt']);
    const musterstadt = centres[1]!.centre;
    expect(musterstadt.longitude).toBeCloseTo(10.1, 9);
    expect(musterstadt.latitude).toBeCloseTo(51.1, 9);
    // The U's centroid falls into its notch; the offered point must lie inside the Gemeinde.
    const ahornbach = centres[0]!.centre;
    expect(insideBoundaries(ahornbach, { type: 'FeatureCollection', features: [GEMEINDEN.features[1]!] })).toBe(true);
  });

  it('finds the Gemeinde of an address city, with or without „, Stadt“', () => {
    const centres = gemeindeCentres(GEMEINDEN);
    expect(gemeindeForCity('Musterstadt', centres)?.key).toBe('16099001');
    expect(gemeindeForCity('ahornbach', centres)?.key).toBe('16099002');
    expect(gemeindeForCity('Anderswo', centres)).toBeNull();
    expect(gemeindeForCity(null, centres)).toBeNull();
  });

  it('checks whether a point lies within the boundaries', () => {
    expect(insideBoundaries({ longitude: 10.05, latitude: 51.05 }, GEMEINDEN)).toBe(true);
    expect(insideBoundaries({ longitude: 11.15, latitude: 51.2 }, GEMEINDEN)).toBe(false);
    expect(insideBoundaries({ longitude: 51.05, latitude: 10.05 }, GEMEINDEN)).toBe(false);
    expect(insideBoundaries({ longitude: 10, latitude: 51 }, null)).toBeNull();
  });
});
