import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A saved atlas map view of a municipality (title, the view's URL state, published or not, deleted or not). */
export interface SavedViewsTable {
  id: string;
  tenant_key: string;
  title: string;
  description: string;
  /** The view as the atlas permalink's query string (indicator, period, level, classes, selection), canonical order. */
  state: string;
  /** The indicator the view shows (also in `state`), so that the public list can check its publication. */
  indicator_key: string;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Set when deleted (kept so that the deletion can be undone); deleted views are in no list. */
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** The tables of saved atlas views (merged into the database schema `DB`). */
export interface SavedViewsSchema {
  saved_views: SavedViewsTable;
}
