/**
 * Instruments and variants of the observation write path, for P1 only (nothing here is used by
 * the application):
 *
 * - {@link statementTimer}: a Kysely plugin that adds up the time spent in each kind of SQL
 *   statement (the production repositories run unchanged on a database handle carrying it).
 * - {@link noDatabaseDeps}: the import use case with stores that do nothing, to measure parsing,
 *   the duplicate check and batching without any database.
 * - {@link lateralDeps}: the production wiring, except that `applyBatch` looks up the values it
 *   is about to replace row by row through the primary key (`join lateral … limit 1`) instead
 *   of a plain join, and counts inserted rows in SQL instead of returning one row per
 *   observation; a candidate fix, measured side by side with the real path.
 */
import { sql, type Kysely, type KyselyPlugin, type QueryId } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { inTransaction, repositories } from '../../src/db/repositories/index.ts';
import type { Clock } from '../../src/domain/shared/clock.ts';
import type { ImportObservationsDeps } from '../../src/use-cases/atlas/import-observations.ts';
import type { ObservationStore, RegionImportStore } from '../../src/use-cases/ports.ts';

/** Time spent per kind of statement, in ms, and how many ran. */
export type StatementTimes = Map<string, { ms: number; count: number }>;

/** The kind of a statement, from its SQL text. */
function statementKind(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim().toLowerCase();
  if (s.startsWith('insert into observations_superseded')) return 'applyBatch: superseded copy';
  if (s.startsWith('insert into observations (') || s.startsWith('insert into "observations"'))
    return 'applyBatch: insert … on conflict';
  if (s.startsWith('with ins as')) return 'applyBatch: insert … on conflict';
  return 'other (journal, variables, regions, audit, transaction)';
}

/** A plugin that times every statement run through the Kysely instance it is attached to. */
export function statementTimer(): { plugin: KyselyPlugin; times: StatementTimes } {
  const times: StatementTimes = new Map();
  const started = new WeakMap<QueryId, { at: number; kind: string }>();
  const compileText = (node: unknown): string => {
    // Raw `sql` templates carry their text in `sqlFragments`; built queries name their table.
    const n = node as { kind?: string; sqlFragments?: readonly string[]; into?: { table?: { identifier?: { name?: string } } } };
    if (n.kind === 'RawNode' && n.sqlFragments) return n.sqlFragments.join('?');
    if (n.kind === 'InsertQueryNode') return `insert into "${n.into?.table?.identifier?.name ?? ''}"`;
    return n.kind ?? '';
  };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      started.set(args.queryId, { at: performance.now(), kind: statementKind(compileText(args.node)) });
      return args.node;
    },
    async transformResult(args) {
      const start = started.get(args.queryId);
      if (start) {
        const entry = times.get(start.kind) ?? { ms: 0, count: 0 };
        entry.ms += performance.now() - start.at;
        entry.count++;
        times.set(start.kind, entry);
      }
      return args.result;
    },
  };
  return { plugin, times };
}

/** Options of the wirings below. */
export interface WiringOptions {
  /** Database for the journal (outside the data transaction); default: the same handle. */
  journalDb?: Kysely<DB>;
  /**
   * False: the journal's progress update is skipped. Needed on PGlite, where it waits for the
   * single connection that the import's own transaction holds (a deadlock from 50,000 rows on).
   */
  journalProgress?: boolean;
}

/** The production wiring of `importDeps` (`src/server/compose.ts`), on a handle that may carry plugins. */
export function productionDeps(db: Kysely<DB>, clock: Clock, options: WiringOptions = {}): ImportObservationsDeps {
  return wiring(db, clock, options, (store) => store);
}

function wiring(
  db: Kysely<DB>,
  clock: Clock,
  options: WiringOptions,
  adapt: (store: ObservationStore, trx: Kysely<DB>) => ObservationStore,
): ImportObservationsDeps {
  const journal = repositories(options.journalDb ?? db).imports;
  return {
    journal: options.journalProgress === false ? { ...journal, progress: async () => {} } : journal,
    transaction: (work) =>
      inTransaction(db, (r, trx) => work({ observations: adapt(r.observations, trx), regions: r.regionImports, audit: r.audit })),
    clock,
  };
}

/** The use case with stores that write nothing: parsing, duplicate check and batching only. */
export function noDatabaseDeps(clock: Clock): ImportObservationsDeps {
  const observations: ObservationStore = {
    upsertVariables: async () => {},
    applyBatch: async (_scope, _importId, batch) => ({ inserted: batch.length, updated: 0 }),
    supersedingImports: async () => [],
    rollback: async () => ({ deleted: 0, restored: 0 }),
  };
  const regions: RegionImportStore = {
    addMissing: async () => 0,
    upsertShapes: async () => ({ inserted: 0, updated: 0 }),
    deleteImported: async () => 0,
  };
  return {
    journal: {
      findCompleted: async () => undefined,
      start: async () => 1,
      progress: async () => {},
      finish: async () => {},
      get: async () => undefined,
      list: async () => [],
    },
    transaction: (work) =>
      work({
        observations,
        regions,
        audit: { record: async () => {}, list: async () => [] },
      }),
    clock,
  };
}

/**
 * `applyBatch` with the superseded lookup forced onto the primary key: `join lateral (… limit 1)`
 * keeps the planner from hashing the whole scope for every batch (the plain join does that as
 * soon as the table, never analysed inside the import transaction, has grown), and the insert
 * returns two counts instead of one row per observation. Same semantics as the production code.
 */
export function lateralApplyBatch(db: Kysely<DB>): ObservationStore['applyBatch'] {
  return async (scope, importId, batch) => {
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
      from (${incoming}) i
      join lateral (
        select * from observations o
        where o.scope = ${scope} and o.variable_key = i.variable_key and o.period = i.period and o.region_key = i.region_key
        limit 1
      ) o on true
      where o.value is distinct from i.value or o.flag is distinct from i.flag or o.quality is distinct from i.quality`.execute(
      db,
    );
    const result = await sql<{ inserted: number; written: number }>`
      with ins as (
        insert into observations (scope, variable_key, region_key, period, value, flag, quality, import_id)
        select ${scope}, i.variable_key, i.region_key, i.period, i.value, i.flag, i.quality, ${importId} from (${incoming}) i
        on conflict (scope, variable_key, period, region_key) do update
          set value = excluded.value, flag = excluded.flag, quality = excluded.quality, import_id = excluded.import_id
          where observations.value is distinct from excluded.value
             or observations.flag is distinct from excluded.flag
             or observations.quality is distinct from excluded.quality
        returning (xmax = 0) as inserted)
      select (count(*) filter (where inserted))::int as inserted, count(*)::int as written from ins`.execute(db);
    const row = result.rows[0] ?? { inserted: 0, written: 0 };
    return { inserted: Number(row.inserted), updated: Number(row.written) - Number(row.inserted) };
  };
}

/** The production wiring with {@link lateralApplyBatch} in place of the repository's `applyBatch`. */
export function lateralDeps(db: Kysely<DB>, clock: Clock, options: WiringOptions = {}): ImportObservationsDeps {
  return wiring(db, clock, options, (store, trx) => ({ ...store, applyBatch: lateralApplyBatch(trx) }));
}
