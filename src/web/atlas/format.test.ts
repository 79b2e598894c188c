import { describe, expect, it } from 'vitest';
import { formatPeriod, formatValue, formatWithUnit, ranks } from './format.ts';
import { hatchPattern, hexToRgb, sequentialPalette } from './palette.ts';
import type { AtlasRow } from './types.ts';

const row = (region: string, value: number | null, flag: string | null = null): AtlasRow => ({
  region,
  name: region,
  value,
  flag,
  origin: 'observed',
});

describe('atlas formats and palettes', () => {
  it('formats values and periods the German way', () => {
    expect(formatValue(12345.678, 'de')).toBe('12.345,68');
    expect(formatWithUnit(7.5, '%', 'de')).toBe('7,5 %');
    expect(formatWithUnit(7.5, '', 'en')).toBe('7.5');
    expect(formatPeriod('2024-12-31', 'de')).toBe('31.12.2024');
    expect(formatPeriod('2024', 'de')).toBe('2024');
  });

  it('ranks from the highest value; ties share a rank; no value, no rank', () => {
    const r = ranks([row('a', 1), row('b', 5), row('c', 5), row('d', 3), row('e', null, 'missing')]);
    expect(Object.fromEntries(r)).toEqual({ b: 1, c: 1, d: 3, a: 4 });
  });

  it('has a palette for 3 to 7 classes and a hatching tile', () => {
    for (let n = 3; n <= 7; n++) expect(sequentialPalette(n)).toHaveLength(n);
    expect(sequentialPalette(1)).toHaveLength(1);
    expect(hexToRgb('#2c7fb8')).toEqual([44, 127, 184]);
    const tile = hatchPattern(8);
    expect(tile).toHaveLength(8 * 8 * 4);
    expect(tile[3]).toBe(255);
  });
});
