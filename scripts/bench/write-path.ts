/**
 * Instruments around the observation write path, for P1 only (nothing here is used by the
 * application):
 *
 * - {@link statementTimer}: a Kysely plugin that adds up the time spent in each kind of SQL
 *   statement (COPY does not go through Kysely and is not seen here).
 * - {@link timedDeps}: the production wiring of `importDeps`, with the import writer wrapped so
 *   that the time spent in `finish` (ending the last COPY, the merge) is measured.
 * - {@link noDatabaseDeps}: the import use case with stores that do nothing, to measure parsing,
 *   the duplicate check and batching without any database.
 */
import type { Kysely, KyselyPlugin, QueryId } from 'kysely';
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
  if (s.startsWith('create temporary table') && s.includes('left join observations'))
    return 'merge: join staged with stored rows (delta)';
  if (s.startsWith('insert into observations_superseded')) return 'merge: copy replaced values to observations_superseded';
  if (s.startsWith('update observations')) return 'merge: update changed values';
  if (s.startsWith('insert into observations (')) return 'merge: insert new rows';
  if (s.startsWith('analyze')) return 'merge: analyze the delta';
  if (s.startsWith('select v.key from unnest')) return 'check which variables already have values';
  if (s.startsWith('update "imports"')) return 'journal updates (beside the transaction, not waited for)';
  if (s.startsWith('select pg_advisory_xact_lock')) return 'lock the scope';
  if (s.startsWith('select pg_backend_pid')) return 'find the connection for COPY';
  if (s.startsWith('create temporary table') || s.startsWith('drop table')) return 'staging table: create, drop';
  return 'other (journal, variables, regions, audit)';
}

/** A plugin that times every statement run through the Kysely instance it is attached to. */
export function statementTimer(): { plugin: KyselyPlugin; times: StatementTimes } {
  const times: StatementTimes = new Map();
  const started = new WeakMap<QueryId, { at: number; kind: string }>();
  const compileText = (node: unknown): string => {
    // Raw `sql` templates carry their text in `sqlFragments`; built queries name their table.
    type Table = { table?: { identifier?: { name?: string } } };
    const n = node as { kind?: string; sqlFragments?: readonly string[]; into?: Table['table']; table?: Table };
    if (n.kind === 'RawNode' && n.sqlFragments) return n.sqlFragments.join('?');
    if (n.kind === 'InsertQueryNode') return `insert into "${n.into?.identifier?.name ?? ''}"`;
    if (n.kind === 'UpdateQueryNode') return `update "${n.table?.table?.identifier?.name ?? ''}"`;
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

/** Time in the import writer: `finish` (ending the last COPY, the merge) and how many batches were written. */
export interface WriterTimes {
  writes: number;
  finishMs: number;
}

/** The production wiring of `importDeps` (`src/server/compose.ts`), with the end of the import timed. */
export function timedDeps(db: Kysely<DB>, clock: Clock): { deps: ImportObservationsDeps; times: WriterTimes } {
  const times: WriterTimes = { writes: 0, finishMs: 0 };
  const timed = (store: ObservationStore): ObservationStore => ({
    ...store,
    openImport: async (scope, importId) => {
      const writer = await store.openImport(scope, importId);
      return {
        write: (batch) => {
          times.writes++;
          return writer.write(batch);
        },
        finish: async () => {
          const start = performance.now();
          try {
            return await writer.finish();
          } finally {
            times.finishMs += performance.now() - start;
          }
        },
        abort: () => writer.abort(),
      };
    },
  });
  return {
    deps: {
      journal: repositories(db).imports,
      transaction: (work) =>
        inTransaction(db, (r) => work({ observations: timed(r.observations), regions: r.regionImports, audit: r.audit })),
      clock,
    },
    times,
  };
}

/** The use case with stores that write nothing: parsing, duplicate check and batching only. */
export function noDatabaseDeps(clock: Clock): ImportObservationsDeps {
  const observations: ObservationStore = {
    upsertVariables: async () => {},
    applyBatch: async (_scope, _importId, batch) => ({ inserted: batch.length, updated: 0 }),
    openImport: async () => {
      let rows = 0;
      return {
        write: async (batch) => void (rows += batch.length),
        finish: async () => ({ inserted: rows, updated: 0 }),
        abort: async () => {},
      };
    },
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
