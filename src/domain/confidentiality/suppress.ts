/**
 * Cell suppression (Geheimhaltung durch Sperrung). Primary suppression hides the sensitive
 * cells themselves (small counts, dominated cells); secondary suppression (Sekundärsperrung)
 * then hides further published cells until the auditor finds no suppressed cell whose exact
 * value follows from the published cells and the constraints.
 *
 * Secondary suppression is greedy and deterministic: audit; for each disclosed cell (in table
 * order) suppress the cheapest published cell in the constraints of its derivation — cost is
 * the value, a part before a total of the same value, then by id — unless a cell suppressed in
 * the same round already lies in those constraints; repeat until the audit is clean. Every
 * round suppresses at least one more cell, so it terminates. It does not minimise the total
 * suppressed value, and it protects only against exact recomputation (see audit.ts for what
 * that leaves out). Published values never change, only statuses.
 */
import { InvalidError } from '../shared/errors.ts';
import { derive } from './audit.ts';
import { indexTable, type Cell, type ConfidentialTable } from './table.ts';

/** When a cell must be suppressed for its own sake (primary suppression). */
export interface SuppressionRule {
  /** counts 1..threshold-1 are suppressed; default 3 */
  threshold: number;
  /** zero counts are published unless true */
  suppressZero?: boolean;
  /** (n,k) dominance: suppress when the n largest contributions make up more than k % of the cell; optional */
  dominance?: { n: number; k: number };
}

/** The usual rule of official statistics for counts: 1 and 2 are suppressed, 0 is published. */
export const DEFAULT_RULE: SuppressionRule = { threshold: 3 };

/** Whether a cell is published, suppressed for its own sake (primary) or to protect others (secondary). */
export type CellStatus = 'published' | 'primary' | 'secondary';

/** The status of every cell (a missing cell counts as published: it is shown as missing), and the suppressed ids in table order. */
export interface SuppressionResult {
  status: ReadonlyMap<string, CellStatus>;
  primary: string[];
  secondary: string[];
}

/** Primary and secondary suppression: afterwards the auditor finds no recoverable suppressed cell. */
export function suppress(table: ConfidentialTable, rule: SuppressionRule = DEFAULT_RULE): SuppressionResult {
  checkRule(rule);
  const t = indexTable(table);
  const primary = table.cells.map((cell) => isPrimary(cell, rule));
  const secondary = table.cells.map(() => false);
  // Cells fixed by the constraints alone: suppressing them would hide nothing.
  const useless = table.cells.map(() => false);
  const suppressed = (c: number): boolean => primary[c]! || secondary[c]!;
  const candidate = (c: number): boolean => !suppressed(c) && !useless[c] && t.values[c] !== null;
  const cheaper = (a: number, b: number): boolean => {
    const [va, vb] = [t.values[a]!, t.values[b]!];
    if (va !== vb) return va < vb;
    if (t.isTotal[a] !== t.isTotal[b]) return !t.isTotal[a];
    return t.ids[a]! < t.ids[b]!;
  };

  for (;;) {
    const unknown = t.values.map((v, c) => v === null || suppressed(c));
    const disclosed = [...derive(t, unknown)].filter(([c]) => suppressed(c)).sort((a, b) => a[0] - b[0]);
    if (disclosed.length === 0) break;
    const added = new Set<number>();
    for (const [x, derivation] of disclosed) {
      const cells = [...new Set(derivation.allConstraints.flatMap((k) => t.members[k]!))];
      if (cells.some((c) => added.has(c))) continue;
      let best: number | undefined;
      for (const c of cells) if (candidate(c) && (best === undefined || cheaper(c, best))) best = c;
      if (best !== undefined) {
        secondary[best] = true;
        added.add(best);
      } else if (secondary[x]) {
        // No published cell takes part in its derivation: its value is fixed by the structure.
        secondary[x] = false;
        useless[x] = true;
      } else {
        throw new InvalidError(
          `Die Zelle „${t.ids[x]}“ ist allein durch die Summenbeziehungen festgelegt und lässt sich durch keine Sperrung schützen; bitte die Summenbeziehungen der Tabelle prüfen.`,
          'confidentiality-unprotectable',
          { cell: t.ids[x] },
        );
      }
    }
  }

  const status = new Map<string, CellStatus>();
  t.ids.forEach((id, c) => status.set(id, primary[c] ? 'primary' : secondary[c] ? 'secondary' : 'published'));
  return {
    status,
    primary: t.ids.filter((_, c) => primary[c]),
    secondary: t.ids.filter((_, c) => secondary[c]),
  };
}

/** Whether the rule suppresses the cell for its own sake: a small count, a zero under `suppressZero`, or a cell whose n largest contributions exceed k % of the sum of its contributions. */
export function isPrimary(cell: Cell, rule: SuppressionRule = DEFAULT_RULE): boolean {
  if (cell.value === null) return false;
  if (cell.value > 0 && cell.value < rule.threshold) return true;
  if (cell.value === 0 && rule.suppressZero === true) return true;
  const contributions = cell.contributions ?? [];
  if (rule.dominance === undefined || contributions.length === 0) return false;
  const total = contributions.reduce((s, c) => s + c, 0);
  const largest = [...contributions]
    .sort((a, b) => b - a)
    .slice(0, rule.dominance.n)
    .reduce((s, c) => s + c, 0);
  return total > 0 && largest * 100 > rule.dominance.k * total;
}

/**
 * The same result as {@link suppress} for a table of one sum (`total` = Σ `parts`), in
 * linear time: a sum reveals a suppressed cell exactly when it is the only unknown cell
 * in it, and then the cheapest published cell (lowest value, a part before the total, then
 * by id) is suppressed as well. Used for maps of many regions, where each parent's sum is
 * independent of the others.
 */
export function suppressSum(parts: readonly Cell[], total: Cell, rule: SuppressionRule = DEFAULT_RULE): SuppressionResult {
  checkRule(rule);
  const cells = [...parts, total];
  const status = new Map<string, CellStatus>();
  const primary: string[] = [];
  let unknown = 0;
  let suppressedUnknown = false;
  for (const c of cells) {
    const p = isPrimary(c, rule);
    status.set(c.id, p ? 'primary' : 'published');
    if (p) primary.push(c.id);
    if (c.value === null || p) {
      unknown++;
      if (p) suppressedUnknown = true;
    }
  }
  const secondary: string[] = [];
  if (unknown === 1 && suppressedUnknown) {
    let best: Cell | undefined;
    let bestIsTotal = false;
    for (const c of cells) {
      if (c.value === null || status.get(c.id) !== 'published') continue;
      const isTotal = c === total;
      const cheaper =
        best === undefined ||
        c.value < best.value! ||
        (c.value === best.value && (isTotal !== bestIsTotal ? !isTotal : c.id < best.id));
      if (cheaper) {
        best = c;
        bestIsTotal = isTotal;
      }
    }
    if (best) {
      status.set(best.id, 'secondary');
      secondary.push(best.id);
    }
  }
  const order = (ids: string[]) => cells.map((c) => c.id).filter((id) => ids.includes(id));
  return { status, primary: order(primary), secondary: order(secondary) };
}

/**
 * The parts {@link suppressSum} hides (primary and secondary, as indices into `values`) when
 * the published total is the sum of all parts, or unknown when a part is unknown (null). The
 * same decision over plain numbers, without a cell object or a status entry per part: maps of
 * thousands of regions protect one sum per Kreis this way. Contributions (dominance) are not
 * known here, so only the threshold and the zero rule apply.
 */
export function hiddenPartsOfSum(
  values: readonly (number | null)[],
  ids: readonly string[],
  rule: SuppressionRule = DEFAULT_RULE,
): number[] {
  checkRule(rule);
  const primary = (v: number) => (v > 0 && v < rule.threshold) || (v === 0 && rule.suppressZero === true);
  const hidden: number[] = [];
  let sum = 0;
  let complete = true;
  let unknown = 0;
  let suppressedUnknown = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) {
      complete = false;
      unknown++;
    } else {
      sum += v;
      if (primary(v)) {
        hidden.push(i);
        unknown++;
        suppressedUnknown = true;
      }
    }
  }
  const total = complete ? sum : null;
  const totalPrimary = total !== null && primary(total);
  if (total === null || totalPrimary) unknown++;
  if (totalPrimary) suppressedUnknown = true;
  if (unknown !== 1 || !suppressedUnknown) return hidden;
  // The one hidden cell could be recomputed: hide the cheapest published cell as well (lowest
  // value, a part before the total, then the smaller id), as suppressSum does.
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null || primary(v)) continue;
    if (best === -1 || v < values[best]! || (v === values[best] && ids[i]! < ids[best]!)) best = i;
  }
  const totalIsCheaper = total !== null && !totalPrimary && (best === -1 || total < values[best]!);
  if (best !== -1 && !totalIsCheaper) hidden.push(best);
  return hidden;
}

function checkRule(rule: SuppressionRule): void {
  if (!(Number.isSafeInteger(rule.threshold) && rule.threshold >= 1)) {
    throw new InvalidError('Die Mindestfallzahl muss eine ganze Zahl ab 1 sein.', 'confidentiality-invalid-threshold');
  }
  const d = rule.dominance;
  if (d && !(Number.isSafeInteger(d.n) && d.n >= 1 && Number.isFinite(d.k) && d.k > 0 && d.k < 100)) {
    throw new InvalidError(
      'Die Dominanzregel braucht eine ganze Zahl n ab 1 und einen Anteil k zwischen 0 und 100 %.',
      'confidentiality-invalid-dominance',
    );
  }
}
