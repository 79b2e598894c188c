import type { Kysely, Selectable } from 'kysely';
import type { SavedView } from '../../domain/atlas-views/saved-view.ts';
import type { SavedViewStore } from '../../use-cases/atlas-views/ports.ts';
import type { DB } from '../schema.ts';
import type { SavedViewsTable } from '../saved-views.schema.ts';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

function toView(row: Selectable<SavedViewsTable>): SavedView {
  return {
    id: row.id,
    tenantKey: row.tenant_key,
    title: row.title,
    description: row.description,
    state: row.state,
    indicatorKey: row.indicator_key,
    published: row.published,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deletedAt: row.deleted_at === null ? null : iso(row.deleted_at),
  };
}

/** Saved atlas views; every query is bound to one tenant. */
export function savedViewsRepository(db: Kysely<DB>): SavedViewStore {
  return {
    async get(tenantKey, id, options = {}) {
      let query = db.selectFrom('saved_views').selectAll().where('tenant_key', '=', tenantKey).where('id', '=', id);
      if (!options.includeDeleted) query = query.where('deleted_at', 'is', null);
      const row = await query.executeTakeFirst();
      return row ? toView(row) : undefined;
    },
    async list(tenantKey, options = {}) {
      let query = db.selectFrom('saved_views').selectAll().where('tenant_key', '=', tenantKey).where('deleted_at', 'is', null);
      if (options.publishedOnly) query = query.where('published', '=', true);
      const rows = await query.orderBy('updated_at', 'desc').orderBy('title').orderBy('id').execute();
      return rows.map(toView);
    },
    async insert(view) {
      await db
        .insertInto('saved_views')
        .values({
          id: view.id,
          tenant_key: view.tenantKey,
          title: view.title,
          description: view.description,
          state: view.state,
          indicator_key: view.indicatorKey,
          published: view.published,
          created_by: view.createdBy,
          created_at: view.createdAt,
          updated_at: view.updatedAt,
          deleted_at: view.deletedAt,
        })
        .execute();
    },
    async update(view) {
      await db
        .updateTable('saved_views')
        .set({
          title: view.title,
          description: view.description,
          state: view.state,
          indicator_key: view.indicatorKey,
          published: view.published,
          updated_at: view.updatedAt,
          deleted_at: view.deletedAt,
        })
        .where('tenant_key', '=', view.tenantKey)
        .where('id', '=', view.id)
        .execute();
    },
  };
}

/** The repositories of the saved-views feature bound to one connection or transaction. */
export function savedViewRepositories(db: Kysely<DB>) {
  return { views: savedViewsRepository(db) };
}
