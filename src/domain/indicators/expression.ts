import { InvalidError } from '../shared/errors.ts';

/**
 * Safe arithmetic expressions over variables for indicator formulas — parsed into a tree,
 * never evaluated as code. Grammar: numbers (decimal point or comma), variable references
 * (`[demo.bevoelkerung]` or bare identifiers such as `arbeitslose`), `+ - * /`, unary minus,
 * parentheses. A missing input makes the result missing (with the variable named); division
 * by zero makes it missing too.
 */
export type Expression =
  | { kind: 'number'; value: number }
  | { kind: 'variable'; key: string }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/'; left: Expression; right: Expression };

type Token =
  | { type: 'number'; value: number; at: number }
  | { type: 'name'; value: string; at: number }
  | { type: 'op'; value: string; at: number };

const MAX_LENGTH = 2000;

function tokenize(source: string): Token[] {
  if (source.length > MAX_LENGTH) throw invalid(`Die Formel ist länger als ${MAX_LENGTH} Zeichen.`);
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (/[0-9]/.test(ch)) {
      const match = /^\d+(?:[.,]\d+)?/.exec(source.slice(i))!;
      tokens.push({ type: 'number', value: Number(match[0].replace(',', '.')), at: i });
      i += match[0].length;
    } else if (ch === '[') {
      const end = source.indexOf(']', i);
      if (end < 0) throw invalid(`Die eckige Klammer an Stelle ${i + 1} wird nicht geschlossen.`);
      const key = source.slice(i + 1, end).trim();
      if (key === '') throw invalid(`Leerer Merkmalsname an Stelle ${i + 1}.`);
      tokens.push({ type: 'name', value: key, at: i });
      i = end + 1;
    } else if (/[A-Za-z_äöüÄÖÜß]/.test(ch)) {
      const match = /^[A-Za-z_äöüÄÖÜß][A-Za-z0-9_.:äöüÄÖÜß-]*/.exec(source.slice(i))!;
      tokens.push({ type: 'name', value: match[0], at: i });
      i += match[0].length;
    } else if ('+-*/()×÷'.includes(ch)) {
      tokens.push({ type: 'op', value: ch === '×' ? '*' : ch === '÷' ? '/' : ch, at: i });
      i += 1;
    } else {
      throw invalid(`Unerlaubtes Zeichen „${ch}“ an Stelle ${i + 1}.`);
    }
  }
  return tokens;
}

function invalid(message: string): InvalidError {
  return new InvalidError(`Formel ungültig: ${message}`, 'invalid-formula', { fields: { formula: message } });
}

/** Parses a formula into an expression tree; throws InvalidError with the position of the problem. */
export function parseExpression(source: string): Expression {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const describe = (t: Token | undefined) => (t ? `„${String(t.value)}“ an Stelle ${t.at + 1}` : 'das Ende der Formel');

  const primary = (): Expression => {
    const t = tokens[pos];
    if (!t) throw invalid('Die Formel endet unerwartet.');
    pos += 1;
    if (t.type === 'number') return { kind: 'number', value: t.value };
    if (t.type === 'name') return { kind: 'variable', key: t.value };
    if (t.value === '(') {
      const inner = sum();
      const close = tokens[pos];
      if (!close || close.value !== ')') throw invalid(`Erwartet „)“ statt ${describe(close)}.`);
      pos += 1;
      return inner;
    }
    if (t.value === '-') return { kind: 'negate', operand: primary() };
    throw invalid(`Unerwartet: ${describe(t)}.`);
  };
  const product = (): Expression => {
    let left = primary();
    for (let t = peek(); t && t.type === 'op' && (t.value === '*' || t.value === '/'); t = peek()) {
      pos += 1;
      left = { kind: 'binary', operator: t.value as '*' | '/', left, right: primary() };
    }
    return left;
  };
  const sum = (): Expression => {
    let left = product();
    for (let t = peek(); t && t.type === 'op' && (t.value === '+' || t.value === '-'); t = peek()) {
      pos += 1;
      left = { kind: 'binary', operator: t.value as '+' | '-', left, right: product() };
    }
    return left;
  };

  if (tokens.length === 0) throw invalid('Die Formel ist leer.');
  const tree = sum();
  if (pos < tokens.length) throw invalid(`Unerwartet: ${describe(tokens[pos])}.`);
  return tree;
}

/** The variable keys an expression reads, sorted and without duplicates. */
export function variablesOf(expression: Expression): string[] {
  const keys = new Set<string>();
  const walk = (e: Expression): void => {
    if (e.kind === 'variable') keys.add(e.key);
    else if (e.kind === 'negate') walk(e.operand);
    else if (e.kind === 'binary') {
      walk(e.left);
      walk(e.right);
    }
  };
  walk(expression);
  return [...keys].sort();
}

export type Evaluation = { value: number } | { value: null; missing: string };

/**
 * Evaluates an expression with the given variable values; a variable that is absent or null
 * makes the result missing (naming it), as does division by zero. Never invents a value.
 */
export function evaluate(expression: Expression, values: Readonly<Record<string, number | null | undefined>>): Evaluation {
  const run = (e: Expression): Evaluation => {
    switch (e.kind) {
      case 'number':
        return { value: e.value };
      case 'variable': {
        const v = values[e.key];
        return v === null || v === undefined ? { value: null, missing: `Eingangswert „${e.key}“ fehlt` } : { value: v };
      }
      case 'negate': {
        const r = run(e.operand);
        return r.value === null ? r : { value: -r.value };
      }
      case 'binary': {
        const l = run(e.left);
        if (l.value === null) return l;
        const r = run(e.right);
        if (r.value === null) return r;
        switch (e.operator) {
          case '+':
            return { value: l.value + r.value };
          case '-':
            return { value: l.value - r.value };
          case '*':
            return { value: l.value * r.value };
          case '/':
            return r.value === 0 ? { value: null, missing: 'Division durch 0' } : { value: l.value / r.value };
        }
      }
    }
  };
  return run(expression);
}
