import { describe, expect, it } from 'vitest';
import { GenericTableInterpreter, type TableMapping } from './generic-table.ts';
import type { ParsedObservation } from './observation.ts';
import {
  detectDelimiter,
  detectHeader,
  headerNames,
  profileColumns,
  suggestMapping,
  type SheetCell,
} from './table-inspection.ts';

describe('table inspection', () => {
  it('detects the delimiter, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5;6\n')).toBe(';');
    expect(detectDelimiter('a,b,c\n1,"2,5",3\n4,5,6\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2,5\t3\n4\t5\t6\n')).toBe('\t');
    expect(detectDelimiter('ags,name,wert\n16051,"Erfurt, Stadt","1,5"\n16052,"Gera; Stadt",2\n')).toBe(',');
  });

  it('finds stacked headers under merged title rows and skips a column-numbering row', () => {
    const title = 'Kreisfreie Städte und Landkreise nach Fläche';
    const rows: SheetCell[][] = [
      [title, title, title, title],
      ['Gebietsstand: 31.12.2018', 'Gebietsstand: 31.12.2018'],
      [],
      ['Schlüssel-nummer', 'Kreis', 'Fläche in km²', 'Bevölkerung'],
      ['Schlüssel-nummer', 'Kreis', 'Fläche in km²', 'insgesamt'],
      [1, '2', 3, 4],
      [],
      ['01', 'Schleswig-Holstein'],
      ['01001', 'Flensburg, Stadt', 56.73, 89504],
    ];
    expect(detectHeader(rows)).toEqual({ headerRow: 4, headerRowCount: 2, dataStartRow: 8 });
    expect(headerNames(rows.slice(3, 5), 4)).toEqual(['Schlüssel-nummer', 'Kreis', 'Fläche in km²', 'Bevölkerung | insgesamt']);
    expect(
      detectHeader([
        ['ags', 'wert'],
        ['16051', '1,5'],
      ]),
    ).toEqual({ headerRow: 1, headerRowCount: 1, dataStartRow: 2 });
    expect(
      detectHeader([
        ['ags', '2019', '2020'],
        ['16051', '1,5', '2'],
      ]),
    ).toEqual({ headerRow: 1, headerRowCount: 1, dataStartRow: 2 });
    expect(detectHeader([['16051', '1,5']])).toEqual({ headerRow: 0, headerRowCount: 0, dataStartRow: 1 });
  });

  it('names unnamed and repeated columns', () => {
    expect(headerNames([['a', '', 'a']], 4)).toEqual(['a', 'Spalte 2', 'a (2)', 'Spalte 4']);
  });

  it('profiles columns and suggests a mapping', () => {
    const names = ['Jahr', 'Schlüssel', 'Gebiet', 'Einwohner', 'Quote', 'plz'];
    const rows = [
      ['2019', '16051', 'Erfurt', '213.981', '8,3', '99084'],
      ['2019', '16052', 'Gera', '93.125', '.', '07545'],
      ['2019', '16053', 'Jena', '111.343', '9,25', '07743'],
    ];
    const profiles = profileColumns(names, rows);
    expect(profiles.map((p) => p.kind)).toEqual(['period', 'key', 'text', 'number', 'number', 'key']);
    expect(profiles[1]?.keyLengths).toEqual([5]);
    expect(profiles[4]?.decimalMark).toBe(',');
    const mapping = suggestMapping(profiles);
    expect(mapping).toMatchObject({ keyColumn: 'Schlüssel', nameColumn: 'Gebiet', periodColumn: 'Jahr' });
    expect(mapping.variables.map((v) => [v.column, v.key, v.additive])).toEqual([
      ['Einwohner', 'einwohner', true],
      ['Quote', 'quote', false],
    ]);
  });
});

describe('GenericTableInterpreter', () => {
  function run(mapping: TableMapping, rows: SheetCell[][]) {
    const interpreter = new GenericTableInterpreter(mapping, { fileName: 'tabelle.csv', format: 'csv' });
    const out: ParsedObservation[] = [];
    rows.forEach((row, i) => interpreter.push(row, i + 1, out));
    return { ...interpreter.finish(out), observations: out };
  }

  const mapping: TableMapping = {
    keyColumn: 'ags',
    nameColumn: 'name',
    period: '31.12.2019',
    variables: [{ column: 'einwohner', key: 'ew', label: 'Einwohner', unit: 'Anzahl', additive: true }],
  };

  it('reads keys, names, numbers and special values; skips subtotal and footnote rows', () => {
    const r = run(mapping, [
      ['ags', 'name', 'einwohner'],
      ['16051', 'Erfurt', '213.981'],
      ['1001', 'Flensburg', 89504],
      ['', 'Insgesamt', '303.485'],
      ['16052', 'Gera', '-'],
      ['16053', 'Jena', ''],
      ['Quelle: Statistik', '', ''],
    ]);
    expect(r.observations.map((o) => [o.regionKey, o.value, o.flag, o.period, o.line])).toEqual([
      ['16051', 213981, null, '2019-12-31', 2],
      ['01001', 89504, null, '2019-12-31', 3],
      ['16052', 0, 'zero', '2019-12-31', 5],
    ]);
    expect(r.warnings).toEqual([
      '1 Zeile ohne Regionalschlüssel wurde übersprungen (erste: Zeile 4).',
      '1 Zeile mit Text statt Schlüssel und ohne Werte wurde übersprungen (Überschriften, Fußnoten).',
      '1 Zeile mit Schlüssel, aber ohne Werte wurde übersprungen (z. B. Zwischenüberschriften).',
      '1 Schlüssel ohne führende Null wurde ergänzt (z. B. 1001 → 01001).',
      'Die Lizenz der Daten ist nicht angegeben.',
    ]);
  });

  it('rejects text in value cells and keys, unknown columns and missing periods in German', () => {
    expect(() =>
      run(mapping, [
        ['ags', 'name', 'einwohner'],
        ['16051', 'Erfurt', '12a'],
      ]),
    ).toThrowError('tabelle.csv, Zeile 2, Spalte 3: „12a“ ist keine Zahl.');
    expect(() =>
      run(mapping, [
        ['ags', 'name', 'einwohner'],
        ['Erfurt', 'Erfurt', '1'],
      ]),
    ).toThrowError('tabelle.csv, Zeile 2, Spalte 1: „Erfurt“ ist kein amtlicher Regionalschlüssel.');
    expect(() =>
      run({ ...mapping, keyColumn: 'AGS' }, [
        ['ags', 'name', 'einwohner'],
        ['16051', 'Erfurt', '1'],
      ]),
    ).toThrowError('tabelle.csv, Zeile 1: Die Spalte „AGS“ gibt es in der Datei nicht (vorhanden: ags, name, einwohner).');
    expect(() => run({ ...mapping, period: undefined }, [])).toThrowError(
      'tabelle.csv: Die Zuordnung braucht eine Zeitspalte oder einen festen Zeitraum.',
    );
    expect(() => run({ ...mapping, period: '31.13.2019' }, [])).toThrowError(
      'tabelle.csv: „31.13.2019“ ist keine gültige Zeitangabe (erwartet z. B. 31.12.2018 oder 2021).',
    );
  });

  it('reads the long format, taking all variables or only the mapped ones', () => {
    const rows: SheetCell[][] = [
      ['ags', 'indicator', 'value', 'unit', 'date'],
      ['16051', 'pop', '100', 'persons', '2019-12'],
      ['16051', 'rate', '1.5', 'percent', '2019-12'],
    ];
    const all = run(
      {
        keyColumn: 'ags',
        periodColumn: 'date',
        variables: [],
        longFormat: { variableColumn: 'indicator', valueColumn: 'value', unitColumn: 'unit' },
      },
      rows,
    );
    expect(all.variables.map((v) => [v.key, v.unit, v.additive])).toEqual([
      ['pop', 'persons', true],
      ['rate', 'percent', false],
    ]);
    expect(all.observations.map((o) => o.value)).toEqual([100, 1.5]);
    const one = run(
      {
        keyColumn: 'ags',
        periodColumn: 'date',
        variables: [{ column: 'pop', key: 'einwohner', label: 'Einwohner', unit: 'Anzahl', additive: true }],
        longFormat: { variableColumn: 'indicator', valueColumn: 'value' },
      },
      rows,
    );
    expect(one.observations.map((o) => [o.variableKey, o.value])).toEqual([['einwohner', 100]]);
    expect(one.warnings[0]).toBe('1 Zeile mit nicht zugeordneten Merkmalen wurde ausgelassen: rate.');
  });

  it('builds keys from parts, filters rows and converts Gemeinde ARS', () => {
    const r = run(
      {
        keyColumn: {
          parts: [
            { column: 'land', width: 2 },
            { column: 'rb', width: 1 },
            { column: 'kreis', width: 2 },
            { column: 'gemeinde', width: 3 },
          ],
        },
        rowFilter: { column: 'satzart', values: ['60'] },
        period: '2019',
        variables: [{ column: 'ew', key: 'ew', label: 'Einwohner', unit: 'Anzahl', additive: true }],
      },
      [
        ['satzart', 'land', 'rb', 'kreis', 'gemeinde', 'ew'],
        ['40', '16', '0', '51', '', ''],
        ['60', '16', '0', '51', '0', '213 981'],
        ['60', '1', '0', '1', '0', '89 504'],
      ],
    );
    expect(r.observations.map((o) => [o.regionKey, o.value])).toEqual([
      ['16051000', 213981],
      ['01001000', 89504],
    ]);
    const ars = run(
      {
        keyColumn: 'ars',
        period: '2022',
        arsLevel: 'gemeinde',
        variables: mapping.variables.map((v) => ({ ...v, column: 'ew' })),
      },
      [
        ['ars', 'ew'],
        ['160510000000', '1'],
      ],
    );
    expect(ars.regions).toEqual([{ key: '16051000', name: '16051000', level: 'gemeinde' }]);
  });
});
