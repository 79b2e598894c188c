import { sql, type Kysely } from 'kysely';

/**
 * Saved atlas map views per municipality; a published view is listed for anonymous visitors
 * (when its indicator is published). Deleting sets `deleted_at`, so that it can be undone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('tenant_key', 'text', (c) => c.notNull().references('tenants.key'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('indicator_key', 'text', (c) => c.notNull())
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('saved_views_tenant_idx').on('saved_views').columns(['tenant_key', 'published']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('saved_views').ifExists().execute();
}
