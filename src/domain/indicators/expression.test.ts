import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../shared/errors.ts';
import { evaluate, parseExpression, variablesOf } from './expression.ts';
import { defineIndicator, inputsOf } from './indicator.ts';

describe('indicator expressions', () => {
  it('computes an SGB II rate per 100 inhabitants under 65 from hand-checked numbers', () => {
    const e = parseExpression('[demo.sgb2_personen] / ([demo.bevoelkerung] - [demo.alter_65_79] - [demo.alter_80_plus]) * 100');
    expect(variablesOf(e)).toEqual(['demo.alter_65_79', 'demo.alter_80_plus', 'demo.bevoelkerung', 'demo.sgb2_personen']);
    // 1,200 recipients among 24,000 − 4,000 − 2,000 = 18,000 people under 65 → 6.666… %.
    const r = evaluate(e, {
      'demo.sgb2_personen': 1200,
      'demo.bevoelkerung': 24000,
      'demo.alter_65_79': 4000,
      'demo.alter_80_plus': 2000,
    });
    expect(r.value).toBeCloseTo(6.6667, 4);
  });

  it('respects precedence, unary minus and German decimal commas', () => {
    expect(evaluate(parseExpression('2 + 3 * 4'), {}).value).toBe(14);
    expect(evaluate(parseExpression('(2 + 3) × 4'), {}).value).toBe(20);
    expect(evaluate(parseExpression('-a + 1,5'), { a: 2 }).value).toBe(-0.5);
  });

  it('makes a result missing when an input is missing or the denominator is zero, and says why', () => {
    expect(evaluate(parseExpression('a / b'), { a: 1 })).toEqual({ value: null, missing: 'Eingangswert „b“ fehlt' });
    expect(evaluate(parseExpression('a / b'), { a: 1, b: null })).toEqual({ value: null, missing: 'Eingangswert „b“ fehlt' });
    expect(evaluate(parseExpression('a / (b - b)'), { a: 1, b: 3 })).toEqual({ value: null, missing: 'Division durch 0' });
  });

  it('rejects anything that is not arithmetic, with the position', () => {
    expect(() => parseExpression('process.exit(1)')).toThrow('Formel ungültig: Unerwartet: „(“ an Stelle 13.');
    expect(() => parseExpression('a; drop table')).toThrow('Formel ungültig: Unerlaubtes Zeichen „;“ an Stelle 2.');
    expect(() => parseExpression('(a + b')).toThrow('Formel ungültig: Erwartet „)“ statt das Ende der Formel.');
    expect(() => parseExpression('')).toThrow(InvalidError);
    expect(() => parseExpression('a +')).toThrow('Formel ungültig: Die Formel endet unerwartet.');
  });

  it('agrees with plain arithmetic for any numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        (a, b, c) => {
          expect(evaluate(parseExpression('(a + b) * 2 / c - b'), { a, b, c }).value).toBeCloseTo(((a + b) * 2) / c - b, 6);
        },
      ),
    );
  });

  it('defines indicators as ratios or expressions with their inputs', () => {
    const childPoverty = defineIndicator({
      key: 'kinderarmut',
      label: 'Kinder unter 15 in SGB-II-Bedarfsgemeinschaften',
      unit: '%',
      formula: { kind: 'ratio', numerator: 'demo.sgb2_kinder_u15', denominator: 'demo.u15', factor: 100 },
      polarity: 'higher_is_worse',
      lifeDomain: 'einkommen_armut',
      description: 'Anteil der Kinder unter 15 Jahren, die in SGB-II-Bedarfsgemeinschaften leben.',
      methodNotes: 'Aggregiert aus Zähler- und Nennersummen.',
    });
    expect(inputsOf(childPoverty)).toEqual(['demo.sgb2_kinder_u15', 'demo.u15']);
    expect(() =>
      defineIndicator({ ...childPoverty, key: 'x', formula: { kind: 'ratio', numerator: 'a', denominator: 'b', factor: 0 } }),
    ).toThrow('Der Faktor muss eine Zahl ungleich 0 sein (z. B. 100 für Prozent).');
  });
});
