/**
 * `npm run bench [-- options]`: the performance figures P1 (import vs COPY), P2 (map query), P3 (grid
 * aggregation vs PostGIS), P4 (public values), P5 (first map) and P6 (gap analysis); prints a summary and writes the results to `docs/performance.md`.
 *
 * Options:
 *   --quick                 scaled-down sizes (P1: 549,500 rows on both engines; P3 b: 300,000 cells)
 *   --only p1|p2|p3|p4|p5|p6   run one figure only (the other sections of the document are kept)
 *   --import-limit <s>      stop an importer run after this many seconds (default 3600)
 *   --no-reimport           skip the re-import of the corrected edition (the merge path)
 *   --cells <n>             number of synthetic 100 m cells for P3 (b) (full: 3,000,000)
 *   --no-write              do not update docs/performance.md
 *   --doc <file>            write the sections into this file instead of docs/performance.md
 *
 * Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeMachine } from './machine.ts';
import { generateP1Files, P1_FULL, P1_QUICK } from './p1-data.ts';
import { profileJs, profileWriter, runP1Engine, type P1EngineResult } from './p1-import.ts';
import { p2Markdown, runP2, type P2Result } from './p2-map-query.ts';
import { runP3, type P3Result } from './p3-grid.ts';
import { p4Markdown, runP4, type P4Result } from './p4-public-values.ts';
import { p5Markdown, runP5, type P5Result } from './p5-first-map.ts';
import { p6Markdown, runP6, type P6Result } from './p6-gap-analysis.ts';
import { p1Markdown, p3Markdown, summaryTable, updateDocument, type Load, type P1Report } from './report.ts';
import { log } from './util.ts';

const DOCUMENT = path.resolve(import.meta.dirname, '../../docs/performance.md');

interface Options {
  quick: boolean;
  only: 'p1' | 'p2' | 'p3' | 'p4' | 'p5' | 'p6' | null;
  importLimitS: number;
  reimport: boolean;
  cells: number;
  write: boolean;
  doc: string;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    const arg = argv[i]!;
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  };
  const number = (name: string, fallback: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v.replace(/[_,]/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number, not „${v}“`);
    return n;
  };
  const quick = argv.includes('--quick');
  const only = value('--only');
  if (only !== undefined && !['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].includes(only))
    throw new Error(`--only takes p1, p2, p3, p4, p5 or p6, not „${only}“`);
  return {
    quick,
    only: (only as Options['only']) ?? null,
    importLimitS: number('--import-limit', 3600),
    reimport: !argv.includes('--no-reimport'),
    cells: number('--cells', quick ? 300_000 : 3_000_000),
    write: !argv.includes('--no-write'),
    doc: path.resolve(value('--doc') ?? DOCUMENT),
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  const mode = options.quick ? 'quick' : 'full';
  const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  const machine = await describeMachine();
  log(`bench (${mode}): ${machine.cpus} CPUs, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}`);
  // World-readable, so that the PostgreSQL server (its own OS user) can COPY from the files.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'planwerk-bench-'));
  chmodSync(dir, 0o755);
  let p1: P1Report | null = null;
  let p3: P3Result | null = null;
  const p2: P2Result[] = [];
  const p2Load: Load = { start: 0, end: 0 };
  const p1Load: Load = { start: os.loadavg()[0]!, end: 0 };
  const p3Load: Load = { start: 0, end: 0 };
  let p4: P4Result | null = null;
  const p4Load: Load = { start: 0, end: 0 };
  let p5: P5Result | null = null;
  const p5Load: Load = { start: 0, end: 0 };
  let p6: P6Result | null = null;
  const p6Load: Load = { start: 0, end: 0 };
  try {
    if (options.only === null || options.only === 'p1') {
      log('P1: generating the test files');
      const small = await generateP1Files(mkdtempSync(path.join(dir, 'p1-small-')), P1_QUICK);
      const big = options.quick ? small : await generateP1Files(mkdtempSync(path.join(dir, 'p1-full-')), P1_FULL);
      const runOptions = { importLimitMs: options.importLimitS * 1000, reimport: options.reimport };
      const engines: P1EngineResult[] = [];
      engines.push(await runP1Engine('postgres', big, runOptions));
      // PGlite at the scaled-down size also in the full run: COPY alone of 11 M rows takes > 6 min there.
      engines.push(await runP1Engine('pglite', small, runOptions));
      if (big !== small) rmSync(path.dirname(big.csv), { recursive: true, force: true });
      const js = await profileJs(small);
      const writers = [await profileWriter('postgres', small), await profileWriter('pglite', small)];
      p1 = {
        engines,
        js,
        writers,
        csvBytes: { postgres: big.csvBytes, pglite: small.csvBytes },
        copyBytes: { postgres: big.copyBytes, pglite: small.copyBytes },
      };
      p1Load.end = os.loadavg()[0]!;
    }
    if (options.only === null || options.only === 'p2') {
      p2Load.start = os.loadavg()[0]!;
      for (const engine of ['postgres', 'pglite'] as const) p2.push(await runP2(engine, { iterations: options.quick ? 20 : 60 }));
      p2Load.end = os.loadavg()[0]!;
    }
    if (options.only === null || options.only === 'p3') {
      p3Load.start = os.loadavg()[0]!;
      p3 = await runP3(dir, { cells: options.cells, repeats: 3, postgisRuns: 2 });
      p3Load.end = os.loadavg()[0]!;
    }
    if (options.only === null || options.only === 'p4') {
      p4Load.start = os.loadavg()[0]!;
      p4 = await runP4({ durationS: options.quick ? 3 : 10, connections: [10, 50], rounds: 2, generated: 10_990 });
      p4Load.end = os.loadavg()[0]!;
    }
    if (options.only === null || options.only === 'p5') {
      p5Load.start = os.loadavg()[0]!;
      p5 = await runP5({ runs: options.quick ? 3 : 7, generated: 10_990 });
      p5Load.end = os.loadavg()[0]!;
    }
    if (options.only === null || options.only === 'p6') {
      p6Load.start = os.loadavg()[0]!;
      p6 = await runP6({ rounds: options.quick ? 7 : 15 });
      p6Load.end = os.loadavg()[0]!;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  process.stdout.write(`\n${summaryTable(p1, p3)}\n`);
  for (const r of p2)
    process.stdout.write(
      `P2 map query, ${r.engine}: p50 ${r.useCase.p50.toFixed(1)} ms vs SELECT ${r.select.p50.toFixed(1)} ms, ratio ${r.ratio.toFixed(2)} (goal ≤ 2 and p50 ≤ 20 ms on PostgreSQL)\n`,
    );
  for (const c of p4?.cases ?? [])
    for (const r of c.runs)
      process.stdout.write(
        `P4 public values, ${c.name}, ${r.connections} connections: ${r.values.rps.toFixed(0)} req/s vs bare ${r.bare.rps.toFixed(0)} req/s, ratio ${(r.values.rps / r.bare.rps).toFixed(2)} (goal ≥ 0.5)\n`,
      );
  for (const c of p5?.cases ?? [])
    process.stdout.write(
      `P5 first map, ${c.name}: cold ${c.cold.toFixed(0)} ms, warm p50 ${c.warmP50.toFixed(0)} ms, bare MapLibre ${c.reference.toFixed(0)} ms (goal ≤ ${c.goalMs} ms)\n`,
    );
  if (p5) process.stdout.write(`P5 initial JavaScript: ${(p5.initialJsGzip / 1024).toFixed(1)} KB gzip (goal ≤ 350 KB)\n`);
  if (p6)
    process.stdout.write(
      `P6 gap analysis, PostgreSQL: p50 ${p6.useCase.p50.toFixed(0)} ms (ports ${p6.portsP50.toFixed(0)} ms) vs plain scan ${p6.scan.p50.toFixed(0)} ms, ratio ${p6.ratio.toFixed(2)} (goal ≤ 1 s)\n`,
    );
  if (options.write) {
    const sections: { name: string; body: string }[] = [];
    if (p1) sections.push({ name: 'p1', body: p1Markdown(p1, machine, command, mode, p1Load) });
    if (p2.length > 0) sections.push({ name: 'p2', body: p2Markdown(p2, machine, command, mode, p2Load) });
    if (p3) sections.push({ name: 'p3', body: p3Markdown(p3, machine, command, mode, p3Load) });
    if (p4) sections.push({ name: 'p4', body: p4Markdown(p4, machine, command, mode, p4Load) });
    if (p5) sections.push({ name: 'p5', body: p5Markdown(p5, machine, command, mode, p5Load) });
    if (p6) sections.push({ name: 'p6', body: p6Markdown(p6, machine, command, mode, p6Load) });
    await updateDocument(options.doc, sections);
    log(`written: ${path.relative(process.cwd(), options.doc)}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
