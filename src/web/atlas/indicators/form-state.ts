import { LIFE_DOMAINS, type LifeDomain, type Polarity } from '../../../domain/indicators/indicator.ts';
import type { IndicatorDefinition, ManagedIndicator } from './api.ts';

export { LIFE_DOMAINS };
export const POLARITIES: readonly Polarity[] = ['higher_is_worse', 'higher_is_better', 'neutral'];

/** The fields of the indicator form, as typed (all text, so nothing the user typed is lost). */
export interface FormState {
  key: string;
  label: string;
  unit: string;
  kind: 'ratio' | 'expression';
  numerator: string;
  denominator: string;
  factor: string;
  source: string;
  polarity: Polarity;
  lifeDomain: LifeDomain;
  description: string;
  methodNotes: string;
  published: boolean;
}

/** The form fields an error can be shown at. */
export type FormField =
  'key' | 'label' | 'unit' | 'numerator' | 'denominator' | 'factor' | 'source' | 'description' | 'methodNotes';

/** Same pattern as the server's key check. */
export const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;

/** An empty form for a new indicator (ratio, per cent, not published). */
export function emptyForm(): FormState {
  return {
    key: '',
    label: '',
    unit: '%',
    kind: 'ratio',
    numerator: '',
    denominator: '',
    factor: '100',
    source: '',
    polarity: 'neutral',
    lifeDomain: 'demografie',
    description: '',
    methodNotes: '',
    published: false,
  };
}

/** The form filled with a stored indicator; the factor written in the UI language, without grouping. */
export function formOf(indicator: ManagedIndicator, language: string): FormState {
  const f = indicator.formula;
  return {
    key: indicator.key,
    label: indicator.label,
    unit: indicator.unit,
    kind: f.kind,
    numerator: f.kind === 'ratio' ? f.numerator : '',
    denominator: f.kind === 'ratio' ? f.denominator : '',
    factor:
      f.kind === 'ratio'
        ? new Intl.NumberFormat(language.startsWith('en') ? 'en-GB' : 'de-DE', {
            useGrouping: false,
            maximumFractionDigits: 10,
          }).format(f.factor ?? 1)
        : '100',
    source: f.kind === 'expression' ? f.source : '',
    polarity: indicator.polarity,
    lifeDomain: indicator.lifeDomain,
    description: indicator.description,
    methodNotes: indicator.methodNotes,
    published: indicator.published,
  };
}

/**
 * A factor as typed in the UI language: German `1000`, `1.000`, `1 000`, `2,5` (and `2.5`);
 * English `1000`, `1,000`, `2.5`. Null when it is not a number.
 */
export function parseFactor(text: string, language: string): number | null {
  let t = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return null;
  if (language.startsWith('en')) t = t.replace(/,(?=\d{3}(\D|$))/g, '');
  else if (t.includes(',')) t = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Message keys (under `atlasIndicators.form.errors`) of what the browser can check before sending. */
export function checkForm(
  form: FormState,
  options: { creating: boolean; existingKeys: ReadonlySet<string>; language: string },
): Partial<Record<FormField, string>> {
  const errors: Partial<Record<FormField, string>> = {};
  if (options.creating) {
    if (form.key.trim() === '') errors.key = 'keyMissing';
    else if (!KEY_PATTERN.test(form.key.trim())) errors.key = 'keyPattern';
    else if (options.existingKeys.has(form.key.trim())) errors.key = 'keyTaken';
  }
  if (form.label.trim() === '') errors.label = 'labelMissing';
  if (form.kind === 'ratio') {
    if (form.numerator === '') errors.numerator = 'numeratorMissing';
    if (form.denominator === '') errors.denominator = 'denominatorMissing';
    else if (form.denominator === form.numerator) errors.denominator = 'sameVariable';
    const factor = parseFactor(form.factor, options.language);
    if (factor === null) errors.factor = 'factorNumber';
    else if (factor === 0) errors.factor = 'factorZero';
  } else if (form.source.trim() === '') errors.source = 'sourceMissing';
  return errors;
}

/** The body of the PUT (call only after `checkForm` found nothing). */
export function definitionOf(form: FormState, language: string): IndicatorDefinition {
  return {
    label: form.label.trim(),
    unit: form.unit.trim(),
    formula:
      form.kind === 'ratio'
        ? {
            kind: 'ratio',
            numerator: form.numerator,
            denominator: form.denominator,
            factor: parseFactor(form.factor, language) ?? 1,
          }
        : { kind: 'expression', source: form.source.trim() },
    polarity: form.polarity,
    lifeDomain: form.lifeDomain,
    description: form.description,
    methodNotes: form.methodNotes,
    published: form.published,
  };
}

/**
 * The form field a server problem belongs to: by the field names of a validation problem
 * (`label`, `formula.numerator`, …) or by the problem code of a domain check.
 */
export function fieldsOfProblem(
  code: string,
  errors: Readonly<Record<string, string>>,
  kind: FormState['kind'],
): Partial<Record<FormField, string>> {
  const out: Partial<Record<FormField, string>> = {};
  const formulaField: FormField = kind === 'ratio' ? 'numerator' : 'source';
  for (const [name, message] of Object.entries(errors)) {
    const field = name.replace(/^\//, '').replace(/\//g, '.');
    if (field === 'formula' || field === 'formula.kind') out[formulaField] = message;
    else if (field.startsWith('formula.')) {
      const part = field.slice('formula.'.length);
      if (part === 'numerator' || part === 'denominator' || part === 'factor' || part === 'source') out[part] = message;
      else out[formulaField] = message;
    } else if (['key', 'label', 'unit', 'description', 'methodNotes'].includes(field)) out[field as FormField] = message;
  }
  if (Object.keys(out).length === 0) {
    if (code === 'invalid-indicator-key') out.key = '';
    else if (code === 'invalid-indicator-label') out.label = '';
    else if (code === 'invalid-factor') out.factor = '';
    else if (code === 'invalid-ratio') out.denominator = '';
    else if (code === 'invalid-formula' || code === 'unknown-variable') out[formulaField] = '';
  }
  return out;
}
