import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.ts';

describe('CSV export cells', () => {
  it('neutralises formulas and quotes separators', () => {
    expect(csvCell('=HYPERLINK("http://böse.example")')).toBe(`"'=HYPERLINK(""http://böse.example"")"`);
    expect(csvCell('+49 361 123')).toBe("'+49 361 123");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('Erfurt; Stadt')).toBe('"Erfurt; Stadt"');
    expect(csvCell('Weimar')).toBe('Weimar');
  });

  it('writes numbers with a decimal comma and keeps negative numbers as numbers', () => {
    expect(csvCell(269.91)).toBe('269,91');
    expect(csvCell(-3.5)).toBe('-3,5');
    expect(csvCell(null)).toBe('');
    expect(
      csvDocument([
        ['a', 1],
        ['b', null],
      ]),
    ).toBe('\uFEFFa;1\r\nb;\r\n');
  });
});
