import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateInputs, computeIndicator, inputFromObservation, type InputValue } from './compute.ts';
import { defineIndicator } from './indicator.ts';

const base = {
  unit: '%',
  polarity: 'higher_is_worse' as const,
  lifeDomain: 'einkommen_armut' as const,
  description: '',
  methodNotes: '',
};
const sgb2Rate = defineIndicator({
  ...base,
  key: 'sgb2_quote',
  label: 'SGB-II-Quote',
  formula: { kind: 'ratio', numerator: 'sgb2', denominator: 'pop_u65', factor: 100 },
});
const dependency = defineIndicator({
  ...base,
  key: 'abhaengige',
  label: 'Gesamtquotient',
  formula: { kind: 'expression', source: '(jung + alt) / erwerb * 100' },
});

const inputs =
  (values: Record<string, InputValue>) =>
  (key: string): InputValue | undefined =>
    values[key];

describe('computeIndicator', () => {
  it('computes a ratio times its factor', () => {
    // 150 / 2 000 × 100 = 7,5 %
    expect(computeIndicator(sgb2Rate, inputs({ sgb2: { value: 150 }, pop_u65: { value: 2000 } }))).toEqual({ value: 7.5 });
  });

  it('gives no value, with the reason, for a missing input or a zero denominator', () => {
    expect(
      computeIndicator(sgb2Rate, inputs({ sgb2: inputFromObservation(null, 'unknown_or_secret'), pop_u65: { value: 2000 } })),
    ).toEqual({ value: null, missing: 'Zähler „sgb2“: Sonderzeichen „.“ (unbekannt oder geheim)', suppressed: false });
    expect(computeIndicator(sgb2Rate, inputs({ sgb2: { value: 3 } }))).toEqual({
      value: null,
      missing: 'Nenner „pop_u65“: kein Wert',
      suppressed: false,
    });
    expect(computeIndicator(sgb2Rate, inputs({ sgb2: { value: 0 }, pop_u65: { value: 0 } }))).toEqual({
      value: null,
      missing: 'Nenner ist 0',
      suppressed: false,
    });
  });

  it('suppresses the result when an input is suppressed, even if another input is only missing', () => {
    const result = computeIndicator(
      sgb2Rate,
      inputs({ sgb2: { value: null, missing: 'x', suppressed: true }, pop_u65: { value: null, missing: 'fehlt' } }),
    );
    expect(result).toEqual({ value: null, missing: 'Zähler „sgb2“ unterliegt der Geheimhaltung.', suppressed: true });
  });

  it('treats the GENESIS "-" as an observed zero', () => {
    expect(computeIndicator(sgb2Rate, inputs({ sgb2: inputFromObservation(null, 'zero'), pop_u65: { value: 800 } }))).toEqual({
      value: 0,
    });
  });

  it('evaluates an expression indicator', () => {
    // (300 + 450) / 1 500 × 100 = 50
    expect(computeIndicator(dependency, inputs({ jung: { value: 300 }, alt: { value: 450 }, erwerb: { value: 1500 } }))).toEqual({
      value: 50,
    });
    expect(computeIndicator(dependency, inputs({ jung: { value: 300 }, erwerb: { value: 1500 } }))).toEqual({
      value: null,
      missing: 'Eingangswert „alt“: kein Wert',
      suppressed: false,
    });
  });
});

describe('aggregateInputs', () => {
  it('sums counts per group, never averaging rates', () => {
    // Two Gemeinden with rates 10 % (10/100) and 1 % (10/1 000): the area's rate is 20/1 100 = 1,818… %, not 5,5 %.
    const sgb2 = new Map<string, InputValue>([
      ['a', { value: 10 }],
      ['b', { value: 10 }],
    ]);
    const pop = new Map<string, InputValue>([
      ['a', { value: 100 }],
      ['b', { value: 1000 }],
    ]);
    const groups = new Map([['area', [{ key: 'a' }, { key: 'b' }]]]);
    const s = aggregateInputs(sgb2, groups);
    const p = aggregateInputs(pop, groups);
    const rate = computeIndicator(sgb2Rate, (k) => (k === 'sgb2' ? s.get('area') : p.get('area')));
    expect(rate.value).toBeCloseTo((20 / 1100) * 100, 12);
  });

  it('applies weights (Gebietsstand conversion) and reports missing and suppressed members', () => {
    const values = new Map<string, InputValue>([
      ['a', { value: 100 }],
      ['b', { value: 40 }],
      ['c', { value: null, missing: 'Sonderzeichen „.“' }],
      ['d', { value: null, missing: 'geheim', suppressed: true }],
    ]);
    const groups = new Map([
      ['ab', [{ key: 'a' }, { key: 'b', weight: 0.25 }]],
      ['ac', [{ key: 'a' }, { key: 'c' }, { key: 'z' }]],
      ['ad', [{ key: 'a' }, { key: 'd' }]],
      ['leer', []],
    ]);
    const result = aggregateInputs(values, groups);
    expect(result.get('ab')).toEqual({ value: 110 });
    expect(result.get('ac')).toEqual({ value: null, missing: 'Teilgebiete ohne Wert (c: Sonderzeichen „.“; z: kein Wert)' });
    expect(result.get('ad')).toEqual({ value: null, missing: 'Ein Teilwert unterliegt der Geheimhaltung.', suppressed: true });
    expect(result.get('leer')).toEqual({ value: null, missing: 'Das Gebiet hat keine Teilgebiete mit Werten.' });
  });

  it('gives the same total whether members are summed at once or in two stages (Gemeinde → Kreis → Land)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 2, maxLength: 40 }), fc.nat(), (counts, cut) => {
        const values = new Map<string, InputValue>(counts.map((c, i) => [`g${i}`, { value: c }]));
        const split = 1 + (cut % (counts.length - 1));
        const keys = counts.map((_, i) => ({ key: `g${i}` }));
        const stage1 = aggregateInputs(
          values,
          new Map([
            ['k1', keys.slice(0, split)],
            ['k2', keys.slice(split)],
          ]),
        );
        const stage2 = aggregateInputs(stage1, new Map([['land', [{ key: 'k1' }, { key: 'k2' }]]]));
        const direct = aggregateInputs(values, new Map([['land', keys]]));
        expect(stage2.get('land')).toEqual(direct.get('land'));
        expect(direct.get('land')).toEqual({ value: counts.reduce((a, b) => a + b, 0) });
      }),
    );
  });
});
