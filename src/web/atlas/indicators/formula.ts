import { parseExpression, type Expression } from '../../../domain/indicators/expression.ts';
import type { FormulaInput } from './api.ts';

/** How the formula text names variables and writes numbers. */
export interface FormulaNames {
  /** The label of a variable key (the key itself when it is unknown). */
  label(key: string): string;
  /** A number in the UI language (e.g. `1.000` in German). */
  number(value: number): string;
}

const OPERATORS = { '+': '+', '-': '−', '*': '×', '/': '÷' } as const;
const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;

function render(e: Expression, names: FormulaNames): { text: string; precedence: number } {
  switch (e.kind) {
    case 'number':
      return { text: names.number(e.value), precedence: 3 };
    case 'variable':
      return { text: `„${names.label(e.key)}“`, precedence: 3 };
    case 'negate': {
      const inner = render(e.operand, names);
      return { text: `−${inner.precedence < 3 ? `(${inner.text})` : inner.text}`, precedence: 3 };
    }
    case 'binary': {
      const p = PRECEDENCE[e.operator];
      const left = render(e.left, names);
      const right = render(e.right, names);
      // Left-associative: the right operand needs parentheses at equal precedence too (a − (b − c)).
      const l = left.precedence < p ? `(${left.text})` : left.text;
      const r = right.precedence < p || (right.precedence === p && e.right.kind === 'binary') ? `(${right.text})` : right.text;
      return { text: `${l} ${OPERATORS[e.operator]} ${r}`, precedence: p };
    }
  }
}

/**
 * The formula in readable form with variable labels and the operators × ÷ − , e.g.
 * „Geburten“ ÷ „Bevölkerung“ × 1.000. An expression that does not parse is shown as entered.
 */
export function formulaText(formula: FormulaInput, names: FormulaNames): string {
  if (formula.kind === 'ratio') {
    const base = `„${names.label(formula.numerator)}“ ÷ „${names.label(formula.denominator)}“`;
    const factor = formula.factor ?? 1;
    return factor === 1 ? base : `${base} × ${names.number(factor)}`;
  }
  try {
    return render(parseExpression(formula.source), names).text;
  } catch {
    return formula.source;
  }
}
