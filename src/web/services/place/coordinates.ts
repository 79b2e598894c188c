/** Typing and showing WGS84 coordinates by hand: German number format first („51,0123“), dots accepted. */

/** A point in WGS84 degrees. */
export interface LonLat {
  longitude: number;
  latitude: number;
}

/** Decimals kept of a placed point: 6 decimals of a degree are about 0.1 m, far finer than a click. */
export const COORDINATE_DECIMALS = 6;

/**
 * A decimal number in degrees as typed: „51,0123“, „51.0123“, „-0,5“, „10,4567°“ (a degree
 * sign and spaces are ignored). Thousands separators make no sense for degrees, so a single
 * comma or dot is the decimal mark; anything else (two marks, letters, empty) gives null.
 */
export function parseDegrees(text: string): number | null {
  const compact = text.replace(/\s+/g, '').replace(/°$/, '').replace('−', '-');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact)) return null;
  const value = Number(compact.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/**
 * A pasted pair „Breite, Länge“ such as „51.0123, 10.4567“ (web maps), „51,0123; 10,4567“ or
 * „51,0123 10,4567“; null when the text is not two numbers. In German format the comma is the
 * decimal mark, so the pair must be separated by a semicolon, a slash, whitespace or a comma
 * followed by a space.
 */
export function parsePair(text: string): { latitude: number; longitude: number } | null {
  const trimmed = text.trim();
  const parts = trimmed.split(/\s*[;/]\s*|,\s+|\s+/).filter((p) => p !== '');
  if (parts.length !== 2) {
    // „51.0123,10.4567“: dots as decimal marks in both numbers, so the one comma separates them.
    const dotted = /^([+-]?\d+\.\d+)°?,([+-]?\d+\.\d+)°?$/.exec(trimmed);
    if (!dotted) return null;
    return { latitude: Number(dotted[1]), longitude: Number(dotted[2]) };
  }
  const latitude = parseDegrees(parts[0]!);
  const longitude = parseDegrees(parts[1]!);
  return latitude === null || longitude === null ? null : { latitude, longitude };
}

/** Why a typed coordinate is not usable: empty, not a number, or out of the WGS84 range. */
export type CoordinateProblem = 'empty' | 'invalid' | 'range';

/** The result of reading the two fields: a point, or the problem of each field. */
export type TypedPoint =
  { ok: true; point: LonLat } | { ok: false; latitude: CoordinateProblem | null; longitude: CoordinateProblem | null };

function check(text: string, limit: number): { value: number | null; problem: CoordinateProblem | null } {
  if (text.trim() === '') return { value: null, problem: 'empty' };
  const value = parseDegrees(text);
  if (value === null) return { value: null, problem: 'invalid' };
  if (Math.abs(value) > limit) return { value: null, problem: 'range' };
  return { value, problem: null };
}

/** Reads the latitude (−90…90) and longitude (−180…180) fields as typed. */
export function readTypedPoint(latitudeText: string, longitudeText: string): TypedPoint {
  const latitude = check(latitudeText, 90);
  const longitude = check(longitudeText, 180);
  if (latitude.value !== null && longitude.value !== null) {
    return { ok: true, point: { latitude: latitude.value, longitude: longitude.value } };
  }
  return { ok: false, latitude: latitude.problem, longitude: longitude.problem };
}

/** A point rounded to {@link COORDINATE_DECIMALS} decimals (what is shown is what is saved). */
export function roundPoint(point: LonLat): LonLat {
  const factor = 10 ** COORDINATE_DECIMALS;
  return {
    longitude: Math.round(point.longitude * factor) / factor,
    latitude: Math.round(point.latitude * factor) / factor,
  };
}

/** Degrees as text for the fields and messages: „51,012345“ in German, „51.012345“ in English, up to 6 decimals. */
export function formatDegrees(value: number, language: string): string {
  return new Intl.NumberFormat(language.startsWith('en') ? 'en-GB' : 'de-DE', {
    maximumFractionDigits: COORDINATE_DECIMALS,
    useGrouping: false,
  }).format(value);
}

/** Whether two points are the same within `tolerance` degrees on both axes. */
export function samePoint(a: LonLat | null, b: LonLat | null, tolerance = 1e-9): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a.latitude - b.latitude) <= tolerance && Math.abs(a.longitude - b.longitude) <= tolerance;
}
