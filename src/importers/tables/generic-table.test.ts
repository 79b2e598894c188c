import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TableMapping } from '../../domain/observations/generic-table.ts';
import type { ParsedTable } from '../../domain/observations/parsed-table.ts';
import { inspectTable, parseTable, readTableCsv } from './generic-table.ts';

const DATA = path.resolve(import.meta.dirname, '../../../../shared/data');
const GV = path.join(DATA, 'statistics/destatis/gv_auszug_q4_th_excel_export.csv');
const SEED = path.join(DATA, 'seed-kreisprofile-thueringen.csv');
const KREISE_XLSX = path.join(DATA, 'statistics/destatis/04-kreise_2018_destatis_original.xlsx');
const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');

function value(table: ParsedTable, regionKey: string, variableKey: string, period?: string): number | null | undefined {
  return table.observations.find(
    (o) => o.regionKey === regionKey && o.variableKey === variableKey && (period === undefined || o.period === period),
  )?.value;
}

describe('Gemeindeverzeichnis extract re-saved by Excel', () => {
  it('is inspected: comma, UTF-8, space thousands, decimal point and comma, AGS from its parts', async () => {
    const inspection = await inspectTable(GV);
    expect(inspection).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      headerRow: 1,
      headerRowCount: 1,
      dataStartRow: 2,
    });
    const column = (name: string) => inspection.columns.find((c) => c.name === name);
    expect(column('bevoelkerung')?.kind).toBe('number');
    expect(column('bevoelkerung')?.samples.slice(0, 3)).toEqual(['213 981', '93 125', '111 343']);
    expect(column('flaeche')).toMatchObject({ kind: 'number', decimalMark: '.' });
    expect(column('laengengrad')).toMatchObject({ kind: 'number', decimalMark: ',' });
    expect(column('gemeindename')?.kind).toBe('text');
    expect(inspection.sampleRows[0]?.slice(0, 8)).toEqual(['10', '', '16', '', '', '', '', 'Thüringen']);
    expect(inspection.suggestedMapping).toMatchObject({
      keyColumn: {
        parts: [
          { column: 'land', width: 2 },
          { column: 'rb', width: 1 },
          { column: 'kreis', width: 2 },
          { column: 'gemeinde', width: 3 },
        ],
      },
      rowFilter: { column: 'satzart', values: ['60'] },
      nameColumn: 'gemeindename',
    });
    expect(inspection.suggestedMapping.variables.map((v) => v.column)).toEqual([
      'flaeche',
      'bevoelkerung',
      'maennlich',
      'weiblich',
      'jekm2',
    ]);
  });

  it('yields the 633 Gemeinden with population 31.12.2019, area and coordinates', async () => {
    const { suggestedMapping } = await inspectTable(GV);
    const mapping: TableMapping = {
      ...suggestedMapping,
      period: '2019-12-31',
      variables: [
        { column: 'bevoelkerung', key: 'bevoelkerung', label: 'Bevölkerung', unit: 'Anzahl', additive: true },
        { column: 'flaeche', key: 'flaeche', label: 'Fläche', unit: 'km²', additive: true },
        { column: 'laengengrad', key: 'laengengrad', label: 'Längengrad', unit: 'Grad', additive: false },
      ],
      source: 'Destatis, Gemeindeverzeichnis (AuszugGV4QAktuell)',
      licence: 'dl-de/by-2-0',
    };
    const table = await parseTable(GV, mapping);
    expect(table.format).toBe('csv');
    expect(table.regions).toHaveLength(633);
    expect(table.regions.every((r) => /^16\d{6}$/.test(r.key) && r.level === 'gemeinde')).toBe(true);
    expect(table.regions[0]).toEqual({ key: '16051000', name: 'Erfurt, Stadt', level: 'gemeinde' });
    expect(value(table, '16051000', 'bevoelkerung')).toBe(213_981);
    expect(value(table, '16051000', 'flaeche')).toBe(269.91);
    expect(value(table, '16051000', 'laengengrad')).toBe(11.027236);
    expect(value(table, '16056000', 'bevoelkerung')).toBe(42_250);
    expect(value(table, '16063004', 'flaeche')).toBeDefined();
    const population = table.observations
      .filter((o) => o.variableKey === 'bevoelkerung')
      .reduce((sum, o) => sum + (o.value ?? 0), 0);
    expect(population).toBe(2_133_378);
    expect(table.periods).toEqual(['2019-12-31']);
    expect(table.warnings).toEqual(['214 Zeilen wurden durch den Zeilenfilter ausgelassen.']);
  });
});

describe('Kreisprofile seed (long format)', () => {
  it('is inspected as long format and read; the age groups add up to the population of every Kreis', async () => {
    const inspection = await inspectTable(SEED);
    expect(inspection.suggestedMapping).toMatchObject({
      keyColumn: 'ags',
      periodColumn: 'reference_date',
      longFormat: {
        variableColumn: 'indicator_key',
        valueColumn: 'value',
        unitColumn: 'unit',
        labelColumn: 'indicator_label_de',
      },
    });
    const table = await parseTable(SEED, {
      ...inspection.suggestedMapping,
      source: 'ThOnSA, Zahlen und Fakten',
      licence: 'unbekannt',
    });
    expect(table.regions).toHaveLength(15);
    expect(table.variables).toHaveLength(12);
    expect(table.observations).toHaveLength(180);
    expect(table.periods).toEqual(['2018-12', '2019-12']);
    expect(table.variables.find((v) => v.key === 'population_total')).toMatchObject({
      label: 'Bevölkerung',
      unit: 'persons',
      additive: true,
    });
    expect(table.variables.find((v) => v.key === 'foreigners_share')).toMatchObject({ unit: 'percent', additive: false });
    expect(value(table, '16077', 'foreigners_share')).toBe(3.7);
    for (const region of table.regions) {
      const total = value(table, region.key, 'population_total');
      const groups = ['population_under_18', 'population_18_to_64', 'population_65_plus'].map(
        (k) => value(table, region.key, k) ?? NaN,
      );
      expect(groups.reduce((a, b) => a + b, 0)).toBe(total);
    }
    expect(value(table, '16077', 'population_total')).toBe(12_365 + 49_451 + 27_577);
  });
});

describe('Destatis workbook 04-kreise (XLSX)', () => {
  it('is inspected: the table sheet, two header rows under a merged title, numbering row skipped', async () => {
    const inspection = await inspectTable(KREISE_XLSX);
    expect(inspection.format).toBe('xlsx');
    expect(inspection.sheets?.map((s) => s.name)).toEqual(['Deckblatt', 'Kreisfreie Städte u. Landkreise']);
    expect(inspection).toMatchObject({
      sheet: 'Kreisfreie Städte u. Landkreise',
      headerRow: 4,
      headerRowCount: 2,
      dataStartRow: 8,
    });
    expect(inspection.columns.map((c) => [c.name, c.kind])).toEqual([
      ['Schlüssel-nummer', 'key'],
      ['Regionale Bezeichnung', 'text'],
      ['Kreisfreie Stadt | Kreis / Landkreis', 'text'],
      ['NUTS3', 'text'],
      ['Fläche in km²', 'number'],
      ['Bevölkerung | insgesamt', 'number'],
      ['Bevölkerung | männlich', 'number'],
      ['Bevölkerung | weiblich', 'number'],
      ['Bevölkerung | je km²', 'number'],
    ]);
    expect(inspection.suggestedMapping.keyColumn).toBe('Schlüssel-nummer');
  });

  it('extracts area and population of the 23 Thuringian Kreise (Gebietsstand 31.12.2018)', async () => {
    const table = await parseTable(KREISE_XLSX, {
      sheet: 'Kreisfreie Städte u. Landkreise',
      keyColumn: 'Schlüssel-nummer',
      nameColumn: 'Kreisfreie Stadt | Kreis / Landkreis',
      keyPrefix: '16',
      period: '31.12.2018',
      variables: [
        { column: 'Fläche in km²', key: 'flaeche', label: 'Fläche', unit: 'km²', additive: true },
        { column: 'Bevölkerung | insgesamt', key: 'bevoelkerung', label: 'Bevölkerung', unit: 'Anzahl', additive: true },
      ],
      licence: 'dl-de/by-2-0',
    });
    expect(table.format).toBe('xlsx');
    expect(table.meta.sheet).toBe('Kreisfreie Städte u. Landkreise');
    expect(table.regions).toHaveLength(23);
    expect(table.regions.every((r) => r.level === 'kreis')).toBe(true);
    expect(table.regions[0]).toEqual({ key: '16051', name: 'Erfurt, Stadt', level: 'kreis' });
    expect(value(table, '16051', 'flaeche')).toBe(269.91);
    expect(value(table, '16051', 'bevoelkerung')).toBe(213_699);
    expect(value(table, '16056', 'bevoelkerung')).toBe(42_370);
    const sum = (key: string) => table.observations.filter((o) => o.variableKey === key).reduce((a, o) => a + (o.value ?? 0), 0);
    // The sheet's own "Insgesamt" row for Thüringen and the 12411-01-01-4 Land value 31.12.2018.
    expect(Math.round(sum('flaeche') * 100) / 100).toBe(16_202.39);
    expect(sum('bevoelkerung')).toBe(2_143_145);
    expect(table.periods).toEqual(['2018-12-31']);
  });
});

describe('other tables and malformed files', () => {
  it('detects tab, ISO-8859-1, German thousands and special values', async () => {
    const file = path.join(FIXTURES, 'generic_tab_latin1.tsv');
    const inspection = await inspectTable(file);
    expect(inspection).toMatchObject({ encoding: 'windows-1252', delimiter: '\t', decimalMark: ',' });
    expect(inspection.suggestedMapping).toMatchObject({ keyColumn: 'Schlüssel', periodColumn: 'Jahr', nameColumn: 'Gebiet' });
    const table = await parseTable(file, inspection.suggestedMapping);
    expect(table.meta).toMatchObject({ encoding: 'windows-1252', delimiter: '\t' });
    expect(table.observations.map((o) => [o.regionKey, o.variableKey, o.value, o.flag])).toEqual([
      ['16051', 'einwohner', 213981, null],
      ['16051', 'anteil_auslaender', 8.3, null],
      ['16052', 'einwohner', 93125, null],
      ['16052', 'anteil_auslaender', null, 'unknown_or_secret'],
      ['16053', 'einwohner', 111343, null],
      ['16053', 'anteil_auslaender', 9.25, null],
      ['16054', 'einwohner', 0, 'zero'],
      ['16054', 'anteil_auslaender', 4.1, null],
      ['16055', 'einwohner', 65228, null],
      ['16055', 'anteil_auslaender', null, 'unreliable'],
    ]);
    expect(table.variables.find((v) => v.key === 'anteil_auslaender')?.additive).toBe(false);
  });

  it('rejects a value that is no number with line and column', async () => {
    const mapping: TableMapping = {
      keyColumn: 'ags',
      period: '2019',
      variables: [{ column: 'einwohner', key: 'ew', label: 'Einwohner', unit: 'Anzahl', additive: true }],
    };
    await expect(parseTable(path.join(FIXTURES, 'generic_bad_value.csv'), mapping)).rejects.toThrowError(
      'generic_bad_value.csv, Zeile 4, Spalte 3: „12a“ ist keine Zahl.',
    );
    await expect(parseTable(KREISE_XLSX, { ...mapping, sheet: 'Tabelle1' })).rejects.toThrowError(
      '04-kreise_2018_destatis_original.xlsx: Das Tabellenblatt „Tabelle1“ gibt es nicht (vorhanden: Deckblatt, Kreisfreie Städte u. Landkreise).',
    );
  });

  it('streams a CSV with progress', async () => {
    const size = fs.statSync(GV).size;
    const seen: number[] = [];
    const { suggestedMapping } = await inspectTable(GV);
    const reader = readTableCsv(
      fs.createReadStream(GV, { highWaterMark: 8192 }),
      { ...suggestedMapping, period: '2019' },
      {
        fileName: 'gv.csv',
        batchSize: 500,
        totalBytes: size,
        onProgress: (bytes) => seen.push(bytes),
      },
    );
    let count = 0;
    for await (const batch of reader) count += batch.length;
    expect(count).toBe(633 * 5);
    expect(reader.summary.observationCount).toBe(633 * 5);
    expect(seen.at(-1)).toBe(size);
  });
});
