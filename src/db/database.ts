import { PGlite, type Transaction as PGliteTransaction } from '@electric-sql/pglite';
import {
  Kysely,
  PGliteDialect,
  PostgresDialect,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { lockDataDir } from './data-dir-lock.ts';
import type { DB } from './schema.ts';

/** Which engine a database handle runs on. */
export type Engine = 'pglite' | 'postgres';

/** An open database: the Kysely instance, its engine and how to close it. */
export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** The embedded instance, when the engine is PGlite (for dumping test templates). */
  pglite?: PGlite;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Dates stay ISO strings (no time-zone shift); bigint counts and ids fit in a JS number.
const parsers = {
  [DATE_OID]: (v: string) => v,
  [INT8_OID]: (v: string) => Number(v),
  [NUMERIC_OID]: (v: string) => Number(v),
};

export type OpenOptions =
  | { engine: 'postgres'; url: string; poolSize?: number }
  | { engine: 'pglite'; dataDir: string; holder: string }
  | { engine: 'pglite'; memory: true; loadDataDir?: Blob | File };

/** Opens PostgreSQL via `pg` or PGlite (in a locked data directory or in memory). */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.engine === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          (parsers as Record<number, (v: string) => unknown>)[oid] ??
          pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection that the server ends (restart, failover, a dropped test database) is
    // discarded by the pool and replaced on the next query; without a listener Node would treat
    // its error event as fatal and stop the process. Errors of running queries still reach the caller.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [postgresBulkCopy(pool)] });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  let release: (() => void) | undefined;
  let dataDir: string | undefined;
  if ('dataDir' in options) {
    release = lockDataDir(options.dataDir, options.holder);
    dataDir = options.dataDir;
  }
  try {
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...('loadDataDir' in options && options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers,
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }), plugins: [pgliteBulkCopy(pglite)] });
    return {
      db,
      engine: 'pglite',
      pglite,
      close: async () => {
        try {
          await db.destroy();
          if (!pglite.closed) await pglite.close();
        } finally {
          release?.();
        }
      },
    };
  } catch (error) {
    release?.();
    throw error;
  }
}

/**
 * COPY … FROM STDIN on the connection of a Kysely transaction: the one bulk write that Kysely
 * has no API for. It travels with the Kysely instance as a plugin that changes nothing, so that
 * every transaction of the database (and every `withPlugin` copy) can reach it; repositories
 * get it with {@link bulkCopy}. Use cases never see it.
 */
export interface BulkCopy {
  /**
   * Starts a COPY into `table` on the connection of the transaction `db`. Until the sink is
   * ended, no other statement can run on that transaction (PostgreSQL: they would wait behind it).
   */
  open(db: Kysely<DB>, table: string, columns: readonly string[]): Promise<CopySink>;
}

/** An open COPY: rows in COPY text format (tab-separated, `\N` for null, backslash escapes, each ending in a newline). */
export interface CopySink {
  /** Hands rows over; settles once they are sent (PostgreSQL) or stored (PGlite), rejects if the COPY failed. */
  write(text: string): Promise<void>;
  /** Ends the COPY once everything written is stored; returns the number of rows copied. */
  end(): Promise<number>;
}

class BulkCopyPlugin implements KyselyPlugin, BulkCopy {
  constructor(readonly open: BulkCopy['open']) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The COPY capability of the database `db` belongs to, if it was opened by {@link openDatabase}. */
export function bulkCopy(db: Kysely<DB>): BulkCopy | undefined {
  return db.getExecutor().plugins.find((p): p is BulkCopyPlugin => p instanceof BulkCopyPlugin);
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function copyTarget(table: string, columns: readonly string[]): string {
  return `${table.split('.').map(quoteIdentifier).join('.')} (${columns.map(quoteIdentifier).join(', ')})`;
}

function requireTransaction(db: Kysely<DB>): void {
  if (!db.isTransaction) throw new Error('COPY runs only inside a transaction (db.transaction()).');
}

/**
 * pg: one COPY … FROM STDIN stream (pg-copy-streams) per sink, so that the server reads rows
 * continuously while the caller prepares more. Kysely does not expose the pool client a
 * transaction runs on; it is found by its backend process id (`pg_backend_pid()` asked through
 * the transaction), once per transaction.
 */
function postgresBulkCopy(pool: pg.Pool): BulkCopyPlugin {
  const clients = new Map<number, pg.PoolClient>();
  const pid = (client: pg.PoolClient) => (client as pg.PoolClient & { processID?: number | null }).processID ?? null;
  pool.on('connect', (client) => {
    const id = pid(client);
    if (id !== null) clients.set(id, client);
  });
  pool.on('remove', (client) => {
    const id = pid(client);
    if (id !== null && clients.get(id) === client) clients.delete(id);
  });
  const byTransaction = new WeakMap<Kysely<DB>, pg.PoolClient>();
  return new BulkCopyPlugin(async (db, table, columns) => {
    requireTransaction(db);
    let client = byTransaction.get(db);
    if (!client) {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      client = clients.get(Number(rows[0]?.pid));
      if (!client) throw new Error('COPY: the connection of this transaction is not known.');
      byTransaction.set(db, client);
    }
    const stream = client.query(copyStreams.from(`copy ${copyTarget(table, columns)} from stdin`));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    done.catch(() => {}); // reported by write() and end()
    return {
      write: (text) =>
        new Promise<void>((resolve, reject) => {
          done.catch(reject);
          stream.write(text, (error) => (error ? reject(error) : resolve()));
        }),
      end: async () => {
        stream.end();
        await done;
        return stream.rowCount;
      },
    };
  });
}

/**
 * PGlite: one session, and Kysely runs a transaction inside `pglite.transaction()`; the
 * transaction object is captured there. Each write is one `COPY … FROM '/dev/blob'` (PGlite runs
 * in this thread, so there is nothing to overlap with).
 */
function pgliteBulkCopy(pglite: PGlite): BulkCopyPlugin {
  let current: PGliteTransaction | null = null;
  const transaction = pglite.transaction.bind(pglite);
  pglite.transaction = <T>(callback: (tx: PGliteTransaction) => Promise<T>): Promise<T> =>
    transaction(async (tx) => {
      current = tx;
      try {
        return await callback(tx);
      } finally {
        current = null;
      }
    });
  return new BulkCopyPlugin(async (db, table, columns) => {
    requireTransaction(db);
    const statement = `copy ${copyTarget(table, columns)} from '/dev/blob'`;
    let rows = 0;
    return {
      write: async (text) => {
        if (!current) throw new Error('COPY: no open PGlite transaction.');
        const result = await current.query(statement, [], { blob: new Blob([text]) });
        rows += result.affectedRows ?? 0;
      },
      end: async () => rows,
    };
  });
}

/** Redacts the password in a connection string for log lines and messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(ungültige URL)';
  }
}
