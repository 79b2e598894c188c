/**
 * P1: throughput of the observation import (`importFile`, the product path) against a raw `COPY`
 * of the same rows into the same table, on PostgreSQL and PGlite; a re-import of a corrected
 * edition (the merge path); and a profile of where the importer's time goes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DB } from '../../src/db/schema.ts';
import type { Database } from '../../src/db/database.ts';
import { systemClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { fileChecksum, importFile } from '../../src/importers/import-file.ts';
import { readTableCsv } from '../../src/importers/tables/generic-table.ts';
import { importObservations, type ImportObservationsDeps } from '../../src/use-cases/atlas/import-observations.ts';
import type { ImportCounts } from '../../src/use-cases/ports.ts';
import { openBenchDatabase } from './databases.ts';
import { P1_MAPPING, type P1Files } from './p1-data.ts';
import { int, log, rate, seconds, timed, type Timing } from './util.ts';
import { noDatabaseDeps, statementTimer, timedDeps, type StatementTimes, type WriterTimes } from './write-path.ts';

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
  /** What the import reported (complete runs). */
  counts?: ImportCounts;
  /** Progress (rows written, ms since start), at most one sample per second. */
  samples: { rows: number; ms: number }[];
  /** Time spent per kind of SQL statement run through Kysely (COPY is not among them). */
  statements: StatementTimes;
  /** CPU time of the PostgreSQL server's processes during the run (local server only). */
  serverCpuMs: number | null;
}

/** A COPY of the same rows. */
export interface CopyRun {
  method: string;
  rows: number;
  timing: Timing;
  /** PostgreSQL: rows processed (`pg_stat_progress_copy`, ms since start), about one sample per second. */
  samples: { rows: number; ms: number }[];
  /** CPU time of the PostgreSQL server's processes during the COPY (local server only). */
  serverCpuMs: number | null;
}

/** Results of P1 on one engine. */
export interface P1EngineResult {
  engine: Engine;
  rows: number;
  sizes: P1Files['sizes'];
  copy: CopyRun;
  /** `importFile` into the empty table. */
  importer: ImportRun;
  /** `importFile` of the corrected edition into the filled table (the merge path). */
  reimport: ImportRun | null;
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

/** The import use case with the writer timed, on one engine, on a smaller file. */
export interface P1WriterProfile {
  engine: Engine;
  rows: number;
  /** COPY alone of the same rows into the empty table, in the same database. */
  copy: Timing;
  first: { total: Timing; writer: WriterTimes };
  again: { total: Timing; writer: WriterTimes; counts: ImportCounts };
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

async function check(
  db: Kysely<DB>,
  expected: { rows: number; valueSum: number },
  label: string,
  checks: string[],
): Promise<void> {
  const result = await sql<{ rows: number; sum: number | null }>`
    select count(*)::int as rows, sum(value) as sum from observations where scope = 'shared'`.execute(db);
  const rows = Number(result.rows[0]!.rows);
  const sum = Number(result.rows[0]!.sum ?? 0);
  const ok = rows === expected.rows && Math.abs(sum - expected.valueSum) <= 1e-9 * Math.max(1, Math.abs(expected.valueSum));
  checks.push(`${label}: ${int(rows)} rows, value sum ${sum.toFixed(1)} – ${ok ? 'matches the file' : 'DIFFERS'}`);
  if (!ok) {
    throw new Error(`${label}: stored data differ (${rows} rows, sum ${sum}; expected ${expected.rows}, ${expected.valueSum})`);
  }
}

/**
 * CPU time (ms) of all processes named `postgres` on this machine, including the ended backends
 * that the postmaster has reaped; null when the server is not local or `/proc` is not readable.
 */
export function serverCpuMs(url: string): number | null {
  if (!['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(new URL(url).hostname)) return null;
  const userHz = 100; // USER_HZ, the unit of /proc/<pid>/stat on Linux
  let ticks = 0;
  let found = false;
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      // Fields after the name: state (3rd field) first, so utime, stime, cutime, cstime (14–17) are 11–14.
      const f = stat.slice(close + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      found = true;
    }
  } catch {
    return null;
  }
  return found ? (ticks * 1000) / userHz : null;
}

/** CPU time the server used while `work` ran, or null. */
async function withServerCpu<T>(
  url: string | undefined,
  work: () => Promise<T>,
): Promise<{ result: T; serverCpuMs: number | null }> {
  const before = url ? serverCpuMs(url) : null;
  const result = await work();
  const after = url ? serverCpuMs(url) : null;
  return { result, serverCpuMs: before !== null && after !== null ? after - before : null };
}

async function runImport(
  label: string,
  limitMs: number,
  statements: StatementTimes,
  work: (onProgress: (done: number) => void) => Promise<ImportCounts>,
  serverUrl?: string,
): Promise<ImportRun> {
  const cpuBefore = serverUrl ? serverCpuMs(serverUrl) : null;
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
  let counts: ImportCounts | undefined;
  const { timing } = await timed(async () => {
    try {
      counts = await work(onProgress);
      rows = counts.observations;
    } catch (e) {
      completed = false;
      if (!(e instanceof TimeLimitReached)) error = e instanceof Error ? e.message : String(e);
    }
  });
  samples.push({ rows, ms: timing.wallMs });
  const cpuAfter = serverUrl ? serverCpuMs(serverUrl) : null;
  const serverCpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
  const end = completed ? '' : error ? ` – FAILED: ${error}` : ' – stopped (time limit)';
  log(`  ${label}: ${int(rows)} rows in ${seconds(timing.wallMs)} (${rate(rows, timing.wallMs)})${end}`);
  return {
    label,
    rows,
    timing,
    completed,
    samples,
    statements,
    serverCpuMs: serverCpu,
    ...(error ? { error } : {}),
    ...(counts ? { counts } : {}),
  };
}

/** The generic-CSV path of `importFile` (checksum, streaming reader, use case), with injectable dependencies. */
async function importWith(
  deps: ImportObservationsDeps,
  file: string,
  onProgress?: (done: number) => void,
): Promise<ImportCounts> {
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
  return result.counts;
}

/** Samples the rows processed by the COPY running in the database of `url` (`pg_stat_progress_copy`) until stopped. */
async function sampleCopyProgress(url: string): Promise<{ samples: { rows: number; ms: number }[]; stop: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const samples: { rows: number; ms: number }[] = [];
  const start = performance.now();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const r = await client.query<{ rows: string | null }>(
        `select sum(tuples_processed)::text as rows from pg_stat_progress_copy where datname = current_database()`,
      );
      if (r.rows[0]?.rows != null) samples.push({ rows: Number(r.rows[0].rows), ms: performance.now() - start });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  return {
    samples,
    stop: async () => {
      stopped = true;
      await loop;
      await client.end();
    },
  };
}

async function copyPostgres(url: string, file: string, samples?: { rows: number; ms: number }[]): Promise<Timing> {
  const command = `\\copy observations (scope, variable_key, region_key, period, value, import_id) from '${file}'`;
  const progress = samples ? await sampleCopyProgress(url) : null;
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
  if (progress) {
    await progress.stop();
    samples!.push(...progress.samples);
  }
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
 * `importFile` into the empty table; `importFile` of the corrected edition (every 20th value
 * differs) into the filled table; then, emptied again, COPY of the same rows.
 */
export async function runP1Engine(
  engine: Engine,
  files: P1Files,
  options: { importLimitMs: number; reimport: boolean },
): Promise<P1EngineResult> {
  log(`P1 [${engine}]: ${int(files.rows)} rows`);
  const bench = await openBenchDatabase(engine);
  const { database } = bench;
  const checks: string[] = [];
  try {
    await preregisterRegions(database.db, files.regionKeys);
    await settle(database);

    const run = (label: string, file: string) => {
      const timer = statementTimer();
      const db = database.db.withPlugin(timer.plugin);
      return runImport(
        label,
        options.importLimitMs,
        timer.times,
        (onProgress) =>
          importFile({ db, clock: systemClock }, ACTOR, { file, tenantKey: null, mapping: P1_MAPPING, onProgress }).then(
            (summary) => summary.counts,
          ),
        bench.url,
      );
    };
    const importer = await run('importFile into the empty table', files.csv);
    if (importer.completed) await check(database.db, files, importer.label, checks);

    let reimport: ImportRun | null = null;
    if (options.reimport && importer.completed) {
      await settle(database);
      reimport = await run(`importFile of the corrected edition (every 20th value changed)`, files.changedCsv);
      if (reimport.completed) {
        await check(database.db, { rows: files.rows, valueSum: files.changedValueSum }, reimport.label, checks);
        const c = reimport.counts!;
        const ok = c.inserted === 0 && c.updated === files.changedRows && c.unchanged === files.rows - files.changedRows;
        checks.push(
          `${reimport.label}: counts inserted ${int(c.inserted)}, updated ${int(c.updated)}, unchanged ${int(c.unchanged)} – ${ok ? 'as expected' : 'UNEXPECTED'}`,
        );
        const superseded = await sql<{ n: number }>`select count(*)::int as n from observations_superseded`.execute(database.db);
        const kept = Number(superseded.rows[0]!.n);
        checks.push(
          `${reimport.label}: ${int(kept)} replaced values kept in observations_superseded – ${kept === files.changedRows ? 'as expected' : 'UNEXPECTED'}`,
        );
        if (!ok || kept !== files.changedRows) throw new Error(`${reimport.label}: unexpected counts`);
      }
    }
    await reset(database);

    const method =
      engine === 'postgres' ? 'psql \\copy … from file (COPY FROM STDIN, text format)' : "COPY … FROM '/dev/blob' (text format)";
    const copySamples: { rows: number; ms: number }[] = [];
    const { result: copyTiming, serverCpuMs: copyServerCpu } = await withServerCpu(bench.url, () =>
      engine === 'postgres'
        ? copyPostgres(bench.url!, files.copyFile, copySamples)
        : copyPglite(database.pglite!, files.copyFile),
    );
    log(`  COPY: ${int(files.rows)} rows in ${seconds(copyTiming.wallMs)} (${rate(files.rows, copyTiming.wallMs)})`);
    await check(database.db, files, 'COPY', checks);

    return {
      engine,
      rows: files.rows,
      sizes: files.sizes,
      copy: { method, rows: files.rows, timing: copyTiming, samples: copySamples, serverCpuMs: copyServerCpu },
      importer,
      reimport,
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
 * The steps of `importFile` with the end of the import timed (`finish`: ending the last COPY and
 * the merge), into the empty table and then the corrected edition, in a fresh database of the
 * engine; then COPY alone of the same rows into the emptied table.
 */
export async function profileWriter(engine: Engine, files: P1Files): Promise<P1WriterProfile> {
  log(`P1 profile (timed writer) [${engine}]: ${int(files.rows)} rows`);
  const bench = await openBenchDatabase(engine);
  const { database } = bench;
  try {
    await preregisterRegions(database.db, files.regionKeys);
    await settle(database);
    const first = timedDeps(database.db, systemClock);
    const firstTotal = (await timed(() => importWith(first.deps, files.csv))).timing;
    await settle(database);
    const again = timedDeps(database.db, systemClock);
    const { result: counts, timing: againTotal } = await timed(() => importWith(again.deps, files.changedCsv));
    await reset(database);
    const copy =
      engine === 'postgres' ? await copyPostgres(bench.url!, files.copyFile) : await copyPglite(database.pglite!, files.copyFile);
    log(
      `  empty table: ${seconds(firstTotal.wallMs)} (finish ${seconds(first.times.finishMs)}); ` +
        `corrected edition: ${seconds(againTotal.wallMs)} (finish ${seconds(again.times.finishMs)}); COPY ${seconds(copy.wallMs)}`,
    );
    return {
      engine,
      rows: files.rows,
      copy,
      first: { total: firstTotal, writer: first.times },
      again: { total: againTotal, writer: again.times, counts },
    };
  } finally {
    await bench.dispose();
  }
}
