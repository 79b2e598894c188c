/**
 * P4 – the public values endpoint under load: the real server (`node bin/planwerk.mjs serve`,
 * as `npm start` runs it, in a child process on a free port) on a fresh PostgreSQL database
 * with the demo municipality, loaded with autocannon (programmatic API, in the bench process):
 * requests per second and latency of `GET /api/public/atlas/<tenant>/values?…` against the
 * bare JSON route `/healthz` of the same server. Correctness is checked against the use case
 * without cache, before and after a change of the data while the server keeps running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { inTransaction, repositories } from '../../src/db/repositories/index.ts';
import { parseBreakSpec } from '../../src/domain/classification/breaks.ts';
import { systemClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { saveIndicator } from '../../src/use-cases/atlas/define-indicator.ts';
import { getPublicValues } from '../../src/use-cases/atlas/get-public-values.ts';
import { createScratchPostgres } from './databases.ts';
import type { Machine } from './machine.ts';
import { fakeGemeindeKeys } from './p1-data.ts';
import { machineLines, type Load } from './report.ts';
import { generatedIndicator, insertGeneratedCounts } from './generated-counts.ts';
import { int, log } from './util.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TENANT = '99001';
const SYSTEM: Actor = { kind: 'system', label: 'Benchmark P4' };

/** The part of autocannon's result the report uses. */
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
  '3xx'?: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** One load run. */
export interface P4Measure {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers other than the expected status (200, or 304 when revalidating). */
  unexpected: number;
  bytesPerSecond: number;
}

/** One data set: the values route against the bare route. */
export interface P4Case {
  name: string;
  rows: number;
  bodyBytes: number;
  url: string;
  /** Time of the first request after the data changed (computed, not cached). */
  firstMs: number;
  /** Per number of connections: the means of the rounds. */
  runs: P4Run[];
  checks: string[];
}

/** The three routes at one number of connections. */
export interface P4Run {
  connections: number;
  bare: P4Measure;
  values: P4Measure;
  /** The same values request with `If-None-Match` (a browser revalidating its copy): 304 without a body. */
  revalidate: P4Measure;
}

/** The mean of several runs of the same route. */
function mean(measures: readonly P4Measure[]): P4Measure {
  const avg = (f: (m: P4Measure) => number) => measures.reduce((s, m) => s + f(m), 0) / measures.length;
  return {
    rps: avg((m) => m.rps),
    p50: avg((m) => m.p50),
    p99: avg((m) => m.p99),
    requests: avg((m) => m.requests),
    unexpected: measures.reduce((s, m) => s + m.unexpected, 0),
    bytesPerSecond: avg((m) => m.bytesPerSecond),
  };
}

export interface P4Result {
  cases: P4Case[];
  connections: number[];
  durationS: number;
  rounds: number;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitReady(base: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`P4: server ended (${child.exitCode}): ${stderr()}`);
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`P4: server not ready after 180 s: ${stderr()}`);
}

async function load(url: string, options: { connections: number; durationS: number; etag?: string }): Promise<P4Measure> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationS,
    ...(options.etag ? { headers: { 'if-none-match': options.etag } } : {}),
  });
  const expected = options.etag ? '304' : '200';
  const stats = result.statusCodeStats ?? {};
  const good = stats[expected]?.count ?? 0;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    unexpected: result.requests.total - good + result.errors + result.timeouts,
    bytesPerSecond: result.throughput.average,
  };
}

/** Loads `regions` generated Gemeinden (the P2 data: fake keys, two counts, seed 4242) and a published shared ratio indicator. */
async function loadGenerated(db: Database['db'], regions: number): Promise<void> {
  const keys = fakeGemeindeKeys(regions);
  await insertGeneratedCounts(db, { prefix: 'p4', keys, attribution: 'Benchmark P4', regions: true });
  await inTransaction(db, (r) =>
    saveIndicator({ ...r, clock: systemClock }, SYSTEM, {
      tenantKey: null,
      indicator: generatedIndicator('p4', { label: 'SGB-II-Quote', published: true }),
    }),
  );
  await sql`analyze`.execute(db);
}

async function measureCase(
  base: string,
  db: Database['db'],
  spec: { name: string; indicator: string; change: { variable: string; region?: string } },
  options: { connections: readonly number[]; durationS: number; rounds: number },
): Promise<P4Case> {
  const query = { indicator: spec.indicator, period: '2024-12-31', level: 'gemeinde', breaks: 'quantile:5' } as const;
  const url = `${base}/api/public/atlas/${TENANT}/values?${new URLSearchParams(query).toString()}`;
  const expected = () =>
    getPublicValues(repositories(db), {
      tenantKey: TENANT,
      indicatorKey: query.indicator,
      period: query.period,
      level: 'gemeinde',
      breaks: parseBreakSpec(query.breaks),
    });
  const checks: string[] = [];
  const fetchValues = async () => {
    const start = performance.now();
    const response = await fetch(url);
    const body = await response.text();
    return { ms: performance.now() - start, status: response.status, body, etag: response.headers.get('etag') ?? '' };
  };

  const first = await fetchValues();
  if (first.status !== 200) throw new Error(`P4 ${spec.name}: ${first.status} ${first.body.slice(0, 200)}`);
  const served = JSON.parse(first.body) as { rows: { region: string; value: number | null }[] };
  const same = isDeepStrictEqual(served, JSON.parse(JSON.stringify(await expected())));
  checks.push(
    `before the load: the answer equals \`getPublicValues\` without cache (${int(served.rows.length)} rows): ${same ? 'yes' : '**NO**'}`,
  );

  log(`P4 ${spec.name}: warm-up …`);
  await load(`${base}/healthz`, { connections: 10, durationS: 2 });
  await load(url, { connections: 10, durationS: 2 });
  const runs: P4Run[] = [];
  for (const connections of options.connections) {
    log(`P4 ${spec.name}: ${options.rounds} × ${options.durationS} s per route, ${connections} connections …`);
    const measured = { bare: [] as P4Measure[], values: [] as P4Measure[], revalidate: [] as P4Measure[] };
    const run = { connections, durationS: options.durationS };
    // The routes alternate, so that a change in the machine's load hits all of them alike.
    for (let round = 0; round < options.rounds; round++) {
      measured.bare.push(await load(`${base}/healthz`, run));
      measured.values.push(await load(url, run));
      measured.revalidate.push(await load(url, { ...run, etag: first.etag }));
    }
    runs.push({
      connections,
      bare: mean(measured.bare),
      values: mean(measured.values),
      revalidate: mean(measured.revalidate),
    });
  }

  // A change while the server runs: the next answer must carry it (the cache must not serve the old one).
  const target = served.rows.find(
    (r) => r.value !== null && (spec.change.region === undefined || r.region === spec.change.region),
  )!;
  await db
    .updateTable('observations')
    .set((eb) => ({ value: eb('value', '+', 1000) }))
    .where('variable_key', '=', spec.change.variable)
    .where('region_key', '=', target.region)
    .where('period', '=', query.period)
    .execute();
  const after = await fetchValues();
  const afterRows = (JSON.parse(after.body) as typeof served).rows;
  const changed = afterRows.find((r) => r.region === target.region)!.value !== target.value;
  const sameAfter = isDeepStrictEqual(JSON.parse(after.body), JSON.parse(JSON.stringify(await expected())));
  checks.push(
    `after changing one input value of Gemeinde ${target.region} in the database (server running): the next answer shows the new value: ${changed ? 'yes' : '**NO**'}, equals \`getPublicValues\` without cache: ${sameAfter ? 'yes' : '**NO**'}, new ETag: ${after.etag !== first.etag ? 'yes' : '**NO**'}`,
  );
  checks.push(
    `unexpected answers under load: bare ${runs.reduce((s, r) => s + r.bare.unexpected, 0)}, values ${runs.reduce((s, r) => s + r.values.unexpected, 0)}, revalidation ${runs.reduce((s, r) => s + r.revalidate.unexpected, 0)}`,
  );
  return {
    name: spec.name,
    rows: served.rows.length,
    bodyBytes: Buffer.byteLength(first.body),
    url: url.slice(base.length),
    firstMs: after.ms,
    runs,
    checks,
  };
}

/** A running server child process. */
export interface BenchServer {
  base: string;
  stop(): Promise<void>;
}

/**
 * Starts `node bin/planwerk.mjs serve` (what `npm start` runs after building the web app) on a
 * free port of 127.0.0.1 with the given database and extra environment; resolves when `/readyz`
 * answers. Output is discarded (the server logs every request at the default level `info`).
 */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const uploads = mkdtempSync(path.join(tmpdir(), 'planwerk-bench-uploads-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let errors = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/planwerk.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PLANWERK_DEMO_PASSWORD: 'Benchmark-Demo-2026',
      PLANWERK_UPLOAD_DIR: uploads,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const ended = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await ended;
    }
    rmSync(uploads, { recursive: true, force: true });
  };
  try {
    await waitReady(base, child, () => errors);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, stop };
}

/** Starts the server on a scratch database and measures the demo and (optionally) 10,990 generated Gemeinden. */
export async function runP4(options: {
  durationS: number;
  connections: readonly number[];
  rounds: number;
  generated: number | null;
}): Promise<P4Result> {
  const scratch = await createScratchPostgres();
  let server: BenchServer | null = null;
  let database: Database | null = null;
  try {
    log(`P4: server on database ${scratch.name} …`);
    server = await startServer(scratch.url);
    const base = server.base;
    database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 2 });
    const cases: P4Case[] = [];
    cases.push(
      await measureCase(
        base,
        database.db,
        {
          name: 'Demo „Landkreis Musterland“ (14 Gemeinden)',
          indicator: 'demo.kinderarmut',
          change: { variable: 'demo.sgb2_kinder_u15' },
        },
        options,
      ),
    );
    if (options.generated !== null) {
      log(`P4: ${int(options.generated)} generated Gemeinden …`);
      await loadGenerated(database.db, options.generated);
      cases.push(
        await measureCase(
          base,
          database.db,
          {
            name: `${int(options.generated)} generated Gemeinden`,
            indicator: 'p4.sgb2_quote',
            change: { variable: 'p4.sgb2_personen' },
          },
          options,
        ),
      );
    }
    return { cases, connections: [...options.connections], durationS: options.durationS, rounds: options.rounds };
  } finally {
    await database?.close();
    await server?.stop();
    await scratch.drop();
  }
}

const ms = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
const kb = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);

/** The P4 section of docs/performance.md. */
export function p4Markdown(result: P4Result, machine: Machine, command: string, mode: string, loadAvg: Load): string {
  const lines = [
    '## P4 – public values endpoint under load against a bare JSON route',
    '',
    ...machineLines(machine, command, mode, loadAvg),
    '',
  ];
  lines.push(
    'The real server (`node bin/planwerk.mjs serve`, as `npm start` runs it: default log level `info`, one log line per ' +
      'request to stdout, discarded) in a child process on a fresh PostgreSQL database with the demo seeded; the load ' +
      `generator is autocannon (programmatic API) in the bench process with ${result.connections.join(' and ')} connections, ` +
      `${result.rounds} rounds of ${result.durationS} s per route and number of connections, the routes alternating, after a 2 s ` +
      `warm-up of each route; figures are the means of the rounds. Both processes and PostgreSQL share the ${machine.cpus} CPUs. ` +
      '**Bare:** `GET /healthz` (`{"status":"ok"}`, no database). **Values:** `GET /api/public/atlas/99001/values?indicator=…&' +
      'period=2024-12-31&level=gemeinde&breaks=quantile:5` – with the public values cache (ADR 0012): a query of the data ' +
      'version per request (at most one at a time, shared by the requests that arrived meanwhile), the computed result and its serialised body and ETag kept in memory. ' +
      '**Revalidation:** the same request with `If-None-Match` (what a browser sends when its copy is older than 60 s): 304 ' +
      'without a body. The generated Gemeinden are the P2 data (fake keys, two counts, seed 4242) with a published shared ' +
      'ratio indicator, added while the server runs.',
    '',
    '| Data | Rows | Body | Connections | Bare req/s | Values req/s | Ratio | Goal ≥ 0.5 met | Revalidation (304) req/s | Ratio 304 | Values p50 / p99 | Bare p50 / p99 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |',
  );
  for (const c of result.cases)
    for (const run of c.runs) {
      const r = run.values.rps / run.bare.rps;
      lines.push(
        `| ${c.name} | ${int(c.rows)} | ${kb(c.bodyBytes)} | ${run.connections} | ${int(run.bare.rps)} | ${int(run.values.rps)} | ${r.toFixed(2)} | ` +
          `${r >= 0.5 ? 'yes' : '**no**'} | ${int(run.revalidate.rps)} | ${(run.revalidate.rps / run.bare.rps).toFixed(2)} | ` +
          `${ms(run.values.p50)} / ${ms(run.values.p99)} | ${ms(run.bare.p50)} / ${ms(run.bare.p99)} |`,
      );
    }
  lines.push(
    '',
    'Bytes per second of the values runs: ' +
      result.cases
        .flatMap((c) => c.runs.map((run) => `${c.name}, ${run.connections} connections: ${kb(run.values.bytesPerSecond)}/s`))
        .join('; ') +
      '. First answer after a change of the data (computed, then kept): ' +
      result.cases.map((c) => `${c.name}: ${ms(c.firstMs)}`).join('; ') +
      '.',
    '',
    '### Checks',
    '',
  );
  for (const c of result.cases) for (const check of c.checks) lines.push(`- ${c.name}: ${check}`);
  return lines.join('\n');
}
