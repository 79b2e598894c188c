import type { AtlasRow } from './types.ts';
import { hasValue } from './types.ts';

function locale(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'de-DE';
}

// Creating an Intl.NumberFormat costs far more than formatting with it (tables of thousands of rows).
const formats = new Map<string, Intl.NumberFormat>();

/** The shared number format of a language with at most `digits` decimals. */
export function numberFormat(language: string, digits: number): Intl.NumberFormat {
  const key = `${locale(language)}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(language), { maximumFractionDigits: digits });
    formats.set(key, format);
  }
  return format;
}

/** A value for maps, legends and tables: `12,35` (German), at most `digits` decimals. */
export function formatValue(value: number, language: string, digits = 2): string {
  return numberFormat(language, digits).format(value);
}

/** A value with its unit: `12,3 %`, `4,5 je 1.000`. */
export function formatWithUnit(value: number, unit: string, language: string): string {
  const number = formatValue(value, language);
  return unit ? `${number} ${unit}` : number;
}

/** A period as a date (`31.12.2024`) or year (`2024`). */
export function formatPeriod(period: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (!m) return period;
  return language.startsWith('en') ? `${m[3]}/${m[2]}/${m[1]}` : `${m[3]}.${m[2]}.${m[1]}`;
}

/**
 * Ranks of the regions with a value, 1 = highest value; equal values share a rank
 * (competition ranking: 1, 2, 2, 4).
 */
export function ranks(rows: readonly AtlasRow[]): Map<string, number> {
  const valued = rows.filter(hasValue).sort((a, b) => b.value - a.value);
  const out = new Map<string, number>();
  valued.forEach((row, i) => {
    const previous = valued[i - 1];
    out.set(row.region, previous && previous.value === row.value ? out.get(previous.region)! : i + 1);
  });
  return out;
}
