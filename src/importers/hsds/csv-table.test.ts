import { describe, expect, it } from 'vitest';
import { readCsvTable, writeCsv } from './csv-table.ts';

describe('HSDS CSV tables', () => {
  it('numbers rows by the line they start on, also after a field with a line break', () => {
    const table = readCsvTable('services.csv', 'id,name\ns1,"Zeile\nzwei"\ns2,Drei\n');
    expect(table.rows.map((r) => [r.line, r.values.id])).toEqual([
      [2, 's1'],
      [4, 's2'],
    ]);
  });
  it('rejects a row with a different number of fields, naming its line', () => {
    expect(() => readCsvTable('services.csv', 'id,name\ns1,A\ns2,B,C\n')).toThrow(
      'services.csv, Zeile 3: Die Zeile hat 3 Felder, die Kopfzeile 2.',
    );
  });
  it('writes formula-safe cells and reads them back unchanged', () => {
    const text = writeCsv(
      ['number', 'note'],
      [
        ['+49 361 123', '=SUMME(A1)'],
        ['-', 'a, "b"'],
      ],
    );
    expect(text).toBe('number,note\n\'+49 361 123,\'=SUMME(A1)\n\'-,"a, ""b"""\n');
    expect(readCsvTable('x.csv', text).rows.map((r) => r.values)).toEqual([
      { number: '+49 361 123', note: '=SUMME(A1)' },
      { number: '-', note: 'a, "b"' },
    ]);
  });
  it('reads semicolon-separated files', () => {
    expect(readCsvTable('x.csv', 'a;b\n1,5;2\n', ';').rows[0]?.values).toEqual({ a: '1,5', b: '2' });
  });
});
