import { describe, expect, it } from 'vitest';
import de from '../i18n/de.json';
import { summaryStats, summaryText, type Translate } from './summary.ts';
import type { AtlasRow } from './types.ts';

const row = (region: string, name: string, value: number | null, flag: string | null = null): AtlasRow => ({
  region,
  name,
  value,
  flag,
  origin: 'observed',
});

/** The German texts with {{placeholders}} filled, as i18next would. */
const t: Translate = (key, values = {}) => {
  const template = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], de) as string;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
};

describe('summary of a map', () => {
  const rows = [
    row('1', 'Adorf', 12.5),
    row('2', 'Bedorf', 3),
    row('3', 'Cedorf', 7),
    row('4', 'Dedorf', 7.5),
    row('5', 'Eedorf', null, 'suppressed'),
  ];

  it('finds highest, lowest and median of the regions with a value', () => {
    expect(summaryStats(rows)).toEqual({
      highest: { name: 'Adorf', value: 12.5 },
      lowest: { name: 'Bedorf', value: 3 },
      median: 7.25,
      count: 4,
      missing: 1,
    });
    expect(summaryStats(rows.slice(0, 3)).median).toBe(7);
  });

  it('writes the German text with German numbers and the unit', () => {
    expect(summaryText(rows, '%', 'de', t)).toBe(
      'Höchster Wert: Adorf (12,5 %), niedrigster: Bedorf (3 %), Median 7,25 %. Gebiete mit Wert: 4, ohne Wert: 1.',
    );
  });

  it('says so when no region has a value', () => {
    expect(summaryStats([row('5', 'E', null, 'missing')]).highest).toBeNull();
    expect(summaryText([row('5', 'E', null, 'missing')], '%', 'de', t)).toBe('Für keines der 1 Gebiete gibt es einen Wert.');
  });
});
