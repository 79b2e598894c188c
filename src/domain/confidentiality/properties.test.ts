import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit } from './audit.ts';
import { hiddenPartsOfSum, isPrimary, suppress, suppressSum, type SuppressionResult } from './suppress.ts';
import { crossTable, hierarchyConstraints, type Cell, type ConfidentialTable } from './table.ts';

/** Counts 0..50, most of them small (0..4), so that many cells are primary. */
const count = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 50 }) },
);

/** Land L > 1–3 Kreise > 1–5 Gemeinden; totals are the true sums; a few cells are missing (null). */
const hierarchical: fc.Arbitrary<ConfidentialTable> = fc
  .array(fc.array(count, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 })
  .chain((kreise) => {
    const parentOf = new Map<string, string>();
    const value = new Map<string, number>();
    let land = 0;
    kreise.forEach((gemeinden, k) => {
      parentOf.set(`K${k}`, 'L');
      gemeinden.forEach((v, g) => {
        parentOf.set(`G${k}.${g}`, `K${k}`);
        value.set(`G${k}.${g}`, v);
      });
      const sum = gemeinden.reduce((s, v) => s + v, 0);
      value.set(`K${k}`, sum);
      land += sum;
    });
    value.set('L', land);
    const ids = [...value.keys()];
    return fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }).map((missing) => ({
      // About one cell in eight is missing.
      cells: ids.map((id, i) => ({ id, value: missing[i] && i % 4 === 0 ? null : value.get(id)! })),
      constraints: hierarchyConstraints(parentOf),
    }));
  });

/** Region × category: Land L > 1–2 Kreise > 1–4 Gemeinden, 1–4 categories and their total. */
const crossed: fc.Arbitrary<ConfidentialTable> = fc.integer({ min: 1, max: 4 }).chain((nParts) =>
  fc
    .array(fc.array(fc.array(count, { minLength: nParts, maxLength: nParts }), { minLength: 1, maxLength: 4 }), {
      minLength: 1,
      maxLength: 2,
    })
    .map((kreise) => {
      const parts = Array.from({ length: nParts }, (_, i) => `a${i}`);
      const parentOf = new Map<string, string>();
      const leaf = new Map<string, number[]>();
      kreise.forEach((gemeinden, k) => {
        parentOf.set(`K${k}`, 'L');
        gemeinden.forEach((row, g) => {
          parentOf.set(`G${k}.${g}`, `K${k}`);
          leaf.set(`G${k}.${g}`, row);
        });
      });
      const keys = ['L', ...parentOf.keys()];
      const total = (region: string, part: number): number =>
        leaf.get(region)?.[part] ??
        [...parentOf].filter(([, p]) => p === region).reduce((s, [child]) => s + total(child, part), 0);
      return crossTable({ parentOf, keys }, { total: 'alle', parts }, (region, category) =>
        category === 'alle' ? parts.reduce((s, _, i) => s + total(region, i), 0) : total(region, parts.indexOf(category)),
      );
    }),
);

const hidden = (r: SuppressionResult) => new Set([...r.primary, ...r.secondary]);

/** Rank of an integer matrix by fraction-free elimination (an independent, dense reference). */
function rank(matrix: bigint[][]): number {
  const m = matrix.map((row) => [...row]);
  const cols = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    const pivot = m[r]!;
    for (let i = r + 1; i < m.length; i++) {
      const a = m[i]![c]!;
      if (a !== 0n) m[i] = m[i]!.map((v, j) => pivot[c]! * v - a * pivot[j]!);
    }
    r++;
  }
  return r;
}

/** The suppressed cells an attacker can recompute, by the reference criterion: x is determined iff dropping its column lowers the rank. */
function referenceDisclosed(table: ConfidentialTable, suppressed: ReadonlySet<string>): string[] {
  const unknown = table.cells.filter((c) => c.value === null || suppressed.has(c.id)).map((c) => c.id);
  const matrix = table.constraints.map((k) => unknown.map((id) => (id === k.total ? 1n : k.parts.includes(id) ? -1n : 0n)));
  const full = rank(matrix);
  return unknown.filter((id, j) => suppressed.has(id) && full - rank(matrix.map((row) => row.filter((_, i) => i !== j))) === 1);
}

/** Any table and a random subset of its cells. */
const withSubset = (tables: fc.Arbitrary<ConfidentialTable>) =>
  tables.chain((table) => fc.subarray(table.cells.map((c) => c.id)).map((ids) => ({ table, suppressed: new Set(ids) })));

/** Arbitrary sums over 2–9 cells (duplicate totals, one-part sums, overlaps), values not consistent. */
const generic: fc.Arbitrary<ConfidentialTable> = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc
    .record({
      values: fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { freq: 6 }), { minLength: n, maxLength: n }),
      sums: fc.array(
        fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: 2, maxLength: Math.min(n, 5) },
        ),
        {
          minLength: 1,
          maxLength: 6,
        },
      ),
    })
    .map(({ values, sums }) => ({
      cells: values.map((value, i): Cell => ({ id: `c${i}`, value })),
      constraints: sums.map(([total, ...parts]) => ({ total: `c${total}`, parts: parts.map((p) => `c${p}`) })),
    })),
);

describe('audit: properties', () => {
  it('finds exactly the cells that the dense rank criterion finds, on arbitrary sums', () => {
    fc.assert(
      fc.property(withSubset(generic), ({ table, suppressed }) => {
        expect(audit(table, suppressed).map((d) => d.id)).toEqual(referenceDisclosed(table, suppressed));
      }),
      { numRuns: 300 },
    );
  });

  it('reports the true values on consistent hierarchical and cross tables', () => {
    fc.assert(
      fc.property(withSubset(fc.oneof(hierarchical, crossed)), ({ table, suppressed }) => {
        const found = audit(table, suppressed);
        expect(found.map((d) => d.id)).toEqual(referenceDisclosed(table, suppressed));
        const value = new Map(table.cells.map((c) => [c.id, c.value]));
        for (const d of found) {
          // A missing cell passed as suppressed has no stored value to compare with.
          if (value.get(d.id) !== null) expect(d.value).toBe(value.get(d.id));
          expect(d.via.every((id) => value.has(id))).toBe(true);
          expect(d.explanation).toMatch(new RegExp(`\\(Wert ${d.value}\\)\\.$`));
        }
      }),
    );
  });
});

describe('suppress: properties', () => {
  const tables = fc.oneof(hierarchical, crossed);

  it('leaves nothing recomputable and suppresses exactly the primary cells as primary', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const result = suppress(table);
        expect(audit(table, hidden(result))).toEqual([]);
        for (const cell of table.cells) {
          const status = result.status.get(cell.id);
          expect(status === 'primary').toBe(isPrimary(cell));
          if (status === 'secondary') expect(cell.value).not.toBeNull();
        }
        expect(result.status.size).toBe(table.cells.length);
        expect(result.primary.length + result.secondary.length).toBe(hidden(result).size);
      }),
    );
  });

  it('adds nothing when the suppressed cells of a result are the primary cells', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const first = hidden(suppress(table));
        // Every suppressed cell becomes a 1 (primary); the others keep their values (0, ≥ 3 or missing).
        const again = suppress({
          ...table,
          cells: table.cells.map((c) => (first.has(c.id) ? { id: c.id, value: 1 } : c)),
        });
        expect(again.secondary).toEqual([]);
        expect(new Set(again.primary)).toEqual(first);
      }),
    );
  });

  it('on arbitrary sums either protects or refuses only a primary cell that the sums alone fix', () => {
    fc.assert(
      fc.property(generic, (table) => {
        let result: SuppressionResult;
        try {
          result = suppress(table);
        } catch (e) {
          expect(e).toMatchObject({ code: 'confidentiality-unprotectable' });
          // Fixed by the structure: recomputable even with every cell unknown.
          const cell = (e as { details: { cell: string } }).details.cell;
          expect(isPrimary(table.cells.find((c) => c.id === cell)!)).toBe(true);
          expect(referenceDisclosed(table, new Set(table.cells.map((c) => c.id)))).toContain(cell);
          return;
        }
        expect(audit(table, hidden(result))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(tables, (table) => {
        expect(suppress(table)).toEqual(suppress(table));
      }),
      { numRuns: 30 },
    );
  });

  it('also protects under suppressZero and a higher threshold', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const rule = { threshold: 5, suppressZero: true };
        const result = suppress(table, rule);
        expect(audit(table, hidden(result))).toEqual([]);
        expect(result.primary).toEqual(table.cells.filter((c) => isPrimary(c, rule)).map((c) => c.id));
      }),
    );
  });
});

describe('suppressSum (one sum, linear time)', () => {
  it('gives exactly the result of the general suppression and leaves nothing recoverable', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(count, { freq: 8 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (values, totalKnown) => {
          const parts: Cell[] = values.map((v, i) => ({ id: `G${String(i).padStart(2, '0')}`, value: v }));
          const sum = values.every((v) => v !== null) ? values.reduce((s: number, v) => s + v!, 0) : null;
          const total: Cell = { id: 'K', value: totalKnown ? sum : null };
          const table: ConfidentialTable = {
            cells: [...parts, total],
            constraints: [{ total: 'K', parts: parts.map((p) => p.id) }],
          };
          const general = suppress(table);
          const fast = suppressSum(parts, total);
          expect(fast.primary).toEqual(general.primary);
          expect(fast.secondary).toEqual(general.secondary);
          expect([...fast.status].sort()).toEqual([...general.status].sort());
          const hidden = new Set([...fast.primary, ...fast.secondary]);
          expect(audit(table, hidden)).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('hiddenPartsOfSum (the fast path of the map)', () => {
  const part = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 6 }) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 40 }) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  it('hides exactly the parts suppressSum hides, for any sum (property)', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 12 }), fc.boolean(), (values, suppressZero) => {
        const rule = { threshold: 3, suppressZero };
        const ids = values.map((_, i) => `g${String(i).padStart(2, '0')}`);
        const cells: Cell[] = values.map((value, i) => ({ id: ids[i]!, value }));
        const total = values.every((v) => v !== null) ? values.reduce<number>((a, b) => a + b!, 0) : null;
        const slow = suppressSum(cells, { id: 'Σ', value: total }, rule);
        const expected = ids.filter((id) => slow.status.get(id) !== 'published');
        const fast = hiddenPartsOfSum(values, ids, rule).map((i) => ids[i]!);
        expect(fast.sort()).toEqual(expected.sort());
      }),
      { numRuns: 2000 },
    );
  });

  it('hides 2 and then the next smallest part, 7, when the Kreis total 64 is published (worked example)', () => {
    expect(hiddenPartsOfSum([2, 7, 15, 40], ['a', 'b', 'c', 'd'])).toEqual([0, 1]);
    // With an unknown part the total is unknown too: the 2 alone is safe.
    expect(hiddenPartsOfSum([2, null, 15, 40], ['a', 'b', 'c', 'd'])).toEqual([0]);
  });
});
