/**
 * Class breaks for choropleth maps: quantiles, equal intervals, Jenks (optimal 1-D k-means),
 * standard deviation classes and manual bounds.
 *
 * Membership rule for every method: with ascending bounds b0 < b1 < … < bk, class 0 is the closed
 * interval [b0, b1] and class i > 0 is (bi, bi+1] — lower bound exclusive, upper bound inclusive.
 * The outer bounds are always the minimum and the maximum of the data, so every value is in a class.
 * Bounds are strictly ascending, except when all values are equal: then there is one class [v, v].
 */
import { ckmeans, mean, quantileSorted, standardDeviation } from 'simple-statistics';
import { InvalidError } from '../shared/errors.ts';

/** The supported ways to compute class bounds. */
export type BreakMethod = 'quantile' | 'equal_interval' | 'jenks' | 'standard_deviation' | 'manual';

/** All break methods in a stable order (for menus and validation). */
export const BREAK_METHODS: readonly BreakMethod[] = ['quantile', 'equal_interval', 'jenks', 'standard_deviation', 'manual'];

/**
 * A requested classification: `classes` is an integer 1–20; for `manual` it is the number of inner
 * bounds + 1 and `manual` holds the strictly ascending inner bounds (at most 19).
 */
export interface BreakSpec {
  method: BreakMethod;
  classes: number;
  manual?: readonly number[];
}

/** One class: its position, its bounds (see the module comment for which end is inclusive) and how many values fall in it. */
export interface ClassInterval {
  index: number;
  lower: number;
  upper: number;
  count: number;
}

/** The result of {@link classify}: bounds, classes with counts, missing values and German notes. */
export interface Classification {
  method: BreakMethod;
  /** Requested class count. */
  requested: number;
  /** Ascending class bounds, length = classes.length + 1 (empty when there is no value). */
  bounds: number[];
  classes: ClassInterval[];
  /** Values that were null/NaN (missing or suppressed) and stay unclassified. */
  missing: number;
  /** German notes when the result differs from the request, e.g. "Alle Werte sind gleich: eine Klasse." or "Nur 3 verschiedene Werte: 3 statt 5 Klassen." */
  notes: string[];
}

const DEFAULT_CLASSES = 5;
const MAX_CLASSES = 20;

const METHOD_NAMES: Readonly<Record<string, BreakMethod>> = {
  quantile: 'quantile',
  equal_interval: 'equal_interval',
  equal: 'equal_interval',
  jenks: 'jenks',
  ckmeans: 'jenks',
  standard_deviation: 'standard_deviation',
  sd: 'standard_deviation',
  manual: 'manual',
};

const NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;
const INTEGER_PAIR = /^[+-]?\d+,\d+$/;
// "1.500" is 1.5 with '.' as decimal separator but 1500 in German notation with a thousands point.
const THOUSANDS = /^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$/;

function invalidSpec(message: string): never {
  throw new InvalidError(message, 'invalid-break-spec');
}

/** A number in German notation for notes and messages (decimal comma, no grouping). */
function german(value: number): string {
  return String(value).replace('.', ',');
}

function parseBound(part: string, whole: string): number {
  const text = part.trim();
  if (text === '') invalidSpec(`Leere Klassengrenze in „${whole}“.`);
  if (!NUMBER.test(text)) {
    invalidSpec(`„${text}“ ist keine Zahl. Klassengrenzen mit Punkt als Dezimaltrennzeichen schreiben, z. B. „10.5“.`);
  }
  if (THOUSANDS.test(text)) {
    invalidSpec(
      `„${text}“ ist mehrdeutig (Tausenderpunkt oder Dezimalpunkt?): ohne Tausendertrennzeichen schreiben, z. B. „${text.replaceAll('.', '')}“, oder ohne Nullen am Ende.`,
    );
  }
  return Number(text);
}

/**
 * Reads manual bounds. Rule: the decimal separator is always '.'; if the text contains ';', only ';'
 * separates bounds and a ',' inside a bound is rejected (it would be a German decimal comma);
 * otherwise ',' separates bounds. Because "1,5" could be the German 1.5, a text that is exactly two
 * integers joined by a bare comma ("10,20") is rejected as ambiguous, and so is a list that mixes
 * commas with and without a following space ("1,5, 10"). A bound that looks like a German thousands
 * grouping ("1.500", "12.000.000") is rejected too. "10, 20", "10;20" and "10,20,30" are accepted.
 */
function parseManualBounds(text: string): number[] {
  if (text === '') invalidSpec('Für „manual“ die inneren Klassengrenzen angeben, z. B. „manual:10;20;30“.');
  if (text.includes(';')) {
    return text.split(';').map((part) => {
      if (part.includes(',')) {
        invalidSpec(
          `„${part.trim()}“: Bei Trennung mit „;“ ist das Komma nicht erlaubt. Dezimalzahlen mit Punkt schreiben, z. B. „10.5“.`,
        );
      }
      return parseBound(part, text);
    });
  }
  if (INTEGER_PAIR.test(text)) {
    const [a, b] = text.split(',');
    invalidSpec(
      `„${text}“ ist mehrdeutig: zwei Grenzen als „${a};${b}“ schreiben, eine Dezimalzahl als „${a}.${b}“ (Punkt als Dezimaltrennzeichen).`,
    );
  }
  const commas = text.match(/,(\s?)/g) ?? [];
  const spaced = commas.filter((c) => c.length > 1).length;
  if (spaced > 0 && spaced < commas.length) {
    invalidSpec(
      `„${text}“ ist mehrdeutig (Kommas mit und ohne Leerzeichen). Grenzen mit „;“ trennen und Dezimalzahlen mit Punkt schreiben, z. B. „1.5;10“.`,
    );
  }
  return text.split(',').map((part) => parseBound(part, text));
}

/** Throws a German InvalidError unless the manual bounds are finite, strictly ascending and at most 19. */
function checkManualBounds(bounds: readonly number[]): void {
  if (bounds.length === 0) {
    throw new InvalidError('Für „manual“ mindestens eine innere Klassengrenze angeben.', 'invalid-manual-bounds');
  }
  if (bounds.length > MAX_CLASSES - 1) {
    throw new InvalidError(
      `Höchstens ${MAX_CLASSES - 1} Klassengrenzen (${MAX_CLASSES} Klassen) sind möglich.`,
      'invalid-manual-bounds',
    );
  }
  for (const [i, bound] of bounds.entries()) {
    if (!Number.isFinite(bound)) {
      throw new InvalidError(`Die Klassengrenze „${german(bound)}“ ist keine endliche Zahl.`, 'invalid-manual-bounds');
    }
    const previous = bounds[i - 1];
    if (previous !== undefined && bound <= previous) {
      throw new InvalidError(
        bound === previous
          ? `Die Klassengrenze „${german(bound)}“ kommt doppelt vor.`
          : `Die Klassengrenzen müssen aufsteigend sein: „${german(bound)}“ folgt auf „${german(previous)}“.`,
        'invalid-manual-bounds',
      );
    }
  }
}

function checkClassCount(classes: number): void {
  if (!Number.isInteger(classes) || classes < 1 || classes > MAX_CLASSES) {
    throw new InvalidError(`Die Klassenzahl muss eine ganze Zahl von 1 bis ${MAX_CLASSES} sein.`, 'invalid-class-count');
  }
}

/**
 * Parses "quantile:5", "equal_interval:4", "jenks:5", "standard_deviation:5" (aliases "equal", "sd",
 * "ckmeans"; names case-insensitive, 5 classes when the count is omitted, counts 1–20) and
 * "manual:10;20;30" / "manual:10,20,30" (inner bounds, '.' decimal; see parseManualBounds for the
 * separator rule: "10,20" and "1,5, 10" are ambiguous and rejected); throws a German InvalidError.
 */
export function parseBreakSpec(text: string): BreakSpec {
  const trimmed = text.trim();
  if (trimmed === '') invalidSpec('Keine Klassifizierung angegeben, z. B. „quantile:5“.');
  const colon = trimmed.indexOf(':');
  const name = (colon < 0 ? trimmed : trimmed.slice(0, colon)).trim().toLowerCase();
  const argument = colon < 0 ? null : trimmed.slice(colon + 1).trim();
  const method = METHOD_NAMES[name];
  if (method === undefined) {
    invalidSpec(`Unbekannte Klassifizierung „${name}“. Möglich sind: ${BREAK_METHODS.join(', ')}.`);
  }
  if (method === 'manual') {
    const manual = parseManualBounds(argument ?? '');
    checkManualBounds(manual);
    return { method, classes: manual.length + 1, manual };
  }
  if (argument === null) return { method, classes: DEFAULT_CLASSES };
  if (!/^\d+$/.test(argument)) invalidSpec(`„${argument}“ ist keine Klassenzahl; erwartet wird z. B. „${method}:5“.`);
  const classes = Number(argument);
  checkClassCount(classes);
  return { method, classes };
}

/** The requested class count after validating the spec (manual: inner bounds + 1, `classes` is ignored). */
function requestedClasses(spec: BreakSpec): number {
  if (!BREAK_METHODS.includes(spec.method)) invalidSpec(`Unbekannte Klassifizierung „${String(spec.method)}“.`);
  if (spec.method === 'manual') {
    checkManualBounds(spec.manual ?? []);
    return (spec.manual ?? []).length + 1;
  }
  checkClassCount(spec.classes);
  return spec.classes;
}

function distinctCount(sorted: readonly number[]): number {
  let count = 0;
  for (const [i, value] of sorted.entries()) if (i === 0 || value !== sorted[i - 1]) count++;
  return count;
}

/** Candidate inner bounds (ascending, possibly with duplicates or outside the data range) for k classes. */
function innerBounds(method: Exclude<BreakMethod, 'manual'>, sorted: readonly number[], k: number): number[] {
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const inner: number[] = [];
  switch (method) {
    case 'quantile':
      // Linear interpolation between order statistics (simple-statistics, R type 7).
      for (let j = 1; j < k; j++) inner.push(quantileSorted(sorted, j / k));
      break;
    case 'equal_interval': {
      let width = (max - min) / k;
      if (!Number.isFinite(width)) width = max / k - min / k;
      for (let j = 1; j < k; j++) inner.push(min + j * width);
      break;
    }
    case 'jenks':
      // Each cluster's maximum is the upper bound of its class.
      for (const cluster of ckmeans(sorted, k).slice(0, -1)) {
        const top = cluster[cluster.length - 1];
        if (top !== undefined) inner.push(top);
      }
      break;
    case 'standard_deviation': {
      const centre = mean(sorted);
      const sd = standardDeviation(sorted);
      if (!Number.isFinite(centre) || !(sd > 0) || !Number.isFinite(sd)) break;
      // Odd k: the middle class is mean ± 0.5 SD; even k: the mean is a bound. Classes are 1 SD wide.
      // Both cases give the lowest inner bound at mean − (k − 2)/2 SD.
      const first = -(k - 2) / 2;
      for (let j = 0; j < k - 1; j++) inner.push(centre + (first + j) * sd);
      break;
    }
  }
  return inner;
}

/** Keeps inner bounds strictly between min and max and strictly ascending; returns the full bounds. */
function tidyBounds(inner: readonly number[], min: number, max: number): number[] {
  const bounds = [min];
  for (const bound of inner) {
    if (bound > bounds[bounds.length - 1]! && bound < max) bounds.push(bound);
  }
  bounds.push(max);
  return bounds;
}

/**
 * Index of the class a value falls in (lower bound inclusive for the first class, upper bound
 * inclusive, i.e. (b[i], b[i+1]] with the first class [b0, b1]); null for null/NaN/±Infinity, for
 * a classification without classes, or for values outside the bounds.
 */
export function classOf(classification: Classification, value: number | null): number | null {
  const bounds = classification.bounds;
  if (value === null || !Number.isFinite(value) || bounds.length < 2) return null;
  if (value < bounds[0]! || value > bounds[bounds.length - 1]!) return null;
  let low = 0;
  let high = bounds.length - 2;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (value <= bounds[middle + 1]!) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Computes class bounds and counts; null, NaN and ±Infinity are ignored and counted as missing.
 * Computed methods make at most as many classes as there are distinct values; coinciding bounds are
 * merged and inner bounds outside (min, max) dropped, each with a German note; manual bounds are kept
 * where they lie strictly inside (min, max), so manual classes may be empty. Throws a German
 * InvalidError for an invalid spec (class count outside 1–20, unsorted or duplicate manual bounds).
 */
export function classify(values: readonly (number | null)[], spec: BreakSpec): Classification {
  const requested = requestedClasses(spec);
  let missing = 0;
  for (const value of values) if (value === null || !Number.isFinite(value)) missing++;
  // A typed array sorts numerically without a comparator call per pair (maps of 10,000 regions).
  const typed = new Float64Array(values.length - missing);
  let filled = 0;
  for (const value of values) if (value !== null && Number.isFinite(value)) typed[filled++] = value;
  const sorted: number[] = Array.from(typed.sort());
  const notes: string[] = [];
  const result = (bounds: number[]): Classification => {
    const classification: Classification = { method: spec.method, requested, bounds, classes: [], missing, notes };
    const counts = new Array<number>(Math.max(bounds.length - 1, 0)).fill(0);
    for (const value of sorted) {
      const index = classOf(classification, value);
      if (index !== null) counts[index]!++;
    }
    classification.classes = counts.map((count, index) => ({ index, lower: bounds[index]!, upper: bounds[index + 1]!, count }));
    return classification;
  };

  if (sorted.length === 0) {
    notes.push('Keine Werte: keine Klassen.');
    return result([]);
  }
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (min === max) {
    if (requested > 1) notes.push('Alle Werte sind gleich: eine Klasse.');
    return result([min, max]);
  }

  if (spec.method === 'manual') {
    const manual = spec.manual ?? [];
    const outside = manual.filter((bound) => bound <= min || bound >= max);
    if (outside.length > 0) {
      notes.push(
        `Grenzen außerhalb des Wertebereichs (${german(min)} bis ${german(max)}) entfallen: ${outside.map(german).join('; ')}.`,
      );
    }
    return result(tidyBounds(manual, min, max));
  }

  let k = requested;
  const distinct = distinctCount(sorted);
  if (distinct < k) {
    notes.push(`Nur ${distinct} verschiedene Werte: ${distinct} statt ${k} Klassen.`);
    k = distinct;
  }
  const bounds = tidyBounds(innerBounds(spec.method, sorted, k), min, max);
  const made = bounds.length - 1;
  if (made < k) {
    const reason: Record<Exclude<BreakMethod, 'manual'>, string> = {
      quantile: 'Gleiche Quantilsgrenzen zusammengelegt',
      equal_interval: 'Zusammenfallende Klassengrenzen zusammengelegt',
      jenks: 'Zusammenfallende Klassengrenzen zusammengelegt',
      standard_deviation: 'Grenzen jenseits von Minimum oder Maximum entfallen',
    };
    notes.push(`${reason[spec.method]}: ${made} statt ${k} Klassen.`);
  }
  return result(bounds);
}
