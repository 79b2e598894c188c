import { describe, expect, it } from 'vitest';
import { InvalidError } from '../shared/errors.ts';
import { audit } from './audit.ts';
import { DEFAULT_RULE, isPrimary, suppress, type SuppressionResult } from './suppress.ts';
import { crossTable, type ConfidentialTable } from './table.ts';

const cells = (values: Record<string, number | null>) => Object.entries(values).map(([id, value]) => ({ id, value }));
const hidden = (r: SuppressionResult) => new Set([...r.primary, ...r.secondary]);

describe('isPrimary', () => {
  it('suppresses 1 and 2 under the default rule, publishes 0, 3 and missing cells', () => {
    expect([0, 1, 2, 3, 50].map((value) => isPrimary({ id: 'x', value }))).toEqual([false, true, true, false, false]);
    expect(isPrimary({ id: 'x', value: null })).toBe(false);
    expect(DEFAULT_RULE).toEqual({ threshold: 3 });
  });

  it('follows the threshold and suppressZero', () => {
    const rule = { threshold: 5, suppressZero: true };
    expect([0, 4, 5].map((value) => isPrimary({ id: 'x', value }, rule))).toEqual([true, true, false]);
  });

  it('applies the (n,k) dominance rule to the contributions', () => {
    const rule = { threshold: 3, dominance: { n: 1, k: 85 } };
    // 90 of 100 = 90 % > 85 %; 80 of 100 = 80 % ≤ 85 %.
    expect(isPrimary({ id: 'x', value: 3, contributions: [90, 5, 5] }, rule)).toBe(true);
    expect(isPrimary({ id: 'x', value: 3, contributions: [80, 10, 10] }, rule)).toBe(false);
    // (2,90): 50 + 45 = 95 of 100 > 90 %.
    expect(isPrimary({ id: 'x', value: 3, contributions: [5, 50, 45] }, { threshold: 3, dominance: { n: 2, k: 90 } })).toBe(true);
    // Without contributions, or all zero, the rule has nothing to look at.
    expect(isPrimary({ id: 'x', value: 7 }, rule)).toBe(false);
    expect(isPrimary({ id: 'x', value: 7, contributions: [0, 0] }, rule)).toBe(false);
  });
});

describe('suppress: hand-checked tables', () => {
  it('protects a Gemeinde of 2 in a Kreis of 4 Gemeinden with one secondary cell', () => {
    // K = 20 = 2 + 5 + 6 + 7. The audit finds G1 through K; the cheapest published cell there is
    // G2 (5; K costs 20). Afterwards K − 6 − 7 = G1 + G2 = 7 only.
    const table: ConfidentialTable = {
      cells: cells({ K: 20, G1: 2, G2: 5, G3: 6, G4: 7 }),
      constraints: [{ total: 'K', parts: ['G1', 'G2', 'G3', 'G4'] }],
    };
    const result = suppress(table);
    expect(result.primary).toEqual(['G1']);
    expect(result.secondary).toEqual(['G2']);
    expect([...result.status]).toEqual([
      ['K', 'published'],
      ['G1', 'primary'],
      ['G2', 'secondary'],
      ['G3', 'published'],
      ['G4', 'published'],
    ]);
    expect(audit(table, hidden(result))).toEqual([]);
  });

  it('prefers a part over a total of the same value, then the smaller id', () => {
    // K1 = 6 = G11 (1) + G12 (5), and X = G12 is a sum with one part.
    const table: ConfidentialTable = {
      cells: cells({ K1: 6, G11: 1, G12: 5, X: 5 }),
      constraints: [
        { total: 'K1', parts: ['G11', 'G12'] },
        { total: 'X', parts: ['G12'] },
      ],
    };
    // Round 1: G11 = 6 − 5 → suppress G12 (5, a part; K1 costs 6). Round 2: G12 = X = 5 through
    // the one-part sum X → suppress X (the only candidate). Then G11, G12, X: K1 = G11 + G12 and
    // X = G12 leave G11 + G12 = 6 and G12 = X unknown.
    expect(suppress(table).secondary).toEqual(['G12', 'X']);
    // Tie: two parts of 5 → the smaller id; a part of 5 beats a total of 5.
    const tie: ConfidentialTable = {
      cells: cells({ T: 12, b: 5, a: 5, p: 2 }),
      constraints: [{ total: 'T', parts: ['p', 'b', 'a'] }],
    };
    expect(suppress(tie).secondary).toEqual(['a']);
    const totalTie: ConfidentialTable = {
      cells: cells({ S: 5, s1: 3, s2: 2, T: 12, p: 2, r: 5 }),
      constraints: [
        { total: 'T', parts: ['p', 'S', 'r'] },
        { total: 'S', parts: ['s1', 's2'] },
      ],
    };
    // p = 2 and s2 = 2 primary. s2 = S − s1 → cheapest in S's sum: s1 (3). p = T − S − r with S
    // (total, 5) and r (part, 5) tied → r.
    expect(suppress(totalTie).secondary).toEqual(['s1', 'r']);
  });

  it('needs a 2 × 2 rectangle for a single small cell of a region × age table', () => {
    //        a   b   c | alle
    //  G1    1   4   9 |  14
    //  G2    5   6  10 |  21
    //  G3    8   9  12 |  29
    //  K    14  19  31 |  64
    // Round 1: G1|a = K|a − 5 − 8 → cheapest in column a: G2|a (5).
    // Round 2: G1|a from row G1 (14 − 4 − 9), G2|a from row G2 (21 − 6 − 10) → G1|b (4), G2|b (6).
    // Round 3: rows G1, G2 and columns a, b hold two unknowns each; the 4 × 4 system has rank 3.
    const grid: Record<string, number[]> = { G1: [1, 4, 9], G2: [5, 6, 10], G3: [8, 9, 12], K: [14, 19, 31] };
    const table = crossTable(
      {
        parentOf: new Map([
          ['G1', 'K'],
          ['G2', 'K'],
          ['G3', 'K'],
        ]),
        keys: ['K', 'G1', 'G2', 'G3'],
      },
      { total: 'alle', parts: ['a', 'b', 'c'] },
      (r, c) => (c === 'alle' ? grid[r]!.reduce((s, v) => s + v, 0) : grid[r]![['a', 'b', 'c'].indexOf(c)]!),
    );
    const result = suppress(table);
    expect(result.primary).toEqual(['G1|a']);
    expect(result.secondary).toEqual(['G1|b', 'G2|a', 'G2|b']);
    expect(audit(table, hidden(result))).toEqual([]);
  });

  it('protects a Kreis total below 3 up in the Land', () => {
    // L = 12 = K1 + K2; K1 = 2 = G11 (1) + G12 (1); K2 = 10 = G21 (4) + G22 (6).
    // Primary: K1, G11, G12. Round 1: K1 = 12 − 10 → candidates L (12), K2 (10) → K2.
    // Round 2: K2 = 4 + 6 → G21 (4); K1 is skipped (its derivation goes through K2's sum, which
    // just got G21). Round 3: K1 + K2 = 12, K2 − G21 = 6, K1 = G11 + G12: nothing determined.
    const table: ConfidentialTable = {
      cells: cells({ L: 12, K1: 2, K2: 10, G11: 1, G12: 1, G21: 4, G22: 6 }),
      constraints: [
        { total: 'L', parts: ['K1', 'K2'] },
        { total: 'K1', parts: ['G11', 'G12'] },
        { total: 'K2', parts: ['G21', 'G22'] },
      ],
    };
    const result = suppress(table);
    expect(result.primary).toEqual(['K1', 'G11', 'G12']);
    expect(result.secondary).toEqual(['K2', 'G21']);
    expect(audit(table, hidden(result))).toEqual([]);
  });

  it('needs nothing more when a small total and its small parts share one sum', () => {
    // K = 2 = 1 + 1 + 0: K, G1, G2 suppressed, one equation with three unknowns.
    const table: ConfidentialTable = {
      cells: cells({ K: 2, G1: 1, G2: 1, G3: 0 }),
      constraints: [{ total: 'K', parts: ['G1', 'G2', 'G3'] }],
    };
    expect(suppress(table)).toMatchObject({ primary: ['K', 'G1', 'G2'], secondary: [] });
  });

  it('handles a sum with only one part (total = part)', () => {
    // T = P: both 2 → both primary, T = P with two unknowns is fine.
    const small: ConfidentialTable = { cells: cells({ T: 2, P: 2 }), constraints: [{ total: 'T', parts: ['P'] }] };
    expect(suppress(small)).toMatchObject({ primary: ['T', 'P'], secondary: [] });
    // P = 5 dominated (one contributor has 4 of 5 = 80 % > 70 %), T = P, L = T + Q = 5 + 7.
    // Round 1: P = T → T. Round 2: T = 12 − 7 → Q (7; L costs 12); P is skipped (through T).
    const table: ConfidentialTable = {
      cells: [
        { id: 'L', value: 12 },
        { id: 'T', value: 5 },
        { id: 'Q', value: 7 },
        { id: 'P', value: 5, contributions: [4, 1] },
      ],
      constraints: [
        { total: 'L', parts: ['T', 'Q'] },
        { total: 'T', parts: ['P'] },
      ],
    };
    const result = suppress(table, { threshold: 3, dominance: { n: 1, k: 70 } });
    expect(result.primary).toEqual(['P']);
    expect(result.secondary).toEqual(['T', 'Q']);
    expect(audit(table, hidden(result))).toEqual([]);
  });

  it('protects Gemeinden in a nested hierarchy Land > Kreis > Gemeinde', () => {
    // L = 29 = K1 (17) + K2 (12); K1 = 1 + 7 + 9; K2 = 4 + 8. G11 = 17 − 7 − 9 → G12 (7).
    // The Land sum has no unknown: it neither leaks nor needs anything.
    const table: ConfidentialTable = {
      cells: cells({ L: 29, K1: 17, K2: 12, G11: 1, G12: 7, G13: 9, G21: 4, G22: 8 }),
      constraints: [
        { total: 'L', parts: ['K1', 'K2'] },
        { total: 'K1', parts: ['G11', 'G12', 'G13'] },
        { total: 'K2', parts: ['G21', 'G22'] },
      ],
    };
    expect(suppress(table)).toMatchObject({ primary: ['G11'], secondary: ['G12'] });
    // With K2 = 1 + 2 = 3 as well: G21, G22 are primary and protect each other; K2 (3) published.
    const both = { ...table, cells: cells({ L: 20, K1: 17, K2: 3, G11: 1, G12: 7, G13: 9, G21: 1, G22: 2 }) };
    expect(suppress(both)).toMatchObject({ primary: ['G11', 'G21', 'G22'], secondary: ['G12'] });
  });

  it('never keeps a cell fixed by the sums alone as a secondary suppression', () => {
    // T = a and T = a + z force z = 0 whatever the data. x (1) is primary in S = x + z + w.
    // Greedy first takes z (0), finds it fixed by the structure, publishes it again and ends
    // with a, T, w suppressed (a and T were taken while z was still suppressed).
    const table: ConfidentialTable = {
      cells: cells({ S: 11, x: 1, z: 0, w: 10, T: 5, a: 5 }),
      constraints: [
        { total: 'S', parts: ['x', 'z', 'w'] },
        { total: 'T', parts: ['a'] },
        { total: 'T', parts: ['a', 'z'] },
      ],
    };
    const result = suppress(table);
    expect(result.status.get('z')).toBe('published');
    expect(result.secondary).toEqual(['w', 'T', 'a']);
    expect(audit(table, hidden(result))).toEqual([]);
  });

  it('refuses to protect a primary cell that the sums alone fix', () => {
    // z = 0 is primary under suppressZero but T = a and T = a + z give z = 0 to anyone.
    const table: ConfidentialTable = {
      cells: cells({ T: 5, a: 5, z: 0 }),
      constraints: [
        { total: 'T', parts: ['a'] },
        { total: 'T', parts: ['a', 'z'] },
      ],
    };
    expect(() => suppress(table, { threshold: 3, suppressZero: true })).toThrow(
      expect.objectContaining({ code: 'confidentiality-unprotectable' }),
    );
  });

  it('never suppresses a missing cell and counts it as unknown to the attacker', () => {
    // K = 10 = G1 (2) + G2 (5) + G3 (missing): G1 is safe without a secondary cell.
    const table: ConfidentialTable = {
      cells: cells({ K: 10, G1: 2, G2: 5, G3: null }),
      constraints: [{ total: 'K', parts: ['G1', 'G2', 'G3'] }],
    };
    const result = suppress(table);
    expect(result).toMatchObject({ primary: ['G1'], secondary: [] });
    expect(result.status.get('G3')).toBe('published');
  });

  it('refuses an invalid rule', () => {
    const table: ConfidentialTable = { cells: cells({ a: 1 }), constraints: [] };
    expect(() => suppress(table, { threshold: 0 })).toThrow(InvalidError);
    expect(() => suppress(table, { threshold: 2.5 })).toThrow(InvalidError);
    expect(() => suppress(table, { threshold: 3, dominance: { n: 0, k: 80 } })).toThrow(InvalidError);
    expect(() => suppress(table, { threshold: 3, dominance: { n: 1, k: 100 } })).toThrow(InvalidError);
  });
});
