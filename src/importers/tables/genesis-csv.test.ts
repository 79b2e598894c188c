import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ParsedObservation } from '../../domain/observations/observation.ts';
import type { ParsedTable } from '../../domain/observations/parsed-table.ts';
import { parseGenesisCsvFile, readGenesisCsv, tableCodeFromFileName } from './genesis-csv.ts';

const DATA = path.resolve(import.meta.dirname, '../../../../shared/data/statistics');
const RAW = path.join(DATA, 'regionalstatistik_raw');
const ZENSUS = path.join(DATA, 'zensus2022');
const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const RAW_FILES = fs.readdirSync(RAW).filter((f) => f.endsWith('.csv'));

const cache = new Map<string, Promise<ParsedTable>>();
function parsed(file: string): Promise<ParsedTable> {
  if (!cache.has(file)) cache.set(file, parseGenesisCsvFile(file));
  return cache.get(file) as Promise<ParsedTable>;
}

function lookup(table: ParsedTable) {
  const index = new Map<string, ParsedObservation>();
  for (const o of table.observations) index.set(`${o.variableKey}|${o.period}|${o.regionKey}`, o);
  return (variableKey: string, period: string, regionKey: string) => index.get(`${variableKey}|${period}|${regionKey}`);
}

/** Independent count from the raw text: data lines (key in column 1 or 2) before the footer, and their distinct keys. */
function rawCounts(file: string): { lines: number; keys: number; valueColumns: number } {
  const text = iconv.decode(fs.readFileSync(file), 'win1252');
  const body = text.slice(0, text.indexOf('__________'));
  const data = body.split(/\r?\n/).filter((l) => /^(?:[^;]*;)?(?:DG|\d{2,12});/.test(l) && !l.startsWith(';'));
  const keys = new Set(data.map((l) => /^(?:(?:\d{4}|\d{2}\.\d{2}\.\d{4});)?(DG|\d+);/.exec(l)?.[1]));
  const header = body.split(/\r?\n/).filter((l) => l.startsWith(';'));
  const valueColumns = Math.max(...header.map((l) => l.split(';').length - l.search(/[^;]/)));
  return { lines: data.length, keys: keys.size, valueColumns };
}

describe('every Regionalstatistik export in the data folder', () => {
  // What each file yields (variables, regions, observations, periods); see the report.
  const expected: Record<string, [number, number, number, string[]]> = {
    '11111-01-01-4_gebietsflaeche_2018_kreise.csv': [1, 538, 538, ['2018-12-31']],
    '12411-01-01-4_bevoelkerung_2015_kreise.csv': [3, 526, 1578, ['2015-12-31']],
    '12411-01-01-4_bevoelkerung_2018_kreise.csv': [3, 538, 1614, ['2018-12-31']],
    '21111-01-03-4_schulen_schueler_schularten_2023_kreise.csv': [72, 538, 38736, ['2023']],
    '21111-02-06-4_schulabgaenger_abschlussarten_2023_kreise.csv': [14, 538, 7532, ['2023']],
    '21121-02-02-4_berufliche_schulen_abgaenger_2023_kreise.csv': [12, 538, 6456, ['2023']],
    '23111-01-04-4_krankenhaeuser_2017_kreise.csv': [17, 538, 9146, ['2017-12-31']],
    '82411-01-03-4_verfuegbares_einkommen_2021_kreise.csv': [2, 538, 1076, ['2021']],
  };

  it('covers all files of the folder', () => {
    expect(RAW_FILES.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(RAW_FILES)('%s parses completely, footer excluded, counts match the raw text', async (file) => {
    const table = await parsed(path.join(RAW, file));
    const raw = rawCounts(path.join(RAW, file));
    const [variables, regions, observations, periods] = expected[file] ?? [];
    expect(table.format).toBe('genesis-table');
    expect(table.meta.encoding).toBe('windows-1252');
    expect(table.meta.tableCode).toBe(file.slice(0, 13));
    expect(table.meta.licence).toBe('dl-de/by-2-0');
    expect(table.meta.attribution).toMatch(/^© Statistische Ämter des Bundes und der Länder, Deutschland, 20\d\d$/);
    expect(table.meta.stand).toMatch(/^\d{2}\.\d{2}\.\d{4} \/ \d{2}:\d{2}:\d{2}$/);
    expect(table.meta.regionalDepth).toMatch(/^Kreise und krfr\. Städte/);
    // Defunct Kreise (old Mecklenburg-Vorpommern and Sachsen Kreise, Göttingen/Osterode, Aachen) carry `-` only.
    expect(table.warnings).toHaveLength(1);
    expect(table.warnings[0]).toMatch(/^Für \d+ Gebiete steht in allen Wertspalten „-“ \(/);
    expect(table.dashOnlyRegions).toEqual(expect.arrayContaining(['05354', '13001']));
    expect(table.dashOnlyRegions?.includes('16056')).toBe(table.periods[0] === '2023');
    expect(table.variables).toHaveLength(variables as number);
    expect(table.regions).toHaveLength(regions as number);
    expect(table.regions).toHaveLength(raw.keys);
    expect(table.observations).toHaveLength(observations as number);
    expect(table.observationCount).toBe(observations);
    expect(table.periods).toEqual(periods);
    // One observation per data line and value column (row dimensions fold into variables).
    expect(table.observations.length).toBe(raw.lines * raw.valueColumns);
    const ids = new Set(table.observations.map((o) => `${o.variableKey}|${o.period}|${o.regionKey}`));
    expect(ids.size).toBe(table.observations.length);
    for (const v of table.variables) {
      expect(v.key.startsWith(`${table.meta.tableCode}:`)).toBe(true);
      expect(v.unit).not.toBe('');
    }
    expect(table.regions.find((r) => r.key === 'DG')).toEqual({ key: 'DG', name: 'Deutschland', level: 'staat' });
    expect(table.regions.filter((r) => r.level === 'land')).toHaveLength(16);
  });

  it('reads the Gebietsfläche a user would look up', async () => {
    const table = await parsed(path.join(RAW, '11111-01-01-4_gebietsflaeche_2018_kreise.csv'));
    const get = lookup(table);
    expect(table.variables[0]).toMatchObject({
      key: '11111-01-01-4:gebietsflaeche',
      label: 'Gebietsfläche',
      unit: 'qkm',
      additive: true,
    });
    expect(get('11111-01-01-4:gebietsflaeche', '2018-12-31', 'DG')?.value).toBe(357582);
    expect(get('11111-01-01-4:gebietsflaeche', '2018-12-31', '01001')).toMatchObject({ value: 56.73, flag: null, line: 9 });
    expect(get('11111-01-01-4:gebietsflaeche', '2018-12-31', '16')?.value).toBe(16202.37);
    expect(get('11111-01-01-4:gebietsflaeche', '2018-12-31', '16056')?.value).toBe(104.17);
    expect(table.regions.find((r) => r.key === '03241001')).toEqual({
      key: '03241001',
      name: 'Hannover, Landeshauptstadt',
      level: 'gemeinde',
    });
    expect(table.regions.find((r) => r.key === '031')?.level).toBe('regierungsbezirk');
  });

  it('reads ISO-8859-1 umlauts correctly', async () => {
    const table = await parsed(path.join(RAW, '12411-01-01-4_bevoelkerung_2018_kreise.csv'));
    expect(table.regions.find((r) => r.key === '01003')?.name).toBe('Lübeck, Hansestadt, Kreisfreie Stadt');
    expect(table.regions.find((r) => r.key === '16')?.name).toBe('Thüringen');
    expect(table.variables.map((v) => v.label)).toContain('Bevölkerungsstand | männlich');
  });

  it('keeps special values as flags, never as numbers', async () => {
    const income = await parsed(path.join(RAW, '82411-01-03-4_verfuegbares_einkommen_2021_kreise.csv'));
    const get = lookup(income);
    expect(get('82411-01-03-4:verfuegbares-einkommen-der-privaten-haushalte', '2021', '05334002')).toMatchObject({
      value: null,
      flag: 'unknown_or_secret',
    });
    expect(income.variables.map((v) => [v.unit, v.additive])).toEqual([
      ['Tsd. EUR', true],
      ['EUR', false],
    ]);
    const schools = await parsed(path.join(RAW, '21111-01-03-4_schulen_schueler_schularten_2023_kreise.csv'));
    const school = lookup(schools);
    expect(school('21111-01-03-4:allgemeinbildende-schulen:insgesamt', '2023', '16')).toMatchObject({
      value: null,
      flag: 'not_meaningful',
    });
    expect(school('21111-01-03-4:allgemeinbildende-schulen:grundschulen', '2023', '16')).toMatchObject({
      value: 421,
      flag: null,
    });
    // Eisenach (16056) has been part of the Wartburgkreis since 2021: `-` everywhere.
    const eisenach = schools.observations.filter((o) => o.regionKey === '16056');
    expect(eisenach).toHaveLength(72);
    expect(eisenach.every((o) => o.value === 0 && o.flag === 'zero')).toBe(true);
    for (const file of RAW_FILES) {
      const table = await parsed(path.join(RAW, file));
      for (const o of table.observations) {
        if (o.flag === null) expect(Number.isFinite(o.value)).toBe(true);
        else expect(o.value).toBe(o.flag === 'zero' ? 0 : null);
      }
    }
  });

  it('every Land equals the sum of its Kreise for additive variables (where all Kreise have numbers)', async () => {
    // Known, documented deviations: area and Tsd. EUR are sums of rounded figures; Rheinland-Pfalz'
    // area includes the German-Luxembourg condominium (footnote); school statistics of
    // Schleswig-Holstein, Bremen, Nordrhein-Westfalen and Sachsen-Anhalt are rounded to
    // multiples of 3 or 5 for confidentiality.
    const report: string[] = [];
    for (const file of RAW_FILES) {
      const table = await parsed(path.join(RAW, file));
      const get = lookup(table);
      const kreise = table.regions.filter((r) => r.level === 'kreis');
      let compared = 0;
      let exact = 0;
      let rounding = 0;
      let explained = 0;
      for (const variable of table.variables.filter((v) => v.additive)) {
        for (const period of table.periods) {
          for (const land of table.regions.filter((r) => r.level === 'land')) {
            const landValue = get(variable.key, period, land.key)?.value;
            // Kreise only: Regierungsbezirke (3 digits) and Gemeinden (8 digits) are subtotals/parts.
            const parts = kreise.filter((k) => k.key.startsWith(land.key)).map((k) => get(variable.key, period, k.key)?.value);
            if (
              landValue === null ||
              landValue === undefined ||
              parts.length === 0 ||
              parts.some((v) => v === null || v === undefined)
            )
              continue;
            const sum = (parts as number[]).reduce((a, b) => a + b, 0);
            const diff = Math.round((landValue - sum) * 100) / 100;
            compared++;
            if (diff === 0) {
              exact++;
              continue;
            }
            const halfUnit = variable.unit === 'qkm' ? 0.005 : 0.5;
            if (Math.abs(diff) <= parts.length * halfUnit + 1e-9 && (variable.unit === 'qkm' || variable.unit === 'Tsd. EUR')) {
              rounding++;
            } else if (variable.unit === 'qkm' && land.key === '07' && Math.abs(diff - 6.18) < 0.05) {
              explained++;
            } else if (
              file.startsWith('211') &&
              ['01', '04', '05', '15'].includes(land.key) &&
              (diff % 3 === 0 || diff % 5 === 0)
            ) {
              explained++;
            } else {
              throw new Error(`${file}: ${land.key} ${variable.key} ${period}: Land ${landValue} ≠ Summe der Kreise ${sum}`);
            }
          }
        }
      }
      report.push(`${file}: ${compared} Vergleiche, ${exact} exakt, ${rounding} Rundung, ${explained} dokumentiert`);
      expect(compared).toBeGreaterThan(0);
      if (file.startsWith('12411') || file.startsWith('23111')) expect(exact).toBe(compared);
    }
    console.info(report.join('\n'));
  });

  it('Thüringen equals the sum of its Kreise exactly in every file (Eisenach included while it existed)', async () => {
    for (const file of RAW_FILES) {
      const table = await parsed(path.join(RAW, file));
      const get = lookup(table);
      const kreise = table.regions.filter((r) => r.level === 'kreis' && r.key.startsWith('16'));
      expect(kreise).toHaveLength(23);
      for (const variable of table.variables.filter((v) => v.additive && v.unit === 'Anzahl')) {
        const land = get(variable.key, table.periods[0] as string, '16');
        const parts = kreise.map((k) => get(variable.key, table.periods[0] as string, k.key));
        if (land?.value === null || parts.some((p) => p?.value === null)) continue;
        expect(parts.reduce((a, p) => a + (p?.value ?? 0), 0)).toBe(land?.value);
      }
    }
  });
});

describe('Zensus 2022 table 1000A-0000', () => {
  const tabelle = () => parsed(path.join(ZENSUS, '1000A-0000_bevoelkerung_gemeinden_th.csv'));
  const flat = () => parsed(path.join(ZENSUS, '1000A-0000_flat_th.csv'));

  it('reads DG and the 631 Thuringian Gemeinden (12-digit ARS → 8-digit AGS); they sum to 2,110,396', async () => {
    for (const table of [await tabelle(), await flat()]) {
      expect(table.meta.encoding).toBe('utf-8');
      expect(table.variables.map((v) => [v.key, v.unit, v.additive])).toEqual([['1000A-0000:personen', 'Anzahl', true]]);
      expect(table.periods).toEqual(['2022-05-15']);
      const gemeinden = table.observations.filter((o) => /^16\d{6}$/.test(o.regionKey));
      expect(gemeinden).toHaveLength(631);
      expect(table.regions.filter((r) => r.level === 'gemeinde')).toHaveLength(631);
      expect(gemeinden.reduce((sum, o) => sum + (o.value ?? 0), 0)).toBe(2_110_396);
      expect(table.observations.find((o) => o.regionKey === 'DG')).toMatchObject({ value: 82_719_540, quality: 'e' });
      expect(table.observations.find((o) => o.regionKey === '16051000')).toMatchObject({ value: 218_200, quality: 'e' });
      expect(table.observations.find((o) => o.regionKey === '16061045')?.value).toBe(16_586);
      expect(table.observations).toHaveLength(632);
    }
  });

  it('reads the header and footer of the "Tabelle" layout', async () => {
    const table = await tabelle();
    expect(table.format).toBe('genesis-table');
    expect(table.variables[0]?.label).toBe('Personen: Bevölkerungszahl');
    expect(table.meta).toMatchObject({ tableCode: '1000A-0000', stand: '12.07.2024 / 21:23:34', licence: 'dl-de/by-2-0' });
    expect(table.meta.attribution).toBe('© Statistische Ämter des Bundes und der Länder, Deutschland, 2024');
    expect(table.meta.notes?.[0]).toMatch(/^Nachrichtlich aus dem Gemeindeverzeichnis GV-ISys:/);
    // Kreisfreie Städte come first in the file and are Gemeinden too (order of appearance kept).
    expect(table.regions.slice(0, 3).map((r) => [r.key, r.name])).toEqual([
      ['DG', 'Deutschland'],
      ['16051000', 'Erfurt, Stadt'],
      ['16052000', 'Gera, Stadt'],
    ]);
  });

  it('gives the same values in the flat format', async () => {
    const a = await tabelle();
    const b = await flat();
    expect(b.format).toBe('genesis-flat');
    const values = (t: ParsedTable) => new Map(t.observations.map((o) => [o.regionKey, o.value]));
    expect(values(b)).toEqual(values(a));
    expect(tableCodeFromFileName('1000A-0000_flat_th.csv')).toBe('1000A-0000');
  });
});

describe('encodings and malformed files', () => {
  it('detects UTF-8 without BOM (CRLF line ends) and Windows-1252', async () => {
    const utf8 = await parseGenesisCsvFile(path.join(FIXTURES, 'genesis_utf8_no_bom_crlf.csv'));
    expect(utf8.meta.encoding).toBe('utf-8');
    expect(utf8.regions.map((r) => r.name)).toContain('Lübeck, Hansestadt, Kreisfreie Stadt');
    expect(utf8.observations.find((o) => o.regionKey === '01003')).toMatchObject({ value: 214.19, line: 10 });
    expect(utf8.meta.notes?.[0]).toBe(
      'zu "Gebietsfläche":\nAbweichungen bei den Flächenangaben sind durch Runden der\nZahlen möglich.',
    );
    const cp1252 = await parseGenesisCsvFile(path.join(FIXTURES, 'genesis_windows1252.csv'));
    expect(cp1252.meta.encoding).toBe('windows-1252');
    expect(cp1252.meta.title).toContain('Verfügbares Einkommen – Jahressumme (in Tsd. €)');
    expect(cp1252.regions.map((r) => r.name)).toContain('Lübeck, kreisfreie Stadt, Hansestadt');
  });

  it.each([
    ['genesis_bad_value_latin1.csv', 'genesis_bad_value_latin1.csv, Zeile 11, Spalte 4: „12a“ ist keine Zahl.'],
    [
      'genesis_truncated.csv',
      'genesis_truncated.csv, Zeile 11, Spalte 4: Die Zeile hat nur 3 von 4 Spalten; die Datei ist möglicherweise abgeschnitten.',
    ],
    [
      'genesis_unclosed_quote.csv',
      'genesis_unclosed_quote.csv, Zeile 12: Das Anführungszeichen in dieser Zeile wird bis zum Dateiende nicht geschlossen.',
    ],
  ])('%s is rejected as a whole', async (file, message) => {
    await expect(parseGenesisCsvFile(path.join(FIXTURES, file))).rejects.toThrowError(message);
    await expect(parseGenesisCsvFile(path.join(FIXTURES, file))).rejects.toMatchObject({ code: 'import-rejected' });
  });

  it('rejects a file that is UTF-8 at first and not later', async () => {
    // The first 64 KiB are valid UTF-8 with umlauts; a Latin-1 `ü` (0xFC) follows later.
    const start = Buffer.from(
      `Tabelle: 11111-01-01-4\nGebietsfläche;;;\n;;;Fläche\n;;;qkm\n${'2018;16;Thüringen;1\n'.repeat(4000)}`,
      'utf8',
    );
    const later = Buffer.from([0x32, 0x30, 0x31, 0x38, 0x3b, 0x31, 0x36, 0x3b, 0x54, 0x68, 0xfc, 0x3b, 0x31, 0x0a]);
    const reader = readGenesisCsv(Readable.from([start, later]), { fileName: 'gemischt.csv' });
    await expect(async () => {
      for await (const _ of reader) void _;
    }).rejects.toThrowError(/gemischt\.csv: Die Datei ist nicht einheitlich UTF-8-kodiert/);
  });
});

describe('streaming', () => {
  it('yields batches with progress and offers the summary afterwards', async () => {
    const file = path.join(RAW, '23111-01-04-4_krankenhaeuser_2017_kreise.csv');
    const size = fs.statSync(file).size;
    const progress: [number, number | undefined][] = [];
    const reader = readGenesisCsv(fs.createReadStream(file, { highWaterMark: 4096 }), {
      fileName: 'krankenhaeuser.csv',
      batchSize: 1000,
      totalBytes: size,
      onProgress: (bytes, total) => progress.push([bytes, total]),
    });
    expect(() => reader.summary).toThrowError(/erst, wenn die Tabelle vollständig gelesen ist/);
    const sizes: number[] = [];
    for await (const batch of reader) sizes.push(batch.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(9146);
    expect(sizes.slice(0, -1).every((n) => n >= 1000)).toBe(true);
    expect(reader.summary.observationCount).toBe(9146);
    expect(progress.at(-1)).toEqual([size, size]);
    expect(progress.every(([b], i) => i === 0 || b >= (progress[i - 1]?.[0] ?? 0))).toBe(true);
  });

  it('stops reading when the consumer stops', async () => {
    const stream = fs.createReadStream(path.join(RAW, '21111-01-03-4_schulen_schueler_schularten_2023_kreise.csv'), {
      highWaterMark: 4096,
    });
    const reader = readGenesisCsv(stream, { batchSize: 100 });
    for await (const batch of reader) {
      expect(batch.length).toBeGreaterThanOrEqual(100);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stream.destroyed).toBe(true);
  });

  it('reads large files at speed without holding them as one string', async () => {
    const rows = 300_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-genesis-'));
    const file = path.join(dir, '1000A-0000_flat_big.csv');
    const out = fs.createWriteStream(file);
    out.write(
      '\ufeffstatistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;value;value_unit;value_variable_code;value_variable_label;value_q\n',
    );
    let chunk = '';
    for (let i = 0; i < rows; i++) {
      const ars = `16${String(i % 1000).padStart(3, '0')}0000${String(Math.floor(i / 1000)).padStart(3, '0')}`;
      chunk += `1000A;Bevölkerung kompakt;STAG;Stichtag;2022-05-15;GEOGM4;Gemeinden;${ars};Gemeinde ${i};${i % 5000};Anzahl;PRS018;Personen;e\n`;
      if (chunk.length > 1 << 16) {
        out.write(chunk);
        chunk = '';
      }
    }
    out.end(chunk);
    await new Promise<void>((resolve) => out.on('finish', () => resolve()));
    const started = performance.now();
    let count = 0;
    const reader = readGenesisCsv(fs.createReadStream(file, { highWaterMark: 1 << 20 }), { fileName: 'big.csv' });
    for await (const batch of reader) count += batch.length;
    const seconds = (performance.now() - started) / 1000;
    console.info(`GENESIS flat: ${rows} Zeilen in ${seconds.toFixed(2)} s (${Math.round(rows / seconds)} Zeilen/s)`);
    expect(count).toBe(rows);
    expect(reader.summary.regions).toHaveLength(rows);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
