import { formatWithUnit } from './format.ts';
import type { AtlasRow } from './types.ts';
import { hasValue } from './types.ts';

export interface SummaryStats {
  highest: { name: string; value: number } | null;
  lowest: { name: string; value: number } | null;
  median: number | null;
  /** Regions with a value. */
  count: number;
  /** Regions without a value (missing or suppressed). */
  missing: number;
}

/** Highest, lowest and median of the regions with a value (ties: the first in name order). */
export function summaryStats(rows: readonly AtlasRow[]): SummaryStats {
  const valued = rows
    .filter(hasValue)
    .map((r) => ({ name: r.name ?? r.region, value: r.value }))
    .sort((a, b) => a.value - b.value || a.name.localeCompare(b.name, 'de'));
  const missing = rows.length - valued.length;
  if (valued.length === 0) return { highest: null, lowest: null, median: null, count: 0, missing };
  const mid = Math.floor(valued.length / 2);
  const median = valued.length % 2 === 1 ? valued[mid]!.value : (valued[mid - 1]!.value + valued[mid]!.value) / 2;
  const maxValue = valued[valued.length - 1]!.value;
  const highest = valued.find((v) => v.value === maxValue)!;
  return { highest, lowest: valued[0]!, median, count: valued.length, missing };
}

/** Translate function as i18next passes it (key and interpolation values). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The short text summary of a map: „Höchster Wert: A (12,5 %), niedrigster: B (3 %),
 * Median 7,25 %. 14 Gebiete mit Wert, 1 ohne Wert.“ Texts come from `atlas.summary.*`.
 */
export function summaryText(rows: readonly AtlasRow[], unit: string, language: string, t: Translate): string {
  const s = summaryStats(rows);
  if (!s.highest || !s.lowest || s.median === null) return t('atlas.summary.none', { missing: s.missing });
  const f = (v: number) => formatWithUnit(v, unit, language);
  const main = t('atlas.summary.text', {
    highestName: s.highest.name,
    highest: f(s.highest.value),
    lowestName: s.lowest.name,
    lowest: f(s.lowest.value),
    median: f(s.median),
  });
  const counts = t('atlas.summary.counts', { count: s.count, missing: s.missing });
  return `${main} ${counts}`;
}
