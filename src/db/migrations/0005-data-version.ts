import { sql, type Kysely } from 'kysely';

/** The tables whose content the atlas values are computed from; a write to any of them bumps the data version. */
export const VERSIONED_TABLES = [
  'observations',
  'variables',
  'regions',
  'region_successors',
  'planning_area_members',
  'indicators',
  'composite_indexes',
  'tenants',
] as const;

/**
 * A data version for caches of computed atlas values: `data_versions` holds one counter per
 * scope key (`atlas`), raised by one in every committed transaction that wrote to a table of
 * `VERSIONED_TABLES`. Statement-level triggers mark the transaction in `data_versions_pending`
 * (one row per transaction id); a deferred constraint trigger on that mark raises the counter
 * at commit, so the counter's row is locked only for the moment of the commit and never while a
 * long import runs. A rolled-back transaction leaves the counter as it was.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_versions')
    .addColumn('scope_key', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into data_versions (scope_key, version) values ('atlas', 1)`.execute(db);
  await db.schema
    .createTable('data_versions_pending')
    .addColumn('txid', 'bigint', (c) => c.primaryKey())
    .execute();
  await sql`
    create function data_versions_mark() returns trigger language plpgsql as $$
    begin
      insert into data_versions_pending (txid) values (txid_current()) on conflict do nothing;
      return null;
    end
    $$`.execute(db);
  await sql`
    create function data_versions_bump() returns trigger language plpgsql as $$
    begin
      update data_versions set version = version + 1 where scope_key = 'atlas';
      delete from data_versions_pending where txid = new.txid;
      return null;
    end
    $$`.execute(db);
  await sql`
    create constraint trigger data_versions_bump after insert on data_versions_pending
    deferrable initially deferred for each row execute function data_versions_bump()`.execute(db);
  for (const table of VERSIONED_TABLES) {
    await sql`
      create trigger ${sql.id(`${table}_data_version`)}
      after insert or update or delete on ${sql.table(table)}
      for each statement execute function data_versions_mark()`.execute(db);
    await sql`
      create trigger ${sql.id(`${table}_data_version_truncate`)}
      after truncate on ${sql.table(table)}
      for each statement execute function data_versions_mark()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await sql`drop trigger if exists ${sql.id(`${table}_data_version`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger if exists ${sql.id(`${table}_data_version_truncate`)} on ${sql.table(table)}`.execute(db);
  }
  await db.schema.dropTable('data_versions_pending').ifExists().execute();
  await sql`drop function if exists data_versions_bump()`.execute(db);
  await sql`drop function if exists data_versions_mark()`.execute(db);
  await db.schema.dropTable('data_versions').ifExists().execute();
}
