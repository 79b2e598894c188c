import { describe, expect, it } from 'vitest';
import { csvCell, csvNumber, valuesCsv, type CsvTexts } from './csv.ts';
import type { AtlasValues } from './types.ts';

const TEXTS: CsvTexts = {
  header: ['Gebietsschlüssel', 'Gebiet', 'Wert', 'Einheit', 'Klasse', 'Hinweis'],
  indicator: 'Indikator',
  period: 'Zeitraum',
  territoryDate: 'Gebietsstand',
  source: 'Quelle',
  licence: 'Lizenz',
  attribution: 'Quellenvermerk',
  missing: 'kein Wert vorhanden',
  suppressed: 'geheim gehalten',
};

describe('CSV export of the atlas table', () => {
  it('makes cells safe against formulas and quotes separators', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1`).replace(/^"|"$/g, '')).toBe(`'${start}1`);
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('sagt "ja"')).toBe('"sagt ""ja"""');
    expect(csvCell('Adorf')).toBe('Adorf');
  });

  it('writes German numbers without grouping', () => {
    expect(csvNumber(1234.5)).toBe('1234,5');
    expect(csvNumber(-0.25)).toBe('-0,25');
  });

  it('writes rows, then indicator, period, sources and attribution', () => {
    const values: AtlasValues = {
      key: 'demo.x',
      kind: 'indicator',
      label: 'Quote',
      unit: '%',
      period: '2024-12-31',
      level: 'gemeinde',
      territoryDate: '2024-12-31',
      rows: [
        { region: '01', name: 'Adorf', value: 12.5, flag: null, class: 2, origin: 'observed' },
        { region: '02', name: '=Bedorf', value: null, flag: 'suppressed', class: null, origin: 'observed' },
        { region: '03', name: '-Cedorf', value: -3.25, flag: null, class: 0, origin: 'observed' },
      ],
      classification: null,
      sources: [
        { variable: 'a', label: 'A', source: 'Statistik', licence: 'dl-de/by-2-0', attribution: '© Statistik' },
        { variable: 'b', label: 'B', source: 'Statistik', licence: 'dl-de/by-2-0', attribution: '© Statistik' },
      ],
      suppressed: 1,
    };
    expect(valuesCsv(values, TEXTS).split('\r\n')).toEqual([
      'Gebietsschlüssel;Gebiet;Wert;Einheit;Klasse;Hinweis',
      '01;Adorf;12,5;%;3;',
      "02;'=Bedorf;;%;;geheim gehalten",
      // A negative value stays a number (a spreadsheet reads -3,25), a name starting with "-" is text.
      "03;'-Cedorf;-3,25;%;1;",
      '',
      'Indikator;Quote',
      'Zeitraum;2024-12-31',
      'Gebietsstand;2024-12-31',
      'Quelle;Statistik',
      'Lizenz;dl-de/by-2-0',
      'Quellenvermerk;© Statistik',
      '',
    ]);
  });
});
