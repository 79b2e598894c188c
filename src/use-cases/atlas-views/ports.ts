import type { SavedView } from '../../domain/atlas-views/saved-view.ts';

/** The saved atlas views of municipalities; every method is scoped to one tenant. */
export interface SavedViewStore {
  /** One view of the tenant; a deleted one only with `includeDeleted`. */
  get(tenantKey: string, id: string, options?: { includeDeleted?: boolean }): Promise<SavedView | undefined>;
  /** The tenant's views that are not deleted, newest change first; only published ones with `publishedOnly`. */
  list(tenantKey: string, options?: { publishedOnly?: boolean }): Promise<SavedView[]>;
  insert(view: SavedView): Promise<void>;
  /** Writes title, description, state, indicator, publication, deletion and the time of change. */
  update(view: SavedView): Promise<void>;
}
