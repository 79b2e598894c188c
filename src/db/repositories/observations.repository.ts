import { sql, type Kysely } from 'kysely';
import type { ObservationImportWriter, ObservationStore } from '../../use-cases/ports.ts';
import { bulkCopy, type CopySink } from '../database.ts';
import type { DB } from '../schema.ts';

/** Class id of the per-scope advisory lock (the second key is `hashtext(scope)`). */
const SCOPE_LOCK = 7210002;

/** Serialises writers of one scope (imports, rollbacks) until the end of the transaction. */
async function lockScope(db: Kysely<DB>, scope: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SCOPE_LOCK}, hashtext(${scope}))`.execute(db);
}

/** Temporary table for the rows of variables that already have values in the scope (dropped at commit). */
const STAGING = 'planwerk_import_staging';
/** Temporary table of the staged rows that are new or differ from the stored ones. */
const DELTA = 'planwerk_import_delta';
const STAGING_COLUMNS = ['variable_key', 'region_key', 'period', 'value', 'flag', 'quality'] as const;
const OBSERVATION_COLUMNS = ['scope', 'variable_key', 'region_key', 'period', 'value', 'flag', 'quality', 'import_id'] as const;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
/** A text value in COPY text format (backslash escapes; null is `\N`). */
function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A double in COPY text format: the shortest decimal that reads back as the same double. */
function copyNumber(value: number | null): string {
  return value === null ? '\\N' : String(value);
}

/**
 * Observations. An import writes through {@link ObservationImportWriter}: rows of a variable that
 * has no values in the scope yet go straight into `observations` with COPY; rows of variables
 * that have values are copied into a temporary staging table and merged once at the end
 * (replaced values are kept in `observations_superseded`, unchanged rows are not touched).
 */
export function observationsRepository(db: Kysely<DB>): ObservationStore {
  return {
    async upsertVariables(scope, variables, importId) {
      for (const v of variables) {
        await db
          .insertInto('variables')
          .values({
            scope,
            key: v.key,
            label: v.label,
            unit: v.unit,
            source: v.source,
            licence: v.licence,
            attribution: v.attribution,
            additive: v.additive,
            import_id: importId,
          })
          .onConflict((oc) =>
            oc.columns(['scope', 'key']).doUpdateSet({
              label: v.label,
              unit: v.unit,
              source: v.source,
              licence: v.licence,
              attribution: v.attribution,
              additive: v.additive,
            }),
          )
          .execute();
      }
    },

    async applyBatch(scope, importId, batch) {
      if (batch.length === 0) return { inserted: 0, updated: 0 };
      const variables = batch.map((o) => o.variableKey);
      const regions = batch.map((o) => o.regionKey);
      const periods = batch.map((o) => o.period);
      const values = batch.map((o) => o.value);
      const flags = batch.map((o) => o.flag);
      const qualities = batch.map((o) => o.quality ?? null);
      const incoming = sql`select * from unnest(${variables}::text[], ${regions}::text[], ${periods}::text[], ${values}::float8[], ${flags}::text[], ${qualities}::text[]) as i(variable_key, region_key, period, value, flag, quality)`;
      await sql`
        insert into observations_superseded (scope, variable_key, region_key, period, value, flag, quality, import_id, superseded_by)
        select o.scope, o.variable_key, o.region_key, o.period, o.value, o.flag, o.quality, o.import_id, ${importId}
        from observations o join (${incoming}) i
          on o.variable_key = i.variable_key and o.region_key = i.region_key and o.period = i.period
        where o.scope = ${scope}
          and (o.value is distinct from i.value or o.flag is distinct from i.flag or o.quality is distinct from i.quality)`.execute(
        db,
      );
      const result = await sql<{ inserted: boolean }>`
        insert into observations (scope, variable_key, region_key, period, value, flag, quality, import_id)
        select ${scope}, i.variable_key, i.region_key, i.period, i.value, i.flag, i.quality, ${importId} from (${incoming}) i
        on conflict (scope, variable_key, period, region_key) do update
          set value = excluded.value, flag = excluded.flag, quality = excluded.quality, import_id = excluded.import_id
          where observations.value is distinct from excluded.value
             or observations.flag is distinct from excluded.flag
             or observations.quality is distinct from excluded.quality
        returning (xmax = 0) as inserted`.execute(db);
      const inserted = result.rows.filter((r) => r.inserted).length;
      return { inserted, updated: result.rows.length - inserted };
    },

    async openImport(scope, importId) {
      return openImportWriter(db, scope, importId);
    },

    async supersedingImports(scope, importId) {
      await lockScope(db, scope);
      const rows = await db
        .selectFrom('observations_superseded')
        .select('superseded_by')
        .distinct()
        .where('scope', '=', scope)
        .where('import_id', '=', importId)
        .orderBy('superseded_by')
        .execute();
      return rows.map((r) => Number(r.superseded_by));
    },

    async rollback(scope, importId) {
      await lockScope(db, scope);
      const deleted = await db
        .deleteFrom('observations')
        .where('scope', '=', scope)
        .where('import_id', '=', importId)
        .executeTakeFirst();
      const restored = await sql`
        insert into observations (scope, variable_key, region_key, period, value, flag, quality, import_id)
        select scope, variable_key, region_key, period, value, flag, quality, import_id
        from observations_superseded where scope = ${scope} and superseded_by = ${importId}`.execute(db);
      await db.deleteFrom('observations_superseded').where('scope', '=', scope).where('superseded_by', '=', importId).execute();
      // Variables this import introduced and that no longer have any value.
      await sql`
        delete from variables v where v.scope = ${scope} and v.import_id = ${importId}
          and not exists (select 1 from observations o where o.scope = v.scope and o.variable_key = v.key)`.execute(db);
      return { deleted: Number(deleted.numDeletedRows), restored: Number(restored.numAffectedRows ?? 0) };
    },
  };
}

async function openImportWriter(db: Kysely<DB>, scope: string, importId: number): Promise<ObservationImportWriter> {
  if (!db.isTransaction) throw new Error('An observation import must run inside a transaction.');
  const copy = bulkCopy(db);
  if (!copy) throw new Error('COPY is not available on this database handle (open it with openDatabase).');
  await lockScope(db, scope);
  /** Per variable: true = no values in the scope before this import (rows go straight into `observations`). */
  const fresh = new Map<string, boolean>();
  /** Variables whose check has been asked for; `deciding` settles when the last check asked for is answered. */
  const asked = new Set<string>();
  let deciding: Promise<void> = Promise.resolve();
  /**
   * Everything that uses the connection runs in this chain, in the order of the batches. One
   * COPY stays open across batches while their rows go to the same table; it is ended before
   * any other statement (a variable check, creating the staging table, switching tables).
   */
  let tail: Promise<void> = Promise.resolve();
  let open: { target: 'observations' | 'staging'; sink: CopySink } | null = null;
  let staging = false;
  let directRows = 0;
  const prefix = `${copyText(scope)}\t`;
  const suffix = `\t${importId}\n`;

  const close = async () => {
    if (!open) return;
    const { target, sink } = open;
    open = null;
    const rows = await sink.end();
    if (target === 'observations') directRows += rows;
  };
  const sinkFor = async (target: 'observations' | 'staging'): Promise<CopySink> => {
    if (open?.target === target) return open.sink;
    await close();
    if (target === 'staging' && !staging) {
      await sql`create temporary table ${sql.table(STAGING)} (
        variable_key text not null, region_key text not null, period text not null,
        value double precision, flag text, quality text) on commit drop`.execute(db);
      staging = true;
    }
    const sink =
      target === 'observations'
        ? await copy.open(db, 'observations', OBSERVATION_COLUMNS)
        : await copy.open(db, STAGING, STAGING_COLUMNS);
    open = { target, sink };
    return sink;
  };
  const decide = async (variables: string[]) => {
    await close();
    const existing = await sql<{ key: string }>`
      select v.key from unnest(${variables}::text[]) as v(key)
      where exists (select 1 from observations o where o.scope = ${scope} and o.variable_key = v.key)`.execute(db);
    for (const v of variables) fresh.set(v, true);
    for (const row of existing.rows) fresh.set(row.key, false);
  };
  const chain = (step: () => Promise<void>): Promise<void> => {
    const next = tail.then(step);
    tail = next;
    return next;
  };

  /** Writes not settled yet, and whether the import was given up. */
  const writes = new Set<Promise<void>>();
  let aborted = false;

  const write = async (batch: Parameters<ObservationImportWriter['write']>[0]) => {
    if (aborted) throw new Error('The import was aborted.');
    let unknown: string[] | undefined;
    for (const o of batch) {
      if (!asked.has(o.variableKey)) {
        asked.add(o.variableKey);
        (unknown ??= []).push(o.variableKey);
      }
    }
    if (unknown) {
      const variables = unknown;
      deciding = chain(() => decide(variables));
    }
    // Every variable of the batch must be decided, also when an earlier batch asked for it.
    await deciding;
    // Encoded now, while earlier batches may still be on their way.
    let direct = '';
    let staged = '';
    for (const o of batch) {
      const row = `${copyText(o.variableKey)}\t${copyText(o.regionKey)}\t${copyText(o.period)}\t${copyNumber(o.value)}\t${copyText(o.flag)}\t${copyText(o.quality)}`;
      if (fresh.get(o.variableKey)) direct += prefix + row + suffix;
      else staged += `${row}\n`;
    }
    await chain(async () => {
      if (aborted) return;
      // Stay on the table that is open, so that a batch of one kind needs no switch.
      const order = open?.target === 'staging' ? (['staging', 'observations'] as const) : (['observations', 'staging'] as const);
      for (const target of order) {
        const text = target === 'observations' ? direct : staged;
        if (text.length > 0) await (await sinkFor(target)).write(text);
      }
    });
  };

  return {
    write(batch) {
      const written = write(batch);
      writes.add(written);
      const settled = () => void writes.delete(written);
      written.then(settled, settled);
      return written;
    },

    async abort() {
      aborted = true;
      await Promise.allSettled([...writes]);
      await tail.catch(() => {});
      await close().catch(() => {});
    },

    async finish() {
      await Promise.all([...writes]);
      await tail;
      await close();
      if (!staging) return { inserted: directRows, updated: 0 };
      // One join of the staged rows with the stored ones keeps only what is new or changed
      // (usually a small part); the three writes then work on that.
      const delta = sql.table(DELTA);
      await sql`
        create temporary table ${delta} on commit drop as
        select s.variable_key, s.region_key, s.period, s.value, s.flag, s.quality, o.region_key is null as is_new,
               o.value as old_value, o.flag as old_flag, o.quality as old_quality, o.import_id as old_import_id
        from ${sql.table(STAGING)} s
        left join observations o on o.scope = ${scope} and o.variable_key = s.variable_key and o.period = s.period
          and o.region_key = s.region_key
        where o.region_key is null or (o.value, o.flag, o.quality) is distinct from (s.value, s.flag, s.quality)`.execute(db);
      await sql`drop table ${sql.table(STAGING)}`.execute(db);
      staging = false;
      await sql`analyze ${delta}`.execute(db);
      await sql`
        insert into observations_superseded (scope, variable_key, region_key, period, value, flag, quality, import_id, superseded_by)
        select ${scope}, d.variable_key, d.region_key, d.period, d.old_value, d.old_flag, d.old_quality, d.old_import_id, ${importId}
        from ${delta} d where not d.is_new`.execute(db);
      const updated = await sql`
        update observations o set value = d.value, flag = d.flag, quality = d.quality, import_id = ${importId}
        from ${delta} d
        where not d.is_new and o.scope = ${scope} and o.variable_key = d.variable_key and o.period = d.period
          and o.region_key = d.region_key`.execute(db);
      const inserted = await sql`
        insert into observations (scope, variable_key, region_key, period, value, flag, quality, import_id)
        select ${scope}, d.variable_key, d.region_key, d.period, d.value, d.flag, d.quality, ${importId}
        from ${delta} d where d.is_new`.execute(db);
      await sql`drop table ${delta}`.execute(db);
      return {
        inserted: directRows + Number(inserted.numAffectedRows ?? 0),
        updated: Number(updated.numAffectedRows ?? 0),
      };
    },
  };
}
