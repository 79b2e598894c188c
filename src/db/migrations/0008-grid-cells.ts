import { sql, type Kysely } from 'kysely';

/** Population grids per municipality (e.g. Zensus 1 km cells), the population points of the gap analysis. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('grid_datasets')
    .addColumn('tenant_key', 'text', (c) => c.notNull().references('tenants.key'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('reference_date', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('cell_size_m', 'integer', (c) => c.notNull())
    .addColumn('cell_count', 'integer', (c) => c.notNull())
    .addColumn('secret_cells', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('population', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('territory', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('grid_datasets_pk', ['tenant_key', 'key'])
    .execute();
  await db.schema
    .createTable('grid_cells')
    .addColumn('tenant_key', 'text', (c) => c.notNull())
    .addColumn('dataset_key', 'text', (c) => c.notNull())
    .addColumn('cell_id', 'text', (c) => c.notNull())
    .addColumn('x', 'double precision', (c) => c.notNull())
    .addColumn('y', 'double precision', (c) => c.notNull())
    .addColumn('population', 'integer')
    .addColumn('region_key', 'text')
    .addPrimaryKeyConstraint('grid_cells_pk', ['tenant_key', 'dataset_key', 'cell_id'])
    .addForeignKeyConstraint(
      'grid_cells_dataset_fk',
      ['tenant_key', 'dataset_key'],
      'grid_datasets',
      ['tenant_key', 'key'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('grid_cells').ifExists().execute();
  await db.schema.dropTable('grid_datasets').ifExists().execute();
}
