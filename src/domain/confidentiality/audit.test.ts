import { describe, expect, it } from 'vitest';
import { InvalidError } from '../shared/errors.ts';
import { audit } from './audit.ts';
import { crossTable, type ConfidentialTable } from './table.ts';

const cells = (values: Record<string, number | null>) => Object.entries(values).map(([id, value]) => ({ id, value }));

describe('audit: hand-made leaky tables', () => {
  it('finds a Gemeinde as the Kreis total minus the published Gemeinden', () => {
    // K = 20 = G1 + 5 + 6 + 7 → G1 = 2.
    const table: ConfidentialTable = {
      cells: cells({ K: 20, G1: 2, G2: 5, G3: 6, G4: 7 }),
      constraints: [{ total: 'K', parts: ['G1', 'G2', 'G3', 'G4'] }],
    };
    expect(audit(table, new Set(['G1']))).toEqual([
      {
        id: 'G1',
        value: 2,
        via: ['K'],
        explanation: 'G1: aus der Summe ‚K‘ minus den veröffentlichten Teilwerten berechenbar (Wert 2).',
      },
    ]);
    // With a second suppressed Gemeinde only G1 + G2 = 7 is known: no exact value.
    expect(audit(table, new Set(['G1', 'G2']))).toEqual([]);
  });

  it('finds a suppressed total as the sum of its published parts', () => {
    const table: ConfidentialTable = {
      cells: cells({ K: 2, G1: 1, G2: 1, G3: 0 }),
      constraints: [{ total: 'K', parts: ['G1', 'G2', 'G3'] }],
    };
    // Only K suppressed: 1 + 1 + 0 = 2.
    expect(audit(table, new Set(['K']))).toEqual([
      { id: 'K', value: 2, via: ['K'], explanation: 'K: als Summe der veröffentlichten Teilwerte berechenbar (Wert 2).' },
    ]);
    // K, G1, G2 suppressed: K = G1 + G2 with three unknowns in one equation.
    expect(audit(table, new Set(['K', 'G1', 'G2']))).toEqual([]);
  });

  it('follows differences across a category sum and the Kreis sum, with labels', () => {
    // Alter 0–5 in Kreis 99001: 10 = G1 + G2 + 5. G2's age groups: 20 = G2(0–5) + 17, so G2(0–5) = 3
    // from the category sum, and then G1(0–5) = 10 − 3 − 5 = 2.
    const table: ConfidentialTable = {
      cells: cells({
        '99001|0-5': 10,
        '99001001|0-5': 2,
        '99001002|0-5': 3,
        '99001003|0-5': 5,
        '99001002|alle': 20,
        '99001002|6+': 17,
      }),
      constraints: [
        { total: '99001|0-5', parts: ['99001001|0-5', '99001002|0-5', '99001003|0-5'] },
        { total: '99001002|alle', parts: ['99001002|0-5', '99001002|6+'] },
      ],
    };
    const label = (id: string): string => {
      const [region, age] = id.split('|') as [string, string];
      const where = region.length === 5 ? `Kreis ${region}` : `Gemeinde ${region}`;
      return age === 'alle' ? where : `${where}, Alter ${age.replace('-', '–')}`;
    };
    expect(audit(table, new Set(['99001001|0-5', '99001002|0-5']), label)).toEqual([
      {
        id: '99001001|0-5',
        value: 2,
        via: ['99001|0-5', '99001002|alle', '99001002|0-5'],
        explanation:
          'Gemeinde 99001001, Alter 0–5: aus der Summe ‚Kreis 99001, Alter 0–5‘ minus den veröffentlichten Teilwerten ' +
          'und den ebenfalls berechenbaren Teilwerten ‚Gemeinde 99001002, Alter 0–5‘ berechenbar (Wert 2).',
      },
      {
        id: '99001002|0-5',
        value: 3,
        via: ['99001002|alle'],
        explanation:
          'Gemeinde 99001002, Alter 0–5: aus der Summe ‚Gemeinde 99001002‘ minus den veröffentlichten Teilwerten berechenbar (Wert 3).',
      },
    ]);
  });

  it('follows a suppressed Kreis up to the Land (Land > Kreis > Gemeinde)', () => {
    // L = 29 = K1 + 12 → K1 = 17; K1 = 17 = G11 + 7 + 9 → G11 = 1.
    const table: ConfidentialTable = {
      cells: cells({ L: 29, K1: 17, K2: 12, G11: 1, G12: 7, G13: 9, G21: 4, G22: 8 }),
      constraints: [
        { total: 'L', parts: ['K1', 'K2'] },
        { total: 'K1', parts: ['G11', 'G12', 'G13'] },
        { total: 'K2', parts: ['G21', 'G22'] },
      ],
    };
    expect(audit(table, new Set(['K1', 'G11']))).toEqual([
      {
        id: 'K1',
        value: 17,
        via: ['L'],
        explanation: 'K1: aus der Summe ‚L‘ minus den veröffentlichten Teilwerten berechenbar (Wert 17).',
      },
      {
        id: 'G11',
        value: 1,
        via: ['K1', 'L'],
        explanation: 'G11: aus der Summe ‚K1‘ (selbst berechenbar) minus den veröffentlichten Teilwerten berechenbar (Wert 1).',
      },
    ]);
  });

  it('finds cells that only a combination of several sums determines', () => {
    // a + b = 3, a + c = 5, b + c = 6 (an odd cycle): no sum has a single unknown, yet
    // a = (3 + 5 − 6) / 2 = 1, b = (3 + 6 − 5) / 2 = 2, c = (5 + 6 − 3) / 2 = 4.
    const table: ConfidentialTable = {
      cells: cells({ ab: 3, ac: 5, bc: 6, a: 1, b: 2, c: 4 }),
      constraints: [
        { total: 'ab', parts: ['a', 'b'] },
        { total: 'ac', parts: ['a', 'c'] },
        { total: 'bc', parts: ['b', 'c'] },
      ],
    };
    const found = audit(table, new Set(['a', 'b', 'c']));
    expect(found.map((d) => [d.id, d.value, d.via])).toEqual([
      ['a', 1, ['ab', 'ac', 'bc']],
      ['b', 2, ['ab', 'ac', 'bc']],
      ['c', 4, ['ab', 'ac', 'bc']],
    ]);
    expect(found[0]!.explanation).toBe(
      'a: durch Verrechnen der Summen ‚ab‘, ‚ac‘, ‚bc‘ mit den veröffentlichten Werten berechenbar (Wert 1).',
    );
  });

  it('reports only the leaked cells of a 2-D table and nothing for a closed rectangle', () => {
    // Kreis K with G1, G2, G3; ages a, b, c.
    //        a   b   c | alle
    //  G1    1   4   9 |  14
    //  G2    5   6  10 |  21
    //  G3    8   9  12 |  29
    //  K    14  19  31 |  64
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
    // The rectangle G1/G2 × a/b: every row and column sum has two unknowns, a − b − c + d = 0 is free.
    expect(audit(table, new Set(['G1|a', 'G1|b', 'G2|a', 'G2|b']))).toEqual([]);
    // An L shape G1|a, G1|b, G2|a: column b has only G1|b → 19 − 6 − 9 = 4; row G2 has only
    // G2|a → 21 − 6 − 10 = 5; then row G1: 14 − 4 − 9 = 1 (or column a: 14 − 5 − 8 = 1).
    expect(audit(table, new Set(['G1|a', 'G1|b', 'G2|a'])).map((d) => [d.id, d.value])).toEqual([
      ['G1|a', 1],
      ['G1|b', 4],
      ['G2|a', 5],
    ]);
  });

  it('treats missing cells as unknown and reports only suppressed cells', () => {
    // K = G1 + G2 + G3 with G3 missing: G1 suppressed is one of two unknowns.
    const table: ConfidentialTable = {
      cells: cells({ K: 10, G1: 2, G2: 5, G3: null }),
      constraints: [{ total: 'K', parts: ['G1', 'G2', 'G3'] }],
    };
    expect(audit(table, new Set(['G1']))).toEqual([]);
    // The missing G3 alone is recomputable (10 − 2 − 5 = 3) but is not a suppressed cell.
    expect(audit(table, new Set())).toEqual([]);
    // Passed as suppressed it is reported with the value an attacker computes.
    expect(audit(table, new Set(['G3'])).map((d) => [d.id, d.value])).toEqual([['G3', 3]]);
  });

  it('explains a part that is the only part of its sum', () => {
    const table: ConfidentialTable = { cells: cells({ T: 5, P: 5 }), constraints: [{ total: 'T', parts: ['P'] }] };
    expect(audit(table, new Set(['P']))[0]!.explanation).toBe('P: gleich der Summe ‚T‘, deren einziger Teil sie ist (Wert 5).');
  });

  it('refuses a suppressed id that is not in the table', () => {
    const table: ConfidentialTable = { cells: cells({ T: 5, P: 5 }), constraints: [] };
    expect(() => audit(table, new Set(['X']))).toThrow(InvalidError);
  });
});
