import { describe, expect, it } from 'vitest';
import { InvalidError } from '../shared/errors.ts';
import { categoryConstraints, crossTable, hierarchyConstraints, indexTable, type ConfidentialTable } from './table.ts';

/** Land 99 > Kreise 99001, 99002 > Gemeinden (99001 has three, 99002 two). */
const parentOf = new Map([
  ['99001', '99'],
  ['99001001', '99001'],
  ['99001002', '99001'],
  ['99002', '99'],
  ['99002001', '99002'],
  ['99001003', '99001'],
  ['99002002', '99002'],
]);

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidError);
    return (e as InvalidError).code;
  }
  return undefined;
}

describe('hierarchyConstraints', () => {
  it('gives one sum per parent, parents and children in the order of first appearance', () => {
    expect(hierarchyConstraints(parentOf)).toEqual([
      { total: '99', parts: ['99001', '99002'] },
      { total: '99001', parts: ['99001001', '99001002', '99001003'] },
      { total: '99002', parts: ['99002001', '99002002'] },
    ]);
  });

  it('maps region keys to cell ids', () => {
    const constraints = hierarchyConstraints(new Map([['99001001', '99001']]), (key) => `${key}|Einwohner`);
    expect(constraints).toEqual([{ total: '99001|Einwohner', parts: ['99001001|Einwohner'] }]);
  });

  it('refuses a cyclic hierarchy', () => {
    const cyclic = new Map([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ]);
    expect(code(() => hierarchyConstraints(cyclic))).toBe('confidentiality-cyclic-hierarchy');
    expect(code(() => hierarchyConstraints(new Map([['a', 'a']])))).toBe('confidentiality-cyclic-hierarchy');
  });
});

describe('categoryConstraints', () => {
  it('copies the parts', () => {
    const parts = ['0-5', '6-17'];
    const c = categoryConstraints('alle', parts);
    expect(c).toEqual({ total: 'alle', parts: ['0-5', '6-17'] });
    expect(c.parts).not.toBe(parts);
  });

  it('refuses empty, repeated and self-containing sums', () => {
    expect(code(() => categoryConstraints('alle', []))).toBe('confidentiality-empty-constraint');
    expect(code(() => categoryConstraints('alle', ['a', 'a']))).toBe('confidentiality-repeated-part');
    expect(code(() => categoryConstraints('alle', ['a', 'alle']))).toBe('confidentiality-repeated-part');
  });
});

describe('crossTable', () => {
  it('builds region × category cells with sums along both dimensions', () => {
    // One Kreis with two Gemeinden; ages 0-5 and 6+; value = 10 × Gemeinde number + age index.
    const table = crossTable(
      {
        parentOf: new Map([
          ['G1', 'K'],
          ['G2', 'K'],
        ]),
        keys: ['K', 'G1', 'G2'],
      },
      { total: 'alle', parts: ['0-5', '6+'] },
      (region, category) => (region === 'K' ? null : Number(region.slice(1)) * 10 + (category === '0-5' ? 1 : 2)),
    );
    expect(table.cells.map((c) => c.id)).toEqual([
      'K|alle',
      'K|0-5',
      'K|6+',
      'G1|alle',
      'G1|0-5',
      'G1|6+',
      'G2|alle',
      'G2|0-5',
      'G2|6+',
    ]);
    expect(table.cells.find((c) => c.id === 'G2|6+')?.value).toBe(22);
    expect(table.constraints).toEqual([
      { total: 'K|alle', parts: ['G1|alle', 'G2|alle'] },
      { total: 'K|0-5', parts: ['G1|0-5', 'G2|0-5'] },
      { total: 'K|6+', parts: ['G1|6+', 'G2|6+'] },
      { total: 'K|alle', parts: ['K|0-5', 'K|6+'] },
      { total: 'G1|alle', parts: ['G1|0-5', 'G1|6+'] },
      { total: 'G2|alle', parts: ['G2|0-5', 'G2|6+'] },
    ]);
  });

  it('gives no region sum to a parent with only some of its children in the table', () => {
    // The Land 99 appears beside its Kreis 99001 only; 99002 is missing, so 99 ≠ 99001.
    const table = crossTable(
      { parentOf, keys: ['99', '99001', '99001001', '99001002', '99001003'] },
      { total: 'alle', parts: ['m', 'w'] },
      () => 1,
    );
    const totals = table.constraints.map((c) => c.total);
    expect(totals.filter((t) => t.startsWith('99|'))).toEqual(['99|alle']); // only its category sum
    expect(totals.filter((t) => t.startsWith('99001|'))).toEqual(['99001|alle', '99001|m', '99001|w', '99001|alle']);
  });

  it('refuses keys with „|“ and duplicate regions', () => {
    const categories = { total: 'alle', parts: ['a'] };
    expect(code(() => crossTable({ parentOf: new Map(), keys: ['a|b'] }, categories, () => 1))).toBe(
      'confidentiality-invalid-key',
    );
    expect(code(() => crossTable({ parentOf: new Map(), keys: ['x', 'x'] }, categories, () => 1))).toBe(
      'confidentiality-duplicate-region',
    );
  });
});

describe('indexTable', () => {
  const base: ConfidentialTable = {
    cells: [
      { id: 'K', value: 5 },
      { id: 'G1', value: 2 },
      { id: 'G2', value: 3 },
    ],
    constraints: [{ total: 'K', parts: ['G1', 'G2'] }],
  };

  it('indexes members (total first), constraints per cell and totals', () => {
    const t = indexTable(base);
    expect(t.members).toEqual([[0, 1, 2]]);
    expect(t.byCell).toEqual([[0], [0], [0]]);
    expect(t.isTotal).toEqual([true, false, false]);
    expect(t.values).toEqual([5n, 2n, 3n]);
  });

  it('refuses duplicate ids, invalid values and contributions, and unknown cells', () => {
    const withCells = (cells: ConfidentialTable['cells']) => () => indexTable({ ...base, cells });
    expect(code(withCells([...base.cells, { id: 'K', value: 1 }]))).toBe('confidentiality-duplicate-cell');
    expect(code(withCells([{ id: 'K', value: -1 }, ...base.cells.slice(1)]))).toBe('confidentiality-invalid-value');
    expect(code(withCells([{ id: 'K', value: 2.5 }, ...base.cells.slice(1)]))).toBe('confidentiality-invalid-value');
    expect(code(withCells([{ id: 'K', value: Number.NaN }, ...base.cells.slice(1)]))).toBe('confidentiality-invalid-value');
    expect(code(withCells([{ id: 'K', value: 5, contributions: [6, -1] }, ...base.cells.slice(1)]))).toBe(
      'confidentiality-invalid-contribution',
    );
    expect(code(() => indexTable({ ...base, constraints: [{ total: 'K', parts: ['G1', 'G9'] }] }))).toBe(
      'confidentiality-unknown-cell',
    );
  });
});
