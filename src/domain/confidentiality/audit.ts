/**
 * The disclosure auditor (Geheimhaltungsprüfung). The published cells are known constants,
 * the suppressed and the missing (null) cells are unknowns, and every constraint is the linear
 * equation total − Σ parts = 0. A suppressed cell is disclosed when its value is uniquely
 * determined by this system, i.e. when its unit vector lies in the row space of the constraint
 * matrix restricted to the unknowns.
 *
 * The check is exact: first "peeling" solves every constraint that has a single unknown left
 * (repeatedly, so differences across several constraints are found), then the remaining
 * system is brought into reduced row echelon form with integer (BigInt) fraction-free
 * elimination; a row with a single non-zero entry determines that cell. No floating point is
 * involved, so there is no tolerance that could mislead.
 *
 * What the auditor does NOT check:
 * - Interval (bounds) disclosure: counts are non-negative, so an attacker also learns bounds,
 *   e.g. a suppressed 2 beside a suppressed 0 in a sum of 2 lies in [0, 2]; a narrow interval
 *   is not reported, only an exact value is.
 * - Group disclosure (one respondent or a coalition subtracting their own contribution from a
 *   dominated cell), and knowledge from outside the table (other publications of the same
 *   numbers, earlier periods, other Gebietsstände, sums the table does not list).
 * - Consistency: it assumes the published numbers satisfy the constraints; with inconsistent
 *   data the reported value is the one an attacker would compute.
 */
import { InvalidError } from '../shared/errors.ts';
import { indexTable, type ConfidentialTable, type IndexedTable } from './table.ts';

/** A suppressed cell whose exact value follows from the published cells and the constraints. */
export interface Disclosure {
  id: string;
  value: number;
  /** ids of the constraints/cells that reveal it, for the German explanation: the totals of the constraints used (a constraint is named by its total), then the other unknown cells whose derived values the derivation uses */
  via: string[];
  explanation: string;
}

/** How one unknown cell's value follows from the published cells (internal to the module). */
export interface Derivation {
  value: number;
  /** `part`/`total`: from one constraint in which the cell is a part or the total; `combination`: from several constraints at once. */
  kind: 'part' | 'total' | 'combination';
  /** The constraints used directly. */
  constraints: readonly number[];
  /** The other unknown cells whose derived values are used directly. */
  uses: readonly number[];
  /** All constraints of the whole derivation, including those of the cells used. */
  allConstraints: readonly number[];
  /** All unknown cells the whole derivation goes through. */
  allUses: readonly number[];
}

/** Checks any output table: reports every suppressed cell whose exact value can be recomputed from the published cells and the constraints. */
export function audit(
  table: ConfidentialTable,
  suppressed: ReadonlySet<string>,
  label: (cellId: string) => string = (id) => id,
): Disclosure[] {
  const t = indexTable(table);
  for (const id of suppressed) {
    if (!t.index.has(id)) {
      throw new InvalidError(`Die gesperrte Zelle „${id}“ gehört nicht zur Tabelle.`, 'confidentiality-unknown-cell', {
        cell: id,
      });
    }
  }
  const unknown = t.ids.map((id, i) => t.values[i] === null || suppressed.has(id));
  const derivations = derive(t, unknown);
  const disclosures: Disclosure[] = [];
  t.ids.forEach((id, i) => {
    const d = derivations.get(i);
    if (d && suppressed.has(id)) disclosures.push(describe(t, i, d, label));
  });
  return disclosures;
}

/** Every unknown cell (by index) whose value the system determines, with its derivation. */
export function derive(t: IndexedTable, unknown: readonly boolean[]): Map<number, Derivation> {
  const derived = new Map<number, Derivation>();
  const exact = new Map<number, bigint>();
  const known = (c: number): bigint => (unknown[c] ? exact.get(c)! : t.values[c]!);
  const record = (x: number, value: number, kind: Derivation['kind'], constraints: number[], uses: number[]): void => {
    const allConstraints = new Set(constraints);
    const allUses = new Set<number>();
    for (const u of uses) {
      allUses.add(u);
      const du = derived.get(u)!;
      for (const k of du.allConstraints) allConstraints.add(k);
      for (const v of du.allUses) allUses.add(v);
    }
    derived.set(x, { value, kind, constraints, uses, allConstraints: [...allConstraints], allUses: [...allUses] });
  };

  // 1. Peeling: a constraint with a single unknown left determines it.
  const open = t.members.map((m) => m.filter((c) => unknown[c]).length);
  const queue = open.flatMap((n, k) => (n === 1 ? [k] : []));
  for (let head = 0; head < queue.length; head++) {
    const k = queue[head]!;
    if (open[k] !== 1) continue;
    const members = t.members[k]!;
    const at = members.findIndex((c) => unknown[c] && !exact.has(c));
    const x = members[at]!;
    // total − Σ parts = 0: a part is the total minus the other parts, the total the sum of its parts.
    let rest = 0n;
    const uses: number[] = [];
    members.forEach((c, pos) => {
      if (pos === at) return;
      if (unknown[c]) uses.push(c);
      rest += pos === 0 ? known(c) : -known(c);
    });
    const value = at === 0 ? -rest : rest;
    exact.set(x, value);
    record(x, Number(value), at === 0 ? 'total' : 'part', [k], uses);
    for (const k2 of t.byCell[x]!) {
      open[k2]!--;
      if (open[k2] === 1) queue.push(k2);
    }
  }

  // 2. Exact elimination of the rest: rows with two or more unknowns left.
  const pivots = new Map<number, Row>();
  open.forEach((n, k) => {
    if (n < 2) return;
    let row = constraintRow(t, k, unknown, exact, known);
    for (const col of [...row.coef.keys()]) {
      const pivot = pivots.get(col);
      if (pivot && row.coef.has(col)) row = combine(row, pivot, col);
    }
    if (row.coef.size === 0) return;
    const col = Math.min(...row.coef.keys());
    for (const [other, pivot] of pivots) {
      if (pivot.coef.has(col)) pivots.set(other, combine(pivot, row, col));
    }
    pivots.set(col, row);
  });
  for (const [col, row] of [...pivots].sort((a, b) => a[0] - b[0])) {
    if (row.coef.size !== 1) continue;
    const a = row.coef.get(col)!;
    const value = row.rhs % a === 0n ? Number(row.rhs / a) : Number(row.rhs) / Number(a);
    const constraints = [...row.combo.keys()].sort((p, q) => p - q);
    const uses = [...new Set(constraints.flatMap((k) => t.members[k]!.filter((c) => exact.has(c))))];
    record(col, value, 'combination', constraints, uses);
  }
  return derived;
}

/** A linear equation Σ coef·x = rhs over the unknown cells, with the constraints it combines. */
interface Row {
  coef: Map<number, bigint>;
  rhs: bigint;
  combo: Map<number, bigint>;
}

function constraintRow(
  t: IndexedTable,
  k: number,
  unknown: readonly boolean[],
  exact: ReadonlyMap<number, bigint>,
  known: (c: number) => bigint,
): Row {
  const coef = new Map<number, bigint>();
  let rhs = 0n;
  t.members[k]!.forEach((c, pos) => {
    const sign = pos === 0 ? 1n : -1n;
    if (unknown[c] && !exact.has(c)) coef.set(c, sign);
    else rhs -= sign * known(c);
  });
  return { coef, rhs, combo: new Map([[k, 1n]]) };
}

/** `b·target − a·pivot` with a and b the two rows' coefficients at `col`, divided by the common divisor. */
function combine(target: Row, pivot: Row, col: number): Row {
  const a = target.coef.get(col)!;
  const b = pivot.coef.get(col)!;
  const mix = (x: ReadonlyMap<number, bigint>, y: ReadonlyMap<number, bigint>): Map<number, bigint> => {
    const out = new Map<number, bigint>();
    for (const [key, v] of x) out.set(key, b * v);
    for (const [key, v] of y) {
      const s = (out.get(key) ?? 0n) - a * v;
      if (s === 0n) out.delete(key);
      else out.set(key, s);
    }
    return out;
  };
  const coef = mix(target.coef, pivot.coef);
  const combo = mix(target.combo, pivot.combo);
  let rhs = b * target.rhs - a * pivot.rhs;
  let g = abs(rhs);
  for (const v of coef.values()) g = gcd(g, v);
  for (const v of combo.values()) g = gcd(g, v);
  if (g > 1n) {
    for (const [key, v] of coef) coef.set(key, v / g);
    for (const [key, v] of combo) combo.set(key, v / g);
    rhs /= g;
  }
  return { coef, rhs, combo };
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function gcd(x: bigint, y: bigint): bigint {
  let [p, q] = [abs(x), abs(y)];
  while (q !== 0n) [p, q] = [q, p % q];
  return p;
}

function describe(t: IndexedTable, x: number, d: Derivation, label: (cellId: string) => string): Disclosure {
  const q = (c: number): string => `‚${label(t.ids[c]!)}‘`;
  const list = (cells: readonly number[]): string => cells.map(q).join(', ');
  const totals = [...new Set(d.allConstraints.map((k) => t.members[k]![0]!))];
  const via = [...new Set([...totals, ...d.allUses].map((c) => t.ids[c]!))];
  const value = Number.isInteger(d.value) ? String(d.value) : String(d.value).replace('.', ',');
  let how: string;
  if (d.kind === 'combination') {
    const sums = [...new Set(d.constraints.map((k) => t.members[k]![0]!))];
    how = `durch Verrechnen der Summen ${list(sums)} mit den veröffentlichten Werten`;
    if (d.uses.length > 0) how += ` und den ebenfalls berechenbaren Zellen ${list(d.uses)}`;
    how += ' berechenbar';
  } else {
    const [total, ...parts] = t.members[d.constraints[0]!]!;
    const others = parts.filter((c) => c !== x);
    const derivedParts = others.filter((c) => d.uses.includes(c));
    const terms: string[] = [];
    if (others.length > derivedParts.length)
      terms.push(d.kind === 'part' ? 'den veröffentlichten Teilwerten' : 'der veröffentlichten Teilwerte');
    if (derivedParts.length > 0) {
      terms.push(
        `${d.kind === 'part' ? 'den ebenfalls berechenbaren Teilwerten' : 'der ebenfalls berechenbaren Teilwerte'} ${list(derivedParts)}`,
      );
    }
    if (d.kind === 'total') how = `als Summe ${terms.join(' und ')} berechenbar`;
    else {
      const sum = `der Summe ${q(total!)}${d.uses.includes(total!) ? ' (selbst berechenbar)' : ''}`;
      how =
        others.length === 0
          ? `gleich ${sum}, deren einziger Teil sie ist`
          : `aus ${sum} minus ${terms.join(' und ')} berechenbar`;
    }
  }
  return { id: t.ids[x]!, value: d.value, via, explanation: `${label(t.ids[x]!)}: ${how} (Wert ${value}).` };
}
