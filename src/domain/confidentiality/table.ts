/**
 * Tables for statistical confidentiality (Geheimhaltung): publishable cells and the additive
 * constraints between them (a total equals the sum of its parts), the builders for region
 * hierarchies and category breakdowns, and the validated index that the auditor and the
 * suppression work on.
 */
import { InvalidError } from '../shared/errors.ts';

/** One publishable number. `value` is a non-negative count (or null when already missing); `contributions` optionally lists the individual contributors' values for the dominance rule. */
export interface Cell {
  id: string;
  value: number | null;
  contributions?: readonly number[];
}

/** total = sum of parts; along the region hierarchy (Kreis = sum of its Gemeinden) or across categories (all ages = sum of age groups). */
export interface Constraint {
  total: string;
  parts: readonly string[];
}

/** The cells of one output table together with the sums that hold between them. */
export interface ConfidentialTable {
  cells: readonly Cell[];
  constraints: readonly Constraint[];
}

/** Constraint builders: parent = sum of its children, for every parent with children (in the order of first appearance). */
export function hierarchyConstraints(
  parentOf: ReadonlyMap<string, string>,
  cellId: (regionKey: string) => string = (key) => key,
): Constraint[] {
  checkAcyclic(parentOf);
  const children = new Map<string, string[]>();
  for (const [child, parent] of parentOf) {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  }
  return [...children].map(([parent, kids]) => ({ total: cellId(parent), parts: kids.map(cellId) }));
}

/** Constraint builder for a category breakdown: `total` = sum of `parts` (e.g. all ages = sum of the age groups). */
export function categoryConstraints(total: string, parts: readonly string[]): Constraint {
  const constraint = { total, parts: [...parts] };
  checkConstraint(constraint);
  return constraint;
}

/** Builds a two-dimensional table region × category (cell id `${region}|${category}`) with constraints along both dimensions, for tables such as age groups per Gemeinde with Kreis totals. */
export function crossTable(
  regions: { parentOf: ReadonlyMap<string, string>; keys: readonly string[] },
  categories: { total: string; parts: readonly string[] },
  values: (region: string, category: string) => number | null,
): ConfidentialTable {
  const allCategories = [categories.total, ...categories.parts];
  for (const key of [...regions.keys, ...allCategories]) {
    if (key.includes('|')) {
      throw new InvalidError(
        `„${key}“: Gebiets- und Merkmalsschlüssel dürfen kein „|“ enthalten.`,
        'confidentiality-invalid-key',
      );
    }
  }
  const inTable = new Set(regions.keys);
  if (inTable.size !== regions.keys.length) {
    throw new InvalidError('Die Gebietsliste enthält einen Schlüssel doppelt.', 'confidentiality-duplicate-region');
  }
  const cells: Cell[] = [];
  for (const region of regions.keys) {
    for (const category of allCategories) cells.push({ id: `${region}|${category}`, value: values(region, category) });
  }
  // A parent gets its sum only when it and all its children are in the table; a parent with
  // only some children in the table (e.g. the Land beside one of its Kreise) has no sum here.
  const incomplete = new Set([...regions.parentOf].filter(([child]) => !inTable.has(child)).map(([, parent]) => parent));
  const complete = hierarchyConstraints(
    new Map([...regions.parentOf].filter(([, parent]) => inTable.has(parent) && !incomplete.has(parent))),
  );
  const constraints: Constraint[] = [];
  for (const category of allCategories) {
    for (const c of complete) {
      constraints.push({ total: `${c.total}|${category}`, parts: c.parts.map((p) => `${p}|${category}`) });
    }
  }
  for (const region of regions.keys) {
    constraints.push(
      categoryConstraints(
        `${region}|${categories.total}`,
        categories.parts.map((p) => `${region}|${p}`),
      ),
    );
  }
  return { cells, constraints };
}

/** The validated table with cells and constraints as numeric indices, shared by the auditor and the suppression. */
export interface IndexedTable {
  table: ConfidentialTable;
  ids: readonly string[];
  index: ReadonlyMap<string, number>;
  /** The cell values as exact integers, null where missing. */
  values: readonly (bigint | null)[];
  /** Per constraint the cell indices, the total first, then the parts. */
  members: readonly (readonly number[])[];
  /** Per cell the indices of the constraints it takes part in. */
  byCell: readonly (readonly number[])[];
  /** Per cell whether it is the total of some constraint. */
  isTotal: readonly boolean[];
}

/** Validates a table (unique ids, non-negative integer counts, constraints over known cells) and indexes it. */
export function indexTable(table: ConfidentialTable): IndexedTable {
  const index = new Map<string, number>();
  const values: (bigint | null)[] = [];
  table.cells.forEach((cell, i) => {
    if (index.has(cell.id)) {
      throw new InvalidError(`Die Zelle „${cell.id}“ kommt doppelt vor.`, 'confidentiality-duplicate-cell', { cell: cell.id });
    }
    index.set(cell.id, i);
    if (cell.value !== null && !(Number.isSafeInteger(cell.value) && cell.value >= 0)) {
      throw new InvalidError(
        `Zelle „${cell.id}“: der Wert muss eine nicht-negative ganze Zahl sein.`,
        'confidentiality-invalid-value',
        { cell: cell.id },
      );
    }
    if (cell.contributions?.some((c) => !(Number.isFinite(c) && c >= 0))) {
      throw new InvalidError(
        `Zelle „${cell.id}“: die Beiträge müssen nicht-negative Zahlen sein.`,
        'confidentiality-invalid-contribution',
        { cell: cell.id },
      );
    }
    values.push(cell.value === null ? null : BigInt(cell.value));
  });
  const byCell: number[][] = table.cells.map(() => []);
  const isTotal = table.cells.map(() => false);
  const members = table.constraints.map((constraint, k) => {
    checkConstraint(constraint);
    const cells = [constraint.total, ...constraint.parts].map((id) => {
      const i = index.get(id);
      if (i === undefined) {
        throw new InvalidError(
          `Die Summenbeziehung „${constraint.total}“ nennt die unbekannte Zelle „${id}“.`,
          'confidentiality-unknown-cell',
          {
            cell: id,
          },
        );
      }
      byCell[i]!.push(k);
      return i;
    });
    isTotal[cells[0]!] = true;
    return cells;
  });
  return { table, ids: table.cells.map((c) => c.id), index, values, members, byCell, isTotal };
}

function checkConstraint(constraint: Constraint): void {
  if (constraint.parts.length === 0) {
    throw new InvalidError(`Die Summe „${constraint.total}“ hat keine Teile.`, 'confidentiality-empty-constraint', {
      cell: constraint.total,
    });
  }
  const seen = new Set([constraint.total]);
  for (const part of constraint.parts) {
    if (seen.has(part)) {
      throw new InvalidError(
        `Die Summe „${constraint.total}“ nennt „${part}“ doppelt oder als ihren eigenen Teil.`,
        'confidentiality-repeated-part',
        { cell: part },
      );
    }
    seen.add(part);
  }
}

function checkAcyclic(parentOf: ReadonlyMap<string, string>): void {
  for (const start of parentOf.keys()) {
    const path = new Set<string>([start]);
    for (let at = parentOf.get(start); at !== undefined; at = parentOf.get(at)) {
      if (path.has(at)) {
        throw new InvalidError(`Die Gebietshierarchie enthält einen Kreis bei „${at}“.`, 'confidentiality-cyclic-hierarchy', {
          region: at,
        });
      }
      path.add(at);
    }
  }
}
