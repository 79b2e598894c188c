import { numberFormat } from './format.ts';

/** Most inner bounds the values API accepts (20 classes). */
export const MAX_MANUAL_BOUNDS = 19;

/** Why typed class bounds were refused; `key` names a text under `atlasMap.bounds.errors`. */
export interface BoundsError {
  key: 'empty' | 'number' | 'order' | 'duplicate' | 'tooMany';
  value?: string;
  previous?: string;
  max?: number;
}

export type BoundsResult = { ok: true; bounds: number[] } | { ok: false; error: BoundsError };

// German: decimal comma, optional thousands points ("1.500,5"); English: decimal point, optional thousands commas.
const GERMAN = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;
const ENGLISH = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * Reads the inner class bounds a user typed, separated by `;` (e.g. „10; 12,5; 15“): German number
 * format for German (decimal comma, thousands points allowed), English format otherwise (a plain
 * „12.5“ is refused in German because the point would be a thousands separator there). The bounds
 * must be strictly ascending, at most 19.
 */
export function parseManualBounds(text: string, language = 'de'): BoundsResult {
  const parts = text
    .split(';')
    .map((p) => p.trim().replace(/\u2212/g, '-'))
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: { key: 'empty' } };
  if (parts.length > MAX_MANUAL_BOUNDS) return { ok: false, error: { key: 'tooMany', max: MAX_MANUAL_BOUNDS } };
  const english = language.startsWith('en');
  const bounds: number[] = [];
  for (const part of parts) {
    if (!(english ? ENGLISH : GERMAN).test(part)) return { ok: false, error: { key: 'number', value: part } };
    const plain = english ? part.replace(/,/g, '') : part.replace(/\./g, '').replace(',', '.');
    const value = Number(plain);
    const previous = bounds[bounds.length - 1];
    const previousText = parts[bounds.length - 1];
    if (previous !== undefined && value === previous) return { ok: false, error: { key: 'duplicate', value: part } };
    if (previous !== undefined && value < previous) {
      return { ok: false, error: { key: 'order', value: part, previous: previousText } };
    }
    bounds.push(value);
  }
  return { ok: true, bounds };
}

/** Bounds as the user would type them again (German or English number format, `; ` between). */
export function formatManualBounds(bounds: readonly number[], language = 'de'): string {
  const format = numberFormat(language, 6);
  return bounds.map((b) => format.format(b)).join('; ');
}

/** One bound in the API's notation (decimal point; a trailing 0 keeps „1.125“ from reading as a thousands grouping). */
function apiNumber(value: number): string {
  const text = String(value);
  return /^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$/.test(text) ? `${text}0` : text;
}

/** The `breaks` parameter of the values API for manual bounds, e.g. `manual:10;12.5;15`. */
export function manualBreakSpec(bounds: readonly number[]): string {
  return `manual:${bounds.map(apiNumber).join(';')}`;
}

/** Bounds in the permalink (`10;12.5;15`); null when the text is not strictly ascending finite numbers. */
export function readBoundsParam(text: string | null): number[] | null {
  if (!text || text.length > 400) return null;
  const parts = text.split(';');
  if (parts.length > MAX_MANUAL_BOUNDS) return null;
  const bounds: number[] = [];
  for (const part of parts) {
    if (!/^-?\d+(?:\.\d+)?$/.test(part)) return null;
    const value = Number(part);
    if (bounds.length > 0 && value <= bounds[bounds.length - 1]!) return null;
    bounds.push(value);
  }
  return bounds;
}

/** Bounds for the permalink (decimal point, `;` between). */
export function writeBoundsParam(bounds: readonly number[]): string {
  return bounds.map((b) => String(b)).join(';');
}
