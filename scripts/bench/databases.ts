/**
 * Fresh databases for the benchmarks: a new PostgreSQL database per run (created from
 * `DATABASE_URL`'s server, dropped afterwards) or a PGlite instance in a temporary directory,
 * both migrated to the latest schema.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The server's connection string (from `DATABASE_URL`, else the local default). */
export function serverUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** Runs one statement on the server's admin database (the one in the URL). */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  url = serverUrl(),
): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<T>(text);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database; `drop()` removes it. */
export interface ScratchPostgres {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database `planwerk_bench_<random>` on the server of `DATABASE_URL`. */
export async function createScratchPostgres(): Promise<ScratchPostgres> {
  const name = `planwerk_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A migrated database of either engine plus how to get rid of it completely. */
export interface BenchDatabase {
  database: Database;
  /** PostgreSQL: connection string of the scratch database. */
  url?: string;
  /** Closes and deletes the database (PostgreSQL: drops it; PGlite: removes its directory). */
  dispose(): Promise<void>;
}

/** Opens a fresh, migrated database on the engine: PostgreSQL (scratch database) or PGlite (temp directory). */
export async function openBenchDatabase(engine: 'postgres' | 'pglite'): Promise<BenchDatabase> {
  if (engine === 'postgres') {
    const scratch = await createScratchPostgres();
    const database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 4 });
    await migrateToLatest(database.db);
    return {
      database,
      url: scratch.url,
      dispose: async () => {
        await database.close();
        await scratch.drop();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'planwerk-bench-pglite-'));
  const database = await openDatabase({ engine: 'pglite', dataDir: path.join(dir, 'data'), holder: 'bench' });
  await migrateToLatest(database.db);
  return {
    database,
    dispose: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
