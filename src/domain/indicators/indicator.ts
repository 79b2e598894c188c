import { InvalidError } from '../shared/errors.ts';
import { parseExpression, variablesOf, type Expression } from './expression.ts';

/** Whether higher values are better or worse (or neither), for colours and rankings. */
export type Polarity = 'higher_is_better' | 'higher_is_worse' | 'neutral';

/** Lebenslagen (life domains) that indicators are grouped by. */
export const LIFE_DOMAINS = [
  'einkommen_armut',
  'erwerb_arbeit',
  'bildung',
  'gesundheit',
  'wohnen',
  'demografie',
  'teilhabe',
  'migration',
] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];

/**
 * How an indicator is computed: a ratio (numerator / denominator × factor, aggregated from
 * the sums of numerator and denominator) or a free arithmetic expression over variables.
 */
export type IndicatorFormula =
  | { kind: 'ratio'; numerator: string; denominator: string; factor: number }
  | { kind: 'expression'; source: string; expression: Expression };

export interface Indicator {
  key: string;
  label: string;
  unit: string;
  formula: IndicatorFormula;
  polarity: Polarity;
  lifeDomain: LifeDomain;
  description: string;
  methodNotes: string;
}

/** Builds a validated indicator; the expression is parsed (never evaluated as code). */
export function defineIndicator(
  input: Omit<Indicator, 'formula'> & {
    formula: { kind: 'ratio'; numerator: string; denominator: string; factor?: number } | { kind: 'expression'; source: string };
  },
): Indicator {
  if (!/^[a-z0-9_.:-]{1,100}$/i.test(input.key))
    throw new InvalidError(`„${input.key}“ ist kein gültiger Schlüssel.`, 'invalid-indicator-key');
  if (input.label.trim() === '') throw new InvalidError('Der Indikator braucht eine Bezeichnung.', 'invalid-indicator-label');
  let formula: IndicatorFormula;
  if (input.formula.kind === 'ratio') {
    const factor = input.formula.factor ?? 1;
    if (!Number.isFinite(factor) || factor === 0)
      throw new InvalidError('Der Faktor muss eine Zahl ungleich 0 sein (z. B. 100 für Prozent).', 'invalid-factor');
    if (input.formula.numerator === input.formula.denominator)
      throw new InvalidError('Zähler und Nenner müssen verschiedene Merkmale sein.', 'invalid-ratio');
    formula = { kind: 'ratio', numerator: input.formula.numerator, denominator: input.formula.denominator, factor };
  } else {
    formula = { kind: 'expression', source: input.formula.source, expression: parseExpression(input.formula.source) };
  }
  return { ...input, formula };
}

/** The variables an indicator reads. */
export function inputsOf(indicator: Indicator): string[] {
  return indicator.formula.kind === 'ratio'
    ? [indicator.formula.numerator, indicator.formula.denominator].sort()
    : variablesOf(indicator.formula.expression);
}
