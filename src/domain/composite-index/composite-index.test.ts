import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../shared/errors.ts';
import {
  classChanges,
  compositeIndex,
  type CompositeIndexOptions,
  type IndexArea,
  type IndexComponent,
  type IndexResult,
} from './composite-index.ts';

/**
 * Four classified areas A–D, one below the population floor (E) and one with a missing value (F).
 * alq (unemployment, higher is worse) and eink (income, higher is better).
 */
const areas: IndexArea[] = [
  { key: 'A', population: 1000, status: { alq: 2, eink: 30 }, start: { alq: 5, eink: 29 } },
  { key: 'B', population: 800, status: { alq: 4, eink: 20 }, start: { alq: 5, eink: 17 } },
  { key: 'C', population: 500, status: { alq: 6, eink: 25 }, start: { alq: 5, eink: 28 } },
  { key: 'D', population: 1200, status: { alq: 8, eink: 15 }, start: { alq: 5, eink: 16 } },
  { key: 'E', population: 200, status: { alq: 20, eink: 5 }, start: { alq: 1, eink: 50 } },
  { key: 'F', population: 900, status: { alq: null, eink: 22 }, start: { alq: 5, eink: 20 } },
];
const components: IndexComponent[] = [
  { indicatorKey: 'alq', weight: 2, polarity: 'higher_is_worse' },
  { indicatorKey: 'eink', weight: 1, polarity: 'higher_is_better' },
];
const options: CompositeIndexOptions = { components, populationFloor: 300 };
const r5 = Math.sqrt(5);
const r41 = Math.sqrt(41);
const r37 = Math.sqrt(37);

const get = (results: readonly IndexResult[], key: string): IndexResult => results.find((r) => r.key === key)!;

function invalid(run: () => unknown, code: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).code).toBe(code);
    return;
  }
  expect.fail('expected an InvalidError');
}

describe('compositeIndex: hand-computed example', () => {
  const { results, notes } = compositeIndex(areas, options);

  it('z-scores use the population SD over the classified areas A–D only', () => {
    // alq 2, 4, 6, 8: mean 5, variance (9 + 1 + 1 + 9)/4 = 5 → z = −3/√5, −1/√5, 1/√5, 3/√5 (±1.342, ±0.447).
    // (The sample SD √(20/3) would give ±1.162; E's 20 and F are not part of mean or SD.)
    // eink 30, 20, 25, 15: mean 22.5, variance (56.25 + 6.25 + 6.25 + 56.25)/4 = 31.25 = (2.5·√5)²
    // → z = 3/√5, −1/√5, 1/√5, −3/√5, sign flipped (higher is better) → −3/√5, 1/√5, −1/√5, 3/√5.
    expect(get(results, 'A').zScores.alq).toBeCloseTo(-3 / r5, 12);
    expect(get(results, 'A').zScores.alq).toBeCloseTo(-1.3416, 4);
    expect(get(results, 'B').zScores.alq).toBeCloseTo(-1 / r5, 12);
    expect(get(results, 'D').zScores.alq).toBeCloseTo(3 / r5, 12);
    expect(get(results, 'A').zScores.eink).toBeCloseTo(-3 / r5, 12);
    expect(get(results, 'B').zScores.eink).toBeCloseTo(1 / r5, 12);
    expect(get(results, 'C').zScores.eink).toBeCloseTo(-1 / r5, 12);
    expect(get(results, 'D').zScores.eink).toBeCloseTo(3 / r5, 12);
  });

  it('status index = weighted mean of z-scores, standardised again, then classed', () => {
    // Raw (2·z_alq + z_eink)/3 in units of 1/√5: A (−6 − 3)/3 = −3, B (−2 + 1)/3 = −1/3, C 1/3, D 3.
    // Mean 0, SD √((9 + 1/9 + 1/9 + 9)/4) = √41/3 → status = raw·3/√41: −9/√41, −1/√41, 1/√41, 9/√41.
    expect(get(results, 'A').status).toBeCloseTo(-9 / r41, 12); // −1.406 < −1 → hoch
    expect(get(results, 'B').status).toBeCloseTo(-1 / r41, 12); // −0.156 → mittel
    expect(get(results, 'C').status).toBeCloseTo(1 / r41, 12);
    expect(get(results, 'D').status).toBeCloseTo(9 / r41, 12); // 1.406 ∈ (1, 1.5] → niedrig
    expect(results.map((r) => r.statusClass)).toEqual(['hoch', 'mittel', 'mittel', 'niedrig', null, null]);
  });

  it('dynamics index from the change end − start, z-scored and weighted the same way', () => {
    // Δalq = −3, −1, 1, 3 → z = −3/√5, −1/√5, 1/√5, 3/√5 (mean 0, variance 5).
    // Δeink = 1, 3, −3, −1 → z = 1/√5, 3/√5, −3/√5, −1/√5, flipped → −1/√5, −3/√5, 3/√5, 1/√5.
    // Raw (2·Δalq + Δeink)/3 in units of 1/√5: −7/3, −5/3, 5/3, 7/3; SD √((49 + 25 + 25 + 49)/9/4) = √37/3.
    // → dynamics −7/√37 = −1.151 (positiv), −5/√37 = −0.822 (stabil), 0.822 (stabil), 1.151 (negativ).
    expect(get(results, 'A').zScores['change/alq']).toBeCloseTo(-3 / r5, 12);
    expect(get(results, 'B').zScores['change/eink']).toBeCloseTo(-3 / r5, 12);
    expect(get(results, 'A').dynamics).toBeCloseTo(-7 / r37, 12);
    expect(get(results, 'B').dynamics).toBeCloseTo(-5 / r37, 12);
    expect(get(results, 'C').dynamics).toBeCloseTo(5 / r37, 12);
    expect(get(results, 'D').dynamics).toBeCloseTo(7 / r37, 12);
    expect(results.map((r) => r.dynamicsClass)).toEqual(['positiv', 'stabil', 'stabil', 'negativ', null, null]);
  });

  it('areas below the floor or with a missing value stay unclassified with a German reason', () => {
    expect(get(results, 'E')).toEqual({
      key: 'E',
      status: null,
      dynamics: null,
      statusClass: null,
      dynamicsClass: null,
      reason: 'Weniger als 300 Einwohner (200): nicht klassifiziert.',
      outlier: false,
      zScores: { alq: null, eink: null, 'change/alq': null, 'change/eink': null },
    });
    expect(get(results, 'F')).toMatchObject({ status: null, statusClass: null, reason: 'Wert für „alq“ fehlt.' });
    expect(get(results, 'A').reason).toBeUndefined();
    expect(results.some((r) => r.outlier)).toBe(false);
    expect(notes).toEqual([]);
  });
});

describe('compositeIndex: rules', () => {
  it('classes at the thresholds: −1 and 1 are mittel, 1.5 is niedrig', () => {
    // Two areas with alq 0 and 1 get status −1 and 1 (mean 0.5, SD 0.5); custom thresholds move the classes.
    const two: IndexArea[] = [
      { key: 'x', population: 500, status: { alq: 0 } },
      { key: 'y', population: 500, status: { alq: 1 } },
    ];
    const base = { components: [{ indicatorKey: 'alq', weight: 1, polarity: 'higher_is_worse' as const }], populationFloor: 0 };
    const { results, notes } = compositeIndex(two, base);
    expect(results.map((r) => r.status)).toEqual([-1, 1]);
    expect(results.map((r) => r.statusClass)).toEqual(['mittel', 'mittel']);
    expect(notes).toEqual(['Keine Ausgangswerte angegeben: kein Dynamikindex.']);
    expect(results[0]!.zScores).toEqual({ alq: -1 }); // no change/… keys without start values
    const moved = compositeIndex(two, { ...base, statusThresholds: [-0.5, 0.5, 1] }).results;
    expect(moved.map((r) => r.statusClass)).toEqual(['hoch', 'niedrig']);
    const top = compositeIndex(two, { ...base, statusThresholds: [-2, 0, 0.99] }).results;
    expect(top.map((r) => r.statusClass)).toEqual(['mittel', 'sehr_niedrig']);
    const dyn = compositeIndex(
      two.map((a) => ({ ...a, start: { alq: 0 } })),
      { ...base, dynamicsThresholds: [-1, 0.5] },
    ).results;
    // Δalq 0, 1 → dynamics −1 (stabil, not < −1) and 1 (negativ, > 0.5).
    expect(dyn.map((r) => r.dynamicsClass)).toEqual(['stabil', 'negativ']);
  });

  it('the population floor is inclusive; a missing population is a reason too', () => {
    const { results } = compositeIndex(
      [
        { key: 'at', population: 300, status: { alq: 1, eink: 1 } },
        { key: 'below', population: 299.5, status: { alq: 2, eink: 2 } },
        { key: 'unknown', population: null, status: { alq: 3, eink: 3 } },
        { key: 'other', population: 5000, status: { alq: 4, eink: 1 } },
      ],
      options,
    );
    expect(results.map((r) => r.statusClass !== null)).toEqual([true, false, false, true]);
    expect(results[1]!.reason).toBe('Weniger als 300 Einwohner (299,5): nicht klassifiziert.');
    expect(results[2]!.reason).toBe('Einwohnerzahl fehlt: nicht klassifiziert.');
  });

  it('names every missing indicator', () => {
    const { results } = compositeIndex([{ key: 'x', population: 900, status: { eink: Number.NaN } }], options);
    expect(results[0]!.reason).toBe('Werte für „alq“, „eink“ fehlen.');
  });

  it('an indicator with the same value everywhere contributes 0 and is noted', () => {
    // kita = 10 in every area (status and start): z = 0; the raw index shrinks by 3/(3 + 5) but is
    // standardised again, so status and dynamics equal the example without kita.
    const withKita = areas.map((a) => ({ ...a, status: { ...a.status, kita: 10 }, start: { ...a.start, kita: 10 } }));
    const { results, notes } = compositeIndex(withKita, {
      ...options,
      components: [...components, { indicatorKey: 'kita', weight: 5, polarity: 'higher_is_better' }],
    });
    expect(get(results, 'A').zScores.kita).toBe(0);
    expect(get(results, 'A').status).toBeCloseTo(-9 / r41, 12);
    expect(get(results, 'D').dynamics).toBeCloseTo(7 / r37, 12);
    expect(notes).toEqual([
      'Der Indikator „kita“ hat in allen klassifizierten Gebieten denselben Wert und trägt 0 zum Statusindex bei.',
      'Die Veränderung von „kita“ ist in allen klassifizierten Gebieten gleich und trägt 0 zum Dynamikindex bei.',
    ]);
  });

  it('a weight of 0 switches an indicator off: its values are not required', () => {
    const { results } = compositeIndex(areas, {
      ...options,
      components: [components[0]!, { ...components[1]!, weight: 0 }],
    });
    // alq alone: status = z_alq (already standardised) = −3/√5 … ; F still lacks alq.
    expect(get(results, 'A').status).toBeCloseTo(-3 / r5, 12);
    expect(get(results, 'A').zScores).toEqual({ alq: expect.closeTo(-3 / r5, 12), 'change/alq': expect.closeTo(-3 / r5, 12) });
    const noAlq = compositeIndex(areas, { ...options, components: [{ ...components[0]!, weight: 0 }, components[1]!] }).results;
    expect(get(noAlq, 'F').statusClass).not.toBeNull();
  });

  it('z-scores beyond the cap are capped and the areas flagged as outliers', () => {
    // Status only (no start values). With cap 1.3, A and D (|z| = 3/√5 = 1.342) are capped to ∓1.3.
    // Raw: A (2·(−1.3) − 1.3)/3 = −1.3, B −1/(3√5) = −0.14907, C 0.14907, D 1.3;
    // SD √((2·1.69 + 2·0.14907²)/4) = √0.856111 = 0.925263 → A = −1.3/0.925263 = −1.40500.
    const statusOnly = areas.map(({ start: _start, ...rest }) => rest);
    const { results, notes } = compositeIndex(statusOnly, { ...options, outlierCap: 1.3 });
    expect(results.map((r) => r.outlier)).toEqual([true, false, false, true, false, false]);
    expect(get(results, 'A').zScores).toEqual({ alq: -1.3, eink: -1.3 });
    expect(get(results, 'D').zScores).toEqual({ alq: 1.3, eink: 1.3 });
    expect(get(results, 'B').zScores.alq).toBeCloseTo(-1 / r5, 12);
    expect(get(results, 'A').status).toBeCloseTo(-1.405, 3);
    expect(notes).toEqual([
      'Keine Ausgangswerte angegeben: kein Dynamikindex.',
      'Ausreißer (|z| > 1,3, auf ±1,3 gekappt): „A“, „D“.',
    ]);
  });

  it('an area without all start values gets a status but no dynamics; dynamics statistics exclude it', () => {
    const noStart = areas.map((a) => (a.key === 'D' ? { ...a, start: { alq: 5, eink: null } } : a));
    const { results, notes } = compositeIndex(noStart, options);
    const d = get(results, 'D');
    expect(d.status).toBeCloseTo(9 / r41, 12);
    expect(d).toMatchObject({ statusClass: 'niedrig', dynamics: null, dynamicsClass: null });
    expect(d.reason).toBe('Keine Dynamik: Ausgangswert für „eink“ fehlt.');
    // Over A–C: Δalq −3, −1, 1 → mean −1, SD √(8/3) → z −√1.5, 0, √1.5;
    // Δeink 1, 3, −3 → mean 1/3, SD √(56/9) → z 2/√56, 8/√56, −10/√56, flipped.
    expect(get(results, 'A').zScores['change/alq']).toBeCloseTo(-Math.sqrt(1.5), 12);
    expect(get(results, 'B').zScores['change/alq']).toBeCloseTo(0, 12);
    expect(get(results, 'C').zScores['change/eink']).toBeCloseTo(10 / Math.sqrt(56), 12);
    expect(d.zScores['change/alq']).toBeNull();
    expect(notes).toEqual([]);
  });

  it('no classifiable area: no index and a note; a single area: index 0 with notes', () => {
    expect(compositeIndex([areas[4]!], options).notes).toEqual([
      'Kein Gebiet erfüllt die Bedingungen (Mindesteinwohnerzahl, vollständige Werte): kein Index.',
    ]);
    const single = compositeIndex([{ key: 'x', population: 900, status: { alq: 1, eink: 2 } }], options);
    expect(single.results[0]).toMatchObject({ status: 0, statusClass: 'mittel' });
    expect(single.notes).toContain('Der Statusindex streut nicht: alle klassifizierten Gebiete erhalten 0.');
  });

  it('rejects invalid weights and options with German messages', () => {
    const alq = components[0]!;
    invalid(() => compositeIndex(areas, { ...options, components: [] }), 'invalid-index-components');
    invalid(() => compositeIndex(areas, { ...options, components: [alq, alq] }), 'invalid-index-components');
    invalid(() => compositeIndex(areas, { ...options, components: [{ ...alq, weight: -1 }] }), 'invalid-index-weights');
    invalid(() => compositeIndex(areas, { ...options, components: [{ ...alq, weight: Number.NaN }] }), 'invalid-index-weights');
    invalid(() => compositeIndex(areas, { ...options, components: [{ ...alq, weight: 0 }] }), 'invalid-index-weights');
    invalid(() => compositeIndex(areas, { ...options, populationFloor: -1 }), 'invalid-index-options');
    invalid(() => compositeIndex(areas, { ...options, outlierCap: 0 }), 'invalid-index-options');
    invalid(() => compositeIndex(areas, { ...options, statusThresholds: [-1, 1] }), 'invalid-index-thresholds');
    invalid(() => compositeIndex(areas, { ...options, statusThresholds: [1, -1, 1.5] }), 'invalid-index-thresholds');
    invalid(() => compositeIndex(areas, { ...options, dynamicsThresholds: [0, 0] }), 'invalid-index-thresholds');
    invalid(() => compositeIndex([areas[0]!, areas[0]!], options), 'duplicate-area-key');
    try {
      compositeIndex(areas, { ...options, components: [{ ...alq, weight: -1 }] });
    } catch (error) {
      expect((error as Error).message).toBe('Das Gewicht von „alq“ muss eine Zahl größer oder gleich 0 sein.');
    }
  });
});

describe('classChanges', () => {
  it('counts areas whose class changes under another weighting', () => {
    // Weights alq 1, eink 2: status raw (z_alq + 2·z_eink)/3 = −3, 1/3, −1/3, 3 (units 1/√5) → same classes;
    // dynamics raw (Δalq + 2·Δeink)/3 = −5/3, −7/3, 7/3, 5/3 → −0.822 stabil, −1.151 positiv,
    // 1.151 negativ, 0.822 stabil: all four dynamics classes change; E and F stay unclassified.
    const a = compositeIndex(areas, options).results;
    const b = compositeIndex(areas, {
      ...options,
      components: [
        { ...components[0]!, weight: 1 },
        { ...components[1]!, weight: 2 },
      ],
    }).results;
    expect(b.map((r) => r.statusClass)).toEqual(a.map((r) => r.statusClass));
    expect(b.map((r) => r.dynamicsClass)).toEqual(['stabil', 'positiv', 'negativ', 'stabil', null, null]);
    expect(classChanges(a, b)).toEqual({ changed: 4, keys: ['A', 'B', 'C', 'D'] });
    expect(classChanges(a, a)).toEqual({ changed: 0, keys: [] });
  });

  it('counts areas present in only one list and changes from or to unclassified', () => {
    const r = (key: string, statusClass: IndexResult['statusClass']): IndexResult => ({
      key,
      status: null,
      dynamics: null,
      statusClass,
      dynamicsClass: null,
      outlier: false,
      zScores: {},
    });
    expect(
      classChanges([r('x', 'hoch'), r('y', null), r('z', 'mittel')], [r('z', 'mittel'), r('y', 'hoch'), r('w', null)]),
    ).toEqual({
      changed: 3,
      keys: ['x', 'y', 'w'],
    });
    invalid(() => classChanges([r('x', null), r('x', null)], []), 'duplicate-area-key');
  });
});

describe('compositeIndex: laws for every input', () => {
  const KEYS = ['a', 'b', 'c'] as const;
  const value = fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null, freq: 12 });
  const values = fc.record({ a: value, b: value, c: value });
  const area = fc.record({
    // Half of the populations lie right around the floor of 300 that is drawn often below.
    population: fc.option(fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 297, max: 303 })), {
      nil: null,
      freq: 10,
    }),
    status: values,
    start: fc.option(values, { nil: undefined, freq: 6 }),
  });
  const areaList = fc
    .array(area, { minLength: 1, maxLength: 8 })
    .map((list): IndexArea[] =>
      list.map((x, i) => ({ key: `g${i}`, population: x.population, status: x.status, ...(x.start ? { start: x.start } : {}) })),
    );
  const componentList = fc
    .tuple(
      ...KEYS.map((key) =>
        fc.record({
          indicatorKey: fc.constant(key),
          weight: fc.integer({ min: 0, max: 10 }),
          polarity: fc.constantFrom('higher_is_worse' as const, 'higher_is_better' as const),
        }),
      ),
    )
    .filter((list) => list.some((c) => c.weight > 0));
  const floor = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(300));

  /** Same numbers up to rounding; classes equal unless the index lies within 1e-9 of a threshold. */
  function expectSame(x: readonly IndexResult[], y: readonly IndexResult[]): void {
    x.forEach((r, i) => {
      const s = y[i]!;
      expect(s.key).toBe(r.key);
      expect(s.outlier).toBe(r.outlier);
      for (const [field, thresholds, klass] of [
        ['status', [-1, 1, 1.5], 'statusClass'],
        ['dynamics', [-1, 1], 'dynamicsClass'],
      ] as const) {
        const u = r[field];
        const v = s[field];
        if (u === null || v === null) {
          expect(v).toBe(u);
          continue;
        }
        expect(v).toBeCloseTo(u, 9);
        if (thresholds.every((t) => Math.abs(u - t) > 1e-9)) expect(s[klass]).toBe(r[klass]);
      }
    });
  }

  it('scaling all weights by a positive constant changes nothing', () => {
    fc.assert(
      fc.property(areaList, componentList, floor, fc.double({ min: 0.001, max: 1000, noNaN: true }), (list, comps, f, factor) => {
        const one = compositeIndex(list, { components: comps, populationFloor: f });
        const scaled = compositeIndex(list, {
          components: comps.map((c) => ({ ...c, weight: c.weight * factor })),
          populationFloor: f,
        });
        expectSame(one.results, scaled.results);
        expect(scaled.notes).toEqual(one.notes);
      }),
      { numRuns: 300 },
    );
  });

  it('areas below the population floor (or without population) are never classified', () => {
    fc.assert(
      fc.property(areaList, componentList, floor, (list, comps, f) => {
        const { results } = compositeIndex(list, { components: comps, populationFloor: f });
        list.forEach((a, i) => {
          if (a.population === null || a.population < f) {
            expect(results[i]).toMatchObject({ status: null, dynamics: null, statusClass: null, dynamicsClass: null });
            expect(results[i]!.reason).toMatch(/Einwohner/);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('adding a constant to one indicator in all areas (start and end) changes nothing', () => {
    fc.assert(
      fc.property(
        areaList,
        componentList,
        floor,
        fc.constantFrom(...KEYS),
        fc.integer({ min: -100_000, max: 100_000 }),
        (list, comps, f, key, shift) => {
          const move = (r: Readonly<Record<string, number | null>>) => ({
            ...r,
            [key]: r[key] === null ? null : r[key]! + shift,
          });
          const shifted = list.map((a) => ({ ...a, status: move(a.status), ...(a.start ? { start: move(a.start) } : {}) }));
          const one = compositeIndex(list, { components: comps, populationFloor: f });
          const two = compositeIndex(shifted, { components: comps, populationFloor: f });
          expectSame(one.results, two.results);
          expect(two.notes).toEqual(one.notes);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the classified indices have mean 0 and SD 1 (or are all 0), and a result never differs from itself', () => {
    fc.assert(
      fc.property(areaList, componentList, floor, (list, comps, f) => {
        const { results } = compositeIndex(list, { components: comps, populationFloor: f });
        for (const field of ['status', 'dynamics'] as const) {
          const xs = results.map((r) => r[field]).filter((x): x is number => x !== null);
          if (xs.length === 0 || xs.every((x) => x === 0)) continue;
          const m = xs.reduce((s, x) => s + x, 0) / xs.length;
          const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
          expect(m).toBeCloseTo(0, 9);
          expect(sd).toBeCloseTo(1, 9);
        }
        expect(classChanges(results, results)).toEqual({ changed: 0, keys: [] });
      }),
      { numRuns: 300 },
    );
  });
});
