import path from 'node:path';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { areaKm2 } from '../../domain/geometry/measures.ts';
import { pointInPolygon, polygonsOf } from '../../domain/geometry/planar.ts';
import { simplifyForZooms } from '../../domain/geometry/simplify.ts';
import type { Geometry, Position } from '../../domain/regions/region.ts';
import { equalAreaProjection } from './crs.ts';
import { readGeoJson } from './geojson-reader.ts';
import { measureGeometry } from './measures.ts';
import { readGeometryFile } from './read-geometry-file.ts';

const BOUNDARIES = path.resolve(import.meta.dirname, '../../../../shared/data/boundaries');

const feature = (name: string, coordinates: Position[][]) => ({
  type: 'Feature',
  properties: { name },
  geometry: { type: 'Polygon', coordinates },
});

describe('readGeoJson', () => {
  it('reads the Thuringian Kreise; Weimarer Land has Weimar as a hole and its area excludes it', async () => {
    const result = await readGeometryFile(path.join(BOUNDARIES, 'th_kreise_2022_wgs84.geojson'));
    expect(result.crs).toEqual({ epsg: 4326, name: 'WGS 84', source: 'default' });
    expect(result.features).toHaveLength(22);
    expect(result.features.every((f) => !f.repaired)).toBe(true);
    const byAgs = new Map(result.features.map((f) => [f.properties.ags, f.geometry]));
    const weimarerLand = byAgs.get('16071') as Extract<Geometry, { type: 'Polygon' }>;
    const weimar = byAgs.get('16055')!;
    expect(weimarerLand.type).toBe('Polygon');
    expect(weimarerLand.coordinates).toHaveLength(2);

    const withHole = measureGeometry(weimarerLand).areaKm2;
    const shellOnly = areaKm2({ type: 'Polygon', coordinates: [weimarerLand.coordinates[0]!] }, equalAreaProjection.forward);
    const weimarArea = measureGeometry(weimar).areaKm2;
    expect(weimarArea).toBeGreaterThan(80);
    expect(withHole).toBeCloseTo(shellOnly - weimarArea, 1);
    expect(Math.abs(withHole / 804 - 1)).toBeLessThan(0.01);

    // The centroid of a ring around a hole falls into Weimar; the representative point does not.
    const point = measureGeometry(weimarerLand).representativePoint;
    expect(pointInPolygon(point, weimarerLand.coordinates)).toBe(1);
  });

  it('simplifies the Kreise per zoom level without tearing shared borders apart', async () => {
    const result = await readGeometryFile(path.join(BOUNDARIES, 'th_kreise_2022_wgs84.geojson'));
    const geometries = result.features.map((f) => f.geometry);
    const weimar = result.features.findIndex((f) => f.properties.ags === '16055');
    const weimarerLand = result.features.findIndex((f) => f.properties.ags === '16071');
    const vertexSet = (ring: Position[]) => new Set(ring.map((p) => p.join(',')));
    const count = (gs: Geometry[]) => gs.reduce((s, g) => s + polygonsOf(g).flat(2).length, 0);
    const zooms = simplifyForZooms(geometries);
    for (const [zoom, simplified] of zooms) {
      expect(simplified.every((g) => polygonsOf(g).every((p) => p.every((ring) => ring.length >= 4)))).toBe(true);
      // Weimar's outline and the hole of Weimarer Land are the same line, simplified once.
      const outline = polygonsOf(simplified[weimar]!)[0]![0]!;
      const hole = polygonsOf(simplified[weimarerLand]!)[0]![1]!;
      expect(vertexSet(outline), `zoom ${zoom}`).toEqual(vertexSet(hole));
    }
    expect(count(zooms.get(6)!)).toBeLessThan(count(zooms.get(12)!));
    expect(count(zooms.get(12)!)).toBeLessThanOrEqual(count(geometries));
  });

  it('honours a legacy crs member (EPSG:25832)', () => {
    const utm = proj4('+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs', 'WGS84');
    const ring: Position[] = [
      [642000, 5650000],
      [643000, 5650000],
      [643000, 5651000],
      [642000, 5651000],
      [642000, 5650000],
    ];
    const result = readGeoJson(
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } },
        features: [feature('Erfurt-Süd', [ring])],
      }),
      'alt.geojson',
    );
    expect(result.crs).toEqual({ epsg: 25832, name: 'ETRS89 / UTM zone 32N', source: 'geojson' });
    expect(result.warnings).toEqual(['Veraltetes „crs“-Element: Koordinaten wurden aus EPSG:25832 nach WGS84 umgerechnet.']);
    const got = (result.features[0]!.geometry as Extract<Geometry, { type: 'Polygon' }>).coordinates[0]!;
    got.forEach((p, i) => {
      const q = utm.forward(ring[i]!);
      expect(p[0]).toBeCloseTo(q[0]!, 7);
      expect(p[1]).toBeCloseTo(q[1]!, 7);
    });
    expect(measureGeometry(result.features[0]!.geometry).areaKm2).toBeCloseTo(1, 2);
  });

  it('repairs and reports hand-made invalid polygons and leaves valid ones alone', () => {
    const valid: Position[][] = [
      [
        [11, 51],
        [11.01, 51],
        [11.01, 51.01],
        [11, 51.01],
        [11, 51],
      ],
    ];
    const result = readGeoJson(
      {
        type: 'FeatureCollection',
        features: [
          feature('gültig', valid),
          feature('Schleife', [
            [
              [11, 51],
              [11.01, 51.01],
              [11.01, 51],
              [11, 51.01],
              [11, 51],
            ],
          ]),
          feature('offen', [valid[0]!.slice(0, 4)]),
          feature('falsch herum', [[...valid[0]!].reverse()]),
          { type: 'Feature', properties: { name: 'Punkt' }, geometry: { type: 'Point', coordinates: [11, 51] } },
        ],
      },
      'fehlerhaft.geojson',
    );
    expect(result.features.map((f) => [f.properties.name, f.repaired, f.problems])).toEqual([
      ['gültig', false, []],
      ['Schleife', true, ['Selbstüberschneidung im Ring 1']],
      ['offen', true, ['Nicht geschlossener Ring 1']],
      ['falsch herum', true, ['Außenring im Uhrzeigersinn (Ring 1)']],
    ]);
    expect(result.features[0]!.geometry).toEqual({ type: 'Polygon', coordinates: valid });
    expect(result.features[2]!.geometry).toEqual({ type: 'Polygon', coordinates: valid });
    expect(result.features[3]!.geometry).toEqual({ type: 'Polygon', coordinates: valid });
    expect(result.features[1]!.geometry.type).toBe('MultiPolygon');
    expect(result.warnings).toEqual([
      '1 Objekt(e) vom Typ Point übersprungen (nur Flächen werden importiert).',
      '3 Objekt(e) mit ungültiger Geometrie wurden repariert.',
    ]);
  });

  it('rejects projected coordinates without crs member, broken JSON and files without areas in German', () => {
    const utmWithoutCrs = {
      type: 'FeatureCollection',
      features: [
        feature('x', [
          [
            [642000, 5650000],
            [643000, 5650000],
            [643000, 5651000],
            [642000, 5650000],
          ],
        ]),
      ],
    };
    expect(() => readGeoJson(utmWithoutCrs, 'utm.geojson')).toThrow(
      'utm.geojson: Objekt 1: Koordinate (642000, 5650000) ergibt in WGS 84 keine gültige geografische Position – passt das Koordinatenreferenzsystem zur Datei?',
    );
    expect(() => readGeoJson('{"type": "FeatureCollection", ', 'kaputt.geojson')).toThrow(/^kaputt\.geojson: Kein gültiges JSON/);
    expect(() => readGeoJson({ type: 'Point', coordinates: [11, 51] }, 'punkt.geojson')).toThrow(
      'punkt.geojson: Die Datei enthält keine Flächen (Polygon/MultiPolygon).',
    );
    expect(() =>
      readGeoJson(
        { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:2056' } }, features: [] },
        'ch.geojson',
      ),
    ).toThrow(/^ch\.geojson: Das Koordinatenreferenzsystem EPSG:2056 wird nicht unterstützt/);
  });
});
