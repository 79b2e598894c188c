import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../shared/errors.ts';
import { BREAK_METHODS, classify, classOf, parseBreakSpec, type BreakSpec, type Classification } from './breaks.ts';

const counts = (c: Classification): number[] => c.classes.map((k) => k.count);

function invalid(run: () => unknown, code: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).code).toBe(code);
    expect((error as InvalidError).message).not.toBe('');
    return;
  }
  expect.fail('expected an InvalidError');
}

describe('parseBreakSpec', () => {
  it('reads method and class count, with aliases, case and blanks', () => {
    expect(parseBreakSpec('quantile:5')).toEqual({ method: 'quantile', classes: 5 });
    expect(parseBreakSpec('equal_interval:4')).toEqual({ method: 'equal_interval', classes: 4 });
    expect(parseBreakSpec('equal:4')).toEqual({ method: 'equal_interval', classes: 4 });
    expect(parseBreakSpec('jenks:5')).toEqual({ method: 'jenks', classes: 5 });
    expect(parseBreakSpec('ckmeans:6')).toEqual({ method: 'jenks', classes: 6 });
    expect(parseBreakSpec('standard_deviation:5')).toEqual({ method: 'standard_deviation', classes: 5 });
    expect(parseBreakSpec(' SD : 3 ')).toEqual({ method: 'standard_deviation', classes: 3 });
  });

  it('defaults to 5 classes when the count is omitted', () => {
    expect(parseBreakSpec('quantile')).toEqual({ method: 'quantile', classes: 5 });
    expect(parseBreakSpec('Jenks')).toEqual({ method: 'jenks', classes: 5 });
  });

  it('rejects unknown methods and class counts outside 1–20', () => {
    invalid(() => parseBreakSpec(''), 'invalid-break-spec');
    invalid(() => parseBreakSpec('natural:5'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('quantile:'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('quantile:fünf'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('quantile:2.5'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('quantile:-3'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('quantile:0'), 'invalid-class-count');
    invalid(() => parseBreakSpec('quantile:21'), 'invalid-class-count');
    expect(parseBreakSpec('quantile:1').classes).toBe(1);
    expect(parseBreakSpec('quantile:20').classes).toBe(20);
  });

  it('reads manual bounds separated by ";" or "," with "." as decimal separator', () => {
    expect(parseBreakSpec('manual:10,20,30')).toEqual({ method: 'manual', classes: 4, manual: [10, 20, 30] });
    expect(parseBreakSpec('manual:10;20;30')).toEqual({ method: 'manual', classes: 4, manual: [10, 20, 30] });
    expect(parseBreakSpec('manual: 10.5 ; 20 ')).toEqual({ method: 'manual', classes: 3, manual: [10.5, 20] });
    expect(parseBreakSpec('manual:10, 20')).toEqual({ method: 'manual', classes: 3, manual: [10, 20] });
    expect(parseBreakSpec('manual:-1.5,0,.5')).toEqual({ method: 'manual', classes: 4, manual: [-1.5, 0, 0.5] });
    expect(parseBreakSpec('manual:7')).toEqual({ method: 'manual', classes: 2, manual: [7] });
  });

  it('never misreads a German decimal comma: ambiguous texts are rejected', () => {
    // "10,5" could be the German 10.5 or the bounds 10 and 5.
    invalid(() => parseBreakSpec('manual:10,5'), 'invalid-break-spec');
    // "10,20" could be the German 10.2.
    invalid(() => parseBreakSpec('manual:10,20'), 'invalid-break-spec');
    // "1,5, 10" looks like the German 1.5 followed by 10.
    invalid(() => parseBreakSpec('manual:1,5, 10'), 'invalid-break-spec');
    // With ";" as separator a comma can only be a decimal comma: rejected, "." is the decimal separator.
    invalid(() => parseBreakSpec('manual:10,5;20'), 'invalid-break-spec');
    // "1.000,5" and "1.500" may carry a German thousands point (1000.5, 1500).
    invalid(() => parseBreakSpec('manual:1.000,5'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('manual:1.500;2.000'), 'invalid-break-spec');
    expect(parseBreakSpec('manual:0.125;1.25;1500').manual).toEqual([0.125, 1.25, 1500]);
  });

  it('rejects empty, non-numeric, unsorted and duplicate manual bounds', () => {
    invalid(() => parseBreakSpec('manual'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('manual:'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('manual:10;;20'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('manual:10;'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('manual:zehn;20'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('manual:1e3;2e3'), 'invalid-break-spec');
    invalid(() => parseBreakSpec('manual:30,20,10'), 'invalid-manual-bounds');
    invalid(() => parseBreakSpec('manual:10;10;20'), 'invalid-manual-bounds');
    invalid(() => parseBreakSpec(`manual:${Array.from({ length: 20 }, (_, i) => i).join(';')}`), 'invalid-manual-bounds');
  });

  it('round-trips every method and count, and every sorted list of manual bounds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BREAK_METHODS.filter((m) => m !== 'manual')),
        fc.integer({ min: 1, max: 20 }),
        (method, k) => {
          expect(parseBreakSpec(`${method}:${k}`)).toEqual({ method, classes: k });
        },
      ),
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -100_000, max: 100_000 }), { minLength: 1, maxLength: 19 }), (raw) => {
        const bounds = [...raw].sort((a, b) => a - b).map((x) => x / 100);
        expect(parseBreakSpec(`manual:${bounds.join(';')}`)).toEqual({
          method: 'manual',
          classes: bounds.length + 1,
          manual: bounds,
        });
      }),
    );
  });
});

describe('classify: hand-computed bounds per method', () => {
  it('quantile: 1…10 in 5 classes of 2 values', () => {
    // Type-7 quantiles: position (10 − 1)·j/5 = 1.8, 3.6, 5.4, 7.2 → 2 + 0.8·1 = 2.8, 4.6, 6.4, 8.2.
    const c = classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { method: 'quantile', classes: 5 });
    expect(c.bounds).toHaveLength(6);
    [1, 2.8, 4.6, 6.4, 8.2, 10].forEach((b, i) => expect(c.bounds[i]).toBeCloseTo(b, 12));
    expect(counts(c)).toEqual([2, 2, 2, 2, 2]);
    expect(c.notes).toEqual([]);
    expect(c.classes[1]).toMatchObject({ index: 1, lower: c.bounds[1], upper: c.bounds[2] });
  });

  it('quantile: equal bounds from ties are merged and the merge is noted', () => {
    // n = 6: position 5/3 → between 1 and 1 → 1 (= the minimum); position 10/3 → 1 + (1/3)·(2 − 1) = 4/3.
    // Bounds 1, 1, 4/3, 3 → the repeated 1 is dropped: [1, 4/3] holds the four 1s, (4/3, 3] holds 2 and 3.
    const c = classify([3, 1, 2, 1, 1, 1], { method: 'quantile', classes: 3 });
    expect(c.bounds).toEqual([1, expect.closeTo(4 / 3, 12), 3]);
    expect(counts(c)).toEqual([4, 2]);
    expect(c.notes).toEqual(['Gleiche Quantilsgrenzen zusammengelegt: 2 statt 3 Klassen.']);
  });

  it('quantile: never more classes than distinct values', () => {
    // 3 distinct values → 3 classes; positions 4/3 → 1 + (1/3)·1 = 4/3 and 8/3 → 2 + (2/3)·0 = 2.
    const c = classify([1, 1, 2, 2, 3], { method: 'quantile', classes: 5 });
    expect(c.bounds).toEqual([1, expect.closeTo(4 / 3, 12), 2, 3]);
    expect(counts(c)).toEqual([2, 2, 1]);
    expect(c.notes).toEqual(['Nur 3 verschiedene Werte: 3 statt 5 Klassen.']);
  });

  it('equal interval: min…max in equal steps, empty classes stay', () => {
    // (10 − 0)/4 = 2.5 → 0, 2.5, 5, 7.5, 10; [0, 2.5] ← 0, 1, 2; (2.5, 5] empty; (5, 7.5] ← 7; (7.5, 10] ← 10.
    const c = classify([10, 0, 7, 1, 2], { method: 'equal_interval', classes: 4 });
    expect(c.bounds).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(counts(c)).toEqual([3, 0, 1, 1]);
  });

  it('equal interval: negative values', () => {
    // (5 − (−10))/3 = 5 → −10, −5, 0, 5; [−10, −5] ← −10, −5; (−5, 0] ← −2, 0; (0, 5] ← 5.
    const c = classify([-10, -5, -2, 0, 5], { method: 'equal_interval', classes: 3 });
    expect(c.bounds).toEqual([-10, -5, 0, 5]);
    expect(counts(c)).toEqual([2, 2, 1]);
  });

  it('jenks: three obvious clusters; a class ends at the maximum of its cluster', () => {
    const c = classify([21, 1, 2, 3, 10, 11, 12, 20, 22], { method: 'jenks', classes: 3 });
    expect(c.bounds).toEqual([1, 3, 12, 22]);
    expect(counts(c)).toEqual([3, 3, 3]);
  });

  it('jenks: an outlier gets its own class', () => {
    // Optimal 2-means of 1, 2, 3, 4, 100 separates 100 (within-cluster SS 5 vs. anything else far larger).
    const c = classify([1, 2, 3, 4, 100], { method: 'jenks', classes: 2 });
    expect(c.bounds).toEqual([1, 4, 100]);
    expect(counts(c)).toEqual([4, 1]);
  });

  it('standard deviation, odd count: middle class is mean ± 0.5 SD, bounds outside the data are dropped', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population SD √((9+1+1+1+0+0+4+16)/8) = √4 = 2.
    // Inner bounds 5 ± 0.5·2 = 4, 6 and 5 ± 1.5·2 = 2, 8; 2 equals the minimum and is dropped → [2, 4, 6, 8, 9].
    const c = classify([2, 4, 4, 4, 5, 5, 7, 9], { method: 'standard_deviation', classes: 5 });
    expect(c.bounds).toEqual([2, 4, 6, 8, 9]);
    expect(counts(c)).toEqual([4, 2, 1, 1]);
    expect(c.notes).toEqual(['Grenzen jenseits von Minimum oder Maximum entfallen: 4 statt 5 Klassen.']);
    // Three classes: mean ± 0.5 SD = 4, 6 → [2, 4] ← 2, 4, 4, 4; (4, 6] ← 5, 5; (6, 9] ← 7, 9.
    const three = classify([2, 4, 4, 4, 5, 5, 7, 9], { method: 'standard_deviation', classes: 3 });
    expect(three.bounds).toEqual([2, 4, 6, 9]);
    expect(counts(three)).toEqual([4, 2, 2]);
  });

  it('standard deviation, even count: the mean is a bound', () => {
    // Same data: 5 − 2, 5, 5 + 2 → [2, 3, 5, 7, 9]; [2, 3] ← 2; (3, 5] ← 4, 4, 4, 5, 5; (5, 7] ← 7; (7, 9] ← 9.
    const c = classify([2, 4, 4, 4, 5, 5, 7, 9], { method: 'standard_deviation', classes: 4 });
    expect(c.bounds).toEqual([2, 3, 5, 7, 9]);
    expect(counts(c)).toEqual([1, 5, 1, 1]);
    expect(c.notes).toEqual([]);
  });

  it('manual: data min and max become the outer bounds; bounds outside are dropped with a note', () => {
    // [0, 10] ← 0, 5; (10, 20] ← 12; (20, 30] ← 25; (30, 40] ← 40; 50 lies above the maximum 40.
    const c = classify([0, 5, 12, 25, 40], { method: 'manual', classes: 5, manual: [10, 20, 30, 50] });
    expect(c.requested).toBe(5);
    expect(c.bounds).toEqual([0, 10, 20, 30, 40]);
    expect(counts(c)).toEqual([2, 1, 1, 1]);
    expect(c.notes).toEqual(['Grenzen außerhalb des Wertebereichs (0 bis 40) entfallen: 50.']);
  });

  it('manual: a bound equal to the minimum is dropped; empty classes stay; German numbers in the note', () => {
    const c = classify([0.5, 1, 9], { method: 'manual', classes: 4, manual: [0.5, 2, 3] });
    expect(c.bounds).toEqual([0.5, 2, 3, 9]);
    expect(counts(c)).toEqual([2, 0, 1]);
    expect(c.notes).toEqual(['Grenzen außerhalb des Wertebereichs (0,5 bis 9) entfallen: 0,5.']);
  });

  it('manual: requested count comes from the bounds; unsorted or duplicate bounds are rejected', () => {
    expect(classify([1, 2, 3], { method: 'manual', classes: 99, manual: [2] }).requested).toBe(2);
    invalid(() => classify([1, 2, 3], { method: 'manual', classes: 3, manual: [2, 1] }), 'invalid-manual-bounds');
    invalid(() => classify([1, 2, 3], { method: 'manual', classes: 3, manual: [2, 2] }), 'invalid-manual-bounds');
    invalid(() => classify([1, 2, 3], { method: 'manual', classes: 2, manual: [Number.NaN] }), 'invalid-manual-bounds');
    invalid(() => classify([1, 2, 3], { method: 'manual', classes: 1 }), 'invalid-manual-bounds');
  });

  it('rejects invalid class counts and methods passed directly', () => {
    invalid(() => classify([1, 2], { method: 'quantile', classes: 0 }), 'invalid-class-count');
    invalid(() => classify([1, 2], { method: 'jenks', classes: 2.5 }), 'invalid-class-count');
    invalid(() => classify([1, 2], { method: 'natural' as never, classes: 2 }), 'invalid-break-spec');
  });
});

describe('classify: degenerate data', () => {
  it('all values equal: one class, missing values counted', () => {
    const c = classify([3, null, 3, Number.NaN, 3], { method: 'jenks', classes: 5 });
    expect(c.bounds).toEqual([3, 3]);
    expect(c.classes).toEqual([{ index: 0, lower: 3, upper: 3, count: 3 }]);
    expect(c.missing).toBe(2);
    expect(c.notes).toEqual(['Alle Werte sind gleich: eine Klasse.']);
    expect(classOf(c, 3)).toBe(0);
  });

  it('a single value: one class for every method', () => {
    for (const method of BREAK_METHODS) {
      const spec: BreakSpec = method === 'manual' ? { method, classes: 2, manual: [1] } : { method, classes: 4 };
      const c = classify([-7], spec);
      expect(c.bounds).toEqual([-7, -7]);
      expect(counts(c)).toEqual([1]);
    }
  });

  it('no values: no bounds, no classes, a note', () => {
    const c = classify([null, Number.NaN, Number.POSITIVE_INFINITY], { method: 'quantile', classes: 5 });
    expect(c).toEqual({
      method: 'quantile',
      requested: 5,
      bounds: [],
      classes: [],
      missing: 3,
      notes: ['Keine Werte: keine Klassen.'],
    });
    expect(classOf(c, 1)).toBeNull();
  });

  it('two distinct values: at most two classes for every computed method', () => {
    for (const method of BREAK_METHODS.filter((m) => m !== 'manual')) {
      const c = classify([0, 10, 10, 0, 10], { method, classes: 5 });
      expect(c.bounds[0]).toBe(0);
      expect(c.bounds[c.bounds.length - 1]).toBe(10);
      expect(c.classes.length).toBeLessThanOrEqual(2);
      expect(counts(c).reduce((a, b) => a + b, 0)).toBe(5);
    }
  });
});

describe('classOf', () => {
  const c = classify([0, 10, 20, 30, 40], { method: 'equal_interval', classes: 4 }); // bounds 0, 10, 20, 30, 40

  it('first class is closed, the others are (lower, upper]', () => {
    expect(c.bounds).toEqual([0, 10, 20, 30, 40]);
    expect(classOf(c, 0)).toBe(0);
    expect(classOf(c, 10)).toBe(0);
    expect(classOf(c, 10.000001)).toBe(1);
    expect(classOf(c, 20)).toBe(1);
    expect(classOf(c, 39.9)).toBe(3);
    expect(classOf(c, 40)).toBe(3);
  });

  it('null for missing values and values outside the bounds', () => {
    expect(classOf(c, null)).toBeNull();
    expect(classOf(c, Number.NaN)).toBeNull();
    expect(classOf(c, -0.1)).toBeNull();
    expect(classOf(c, 40.1)).toBeNull();
    expect(classOf(c, Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('classify: laws for every input', () => {
  const value = fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true }) },
    { weight: 6, arbitrary: fc.integer({ min: -5, max: 5 }) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(Number.NaN) },
  );
  const spec: fc.Arbitrary<BreakSpec> = fc.oneof(
    fc.record({
      method: fc.constantFrom(...BREAK_METHODS.filter((m) => m !== 'manual')),
      classes: fc.integer({ min: 1, max: 9 }),
    }),
    fc
      .uniqueArray(fc.oneof(fc.integer({ min: -6, max: 6 }), fc.double({ min: -1e9, max: 1e9, noNaN: true })), {
        minLength: 1,
        maxLength: 8,
        comparator: (a, b) => a === b,
      })
      .map((raw): BreakSpec => {
        const manual = [...raw].sort((a, b) => a - b);
        return { method: 'manual', classes: manual.length + 1, manual };
      }),
  );

  function checkLaws(values: readonly (number | null)[], s: BreakSpec): void {
    const c = classify(values, s);
    const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
    const distinct = new Set(present.map((v) => (Object.is(v, -0) ? 0 : v))).size;
    // Counts add up to the number of non-missing values.
    expect(c.missing).toBe(values.length - present.length);
    expect(counts(c).reduce((a, b) => a + b, 0)).toBe(present.length);
    // Bounds: length classes + 1, strictly ascending (one class [v, v] when all values are equal), outer = min/max.
    if (present.length === 0) {
      expect(c.bounds).toEqual([]);
    } else {
      expect(c.bounds).toHaveLength(c.classes.length + 1);
      expect(c.bounds[0]).toBe(Math.min(...present));
      expect(c.bounds[c.bounds.length - 1]).toBe(Math.max(...present));
      if (distinct > 1) for (let i = 1; i < c.bounds.length; i++) expect(c.bounds[i]!).toBeGreaterThan(c.bounds[i - 1]!);
      else expect(c.classes).toHaveLength(1);
    }
    // Never more classes than requested, nor (computed methods) than distinct values.
    expect(c.classes.length).toBeLessThanOrEqual(c.requested);
    if (s.method !== 'manual') expect(c.classes.length).toBeLessThanOrEqual(distinct);
    // Every value lands in a class within 0…classes − 1 and the counts are exactly those landings.
    const tally = c.classes.map(() => 0);
    for (const v of present) {
      const index = classOf(c, v);
      expect(index).not.toBeNull();
      expect(index!).toBeGreaterThanOrEqual(0);
      expect(index!).toBeLessThan(c.classes.length);
      tally[index!]!++;
    }
    expect(tally).toEqual(counts(c));
    c.classes.forEach((k, i) => expect(k).toMatchObject({ index: i, lower: c.bounds[i], upper: c.bounds[i + 1] }));
  }

  it('counts add up, bounds ascend, every value has a class (realistic magnitudes)', () => {
    fc.assert(fc.property(fc.array(value, { maxLength: 60 }), spec, checkLaws), { numRuns: 400 });
  });

  it('the same laws hold for any finite doubles, however extreme', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constant(null)), { maxLength: 30 }), spec, checkLaws),
      { numRuns: 300 },
    );
  });

  it('quantile classes never have two equal adjacent bounds and are balanced up to ties', () => {
    // With distinct values, every quantile class holds ⌊n/k⌋ − 1 … ⌈n/k⌉ + 1 values.
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        (values, k) => {
          const c = classify(values, { method: 'quantile', classes: k });
          const made = Math.min(k, values.length);
          expect(c.classes).toHaveLength(values.length === 1 ? 1 : made);
          for (const n of counts(c)) {
            expect(n).toBeGreaterThanOrEqual(Math.floor(values.length / made) - 1);
            expect(n).toBeLessThanOrEqual(Math.ceil(values.length / made) + 1);
          }
        },
      ),
    );
  });
});
