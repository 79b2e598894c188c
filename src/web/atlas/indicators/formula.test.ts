import { describe, expect, it } from 'vitest';
import { formulaText, type FormulaNames } from './formula.ts';

const LABELS: Record<string, string> = {
  'demo.geburten': 'Geburten',
  'demo.bevoelkerung': 'Bevölkerung',
  'demo.zuzuege': 'Zuzüge',
  'demo.fortzuege': 'Fortzüge',
};
const names: FormulaNames = {
  label: (key) => LABELS[key] ?? key,
  number: (value) => new Intl.NumberFormat('de-DE').format(value),
};

describe('formulaText', () => {
  it('writes a ratio with labels, ÷ and the factor in German number format', () => {
    expect(
      formulaText({ kind: 'ratio', numerator: 'demo.geburten', denominator: 'demo.bevoelkerung', factor: 1000 }, names),
    ).toBe('„Geburten“ ÷ „Bevölkerung“ × 1.000');
    expect(formulaText({ kind: 'ratio', numerator: 'demo.geburten', denominator: 'demo.bevoelkerung', factor: 1 }, names)).toBe(
      '„Geburten“ ÷ „Bevölkerung“',
    );
  });

  it('writes an expression with labels and keeps the parentheses it needs, and only those', () => {
    expect(formulaText({ kind: 'expression', source: '(demo.zuzuege - demo.fortzuege) / demo.bevoelkerung * 1000' }, names)).toBe(
      '(„Zuzüge“ − „Fortzüge“) ÷ „Bevölkerung“ × 1.000',
    );
    expect(formulaText({ kind: 'expression', source: 'a - (b - c)' }, names)).toBe('„a“ − („b“ − „c“)');
    expect(formulaText({ kind: 'expression', source: 'a - b - c' }, names)).toBe('„a“ − „b“ − „c“');
    expect(formulaText({ kind: 'expression', source: 'a / (b * 2,5)' }, names)).toBe('„a“ ÷ („b“ × 2,5)');
    expect(formulaText({ kind: 'expression', source: '-(a + [demo.geburten])' }, names)).toBe('−(„a“ + „Geburten“)');
  });

  it('shows an expression that does not parse as entered', () => {
    expect(formulaText({ kind: 'expression', source: 'a + (b' }, names)).toBe('a + (b');
  });
});
