import type { ObservationFlag } from '../observations/observation.ts';
import { InvalidError } from '../shared/errors.ts';
import { evaluate, variablesOf } from './expression.ts';
import type { Indicator } from './indicator.ts';

/**
 * Indicator values from their input variables, and the aggregation of counts to larger
 * areas. Rates are never averaged: counts (numerators and denominators) are summed first and
 * the rate is computed from the sums. Nothing is invented: a missing input makes the result
 * missing with a German reason, a suppressed input makes it suppressed.
 */

/** A number going into a computation (a GENESIS "-" counts as 0), or why it is missing; `suppressed` when confidentiality hides it. */
export type InputValue = { value: number; suppressed?: false } | { value: null; missing: string; suppressed?: boolean };

/** A computed value, or why there is none (`suppressed` when an input was hidden for confidentiality). */
export type DerivedValue = { value: number } | MissingValue;

/** Why a computed value is absent. */
export type MissingValue = { value: null; missing: string; suppressed: boolean };

const FLAG_TEXT: Readonly<Record<ObservationFlag, string>> = {
  zero: 'Sonderzeichen „-“',
  unknown_or_secret: 'Sonderzeichen „.“ (unbekannt oder geheim)',
  not_meaningful: 'Sonderzeichen „x“ (nicht sinnvoll)',
  unreliable: 'Sonderzeichen „/“ (nicht sicher genug)',
  later: 'Sonderzeichen „...“ (später verfügbar)',
  secret: 'geheim gehalten',
  no_value: 'kein Wert',
};

/** German reason for an observation flag ("Sonderzeichen „.“ (unbekannt oder geheim)"). */
export function flagReason(flag: string | null): string {
  return flag === null ? 'kein Wert' : (FLAG_TEXT[flag as ObservationFlag] ?? `Kennzeichen „${flag}“`);
}

/** The input value of a stored observation: the GENESIS zero "-" is 0, other flags make it missing with their meaning. */
export function inputFromObservation(value: number | null, flag: ObservationFlag | string | null): InputValue {
  if (flag === 'zero') return { value: 0 };
  if (value === null || !Number.isFinite(value)) return { value: null, missing: flagReason(flag) };
  return { value };
}

/**
 * Sums the members of each group (e.g. the Gemeinden of a planning area, weighted for
 * Gebietsstand conversion with `weight`, default 1). A group is missing when one of its
 * members is missing or unknown (naming at most five of them), suppressed when a member is
 * suppressed, and missing when it has no members at all.
 */
export function aggregateInputs(
  values: ReadonlyMap<string, InputValue>,
  groups: ReadonlyMap<string, readonly { key: string; weight?: number }[]>,
): Map<string, InputValue> {
  const result = new Map<string, InputValue>();
  for (const [group, members] of groups) {
    if (members.length === 0) {
      result.set(group, { value: null, missing: 'Das Gebiet hat keine Teilgebiete mit Werten.' });
      continue;
    }
    let sum = 0;
    let suppressed = false;
    const missing: string[] = [];
    for (const m of members) {
      const v = values.get(m.key);
      if (v === undefined) missing.push(`${m.key}: kein Wert`);
      else if (v.value === null) {
        if (v.suppressed) suppressed = true;
        else missing.push(`${m.key}: ${v.missing}`);
      } else sum += v.value * (m.weight ?? 1);
    }
    if (missing.length > 0) {
      const shown = missing.slice(0, 5).join('; ');
      const more = missing.length > 5 ? ` und ${missing.length - 5} weitere` : '';
      result.set(group, { value: null, missing: `Teilgebiete ohne Wert (${shown}${more})` });
    } else if (suppressed) {
      result.set(group, { value: null, missing: 'Ein Teilwert unterliegt der Geheimhaltung.', suppressed: true });
    } else result.set(group, { value: sum });
  }
  return result;
}

/** The number of one input, or why it is missing (a function, not a closure per call: this runs once per region and input). */
function readInput(inputs: (variableKey: string) => InputValue | undefined, key: string, role: string): MissingValue | number {
  const v = inputs(key);
  if (v === undefined) return { value: null, missing: `${role} „${key}“: kein Wert`, suppressed: false };
  if (v.value === null)
    return v.suppressed
      ? { value: null, missing: `${role} „${key}“ unterliegt der Geheimhaltung.`, suppressed: true }
      : { value: null, missing: `${role} „${key}“: ${v.missing}`, suppressed: false };
  return v.value;
}

/**
 * The indicator's value for one region from its input values (variable key → value): a
 * ratio is numerator / denominator × factor, an expression is evaluated safely. A missing
 * or suppressed input, or a zero denominator, gives no value with the reason.
 */
export function computeIndicator(indicator: Indicator, inputs: (variableKey: string) => InputValue | undefined): DerivedValue {
  const formula = indicator.formula;
  if (formula.kind === 'ratio') {
    const numerator = readInput(inputs, formula.numerator, 'Zähler');
    const denominator = readInput(inputs, formula.denominator, 'Nenner');
    // A suppressed input wins over a merely missing one: the reader must not learn which cell is hidden.
    if (typeof numerator !== 'number' && numerator.suppressed) return numerator;
    if (typeof denominator !== 'number' && denominator.suppressed) return denominator;
    if (typeof numerator !== 'number') return numerator;
    if (typeof denominator !== 'number') return denominator;
    if (denominator === 0) return { value: null, missing: 'Nenner ist 0', suppressed: false };
    return { value: (numerator / denominator) * formula.factor };
  }
  if (formula.kind !== 'expression') throw new InvalidError('Unbekannte Formel.', 'invalid-formula');
  const values: Record<string, number | null> = {};
  let firstMissing: MissingValue | null = null;
  for (const key of variablesOf(formula.expression)) {
    const v = readInput(inputs, key, 'Eingangswert');
    if (typeof v === 'number') values[key] = v;
    else {
      if (v.suppressed) return v;
      firstMissing ??= v;
      values[key] = null;
    }
  }
  if (firstMissing) return firstMissing;
  const result = evaluate(formula.expression, values);
  return result.value === null
    ? { value: null, missing: result.missing, suppressed: false }
    : Number.isFinite(result.value)
      ? { value: result.value }
      : { value: null, missing: 'Ergebnis ist keine endliche Zahl', suppressed: false };
}
