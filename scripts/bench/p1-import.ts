/**
 * P1: throughput of the observation import (`importFile`) against a raw `COPY` of the same rows
 * into the same table, on PostgreSQL and PGlite, plus a profile of where the importer's time goes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from '../../src/db/schema.ts';
import type { Database } from '../../src/db/database.ts';
import type { ParsedObservation } from '../../src/domain/observations/observation.ts';
import { systemClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { fileChecksum, importFile } from '../../src/importers/import-file.ts';
import { readTableCsv } from '../../src/importers/tables/generic-table.ts';
import { importObservations, type ImportObservationsDeps } from '../../src/use-cases/atlas/import-observations.ts';
import { openBenchDatabase } from './databases.ts';
import { P1_MAPPING, type P1Files } from './p1-data.ts';
import { int, log, rate, seconds, timed, type Timing } from './util.ts';
import { lateralDeps, noDatabaseDeps, productionDeps, statementTimer, type StatementTimes } from './write-path.ts';

export type Engine = 'postgres' | 'pglite';

const ACTOR: Actor = { kind: 'system', label: 'System (Benchmark)' };

/** Thrown from the progress callback to stop an import that exceeds its time budget. */
class TimeLimitReached extends Error {
  constructor(readonly rows: number) {
    super(`time limit reached after ${rows} rows`);
  }
}

/** One import run: how many rows were written in how much time, and whether it finished. */
export interface ImportRun {
  label: string;
  rows: number;
  timing: Timing;
  completed: boolean;
  /** Set when the run failed for another reason than the time limit. */
  error?: string;
  /** Progress (rows written, ms since start), at most one sample per second. */
  samples: { rows: number; ms: number }[];
  /** Time spent per kind of SQL statement. */
  statements: StatementTimes;
}

/** A COPY of the same rows. */
export interface CopyRun {
  method: string;
  rows: number;
  timing: Timing;
}

/** Results of P1 on one engine. */
export interface P1EngineResult {
  engine: Engine;
  rows: number;
  sizes: P1Files['sizes'];
  copy: CopyRun;
  importer: ImportRun;
  /** The same import with the candidate write path ({@link lateralDeps}). */
  lateral: ImportRun | null;
  /** Checks that the paths stored the same rows. */
  checks: string[];
}

/** Where the importer's time goes outside the database, measured on a smaller file. */
export interface P1JsProfile {
  rows: number;
  checksum: Timing;
  parseOnly: Timing;
  useCaseWithoutDb: Timing;
}

/** Cost of handing batches to PostgreSQL as arrays, without the importer around it. */
export interface P1DbProfile {
  rows: number;
  batchSize: number;
  /** `select count(*) from unnest(…)`: sending the six arrays and unnesting them. */
  arraysOnly: Timing;
  /** `insert … select from unnest(…)` without conflict handling. */
  plainInsert: Timing;
  /** `insert … select from unnest(…) on conflict … do update … returning`. */
  upsertReturning: Timing;
  /** COPY of the same rows into the same empty table, for comparison. */
  copy: Timing;
}

/** Registers the Gemeinden of the table, as an earlier boundaries import would have done. */
async function preregisterRegions(db: Kysely<DB>, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    await db
      .insertInto('regions')
      .values(
        keys.slice(i, i + 1000).map((key) => ({
          key,
          level: 'gemeinde',
          name: `Gemeinde ${key}`,
          parent_key: null,
          owner_tenant_key: null,
          geometry: null,
          valid_from: '1000-01-01',
          valid_to: null,
          import_id: null,
        })),
      )
      .execute();
  }
}

/** Empties the observation tables and the journal, so that the next run starts like the first. */
async function reset(database: Database): Promise<void> {
  await sql`truncate observations, observations_superseded, variables`.execute(database.db);
  await sql`delete from imports`.execute(database.db);
  await settle(database);
}

/** PostgreSQL: writes dirty buffers now, so that the next measurement does not pay for them. */
async function settle(database: Database): Promise<void> {
  if (database.engine === 'postgres') await sql`checkpoint`.execute(database.db);
}

async function check(db: Kysely<DB>, files: P1Files, label: string, checks: string[]): Promise<void> {
  const result = await sql<{ rows: number; sum: number | null }>`
    select count(*)::int as rows, sum(value) as sum from observations where scope = 'shared'`.execute(db);
  const rows = Number(result.rows[0]!.rows);
  const sum = Number(result.rows[0]!.sum ?? 0);
  const ok = rows === files.rows && Math.abs(sum - files.valueSum) <= 1e-9 * Math.max(1, Math.abs(files.valueSum));
  checks.push(`${label}: ${int(rows)} rows, value sum ${sum.toFixed(1)} – ${ok ? 'matches the file' : 'DIFFERS'}`);
  if (!ok) throw new Error(`${label}: stored data differ (${rows} rows, sum ${sum}; expected ${files.rows}, ${files.valueSum})`);
}

async function runImport(
  label: string,
  limitMs: number,
  statements: StatementTimes,
  work: (onProgress: (done: number) => void) => Promise<number>,
): Promise<ImportRun> {
  const start = performance.now();
  const samples: { rows: number; ms: number }[] = [];
  let rows = 0;
  let lastSample = -Infinity;
  const onProgress = (done: number) => {
    rows = done;
    const ms = performance.now() - start;
    if (ms - lastSample >= 1000) {
      samples.push({ rows: done, ms });
      lastSample = ms;
    }
    if (ms > limitMs) throw new TimeLimitReached(done);
  };
  let completed = true;
  let error: string | undefined;
  const { result, timing } = await timed(async () => {
    try {
      return await work(onProgress);
    } catch (e) {
      completed = false;
      if (!(e instanceof TimeLimitReached)) error = e instanceof Error ? e.message : String(e);
      return rows;
    }
  });
  samples.push({ rows: result, ms: timing.wallMs });
  const end = completed ? '' : error ? ` – FAILED: ${error}` : ' – stopped (time limit)';
  log(`  ${label}: ${int(result)} rows in ${seconds(timing.wallMs)} (${rate(result, timing.wallMs)})${end}`);
  return { label, rows: result, timing, completed, samples, statements, ...(error ? { error } : {}) };
}

/** The generic-CSV path of `importFile` (checksum, streaming reader, use case), with injectable dependencies. */
async function importWith(deps: ImportObservationsDeps, file: string, onProgress?: (done: number) => void): Promise<number> {
  const checksum = await fileChecksum(file);
  const totalBytes = (await fs.promises.stat(file)).size;
  const fileName = path.basename(file);
  const reader = readTableCsv(fs.createReadStream(file, { highWaterMark: 1 << 20 }), P1_MAPPING, { fileName, totalBytes });
  const result = await importObservations(deps, ACTOR, {
    tenantKey: null,
    fileName,
    checksum,
    dataset: {
      format: 'csv',
      total: null,
      batches: reader,
      described: () => ({ variables: reader.summary.variables, regions: reader.summary.regions }),
    },
    ...(onProgress ? { onProgress } : {}),
  });
  return result.counts.observations;
}

async function copyPostgres(url: string, file: string): Promise<Timing> {
  const command = `\\copy observations (scope, variable_key, region_key, period, value, import_id) from '${file}'`;
  const { timing } = await timed(
    () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', command], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`psql \\copy: ${stderr.trim() || `exit ${code}`}`)),
        );
      }),
  );
  return timing;
}

async function copyPglite(pglite: PGlite, file: string): Promise<Timing> {
  const { timing } = await timed(async () => {
    const blob = await fs.openAsBlob(file);
    await pglite.query(`copy observations (scope, variable_key, region_key, period, value, import_id) from '/dev/blob'`, [], {
      blob,
    });
  });
  return timing;
}

/**
 * Runs P1 on one engine, in a fresh migrated database with the Gemeinden pre-registered:
 * the importer into the empty table, then (emptied again) COPY, then the candidate write path.
 * Importer runs stop at their time limit; their throughput is then that of the rows written so far.
 */
export async function runP1Engine(
  engine: Engine,
  files: P1Files,
  options: { importLimitMs: number; lateralLimitMs: number | null },
): Promise<P1EngineResult> {
  log(`P1 [${engine}]: ${int(files.rows)} rows`);
  const bench = await openBenchDatabase(engine);
  const { database } = bench;
  const checks: string[] = [];
  try {
    await preregisterRegions(database.db, files.regionKeys);
    await settle(database);

    // PGlite: importFile deadlocks from 50,000 rows on (the journal's progress update waits for the
    // single connection that the import transaction holds), so its steps run without that update.
    const timer = statementTimer();
    const db = database.db.withPlugin(timer.plugin);
    const importer = await runImport(
      engine === 'postgres' ? 'importFile' : 'importFile steps (no journal progress)',
      options.importLimitMs,
      timer.times,
      (onProgress) =>
        engine === 'postgres'
          ? importFile({ db, clock: systemClock }, ACTOR, {
              file: files.csv,
              tenantKey: null,
              mapping: P1_MAPPING,
              onProgress,
            }).then((summary) => summary.observations)
          : importWith(productionDeps(db, systemClock, { journalProgress: false }), files.csv, onProgress),
    );
    if (importer.completed) await check(database.db, files, importer.label, checks);
    await reset(database);

    const method =
      engine === 'postgres' ? 'psql \\copy … from file (COPY FROM STDIN, text format)' : "COPY … FROM '/dev/blob' (text format)";
    const copyTiming =
      engine === 'postgres' ? await copyPostgres(bench.url!, files.copyFile) : await copyPglite(database.pglite!, files.copyFile);
    log(`  COPY: ${int(files.rows)} rows in ${seconds(copyTiming.wallMs)} (${rate(files.rows, copyTiming.wallMs)})`);
    await check(database.db, files, 'COPY', checks);

    let lateral: ImportRun | null = null;
    if (options.lateralLimitMs !== null) {
      await reset(database);
      const lateralTimer = statementTimer();
      const ldb = database.db.withPlugin(lateralTimer.plugin);
      lateral = await runImport('candidate (LATERAL … LIMIT 1)', options.lateralLimitMs, lateralTimer.times, (onProgress) =>
        importWith(lateralDeps(ldb, systemClock, { journalProgress: engine === 'postgres' }), files.csv, onProgress),
      );
      if (lateral.completed) await check(database.db, files, lateral.label, checks);
    }
    return {
      engine,
      rows: files.rows,
      sizes: files.sizes,
      copy: { method, rows: files.rows, timing: copyTiming },
      importer,
      lateral,
      checks,
    };
  } finally {
    await bench.dispose();
  }
}

/** The importer without a database: checksum, parsing alone, and the use case with stores that do nothing. */
export async function profileJs(files: P1Files): Promise<P1JsProfile> {
  log(`P1 profile (no database): ${int(files.rows)} rows`);
  const checksum = (await timed(() => fileChecksum(files.csv))).timing;
  const parseOnly = (
    await timed(async () => {
      let n = 0;
      const reader = readTableCsv(fs.createReadStream(files.csv, { highWaterMark: 1 << 20 }), P1_MAPPING, {
        fileName: path.basename(files.csv),
      });
      for await (const batch of reader) n += batch.length;
      return n;
    })
  ).timing;
  const useCaseWithoutDb = (await timed(() => importWith(noDatabaseDeps(systemClock), files.csv))).timing;
  log(
    `  checksum ${seconds(checksum.wallMs)}, parsing ${seconds(parseOnly.wallMs)}, use case without DB ${seconds(useCaseWithoutDb.wallMs)}`,
  );
  return { rows: files.rows, checksum, parseOnly, useCaseWithoutDb };
}

/**
 * PostgreSQL only: the parsed batches (10,000 rows, as the importer sends them) handed to the
 * server as six arrays – once only unnested, once inserted plainly, once with the importer's
 * `on conflict … returning` – each in one transaction into the empty table; then COPY of the same rows.
 */
export async function profileDb(files: P1Files): Promise<P1DbProfile> {
  log(`P1 profile (arrays into PostgreSQL): ${int(files.rows)} rows`);
  const batches: ParsedObservation[][] = [];
  const reader = readTableCsv(fs.createReadStream(files.csv, { highWaterMark: 1 << 20 }), P1_MAPPING, {
    fileName: path.basename(files.csv),
  });
  for await (const batch of reader) batches.push(batch);
  const bench = await openBenchDatabase('postgres');
  const { database } = bench;
  try {
    const incoming = (batch: readonly ParsedObservation[]) =>
      sql`select * from unnest(${batch.map((o) => o.variableKey)}::text[], ${batch.map((o) => o.regionKey)}::text[], ${batch.map((o) => o.period)}::text[], ${batch.map((o) => o.value)}::float8[], ${batch.map((o) => o.flag)}::text[], ${batch.map((o) => o.quality ?? null)}::text[]) as i(variable_key, region_key, period, value, flag, quality)`;
    const each = async (statement: (trx: Kysely<DB>, batch: readonly ParsedObservation[]) => Promise<unknown>) => {
      await settle(database);
      const { timing } = await timed(() =>
        database.db.transaction().execute(async (trx) => {
          for (const batch of batches) await statement(trx, batch);
        }),
      );
      await sql`truncate observations`.execute(database.db);
      return timing;
    };
    const arraysOnly = await each((trx, batch) => sql`select count(*) from (${incoming(batch)}) i`.execute(trx));
    const plainInsert = await each((trx, batch) =>
      sql`insert into observations (scope, variable_key, region_key, period, value, flag, quality, import_id)
          select 'shared', i.variable_key, i.region_key, i.period, i.value, i.flag, i.quality, 1 from (${incoming(batch)}) i`.execute(
        trx,
      ),
    );
    const upsertReturning = await each((trx, batch) =>
      sql`insert into observations (scope, variable_key, region_key, period, value, flag, quality, import_id)
          select 'shared', i.variable_key, i.region_key, i.period, i.value, i.flag, i.quality, 1 from (${incoming(batch)}) i
          on conflict (scope, variable_key, period, region_key) do update
            set value = excluded.value, flag = excluded.flag, quality = excluded.quality, import_id = excluded.import_id
            where observations.value is distinct from excluded.value
               or observations.flag is distinct from excluded.flag
               or observations.quality is distinct from excluded.quality
          returning (xmax = 0) as inserted`.execute(trx),
    );
    await settle(database);
    const copy = await copyPostgres(bench.url!, files.copyFile);
    log(
      `  arrays only ${seconds(arraysOnly.wallMs)}, plain insert ${seconds(plainInsert.wallMs)}, insert on conflict returning ${seconds(upsertReturning.wallMs)}, COPY ${seconds(copy.wallMs)}`,
    );
    return { rows: files.rows, batchSize: batches[0]?.length ?? 0, arraysOnly, plainInsert, upsertReturning, copy };
  } finally {
    await bench.dispose();
  }
}
