import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A saved atlas map view of a municipality (title, the view's URL state, published or not). */
export interface SavedViewsTable {
  id: string;
  tenant_key: string;
  title: string;
  description: string;
  /** The view as the atlas permalink's query string (indicator, period, level, classes, selection). */
  state: string;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The tables of saved atlas views (merged into the database schema `DB`). */
export interface SavedViewsSchema {
  saved_views: SavedViewsTable;
}
