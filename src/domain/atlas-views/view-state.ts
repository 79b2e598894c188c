import { InvalidError } from '../shared/errors.ts';

/**
 * The state of a saved atlas view: exactly the query string of the atlas permalink
 * (src/web/atlas/permalink.ts, German parameter names). Unlike the permalink reader, which
 * falls back to defaults for anything odd in an address, the server refuses a state with
 * unknown, repeated or malformed parameters, so that only well-formed views are stored.
 */

/** Map levels the atlas offers. */
export const VIEW_LEVELS = ['gemeinde', 'planning_area', 'kreis', 'land'] as const;
export type ViewLevel = (typeof VIEW_LEVELS)[number];

/** Class methods of the atlas (`manual` needs bounds). */
export const VIEW_METHODS = ['quantile', 'equal_interval', 'jenks', 'standard_deviation', 'manual'] as const;
export type ViewMethod = (typeof VIEW_METHODS)[number];

/** Class counts the atlas offers for the computed methods. */
export const VIEW_CLASS_COUNTS: readonly number[] = [3, 4, 5, 6, 7];

/** Most inner bounds of manual classes (20 classes). */
export const MAX_VIEW_BOUNDS = 19;

/** Longest state accepted, in characters. */
export const MAX_STATE_LENGTH = 2000;

/** A parsed view state; `classes` is null for manual classes (their count follows from the bounds). */
export interface ViewState {
  /** The municipality (`kommune`), or null when the state does not name it. */
  tenant: string | null;
  indicator: string;
  period: string | null;
  level: ViewLevel;
  method: ViewMethod;
  classes: number | null;
  bounds: number[] | null;
  palette: 'sequential' | 'diverging';
  region: string | null;
}

const PARAMS = {
  tenant: 'kommune',
  indicator: 'indikator',
  period: 'zeitraum',
  level: 'ebene',
  method: 'klassifikation',
  classes: 'klassen',
  bounds: 'grenzen',
  palette: 'farben',
  region: 'gebiet',
} as const;

const KNOWN = new Set<string>(Object.values(PARAMS));
const PALETTES = { sequenziell: 'sequential', divergierend: 'diverging' } as const;

const TENANT = /^\d{2}(\d{3})?$/;
const INDICATOR = /^[A-Za-z0-9_.:-]{1,100}$/;
const PERIOD = /^\d{4}(-\d{2}-\d{2})?$/;
const REGION = /^[A-Za-z0-9_-]{1,40}$/;
const BOUND = /^-?\d{1,15}(?:\.\d{1,15})?$/;

/** A value as quoted in a message: shortened, so that an error never echoes a long input. */
const quote = (value: string) => `„${value.length > 40 ? `${value.slice(0, 40)}…` : value}“`;

/** Bounds of the `grenzen` parameter (`10;12.5;15`), or null unless strictly ascending numbers (at most 19). */
function readBounds(text: string): number[] | null {
  const parts = text.split(';');
  if (parts.length > MAX_VIEW_BOUNDS) return null;
  const bounds: number[] = [];
  for (const part of parts) {
    if (!BOUND.test(part)) return null;
    const value = Number(part);
    if (bounds.length > 0 && value <= bounds[bounds.length - 1]!) return null;
    bounds.push(value);
  }
  return bounds;
}

/**
 * Parses a view state (the atlas query string, with or without a leading „?“). Throws an
 * `InvalidError` (code `invalid-view-state`, field `state`) listing every problem in German:
 * unknown or repeated parameters, a missing indicator, malformed values, manual classes
 * without bounds or bounds without manual classes. Missing level, method and class count
 * take the atlas defaults (Gemeinde, quantile, 5).
 */
export function parseViewState(text: string): ViewState {
  if (text.length > MAX_STATE_LENGTH) fail([`Die Ansicht ist zu lang (höchstens 2.000 Zeichen).`]);
  const params = new URLSearchParams(text.startsWith('?') ? text.slice(1) : text);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (!KNOWN.has(name)) problems.push(`Unbekannter Parameter ${quote(name)}.`);
    else if (seen.has(name)) problems.push(`Der Parameter ${quote(name)} kommt mehrfach vor.`);
    seen.add(name);
  }
  const get = (name: string) => params.get(name);

  const tenant = get(PARAMS.tenant);
  if (tenant !== null && !TENANT.test(tenant))
    problems.push(`Die Gebietskörperschaft ${quote(tenant)} ist kein gültiger Kreis- oder Landesschlüssel.`);
  const indicator = get(PARAMS.indicator);
  if (indicator === null) problems.push('Die Ansicht nennt keinen Indikator (Parameter „indikator“).');
  else if (!INDICATOR.test(indicator)) problems.push(`Der Indikator ${quote(indicator)} ist kein gültiger Schlüssel.`);
  const period = get(PARAMS.period);
  if (period !== null && !PERIOD.test(period))
    problems.push(`Der Zeitraum ${quote(period)} ist ungültig (JJJJ oder JJJJ-MM-TT).`);
  const level = get(PARAMS.level) ?? 'gemeinde';
  if (!(VIEW_LEVELS as readonly string[]).includes(level))
    problems.push(`Die Ebene ${quote(level)} ist unbekannt (erlaubt: ${VIEW_LEVELS.join(', ')}).`);
  const method = get(PARAMS.method) ?? 'quantile';
  if (!(VIEW_METHODS as readonly string[]).includes(method))
    problems.push(`Die Klassifikation ${quote(method)} ist unbekannt (erlaubt: ${VIEW_METHODS.join(', ')}).`);
  const classesText = get(PARAMS.classes);
  const boundsText = get(PARAMS.bounds);
  let classes: number | null = null;
  let bounds: number[] | null = null;
  if (method === 'manual') {
    if (classesText !== null)
      problems.push('Bei manuellen Klassengrenzen ergibt sich die Zahl der Klassen aus den Grenzen; „klassen“ entfällt.');
    if (boundsText === null) problems.push('Manuelle Klassen brauchen Klassengrenzen (Parameter „grenzen“).');
    else {
      bounds = readBounds(boundsText);
      if (!bounds)
        problems.push(
          `Die Klassengrenzen ${quote(boundsText)} sind ungültig: aufsteigende Zahlen mit Punkt als Dezimalzeichen, durch „;“ getrennt, höchstens ${MAX_VIEW_BOUNDS}.`,
        );
    }
  } else {
    if (boundsText !== null) problems.push('Klassengrenzen („grenzen“) gibt es nur bei der Klassifikation „manual“.');
    classes = classesText === null ? 5 : /^\d$/.test(classesText) ? Number(classesText) : NaN;
    if (!VIEW_CLASS_COUNTS.includes(classes))
      problems.push(`Die Zahl der Klassen ${quote(classesText ?? '')} ist unzulässig (erlaubt: 3 bis 7).`);
  }
  const paletteText = get(PARAMS.palette) ?? 'sequenziell';
  const palette = PALETTES[paletteText as keyof typeof PALETTES];
  if (!palette) problems.push(`Die Farbgebung ${quote(paletteText)} ist unbekannt (erlaubt: sequenziell, divergierend).`);
  const region = get(PARAMS.region);
  if (region !== null && !REGION.test(region)) problems.push(`Das Gebiet ${quote(region)} ist kein gültiger Gebietsschlüssel.`);

  if (problems.length > 0) fail(problems);
  return {
    tenant,
    indicator: indicator!,
    period,
    level: level as ViewLevel,
    method: method as ViewMethod,
    classes,
    bounds,
    palette,
    region,
  };
}

function fail(problems: string[]): never {
  const detail = `Die gespeicherte Ansicht ist ungültig: ${problems.join(' ')}`;
  throw new InvalidError(detail, 'invalid-view-state', { fields: { state: problems.join(' ') } });
}

/**
 * The canonical query string of a state, in the atlas permalink's order: the class count only
 * for computed methods, the bounds only for manual ones, the palette only when diverging.
 */
export function writeViewState(state: ViewState): string {
  const out = new URLSearchParams();
  if (state.tenant !== null) out.set(PARAMS.tenant, state.tenant);
  out.set(PARAMS.indicator, state.indicator);
  if (state.period !== null) out.set(PARAMS.period, state.period);
  out.set(PARAMS.level, state.level);
  out.set(PARAMS.method, state.method);
  if (state.method === 'manual') out.set(PARAMS.bounds, (state.bounds ?? []).map(String).join(';'));
  else out.set(PARAMS.classes, String(state.classes ?? 5));
  if (state.palette === 'diverging') out.set(PARAMS.palette, 'divergierend');
  if (state.region !== null) out.set(PARAMS.region, state.region);
  return out.toString();
}
