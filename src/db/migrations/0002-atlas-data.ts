import { sql, type Kysely } from 'kysely';

/**
 * Atlas data: imports (with checksum, counts and rollback), variables, observations (the
 * current value per region, variable and period) and the values they superseded, region
 * measures (area, centroid, simplified shapes) and territorial successor links.
 * `scope` is the owning tenant key, or `shared` for data imported at state level.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'completed', 'failed', 'rolled_back')`))
    .addColumn('progress', 'jsonb')
    .addColumn('counts', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('imports_scope_checksum').on('imports').columns(['scope', 'checksum']).execute();

  await db.schema
    .createTable('variables')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('attribution', 'text', (c) => c.notNull())
    .addColumn('additive', 'boolean', (c) => c.notNull())
    .addColumn('import_id', 'bigint')
    .addPrimaryKeyConstraint('variables_pk', ['scope', 'key'])
    .execute();

  await db.schema
    .createTable('observations')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('variable_key', 'text', (c) => c.notNull())
    .addColumn('region_key', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('flag', 'text')
    .addColumn('quality', 'text')
    .addColumn('import_id', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('observations_pk', ['scope', 'variable_key', 'period', 'region_key'])
    .execute();
  await db.schema.createIndex('observations_import').on('observations').column('import_id').execute();

  // Values replaced by a later import, restored when that import is rolled back.
  await db.schema
    .createTable('observations_superseded')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('variable_key', 'text', (c) => c.notNull())
    .addColumn('region_key', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('flag', 'text')
    .addColumn('quality', 'text')
    .addColumn('import_id', 'bigint', (c) => c.notNull())
    .addColumn('superseded_by', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('observations_superseded_by').on('observations_superseded').column('superseded_by').execute();

  // Official tables also carry Germany (DG) and Regierungsbezirke (3 digits).
  await sql`alter table regions drop constraint if exists regions_level_check`.execute(db);
  await sql`alter table regions add constraint regions_level_check check (level in ('bund', 'land', 'regierungsbezirk', 'kreis', 'gemeindeverband', 'gemeinde', 'planning_area'))`.execute(
    db,
  );
  await db.schema
    .alterTable('regions')
    .addColumn('area_km2', 'double precision')
    .addColumn('centroid', 'jsonb')
    .addColumn('repaired', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('simplified', 'jsonb')
    .addColumn('import_id', 'bigint')
    .execute();

  await db.schema
    .createTable('region_successors')
    .addColumn('predecessor_key', 'text', (c) => c.notNull())
    .addColumn('successor_key', 'text', (c) => c.notNull())
    .addColumn('changed_on', 'date', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('weight_basis', 'text', (c) => c.notNull())
    .addColumn('owner_tenant_key', 'text')
    .addPrimaryKeyConstraint('region_successors_pk', ['predecessor_key', 'successor_key', 'changed_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('region_successors').ifExists().execute();
  await db.schema
    .alterTable('regions')
    .dropColumn('area_km2')
    .dropColumn('centroid')
    .dropColumn('repaired')
    .dropColumn('simplified')
    .dropColumn('import_id')
    .execute();
  for (const table of ['observations_superseded', 'observations', 'variables', 'imports']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
