import type { Kysely, Selectable } from 'kysely';
import type { ImportCounts, ImportJournal, ImportRecord } from '../../use-cases/ports.ts';
import type { DB, ImportsTable } from '../schema.ts';

function toRecord(row: Selectable<ImportsTable>): ImportRecord {
  return {
    id: Number(row.id),
    scope: row.scope,
    fileName: row.file_name,
    checksum: row.checksum,
    format: row.format,
    actorLabel: row.actor_label,
    status: row.status,
    counts: row.counts as ImportCounts | null,
    progress: row.progress as ImportRecord['progress'],
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** The import journal (`imports` table). */
export function importsRepository(db: Kysely<DB>): ImportJournal {
  return {
    async findCompleted(scope, checksum) {
      const row = await db
        .selectFrom('imports')
        .selectAll()
        .where('scope', '=', scope)
        .where('checksum', '=', checksum)
        .where('status', '=', 'completed')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async start(input) {
      const row = await db
        .insertInto('imports')
        .values({
          scope: input.scope,
          file_name: input.fileName,
          checksum: input.checksum,
          format: input.format,
          actor_user_id: input.actorUserId,
          actor_label: input.actorLabel,
          status: 'running',
          progress: JSON.stringify({ done: 0, total: null }),
          started_at: input.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async progress(id, done, total) {
      await db
        .updateTable('imports')
        .set({ progress: JSON.stringify({ done, total }) })
        .where('id', '=', id)
        .execute();
    },
    async finish(id, status, at, counts, error) {
      await db
        .updateTable('imports')
        .set({ status, finished_at: at, counts: counts === null ? null : JSON.stringify(counts), error })
        .where('id', '=', id)
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async list(scope) {
      const rows = await db
        .selectFrom('imports')
        .selectAll()
        .where('scope', '=', scope)
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
      return rows.map(toRecord);
    },
  };
}
