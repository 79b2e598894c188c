import { describe, expect, it } from 'vitest';
import {
  censusOfFile,
  gridDatasetKey,
  gridDatasetLabel,
  gridMethodText,
  parsePopulation,
  populationConvention,
  preferredDataset,
} from './population-grid.ts';

describe('censusOfFile', () => {
  const layout = (columns: string[], fileName = 'gitter.csv', bom = false) => ({ columns, bom, fileName });
  it('reads the year from the file name first', () => {
    expect(censusOfFile(layout(['GITTER_ID_100m', 'Einwohner'], 'Zensus2022_Bevoelkerungszahl_100m-Gitter.csv'), null)).toBe(
      'zensus2022',
    );
    expect(censusOfFile(layout(['GITTER_ID_1km', 'Einwohner'], 'zensus2011_1km_spitze_werte_th.csv', true), null)).toBe(
      'zensus2011',
    );
  });
  it('then the 2011 spellings, short ids, the 2022 text column and the BOM', () => {
    expect(censusOfFile(layout(['Gitter_ID_100m', 'x_mp_100m', 'y_mp_100m', 'Einwohner']), null)).toBe('zensus2011');
    expect(censusOfFile(layout(['GITTER_ID_1km', 'Gitter_ID_1km_Zensus2011', 'Einwohner']), null)).toBe('zensus2011');
    expect(censusOfFile(layout(['ID', 'Einwohner']), '100mN26840E43341')).toBe('zensus2011');
    expect(censusOfFile(layout(['GITTER_ID_100m', 'Einwohner', 'werterlaeuternde_Zeichen']), null)).toBe('zensus2022');
    expect(censusOfFile(layout(['GITTER_ID_100m', 'Einwohner'], 'gitter.csv', true), null)).toBe('zensus2022');
  });
});

describe('parsePopulation', () => {
  it('Zensus 2011 population file (Einwohner only): -1 is secret', () => {
    const convention = populationConvention('zensus2011', ['Einwohner']);
    expect(convention).toBe('minus1-secret');
    expect(parsePopulation('-1', convention)).toBe('secret');
    expect(parsePopulation('17', convention)).toBe(17);
  });
  it('Zensus 2011 "Spitze Werte" and 2022: -1 = unpopulated (0), -9 and – = secret', () => {
    const convention = populationConvention('zensus2011', ['Einwohner', 'Frauen_A', 'Alter_D']);
    expect(convention).toBe('minus1-empty');
    expect(parsePopulation('-1', convention)).toBe(0);
    expect(parsePopulation('-9', convention)).toBe('secret');
    expect(parsePopulation('–', populationConvention('zensus2022', ['Einwohner']))).toBe('secret');
    expect(parsePopulation('', 'minus1-empty')).toBe('secret');
    expect(parsePopulation(' 1234 ', 'minus1-empty')).toBe(1234);
    expect(parsePopulation('12,0', 'minus1-empty')).toBe(12);
  });
  it('refuses text, fractions of persons and other negative numbers with a German reason', () => {
    expect(() => parsePopulation('zwölf', 'minus1-empty')).toThrow('„zwölf“ ist keine Einwohnerzahl.');
    expect(() => parsePopulation('2,5', 'minus1-empty')).toThrow(/keine ganze Zahl/);
    expect(() => parsePopulation('-3', 'minus1-empty')).toThrow(/nur -1 und -9/);
  });
});

describe('datasets', () => {
  it('are keyed by census and cell size, labelled in German', () => {
    expect(gridDatasetKey('zensus2011', 1000)).toBe('zensus2011-1km');
    expect(gridDatasetKey('zensus2022', 100)).toBe('zensus2022-100m');
    expect(gridDatasetLabel('zensus2022', 100, 'Einwohner')).toBe('Zensus 2022, 100-m-Gitter, Einwohner');
    expect(gridMethodText(100, 12345, 'Luftlinie')).toBe('Zensus-Gitter 100 m (12.345 Zellen), Luftlinie');
  });
  it('the preferred one is the latest, then the finest', () => {
    const a = { key: 'zensus2011-100m', referenceDate: '2011-05-09', cellSize: 100 };
    const b = { key: 'zensus2022-1km', referenceDate: '2022-05-15', cellSize: 1000 };
    const c = { key: 'zensus2022-100m', referenceDate: '2022-05-15', cellSize: 100 };
    expect(preferredDataset([a, b, c])).toBe(c);
    expect(preferredDataset([a, b])).toBe(b);
    expect(preferredDataset([])).toBeNull();
  });
});
