import type { Kysely } from 'kysely';

/** Region shapes replaced by a geometry import, restored when that import is rolled back. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('regions_superseded')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('geometry', 'jsonb')
    .addColumn('area_km2', 'double precision')
    .addColumn('centroid', 'jsonb')
    .addColumn('repaired', 'boolean', (c) => c.notNull())
    .addColumn('simplified', 'jsonb')
    .addColumn('import_id', 'bigint')
    .addColumn('superseded_by', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('regions_superseded_by').on('regions_superseded').column('superseded_by').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('regions_superseded').ifExists().execute();
}
