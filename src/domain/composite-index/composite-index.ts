/**
 * A composite social index in the style of Berlin's "Monitoring Soziale Stadtentwicklung" (MSS):
 * a status index from indicator levels at the end period and a dynamics index from the change
 * end − start over a chosen span, each a weighted mean of z-scores that is standardised again, then
 * classified into status classes (hoch … sehr niedrig) and dynamics classes (positiv, stabil, negativ).
 *
 * Definitions (all standard deviations are population SDs, i.e. divided by n, because the areas of a
 * municipality are the whole population, not a sample):
 * 1. Classified areas: population ≥ populationFloor and a finite end value for every component with
 *    weight > 0 (status); for dynamics additionally a finite start value for every such component.
 *    Components with weight 0 are switched off: their values are neither required nor used.
 * 2. Per component: z = (x − mean) / SD over the classified areas, multiplied by +1 for
 *    'higher_is_worse' and −1 for 'higher_is_better', so that a positive z always means disadvantage
 *    (status) or a change towards disadvantage (dynamics, x = end − start). A component whose values
 *    are all equal (max − min ≤ 1e-12 · max(|min|, |max|)) gets z = 0 everywhere and a note.
 * 3. Outliers: z-scores beyond ±outlierCap are capped at ±outlierCap (mean and SD stay those of the
 *    uncapped values) and the area is flagged as an outlier.
 * 4. Raw index = Σ weight · z / Σ weight; the index is the raw index standardised again over the
 *    classified areas (mean 0, population SD 1). If the raw index does not vary (SD ≤ 1e-9), every
 *    classified area gets 0 and a note.
 * So a high status index means disadvantage and a high dynamics index a worsening.
 */
import { mean, standardDeviation } from 'simple-statistics';
import { InvalidError } from '../shared/errors.ts';

/** One indicator in the index with its weight (finite, ≥ 0; 0 switches it off) and its direction. */
export interface IndexComponent {
  indicatorKey: string;
  weight: number;
  /** 'higher_is_worse' means high values count as disadvantage (sign +1); 'higher_is_better' flips the sign. */
  polarity: 'higher_is_worse' | 'higher_is_better';
}

/** One area (Sozialraum/Planungsraum) with its population and indicator values at the end (and start) of the span. */
export interface IndexArea {
  key: string;
  population: number | null;
  /** indicator → value at the end period */
  status: Readonly<Record<string, number | null>>;
  /** indicator → value at the start of the dynamics span (optional) */
  start?: Readonly<Record<string, number | null>>;
}

/** Components, population floor (inhabitants), outlier cap (in SD units) and class thresholds (standardised index units). */
export interface CompositeIndexOptions {
  components: readonly IndexComponent[];
  /** Areas with fewer inhabitants are not classified (MSS: 300). */
  populationFloor: number;
  /** z-scores are capped at ±outlierCap (and areas beyond it are listed as outliers); default 3. */
  outlierCap?: number;
  /** Status class thresholds on the standardised status index, default MSS-like [-1, 1, 1.5] → classes 'hoch' (< -1), 'mittel', 'niedrig' (> 1), 'sehr_niedrig' (> 1.5) — note: a HIGH index means disadvantage, so status 'hoch' = good. Dynamics thresholds default [-1, 1] → 'positiv' (< -1), 'stabil', 'negativ' (> 1). */
  statusThresholds?: readonly number[];
  dynamicsThresholds?: readonly number[];
}

/** Status class: 'hoch' = index below the first threshold (good) … 'sehr_niedrig' = above the third (strong disadvantage). */
export type StatusClass = 'hoch' | 'mittel' | 'niedrig' | 'sehr_niedrig';

/** Dynamics class: 'positiv' = index below the first threshold (improving), 'negativ' = above the second (worsening). */
export type DynamicsClass = 'positiv' | 'stabil' | 'negativ';

/**
 * The index of one area. `status`/`dynamics` are standardised indices (null when not classified).
 * `zScores` holds, per switched-on component, the signed and capped z-score that entered the status
 * index under the indicator key and the one that entered the dynamics index under `change/<key>`
 * (present only when some area has start values); null where not computed.
 */
export interface IndexResult {
  key: string;
  status: number | null;
  dynamics: number | null;
  statusClass: StatusClass | null;
  dynamicsClass: DynamicsClass | null;
  /** German reason when not classified (population floor, missing indicator value names the indicator) */
  reason?: string;
  outlier: boolean;
  zScores: Record<string, number | null>;
}

const DEFAULT_OUTLIER_CAP = 3;
const DEFAULT_STATUS_THRESHOLDS = [-1, 1, 1.5] as const;
const DEFAULT_DYNAMICS_THRESHOLDS = [-1, 1] as const;
const CONSTANT_RELATIVE = 1e-12;
const FLAT_INDEX_SD = 1e-9;

/** Key of the dynamics z-score of an indicator in {@link IndexResult.zScores} ('/' never occurs in indicator keys). */
function changeKey(indicatorKey: string): string {
  return `change/${indicatorKey}`;
}

function german(value: number): string {
  return String(value).replace('.', ',');
}

function quoted(keys: readonly string[]): string {
  return keys.map((k) => `„${k}“`).join(', ');
}

function checkThresholds(thresholds: readonly number[], length: number, name: string): void {
  const ascending = thresholds.every((t, i) => Number.isFinite(t) && (i === 0 || t > thresholds[i - 1]!));
  if (thresholds.length !== length || !ascending) {
    throw new InvalidError(
      `Die ${name} müssen genau ${length} endliche, streng aufsteigende Zahlen sein.`,
      'invalid-index-thresholds',
    );
  }
}

function validate(areas: readonly IndexArea[], options: CompositeIndexOptions): void {
  const { components } = options;
  if (components.length === 0)
    throw new InvalidError('Der Index braucht mindestens einen Indikator.', 'invalid-index-components');
  const keys = new Set<string>();
  for (const c of components) {
    if (c.indicatorKey === '') throw new InvalidError('Ein Indikator im Index hat keinen Schlüssel.', 'invalid-index-components');
    if (keys.has(c.indicatorKey)) {
      throw new InvalidError(`Der Indikator „${c.indicatorKey}“ kommt im Index doppelt vor.`, 'invalid-index-components');
    }
    keys.add(c.indicatorKey);
    if (c.polarity !== 'higher_is_worse' && c.polarity !== 'higher_is_better') {
      throw new InvalidError(`Unbekannte Richtung für „${c.indicatorKey}“.`, 'invalid-index-components');
    }
    if (!Number.isFinite(c.weight) || c.weight < 0) {
      throw new InvalidError(
        `Das Gewicht von „${c.indicatorKey}“ muss eine Zahl größer oder gleich 0 sein.`,
        'invalid-index-weights',
      );
    }
  }
  if (!(components.reduce((sum, c) => sum + c.weight, 0) > 0)) {
    throw new InvalidError('Die Summe der Gewichte muss größer als 0 sein.', 'invalid-index-weights');
  }
  if (!Number.isFinite(options.populationFloor) || options.populationFloor < 0) {
    throw new InvalidError('Die Mindesteinwohnerzahl muss eine Zahl größer oder gleich 0 sein.', 'invalid-index-options');
  }
  const cap = options.outlierCap ?? DEFAULT_OUTLIER_CAP;
  if (!Number.isFinite(cap) || cap <= 0) {
    throw new InvalidError('Die Ausreißergrenze muss eine positive Zahl sein.', 'invalid-index-options');
  }
  checkThresholds(options.statusThresholds ?? DEFAULT_STATUS_THRESHOLDS, 3, 'Schwellen des Statusindex');
  checkThresholds(options.dynamicsThresholds ?? DEFAULT_DYNAMICS_THRESHOLDS, 2, 'Schwellen des Dynamikindex');
  const areaKeys = new Set<string>();
  for (const area of areas) {
    if (areaKeys.has(area.key)) throw new InvalidError(`Das Gebiet „${area.key}“ kommt doppelt vor.`, 'duplicate-area-key');
    areaKeys.add(area.key);
  }
}

/** z-scores with population SD, or null when the values do not vary (see the module comment). */
function standardise(values: readonly number[]): number[] | null {
  let lowest = Infinity;
  let highest = -Infinity;
  for (const v of values) {
    lowest = Math.min(lowest, v);
    highest = Math.max(highest, v);
  }
  if (highest - lowest <= CONSTANT_RELATIVE * Math.max(Math.abs(lowest), Math.abs(highest))) return null;
  const centre = mean(values);
  const sd = standardDeviation(values);
  return values.map((v) => (v - centre) / sd);
}

function missingKeys(values: Readonly<Record<string, number | null>> | undefined, keys: readonly string[]): string[] {
  return keys.filter((k) => {
    const v = values?.[k];
    return v === null || v === undefined || !Number.isFinite(v);
  });
}

function missingReason(prefix: string, singular: string, plural: string, keys: readonly string[]): string {
  return keys.length === 1 ? `${prefix}${singular} für ${quoted(keys)} fehlt.` : `${prefix}${plural} für ${quoted(keys)} fehlen.`;
}

interface Part {
  /** Indices (into the areas) of the areas this part is computed for. */
  members: number[];
  /** Per member, per active component: the measured value. */
  values: number[][];
}

interface PartResult {
  index: number[];
  z: number[][];
  outliers: Set<number>;
}

/** Signed, capped z-scores per component and the restandardised weighted index for one part (status or dynamics). */
function computePart(
  part: Part,
  active: readonly IndexComponent[],
  cap: number,
  notes: string[],
  describeConstant: (key: string) => string,
  flatNote: string,
): PartResult {
  const n = part.members.length;
  const z = part.members.map(() => active.map(() => 0));
  const outliers = new Set<number>();
  active.forEach((component, j) => {
    const scores = standardise(part.values.map((row) => row[j]!));
    if (scores === null) {
      notes.push(describeConstant(component.indicatorKey));
      return;
    }
    const sign = component.polarity === 'higher_is_worse' ? 1 : -1;
    scores.forEach((score, i) => {
      if (Math.abs(score) > cap) outliers.add(part.members[i]!);
      z[i]![j] = sign * Math.max(-cap, Math.min(cap, score));
    });
  });
  const totalWeight = active.reduce((sum, c) => sum + c.weight, 0);
  const raw = z.map((row) => row.reduce((sum, score, j) => sum + active[j]!.weight * score, 0) / totalWeight);
  if (n === 0) return { index: [], z, outliers };
  const sd = standardDeviation(raw);
  if (!(sd > FLAT_INDEX_SD)) {
    notes.push(flatNote);
    return { index: raw.map(() => 0), z, outliers };
  }
  const centre = mean(raw);
  return { index: raw.map((r) => (r - centre) / sd), z, outliers };
}

function statusClassOf(value: number, [low, high, veryHigh]: readonly number[]): StatusClass {
  if (value < low!) return 'hoch';
  if (value > veryHigh!) return 'sehr_niedrig';
  if (value > high!) return 'niedrig';
  return 'mittel';
}

function dynamicsClassOf(value: number, [low, high]: readonly number[]): DynamicsClass {
  if (value < low!) return 'positiv';
  if (value > high!) return 'negativ';
  return 'stabil';
}

/**
 * Computes the index for all areas (results in input order); means and standard deviations are taken
 * over the classified areas only (those at or above the population floor with all inputs), separately
 * for status and dynamics. Class bounds: status < t1 'hoch', t1…t2 'mittel', (t2, t3] 'niedrig',
 * > t3 'sehr_niedrig'; dynamics < d1 'positiv', d1…d2 'stabil', > d2 'negativ'. Throws a German
 * InvalidError for negative or non-finite weights, a weight sum of 0, duplicate indicator or area keys,
 * a negative population floor, a non-positive outlier cap or thresholds that are not strictly ascending.
 */
export function compositeIndex(
  areas: readonly IndexArea[],
  options: CompositeIndexOptions,
): { results: IndexResult[]; notes: string[] } {
  validate(areas, options);
  const cap = options.outlierCap ?? DEFAULT_OUTLIER_CAP;
  const statusThresholds = options.statusThresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const dynamicsThresholds = options.dynamicsThresholds ?? DEFAULT_DYNAMICS_THRESHOLDS;
  const active = options.components.filter((c) => c.weight > 0);
  const keys = active.map((c) => c.indicatorKey);
  const withDynamics = areas.some((a) => a.start !== undefined);
  const notes: string[] = [];

  const results: IndexResult[] = areas.map((area) => {
    const zScores: Record<string, number | null> = {};
    for (const key of keys) zScores[key] = null;
    if (withDynamics) for (const key of keys) zScores[changeKey(key)] = null;
    return { key: area.key, status: null, dynamics: null, statusClass: null, dynamicsClass: null, outlier: false, zScores };
  });

  const status: Part = { members: [], values: [] };
  const dynamics: Part = { members: [], values: [] };
  areas.forEach((area, i) => {
    const result = results[i]!;
    const population = area.population;
    if (population === null || !Number.isFinite(population)) {
      result.reason = 'Einwohnerzahl fehlt: nicht klassifiziert.';
      return;
    }
    if (population < options.populationFloor) {
      result.reason = `Weniger als ${german(options.populationFloor)} Einwohner (${german(population)}): nicht klassifiziert.`;
      return;
    }
    const missing = missingKeys(area.status, keys);
    if (missing.length > 0) {
      result.reason = missingReason('', 'Wert', 'Werte', missing);
      return;
    }
    const end = keys.map((k) => area.status[k]!);
    status.members.push(i);
    status.values.push(end);
    if (!withDynamics) return;
    const missingStart = missingKeys(area.start, keys);
    if (missingStart.length > 0) {
      result.reason = missingReason('Keine Dynamik: ', 'Ausgangswert', 'Ausgangswerte', missingStart);
      return;
    }
    dynamics.members.push(i);
    dynamics.values.push(keys.map((k, j) => end[j]! - area.start![k]!));
  });

  if (status.members.length === 0) {
    notes.push('Kein Gebiet erfüllt die Bedingungen (Mindesteinwohnerzahl, vollständige Werte): kein Index.');
  } else {
    const part = computePart(
      status,
      active,
      cap,
      notes,
      (key) => `Der Indikator „${key}“ hat in allen klassifizierten Gebieten denselben Wert und trägt 0 zum Statusindex bei.`,
      'Der Statusindex streut nicht: alle klassifizierten Gebiete erhalten 0.',
    );
    status.members.forEach((areaIndex, m) => {
      const result = results[areaIndex]!;
      result.status = part.index[m]!;
      result.statusClass = statusClassOf(result.status, statusThresholds);
      keys.forEach((key, j) => (result.zScores[key] = part.z[m]![j]!));
      if (part.outliers.has(areaIndex)) result.outlier = true;
    });
  }

  if (!withDynamics) {
    if (status.members.length > 0) notes.push('Keine Ausgangswerte angegeben: kein Dynamikindex.');
  } else if (dynamics.members.length === 0) {
    if (status.members.length > 0) notes.push('Kein klassifiziertes Gebiet hat alle Ausgangswerte: kein Dynamikindex.');
  } else {
    const part = computePart(
      dynamics,
      active,
      cap,
      notes,
      (key) => `Die Veränderung von „${key}“ ist in allen klassifizierten Gebieten gleich und trägt 0 zum Dynamikindex bei.`,
      'Der Dynamikindex streut nicht: alle klassifizierten Gebiete erhalten 0.',
    );
    dynamics.members.forEach((areaIndex, m) => {
      const result = results[areaIndex]!;
      result.dynamics = part.index[m]!;
      result.dynamicsClass = dynamicsClassOf(result.dynamics, dynamicsThresholds);
      keys.forEach((key, j) => (result.zScores[changeKey(key)] = part.z[m]![j]!));
      if (part.outliers.has(areaIndex)) result.outlier = true;
    });
  }

  const outliers = results.filter((r) => r.outlier).map((r) => r.key);
  if (outliers.length > 0) {
    notes.push(`Ausreißer (|z| > ${german(cap)}, auf ±${german(cap)} gekappt): ${quoted(outliers)}.`);
  }
  return { results, notes };
}

function byKey(results: readonly IndexResult[]): Map<string, IndexResult> {
  const map = new Map<string, IndexResult>();
  for (const r of results) {
    if (map.has(r.key)) throw new InvalidError(`Das Gebiet „${r.key}“ kommt doppelt vor.`, 'duplicate-area-key');
    map.set(r.key, r);
  }
  return map;
}

/**
 * How many areas change status or dynamics class between two weightings (sensitivity to weights), with
 * the keys (order of `a`, then areas only in `b`); a change from or to "not classified" (null) counts,
 * and so does an area present in only one list. Throws a German InvalidError for duplicate keys.
 */
export function classChanges(a: readonly IndexResult[], b: readonly IndexResult[]): { changed: number; keys: string[] } {
  const first = byKey(a);
  const second = byKey(b);
  const keys: string[] = [];
  for (const [key, x] of first) {
    const y = second.get(key);
    if (y === undefined || x.statusClass !== y.statusClass || x.dynamicsClass !== y.dynamicsClass) keys.push(key);
  }
  for (const key of second.keys()) if (!first.has(key)) keys.push(key);
  return { changed: keys.length, keys };
}
