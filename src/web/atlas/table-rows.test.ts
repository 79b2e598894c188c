import { describe, expect, it } from 'vitest';
import { searchRows, tableRows } from './table-rows.ts';
import type { AtlasRow } from './types.ts';

const row = (region: string, name: string): AtlasRow => ({ region, name, value: 1, flag: null, origin: 'observed', class: 0 });
const ROWS: AtlasRow[] = [
  row('16051000', 'Erfurt'),
  row('16055000', 'Weimar'),
  row('16071001', 'Apolda'),
  row('16071004', 'Bad Berka'),
  row('16068058', 'Weimar (Lahn)'),
];

describe('searchRows', () => {
  it('finds by part of the name, case-insensitive and trimmed, or by the key', () => {
    expect(searchRows(ROWS, '  WEIMAR ').map((r) => r.region)).toEqual(['16055000', '16068058']);
    expect(searchRows(ROWS, '16071').map((r) => r.name)).toEqual(['Apolda', 'Bad Berka']);
    expect(searchRows(ROWS, '')).toBe(ROWS);
    expect(searchRows(ROWS, 'Jena')).toEqual([]);
  });
});

describe('tableRows', () => {
  it('shows every row up to the limit and ignores the search there', () => {
    expect(tableRows(ROWS, { search: 'Erfurt', showAll: false, selected: null, limit: 5 })).toEqual({
      found: ROWS,
      shown: ROWS,
      limited: false,
    });
  });

  it('cuts a longer table to the limit and appends the selected region when it was cut off', () => {
    const cut = tableRows(ROWS, { search: '', showAll: false, selected: '16068058', limit: 2 });
    expect(cut.limited).toBe(true);
    expect(cut.found).toHaveLength(5);
    expect(cut.shown.map((r) => r.name)).toEqual(['Erfurt', 'Weimar', 'Weimar (Lahn)']);
    expect(tableRows(ROWS, { search: '', showAll: false, selected: '16055000', limit: 2 }).shown).toHaveLength(2);
  });

  it('shows all found rows when asked or when the search finds few', () => {
    expect(tableRows(ROWS, { search: '', showAll: true, selected: null, limit: 2 }).shown).toHaveLength(5);
    const found = tableRows(ROWS, { search: 'weimar', showAll: false, selected: null, limit: 2 });
    expect(found).toMatchObject({ limited: false });
    expect(found.shown.map((r) => r.region)).toEqual(['16055000', '16068058']);
  });
});
