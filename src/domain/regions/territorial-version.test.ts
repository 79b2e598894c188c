import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertCounts, mapToTerritory, recomputeRate, type SuccessorLink } from './territorial-version.ts';

const EISENACH: SuccessorLink[] = [{ predecessorKey: '16056', successorKey: '16063', changedOn: '2021-07-01', weight: 1 }];

describe('Gebietsstand conversion', () => {
  it('moves Eisenach into the Wartburgkreis for a Gebietsstand after 2021-07-01', () => {
    expect(mapToTerritory('16056', '2018-12-31', '2022-12-31', EISENACH)).toEqual([{ key: '16063', weight: 1 }]);
    expect(mapToTerritory('16056', '2018-12-31', '2020-12-31', EISENACH)).toEqual([{ key: '16056', weight: 1 }]);
    // 2018 population (12411-01-01-4): Eisenach 42,370, Wartburgkreis 123,025 → 165,395 on today's territory.
    const converted = convertCounts(
      [
        { regionKey: '16056', value: 42_370 },
        { regionKey: '16063', value: 123_025 },
        { regionKey: '16051', value: 213_699 },
      ],
      '2018-12-31',
      '2022-12-31',
      EISENACH,
    );
    expect(converted).toEqual([
      { regionKey: '16051', value: 213_699 },
      { regionKey: '16063', value: 165_395 },
    ]);
  });

  it('splits counts by weights and follows changes in order', () => {
    const links: SuccessorLink[] = [
      { predecessorKey: 'A', successorKey: 'B', changedOn: '2020-01-01', weight: 0.25 },
      { predecessorKey: 'A', successorKey: 'C', changedOn: '2020-01-01', weight: 0.75 },
      { predecessorKey: 'C', successorKey: 'D', changedOn: '2022-01-01', weight: 1 },
    ];
    expect(mapToTerritory('A', '2019-12-31', '2023-01-01', links)).toEqual([
      { key: 'B', weight: 0.25 },
      { key: 'D', weight: 0.75 },
    ]);
    expect(
      convertCounts(
        [
          { regionKey: 'A', value: 1000 },
          { regionKey: 'D', value: null, missing: '.' },
        ],
        '2019-12-31',
        '2023-01-01',
        links,
      ),
    ).toEqual([
      { regionKey: 'B', value: 250 },
      { regionKey: 'D', value: null, missing: 'Eingangswert fehlt (D: .)' },
    ]);
  });

  it('refuses to convert backwards across a change', () => {
    expect(mapToTerritory('16063', '2022-12-31', '2020-12-31', EISENACH)).toBeUndefined();
    expect(convertCounts([{ regionKey: '16063', value: 160_000 }], '2022-12-31', '2020-12-31', EISENACH)).toEqual([
      { regionKey: '16063', value: null, missing: 'Rückrechnung auf den Gebietsstand 2020-12-31 ist nicht möglich.' },
    ]);
  });

  it('recomputes rates from converted numerators and denominators, never by averaging rates', () => {
    // Unemployed / population in two merging regions: 10/100 and 90/300 → 100/400 = 25 %, not (10 % + 30 %) / 2.
    const links: SuccessorLink[] = [
      { predecessorKey: 'X', successorKey: 'Z', changedOn: '2021-01-01', weight: 1 },
      { predecessorKey: 'Y', successorKey: 'Z', changedOn: '2021-01-01', weight: 1 },
    ];
    const [num] = convertCounts(
      [
        { regionKey: 'X', value: 10 },
        { regionKey: 'Y', value: 90 },
      ],
      '2020-12-31',
      '2021-12-31',
      links,
    );
    const [den] = convertCounts(
      [
        { regionKey: 'X', value: 100 },
        { regionKey: 'Y', value: 300 },
      ],
      '2020-12-31',
      '2021-12-31',
      links,
    );
    expect(recomputeRate(num, den, 100)).toEqual({ regionKey: 'Z', value: 25 });
    expect(recomputeRate(num, { regionKey: 'Z', value: 0 }, 100)).toEqual({
      regionKey: 'Z',
      value: null,
      missing: 'Nenner ist 0',
    });
  });

  it('preserves the total of counts when weights of each predecessor add up to 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 3, maxLength: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (counts, share) => {
          const links: SuccessorLink[] = [
            { predecessorKey: 'R0', successorKey: 'R1', changedOn: '2021-01-01', weight: share },
            { predecessorKey: 'R0', successorKey: 'R2', changedOn: '2021-01-01', weight: 1 - share },
          ];
          const values = counts.map((value, i) => ({ regionKey: `R${i}`, value }));
          const converted = convertCounts(values, '2020-12-31', '2021-12-31', links);
          const total = converted.reduce((sum, v) => sum + (v.value ?? 0), 0);
          expect(total).toBeCloseTo(
            counts.reduce((a, b) => a + b, 0),
            6,
          );
          expect(converted.map((v) => v.regionKey)).toEqual(['R1', 'R2']);
        },
      ),
    );
  });
});
