import { describe, expect, it } from 'vitest';
import { GenesisInterpreter } from './genesis-interpreter.ts';
import type { ParsedObservation } from './observation.ts';
import type { GenesisFlatOptions } from './genesis-flat.ts';

/** Feeds `;`-separated lines (no quoting needed in these tests) to the interpreter. */
function read(text: string, options: Partial<GenesisFlatOptions> = {}) {
  const interpreter = new GenesisInterpreter({ fileName: 'test.csv', ...options });
  const observations: ParsedObservation[] = [];
  text.split('\n').forEach((line, i) => interpreter.push(line.split(';'), i + 1, observations));
  const summary = interpreter.finish(observations);
  return { ...summary, observations };
}

function valueOf(result: ReturnType<typeof read>, regionKey: string, variableKey: string, period?: string) {
  return result.observations.find(
    (o) => o.regionKey === regionKey && o.variableKey === variableKey && (period === undefined || o.period === period),
  );
}

const FOOTER = [
  '__________',
  '© Statistische Ämter des Bundes und der Länder, Deutschland, 2020.',
  'Stand: 21.03.2020 / 13:36:11',
].join('\n');

describe('GENESIS "Tabelle" layout', () => {
  it('reads a date-first table with a unit row, mixed key levels, indented names and special values', () => {
    const r = read(
      [
        'GENESIS-Tabelle: 11111-01-01-4',
        'Gebietsfläche in qkm - Stichtag 31.12. -;;;',
        'regionale Tiefe: Kreise und krfr. Städte;;;',
        ';;;Gebietsfläche',
        ';;;qkm',
        '31.12.2018;DG;Deutschland;357582,00',
        '31.12.2018;01;  Schleswig-Holstein;15804,30',
        '31.12.2018;01001;      Flensburg, Kreisfreie Stadt;56,73',
        '31.12.2018;031;    Braunschweig, Stat. Region;8117,03',
        '31.12.2018;03241001;      Hannover, Landeshauptstadt;204,30',
        '31.12.2018;03152;      Göttingen, Landkreis;-',
        '31.12.2018;05334;      Aachen, Kreis;.',
        FOOTER,
      ].join('\n'),
    );
    expect(r.format).toBe('genesis-table');
    expect(r.meta).toMatchObject({
      tableCode: '11111-01-01-4',
      regionalDepth: 'Kreise und krfr. Städte',
      stand: '21.03.2020 / 13:36:11',
    });
    expect(r.variables).toEqual([
      {
        key: '11111-01-01-4:gebietsflaeche',
        label: 'Gebietsfläche',
        unit: 'qkm',
        additive: true,
        source: 'Regionaldatenbank Deutschland, Tabelle 11111-01-01-4',
        licence: 'dl-de/by-2-0',
        attribution: '© Statistische Ämter des Bundes und der Länder, Deutschland, 2020',
      },
    ]);
    expect(r.regions.map((g) => [g.key, g.name, g.level])).toEqual([
      ['DG', 'Deutschland', 'staat'],
      ['01', 'Schleswig-Holstein', 'land'],
      ['01001', 'Flensburg, Kreisfreie Stadt', 'kreis'],
      ['031', 'Braunschweig, Stat. Region', 'regierungsbezirk'],
      ['03241001', 'Hannover, Landeshauptstadt', 'gemeinde'],
      ['03152', 'Göttingen, Landkreis', 'kreis'],
      ['05334', 'Aachen, Kreis', 'kreis'],
    ]);
    expect(r.periods).toEqual(['2018-12-31']);
    expect(valueOf(r, 'DG', '11111-01-01-4:gebietsflaeche')).toMatchObject({ value: 357582, flag: null, line: 6 });
    expect(valueOf(r, '03152', '11111-01-01-4:gebietsflaeche')).toMatchObject({ value: 0, flag: 'zero' });
    expect(valueOf(r, '05334', '11111-01-01-4:gebietsflaeche')).toMatchObject({ value: null, flag: 'unknown_or_secret' });
    expect(r.observations).toHaveLength(7);
    expect(r.dashOnlyRegions).toEqual(['03152']);
    expect(r.warnings).toEqual([
      'Für 1 Gebiet steht in allen Wertspalten „-“ (03152): gelesen als beobachtete Null – oder das Gebiet bestand zum Stichtag nicht mehr (z. B. Eisenach 16056 seit dem 01.07.2021). Bitte prüfen.',
    ]);
  });

  it('takes periods from a header row and drops the "Stichtag" row above it; the content line names the variable and unit', () => {
    const r = read(
      [
        'GENESIS-Tabelle: 12411-01-01-4',
        'Bevölkerung nach Geschlecht - Stichtag 31.12. - regionale;;;;',
        'Tiefe: Kreise und krfr. Städte;;;;',
        'Bevölkerungsstand (Anzahl);;;;',
        ';;Stichtag;Stichtag;Stichtag',
        ';;31.12.2018;31.12.2018;31.12.2018',
        ';;Insgesamt;männlich;weiblich',
        'DG;Deutschland;83019213;40966691;42052522',
        '16056;      Eisenach, krsfr. Stadt;42370;20874;21496',
        FOOTER,
      ].join('\n'),
    );
    expect(r.variables.map((v) => [v.key, v.label, v.unit, v.additive])).toEqual([
      ['12411-01-01-4:bevoelkerungsstand:insgesamt', 'Bevölkerungsstand | Insgesamt', 'Anzahl', true],
      ['12411-01-01-4:bevoelkerungsstand:maennlich', 'Bevölkerungsstand | männlich', 'Anzahl', true],
      ['12411-01-01-4:bevoelkerungsstand:weiblich', 'Bevölkerungsstand | weiblich', 'Anzahl', true],
    ]);
    expect(valueOf(r, '16056', '12411-01-01-4:bevoelkerungsstand:weiblich')).toMatchObject({
      value: 21496,
      period: '2018-12-31',
    });
  });

  it('reads a time series laid out in columns', () => {
    const r = read(
      [
        'Tabelle: 12411-01-01-4',
        ';;2019;2020;2021',
        ';;Anzahl;Anzahl;Anzahl',
        '16;  Thüringen;2133378;2120237;2108863',
        FOOTER,
      ].join('\n'),
    );
    expect(r.variables).toHaveLength(1);
    expect(r.periods).toEqual(['2019', '2020', '2021']);
    expect(valueOf(r, '16', r.variables[0]!.key, '2020')?.value).toBe(2120237);
  });

  it('makes row dimensions (several rows per Kreis) part of the variable and repeats empty descriptor cells', () => {
    const r = read(
      [
        'GENESIS-Tabelle: 21111-01-03-4',
        ';;;;Allgemeinbildende Schulen;Schülerinnen und Schüler',
        ';;;;;Geschlecht',
        ';;;;;Insgesamt',
        ';;;;Anzahl;Anzahl',
        '2023;16051;      Erfurt, kreisfreie Stadt;Grundschulen;30;6839',
        '2023;16051;      Erfurt, kreisfreie Stadt;Gymnasien;10;5800',
        ';;;Insgesamt;x;18500',
        FOOTER,
      ].join('\n'),
    );
    expect(r.variables.map((v) => v.key)).toEqual([
      '21111-01-03-4:allgemeinbildende-schulen:grundschulen',
      '21111-01-03-4:schuelerinnen-und-schueler:geschlecht:insgesamt:grundschulen',
      '21111-01-03-4:allgemeinbildende-schulen:gymnasien',
      '21111-01-03-4:schuelerinnen-und-schueler:geschlecht:insgesamt:gymnasien',
      '21111-01-03-4:allgemeinbildende-schulen:insgesamt',
      '21111-01-03-4:schuelerinnen-und-schueler:geschlecht:insgesamt:insgesamt',
    ]);
    expect(r.variables[1]?.label).toBe('Schülerinnen und Schüler | Geschlecht | Insgesamt | Grundschulen');
    expect(valueOf(r, '16051', '21111-01-03-4:allgemeinbildende-schulen:insgesamt')).toMatchObject({
      value: null,
      flag: 'not_meaningful',
      line: 8,
      period: '2023',
    });
  });

  it('reads the Zensus layout: unit column, value with quality flag, 12-digit ARS', () => {
    const r = read(
      [
        'Tabelle: 1000A-0000',
        'Personen: Bevölkerungszahl;;;;',
        'Bevölkerung kompakt (Gebietsstand 15.05.2022);;;;;',
        ';;;;15.05.2022;',
        'DG;Deutschland;Personen;Anzahl;82719540;e',
        '160510000000;Erfurt, Stadt;Personen;Anzahl;218200;e',
        '160610045045;Heilbad Heiligenstadt, Stadt;Personen;Anzahl;16586;',
        '110000000000;Berlin;Personen;Anzahl;3596999;e',
        '__________',
      ].join('\n'),
    );
    expect(r.variables.map((v) => [v.key, v.label, v.unit, v.source])).toEqual([
      ['1000A-0000:personen', 'Personen: Bevölkerungszahl', 'Anzahl', 'Zensus 2022, Tabelle 1000A-0000'],
    ]);
    expect(r.regions.map((g) => [g.key, g.level])).toEqual([
      ['DG', 'staat'],
      ['16051000', 'gemeinde'],
      ['16061045', 'gemeinde'],
      ['11000000', 'gemeinde'],
    ]);
    expect(r.observations.map((o) => [o.regionKey, o.value, o.quality, o.line])).toEqual([
      ['DG', 82719540, 'e', 5],
      ['16051000', 218200, 'e', 6],
      ['16061045', 16586, undefined, 7],
      ['11000000', 3596999, 'e', 8],
    ]);
    expect(r.periods).toEqual(['2022-05-15']);
  });

  it('keeps Kreis and Land ARS at their natural length when the table has no Gemeinde rows', () => {
    const r = read(
      [
        'Tabelle: 1000A-0001',
        ';;;;15.05.2022;',
        '160000000000;Thüringen;Personen;Anzahl;2110396;e',
        '160510000000;Erfurt;Personen;Anzahl;218200;e',
        '__________',
      ].join('\n'),
    );
    expect(r.regions.map((g) => [g.key, g.level])).toEqual([
      ['16', 'land'],
      ['16051', 'kreis'],
    ]);
    expect(r.observations.map((o) => o.regionKey)).toEqual(['16', '16051']);
  });

  it('reads the new "Tabelle:" layout with percentages and secret values', () => {
    const r = read(
      [
        'Tabelle: 13211-02-05-4',
        'Arbeitslose nach ausgewählten Personengruppen sowie;;;;',
        'regionale Tiefe:;;;;',
        'Kreise und krfr. Städte;;;;',
        ';;;Arbeitslose;Arbeitslosenquote bez. auf alle zivile Erwerbsp.',
        ';;;;',
        ';;;Anzahl;Prozent',
        '2025;16;  Thüringen;70000;6,3',
        '2025;164;    Statistische Region;10;.',
        '2025;16056;      Eisenach, kreisfreie Stadt;-;-',
        FOOTER,
      ].join('\n'),
    );
    expect(r.variables.map((v) => [v.key, v.unit, v.additive])).toEqual([
      ['13211-02-05-4:arbeitslose', 'Anzahl', true],
      ['13211-02-05-4:arbeitslosenquote-bez-auf-alle-zivile-erwerbsp', 'Prozent', false],
    ]);
    expect(r.meta.regionalDepth).toBe('Kreise und krfr. Städte');
    expect(valueOf(r, '16', '13211-02-05-4:arbeitslosenquote-bez-auf-alle-zivile-erwerbsp')?.value).toBe(6.3);
    expect(valueOf(r, '164', '13211-02-05-4:arbeitslosenquote-bez-auf-alle-zivile-erwerbsp')?.flag).toBe('unknown_or_secret');
  });

  it('names columns with the same header by their number', () => {
    const r = read(['Tabelle: 99999-01-01-4', ';;;Wert;Wert', ';;;Anzahl;Anzahl', '2021;16;Thüringen;1;2', FOOTER].join('\n'));
    expect(r.variables.map((v) => v.key)).toEqual(['99999-01-01-4:wert', '99999-01-01-4:wert:spalte-5']);
    expect(r.warnings).toEqual(['Spalte 5 hat denselben Spaltenkopf wie Spalte 4; sie wird nach ihrer Nummer benannt.']);
  });

  it('warns when the footer is missing', () => {
    const r = read(['Tabelle: 11111-01-01-4', ';;;Fläche', ';;;qkm', '2018;16;Thüringen;16202,37'].join('\n'));
    expect(r.warnings).toEqual(['Die Datei hat keinen Tabellenfuß (Quelle, Stand); sie ist möglicherweise unvollständig.']);
  });

  describe('rejects malformed tables with file, line, column and a German reason', () => {
    const head = ['GENESIS-Tabelle: 11111-01-01-4', ';;;Gebietsfläche;Einwohner', ';;;qkm;Anzahl'];
    const cases: [string, string[], string][] = [
      [
        'a non-number value',
        ['31.12.2018;DG;Deutschland;357582,00;83019213', '31.12.2018;01;Schleswig-Holstein;12a;1'],
        'test.csv, Zeile 5, Spalte 4: „12a“ ist keine Zahl.',
      ],
      [
        'an empty value',
        ['31.12.2018;01;Schleswig-Holstein;;1'],
        'test.csv, Zeile 4, Spalte 4: Leeres Feld; erwartet wird eine Zahl oder ein Sonderzeichen (-, ., x, /, ...).',
      ],
      [
        'a truncated row',
        ['31.12.2018;DG;Deutschland;357582,00;83019213', '31.12.2018;01;Schles'],
        'test.csv, Zeile 5, Spalte 4: Die Zeile hat nur 3 von 5 Spalten; die Datei ist möglicherweise abgeschnitten.',
      ],
      [
        'a key that is no key',
        ['31.12.2018;DG;Deutschland;1;2', '31.12.2018;16A51;Erfurt;1;2'],
        'test.csv, Zeile 5, Spalte 2: „16A51“ ist kein amtlicher Regionalschlüssel.',
      ],
      [
        'an impossible date',
        ['31.12.2018;DG;Deutschland;1;2', '31.04.2018;16;Thüringen;1;2'],
        'test.csv, Zeile 5, Spalte 1: „31.04.2018“ ist keine gültige Zeitangabe (erwartet z. B. 31.12.2018 oder 2021).',
      ],
      [
        'a value outside the table',
        ['31.12.2018;DG;Deutschland;1;2', '31.12.2018;16;Thüringen;1;2;3'],
        'test.csv, Zeile 5, Spalte 6: „3“ steht außerhalb der 5 Tabellenspalten.',
      ],
    ];
    it.each(cases)('%s', (_name, rows, message) => {
      expect(() => read([...head, ...rows, FOOTER].join('\n'))).toThrowError(message);
    });

    it('a table without key column or without any period', () => {
      expect(() => read(['Tabelle: x', ';;Wert', 'Thüringen;abc;1', FOOTER].join('\n'))).toThrowError(
        'test.csv, Zeile 3: Keine Spalte mit amtlichen Regionalschlüsseln gefunden (erwartet z. B. „DG“, „16“, „16051“ oder „16051000“).',
      );
      expect(() => read(['Tabelle: x', ';;Wert', '16;Thüringen;1', FOOTER].join('\n'))).toThrowError(
        /Zeile 3: Die Tabelle nennt keinen Zeitbezug/,
      );
      expect(read(['Tabelle: x', ';;Wert', ';;Anzahl', '16;Thüringen;1', FOOTER].join('\n'), { period: '2020' }).periods).toEqual(
        ['2020'],
      );
    });

    it('a file without data', () => {
      expect(() => read(['Tabelle: x', ';;Wert'].join('\n'))).toThrowError(
        'test.csv: Die Datei enthält keine Datenzeilen im GENESIS-Tabellenformat.',
      );
      expect(() => read('')).toThrowError('test.csv: Die Datei ist leer.');
    });
  });
});

describe('GENESIS flat format', () => {
  const header =
    'statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;2_variable_code;2_variable_label;2_variable_attribute_code;2_variable_attribute_label;value;value_unit;value_variable_code;value_variable_label;value_q';

  it('reads one value per row, the regional level from the GEO code and further dimensions into the variable', () => {
    const r = read(
      [
        header,
        '1000A;Bevölkerung;STAG;Stichtag;2022-05-15;GEOLK4;Kreise;160510000000;Erfurt;GES;Geschlecht;GESW;weiblich;110000;Anzahl;PRS018;Personen;e',
        '1000A;Bevölkerung;STAG;Stichtag;2022-05-15;GEODL1;Deutschland;DG;Deutschland;GES;Geschlecht;GESW;weiblich;42000000;Anzahl;PRS018;Personen;',
        '1000A;Bevölkerung;STAG;Stichtag;2022-05-15;GEOGM4;Gemeinden;160510000000;Erfurt, Stadt;GES;Geschlecht;GESM;männlich;;Anzahl;PRS018;Personen;.',
      ].join('\n'),
      { tableCode: '1000A-0001' },
    );
    expect(r.format).toBe('genesis-flat');
    expect(r.regions.map((g) => [g.key, g.level])).toEqual([
      ['16051', 'kreis'],
      ['DG', 'staat'],
      ['16051000', 'gemeinde'],
    ]);
    expect(r.variables.map((v) => [v.key, v.label, v.unit])).toEqual([
      ['1000A-0001:personen:weiblich', 'Personen | weiblich', 'Anzahl'],
      ['1000A-0001:personen:maennlich', 'Personen | männlich', 'Anzahl'],
    ]);
    expect(r.observations.map((o) => [o.regionKey, o.value, o.flag, o.quality])).toEqual([
      ['16051', 110000, null, 'e'],
      ['DG', 42000000, null, undefined],
      ['16051000', null, 'unknown_or_secret', undefined],
    ]);
  });

  it('rejects a missing column and a bad value', () => {
    expect(() => read('statistics_code;value;time\nx;1;2020')).toThrowError(
      'test.csv, Zeile 1: Die Spalte „1_variable_code“ fehlt; die Datei hat nicht das GENESIS-Flat-Format.',
    );
    expect(() =>
      read([header, '1000A;B;STAG;S;2022-05-15;GEODL1;D;DG;Deutschland;GES;G;GESW;w;12a;Anzahl;PRS;Personen;'].join('\n')),
    ).toThrowError('test.csv, Zeile 2, Spalte 14: „12a“ ist keine Zahl.');
  });
});
