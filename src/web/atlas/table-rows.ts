import type { AtlasRow } from './types.ts';

/**
 * Rows shown at once: a national Gemeinde table (about 11,000 rows) takes seconds to lay out
 * on a slow machine; above this the table shows the first rows, a search and „Alle zeigen“.
 */
export const TABLE_LIMIT = 500;

/** The rows a search finds: name or key contains the text (case-insensitive, trimmed); all rows for an empty search. */
export function searchRows(rows: readonly AtlasRow[], text: string): readonly AtlasRow[] {
  const needle = text.trim().toLocaleLowerCase('de-DE');
  if (!needle) return rows;
  return rows.filter((r) => r.region.includes(needle) || (r.name ?? '').toLocaleLowerCase('de-DE').includes(needle));
}

/** What the table shows: `found` rows match the search; `shown` are at most `limit` of them plus the selected one. */
export interface TableRows {
  found: readonly AtlasRow[];
  shown: readonly AtlasRow[];
  /** True when `shown` is cut to the limit. */
  limited: boolean;
}

/**
 * The rows of the atlas table: every row up to `limit` rows in all; above it the rows the
 * search finds, cut to the first `limit` unless `showAll`, with the selected region appended
 * when it was cut off (so that a region chosen on the map is always in the table).
 */
export function tableRows(
  rows: readonly AtlasRow[],
  options: { search: string; showAll: boolean; selected: string | null; limit?: number },
): TableRows {
  const limit = options.limit ?? TABLE_LIMIT;
  if (rows.length <= limit) return { found: rows, shown: rows, limited: false };
  const found = searchRows(rows, options.search);
  if (options.showAll || found.length <= limit) return { found, shown: found, limited: false };
  const first = found.slice(0, limit);
  const selected = options.selected;
  const chosen = selected && !first.some((r) => r.region === selected) ? found.find((r) => r.region === selected) : undefined;
  return { found, shown: chosen ? [...first, chosen] : first, limited: true };
}
