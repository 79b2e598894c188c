import { describe, expect, it } from 'vitest';
import de from '../../i18n/parts/atlasCharts.de.json';
import type { Translate } from '../summary.ts';
import type { AtlasRow } from '../types.ts';
import {
  correlationStrength,
  pairRows,
  pearson,
  rankingOrder,
  rankingSummary,
  scatterSummary,
  seriesEnds,
  timeSeriesSummary,
} from './summaries.ts';
import type { RegionSeries } from './types.ts';

/** The German chart texts with plurals (`_one`/`_other` by `count`) and {{placeholders}} filled, as i18next would. */
const t: Translate = (key, values = {}) => {
  const lookup = (k: string) => k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], de);
  let template = lookup(key);
  if (template === undefined && typeof values.count === 'number')
    template = lookup(`${key}_${values.count === 1 ? 'one' : 'other'}`);
  if (typeof template !== 'string') throw new Error(`no text ${key}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
};

const row = (region: string, name: string, value: number | null, flag: string | null = null, missing?: string): AtlasRow => ({
  region,
  name,
  value,
  flag,
  origin: 'observed',
  ...(missing ? { missing } : {}),
});

const line = (region: string, name: string, values: (number | null)[], role: RegionSeries['role'] = 'region'): RegionSeries => ({
  region,
  name,
  role,
  parent: role === 'region' ? '99001' : null,
  points: values.map((value, i) => ({ period: `${2020 + i}-12-31`, value, flag: value === null ? 'suppressed' : null })),
});

describe('time-series summary', () => {
  it('says per line whether it rose or fell, from the first to the last period with a value, in German numbers', () => {
    const text = timeSeriesSummary(
      [line('1', 'Adorf', [12.5, 13, 14.25]), line('99001', 'Landkreis Musterland', [null, 10, 9.5], 'parent')],
      '%',
      'de',
      t,
    );
    expect(text).toBe(
      'Adorf: gestiegen von 12,5 % (31.12.2020) auf 14,25 % (31.12.2022). ' +
        'Landkreis Musterland (gesamt): gesunken von 10 % (31.12.2021) auf 9,5 % (31.12.2022).',
    );
  });

  it('names a line without change, with one value and without any value', () => {
    expect(timeSeriesSummary([line('1', 'Adorf', [1234.5, 1234.5])], 'je 1.000', 'de', t)).toBe(
      'Adorf: unverändert bei 1.234,5 je 1.000 (31.12.2020 bis 31.12.2021).',
    );
    expect(timeSeriesSummary([line('1', 'Adorf', [null, 3])], '', 'de', t)).toBe('Adorf: 3 (31.12.2021).');
    expect(timeSeriesSummary([line('1', 'Adorf', [null, null])], '', 'de', t)).toBe('Adorf: kein Wert.');
    expect(seriesEnds(line('1', 'Adorf', [null, null]))).toBeNull();
  });
});

describe('ranking', () => {
  const rows = [
    row('1', 'Bedorf', 7),
    row('2', 'Adorf', 7),
    row('3', 'Cedorf', 12.5),
    row('4', 'Dedorf', null, 'suppressed'),
    row('5', 'Eedorf', 3),
  ];

  it('orders the regions with a value from the highest down, ties by name, without the suppressed', () => {
    expect(rankingOrder(rows).map((r) => r.name)).toEqual(['Cedorf', 'Adorf', 'Bedorf', 'Eedorf']);
  });

  it('summarises first and last rank, the selected region’s shared rank and the regions without a value', () => {
    expect(rankingSummary(rows, '1', '%', 'de', t)).toBe(
      'Höchster Wert: Cedorf (12,5 %), niedrigster: Eedorf (3 %), 4 Gebiete mit Wert. ' +
        'Bedorf steht auf Rang 2 von 4. 1 Gebiet ohne Wert.',
    );
    expect(rankingSummary([row('4', 'Dedorf', null, 'missing')], null, '%', 'de', t)).toBe(
      'Für keines der 1 Gebiete gibt es einen Wert.',
    );
  });
});

describe('scatter plot', () => {
  it('pairs two reads by region and lists every region left out with the reason per indicator', () => {
    const first = [
      row('1', 'Adorf', 1),
      row('2', 'Bedorf', 2),
      row('3', 'Cedorf', null, 'suppressed', 'Geheimhaltung: kleine Fallzahl'),
    ];
    const second = [row('1', 'Adorf', 10), row('2', 'Bedorf', null, 'suppressed'), row('4', 'Dedorf', 5)];
    const { points, omitted } = pairRows(first, second, t);
    expect(points).toEqual([{ region: '1', name: 'Adorf', x: 1, y: 10 }]);
    expect(omitted).toEqual([
      { region: '2', name: 'Bedorf', x: null, y: 'gesperrt (Geheimhaltung)' },
      { region: '3', name: 'Cedorf', x: 'Geheimhaltung: kleine Fallzahl', y: 'kein Wert' },
      { region: '4', name: 'Dedorf', x: 'kein Wert', y: null },
    ]);
  });

  it('computes Pearson’s r and puts it into words', () => {
    expect(
      pearson([
        { x: 1, y: 2 },
        { x: 2, y: 4 },
        { x: 3, y: 6 },
      ]),
    ).toBeCloseTo(1, 12);
    expect(
      pearson([
        { x: 1, y: 3 },
        { x: 2, y: 2 },
        { x: 3, y: 1 },
      ]),
    ).toBeCloseTo(-1, 12);
    // r of (1,1), (2,3), (3,2), (4,4): 0.8
    expect(
      pearson([
        { x: 1, y: 1 },
        { x: 2, y: 3 },
        { x: 3, y: 2 },
        { x: 4, y: 4 },
      ]),
    ).toBeCloseTo(0.8, 12);
    expect(
      pearson([
        { x: 1, y: 1 },
        { x: 2, y: 1 },
        { x: 3, y: 1 },
      ]),
    ).toBeNull();
    expect(
      pearson([
        { x: 1, y: 1 },
        { x: 2, y: 2 },
      ]),
    ).toBeNull();
    expect([0.05, -0.2, 0.45, -0.8].map(correlationStrength)).toEqual(['none', 'weak', 'moderate', 'strong']);

    const points = [
      { region: '1', name: 'A', x: 1, y: 1 },
      { region: '2', name: 'B', x: 2, y: 3 },
      { region: '3', name: 'C', x: 3, y: 2 },
      { region: '4', name: 'D', x: 4, y: 4 },
    ];
    expect(scatterSummary(points, 2, { x: 'Quote', y: 'Anteil' }, 'de', t)).toBe(
      '4 Gebiete im Vergleich von Quote und Anteil. Korrelation nach Pearson: r = 0,80 (starker positiver Zusammenhang). ' +
        '2 Gebiete sind nicht dargestellt (Wert fehlt oder ist gesperrt).',
    );
    expect(scatterSummary(points.slice(0, 2), 0, { x: 'Quote', y: 'Anteil' }, 'de', t)).toBe(
      '2 Gebiete im Vergleich von Quote und Anteil. Eine Korrelation lässt sich mit so wenigen oder gleichen Werten nicht angeben.',
    );
  });
});
