/**
 * Numbers as official German statistics print them, and the GENESIS special values.
 *
 * The rules of {@link parseGermanNumber}, in order:
 * 1. Surrounding white space is ignored; a leading `-`, `−` (U+2212) or `+` is the sign.
 * 2. Spaces – also no-break (U+00A0), narrow no-break (U+202F) and thin (U+2009) – separate
 *    thousands and must stand between groups of exactly three digits (`213 981`).
 * 3. If both `.` and `,` occur, the one that occurs last is the decimal mark (exactly once) and the
 *    other one separates thousands in groups of three (`1.234,5`, `1,234.5`).
 * 4. A mark that occurs more than once separates thousands (`1.234.567`).
 * 5. A single mark followed by exactly three digits, after an integer part of one to three digits
 *    that does not start with `0`, is ambiguous (`1.234`): it is read with the column's decimal
 *    mark – German columns (`,`, the default) make `1.234` = 1234, columns with a decimal point
 *    make it 1.234 (and `1,234` = 1234). After space-grouped thousands it is always the decimal mark.
 * 6. Any other single mark is the decimal mark (`357582,00`, `1234.5`, `0.123`, `-12,5`).
 * Nothing else is a number: no exponents, no units, no empty text.
 */
import type { ObservationFlag } from './observation.ts';
import { GENESIS_SPECIAL_VALUES } from './observation.ts';
import { ImportError } from './import-error.ts';

/** The decimal mark a column uses; decides only the ambiguous `1.234` / `1,234` case. */
export type DecimalMark = ',' | '.';

const DIGITS = /^\d+$/;
const SPACE_CHAR = /[ \u00a0\u202f\u2009]/;
const SPACES = /[ \u00a0\u202f\u2009]/g;
const SPACE_GROUPED = /^[1-9]\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?$/;
const DOTS = /\./g;
const COMMAS = /,/g;
const DOT_GROUPED = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
const COMMA_GROUPED = /^[1-9]\d{0,2}(?:,\d{3})+$/;
const GROUP_HEAD = /^[1-9]\d{0,2}$/;

/**
 * Parses a German (or unambiguous English) number; returns `undefined` when the text is not a
 * number by the rules above. `decimalMark` only resolves the ambiguous `1.234`.
 */
export function parseGermanNumber(text: string, decimalMark: DecimalMark = ','): number | undefined {
  let s = text;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  if (first <= 32 || last <= 32 || first >= 0x80 || last >= 0x80) s = s.trim();
  if (s.length === 0) return undefined;
  let negative = false;
  let start = 0;
  const sign = s.charCodeAt(0);
  if (sign === 45 || sign === 0x2212) {
    negative = true;
    start = 1;
  } else if (sign === 43) {
    start = 1;
  }
  const body = start === 0 ? s : s.slice(start);
  if (body.length === 0) return undefined;
  const magnitude = DIGITS.test(body) ? Number(body) : parseBody(body, decimalMark);
  if (magnitude === undefined) return undefined;
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

function parseBody(text: string, decimalMark: DecimalMark): number | undefined {
  let body = text;
  let spaced = false;
  if (SPACE_CHAR.test(body)) {
    if (!SPACE_GROUPED.test(body)) return undefined;
    body = body.replace(SPACES, '');
    spaced = true;
  }
  const firstDot = body.indexOf('.');
  const firstComma = body.indexOf(',');
  if (firstDot < 0 && firstComma < 0) return DIGITS.test(body) ? Number(body) : undefined;

  if (firstDot >= 0 && firstComma >= 0) {
    if (spaced) return undefined;
    const lastDot = body.lastIndexOf('.');
    const lastComma = body.lastIndexOf(',');
    const decimalAt = Math.max(lastDot, lastComma);
    const decimalChar = body[decimalAt];
    if (body.indexOf(decimalChar as string) !== decimalAt) return undefined;
    const integerPart = body.slice(0, decimalAt);
    const fraction = body.slice(decimalAt + 1);
    const grouped = decimalChar === ',' ? DOT_GROUPED : COMMA_GROUPED;
    if (!grouped.test(integerPart) || !DIGITS.test(fraction)) return undefined;
    return Number(`${integerPart.replace(decimalChar === ',' ? DOTS : COMMAS, '')}.${fraction}`);
  }

  const mark = firstDot >= 0 ? '.' : ',';
  const at = firstDot >= 0 ? firstDot : firstComma;
  if (body.lastIndexOf(mark) !== at) {
    if (spaced) return undefined;
    const grouped = mark === '.' ? DOT_GROUPED : COMMA_GROUPED;
    return grouped.test(body) ? Number(body.replace(mark === '.' ? DOTS : COMMAS, '')) : undefined;
  }
  const integerPart = body.slice(0, at);
  const fraction = body.slice(at + 1);
  if (!DIGITS.test(integerPart) || !DIGITS.test(fraction)) return undefined;
  if (!spaced && fraction.length === 3 && mark !== decimalMark && GROUP_HEAD.test(integerPart)) {
    return Number(integerPart + fraction);
  }
  return Number(`${integerPart}.${fraction}`);
}

/** Options of {@link formatGermanNumber}. */
export interface GermanNumberFormat {
  /** Thousands separator: `.` (default), a space, a no-break space or none. */
  grouping?: '.' | ' ' | '\u00a0' | '\u202f' | '';
  /** Fixed number of decimals; by default the shortest text that reads back as the same number. */
  decimals?: number;
}

/**
 * Writes a finite number the German way (`1.234.567,89`); {@link parseGermanNumber} reads the
 * text back as the same number. Throws for NaN and ±Infinity.
 */
export function formatGermanNumber(value: number, format: GermanNumberFormat = {}): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const grouping = format.grouping ?? '.';
  const plain = format.decimals === undefined ? plainDecimal(Math.abs(value)) : Math.abs(value).toFixed(format.decimals);
  const [integerPart = '0', fraction] = plain.split('.');
  const grouped = grouping === '' ? integerPart : integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, grouping);
  const sign = value < 0 && Number(plain) !== 0 ? '-' : '';
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped},${fraction}`;
}

/** Shortest round-trip decimal text without exponent, e.g. 1e21 → `1000000000000000000000`. */
function plainDecimal(value: number): string {
  const text = String(value);
  if (!text.includes('e')) return text;
  const [mantissa = '0', exponentText = '0'] = text.split('e');
  const exponent = Number(exponentText);
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A cell's meaning: a number (flag null), an observed zero (`-`) or a flagged gap (value null). */
export interface StatisticalValue {
  value: number | null;
  flag: ObservationFlag | null;
}

/**
 * GENESIS special values plus the spellings seen in re-saved files (`X`, `…`); a Map so that text
 * like `constructor` never hits an object prototype.
 */
export const SPECIAL_VALUE_FLAGS: ReadonlyMap<string, ObservationFlag> = new Map<string, ObservationFlag>([
  ...Object.entries(GENESIS_SPECIAL_VALUES),
  ['X', 'not_meaningful'],
  ['\u2026', 'later'],
]);

/** Value of a special-value flag: `zero` (`-`) is an observed 0, every other flag has no value. */
export function specialValueOf(flag: ObservationFlag): number | null {
  return flag === 'zero' ? 0 : null;
}

/** Where a cell sits, for error messages (1-based line and column). */
export interface CellPosition {
  file: string;
  line: number;
  column: number;
}

/** Shortens a cell for quoting in a message. */
export function quoteCell(text: string): string {
  const trimmed = text.trim();
  return `„${trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed}“`;
}

/** The German reason for a cell that is neither a number nor a special value. */
export function notANumberReason(text: string): string {
  if (text.trim() === '') return 'Leeres Feld; erwartet wird eine Zahl oder ein Sonderzeichen (-, ., x, /, ...).';
  return `${quoteCell(text)} ist keine Zahl.`;
}

/**
 * Reads a statistics cell: a special value (`-` → 0 with flag `zero`, `.`/`x`/`/`/`...` → null
 * with their flag) or a number; anything else throws an {@link ImportError} at `position`,
 * e.g. `kreise.csv, Zeile 12, Spalte 4: „12a“ ist keine Zahl.`
 */
export function parseStatisticalValue(text: string, position: CellPosition, decimalMark: DecimalMark = ','): StatisticalValue {
  const trimmed = text.trim();
  const flag = SPECIAL_VALUE_FLAGS.get(trimmed);
  if (flag !== undefined) return { value: specialValueOf(flag), flag };
  const value = parseGermanNumber(trimmed, decimalMark);
  if (value === undefined) throw new ImportError(position.file, position.line, position.column, notANumberReason(text));
  return { value, flag: null };
}

/** Evidence about a column's decimal mark, gathered by {@link decimalEvidence}. */
export interface DecimalEvidence {
  comma: number;
  point: number;
}

/** Counts cells that can only be read with a decimal comma or only with a decimal point. */
export function decimalEvidence(texts: Iterable<string>): DecimalEvidence {
  const evidence = { comma: 0, point: 0 };
  for (const raw of texts) {
    const text = raw.trim().replace(SPACES, '');
    const dot = text.lastIndexOf('.');
    const comma = text.lastIndexOf(',');
    if (dot >= 0 && comma >= 0) {
      if (comma > dot) evidence.comma++;
      else evidence.point++;
      continue;
    }
    const at = Math.max(dot, comma);
    if (at < 0 || text.indexOf(text[at] as string) !== at) continue;
    const integerPart = text.slice(0, at).replace(/^[-+\u2212]/, '');
    const fraction = text.slice(at + 1);
    if (!DIGITS.test(integerPart) || !DIGITS.test(fraction)) continue;
    if (fraction.length !== 3 || !GROUP_HEAD.test(integerPart)) {
      if (dot >= 0) evidence.point++;
      else evidence.comma++;
    }
  }
  return evidence;
}

/** The decimal mark that explains more cells; German `,` when the evidence is even. */
export function detectDecimalMark(texts: Iterable<string>): DecimalMark {
  const evidence = decimalEvidence(texts);
  return evidence.point > evidence.comma ? '.' : ',';
}
