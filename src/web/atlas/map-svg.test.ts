import { describe, expect, it } from 'vitest';
import { buildMapSvg, mercator, SVG_WIDTH, wrapText, xmlEscape } from './map-svg.ts';
import type { RegionCollection } from './types.ts';

const regions: RegionCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { key: '99001001' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [10, 50],
            [11, 50],
            [11, 51],
            [10, 51],
            [10, 50],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      id: '99001002',
      properties: null,
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [11, 50],
              [12, 50],
              [12, 51],
              [11, 51],
              [11, 50],
            ],
          ],
          [
            [
              [12, 50],
              [12.5, 50],
              [12.5, 50.5],
              [12, 50],
            ],
          ],
        ],
      },
    },
  ],
};

const texts = {
  title: 'Kinderarmutsquote, 31.12.2024, Gemeinden',
  legendTitle: 'Legende (Einheit: %)',
  legend: [
    { colour: '#ffffcc', label: '5 bis 10 (1 Gebiet)' },
    { colour: null, label: 'kein Wert (grau schraffiert) (1 Gebiet)' },
  ],
  notes: ['Quellenvermerk: © Statistische Ämter des Bundes & der Länder <Demo>'],
};

describe('map SVG export', () => {
  it('draws one path per region in its class colour, hatched without a value, with title, legend and attribution', () => {
    const svg = buildMapSvg(
      regions,
      (r) => (r === '99001001' ? '#2c7fb8' : null),
      texts,
      (r) => `Gebiet ${r}`,
    );
    const paths = [...svg.matchAll(/<path data-region="([^"]+)" d="([^"]+)" fill="([^"]+)"/g)];
    expect(paths.map((p) => [p[1], p[3]])).toEqual([
      ['99001001', '#2c7fb8'],
      ['99001002', 'url(#planwerk-schraffur)'],
    ]);
    // The multipolygon has two rings in its one path.
    expect(paths[1]![2]!.match(/M/g)).toHaveLength(2);
    // All coordinates lie inside the picture.
    const numbers = paths.flatMap((p) => p[2]!.match(/-?\d+(\.\d+)?/g)!.map(Number));
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(SVG_WIDTH);
    expect(svg).toContain('<title>Kinderarmutsquote, 31.12.2024, Gemeinden</title>');
    expect(svg).toContain('<title>Gebiet 99001001</title>');
    expect(svg).toContain('Legende (Einheit: %)');
    expect(svg).toContain('5 bis 10 (1 Gebiet)');
    expect(svg).toContain('© Statistische Ämter des Bundes &amp; der Länder &lt;Demo&gt;');
    expect(svg.startsWith('<?xml')).toBe(true);
  });

  it('projects with Web Mercator (north up) and wraps long notes', () => {
    const [x0, y0] = mercator(0, 0);
    expect(x0).toBe(0);
    expect(y0).toBeCloseTo(0, 12);
    expect(mercator(10, 51)[1]).toBeGreaterThan(mercator(10, 50)[1]);
    expect(mercator(180, 0)[0]).toBeCloseTo(Math.PI, 12);
    expect(wrapText('eins zwei drei vier', 9)).toEqual(['eins zwei', 'drei vier']);
    expect(xmlEscape('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
  });
});
