/**
 * P2 – map query: one indicator (ratio of two variables, with confidentiality and class
 * breaks) for one period over 10,990 Gemeinden through the real use case (`getValues`, the
 * code behind the values API and `planwerk values`), against a bare indexed SELECT of the
 * same observation rows on the same connection. Both are measured alternately, after a
 * warm-up, and reported as p50/p90 wall times and the ratio of the medians.
 */
import { sql } from 'kysely';
import { inTransaction, repositories } from '../../src/db/repositories/index.ts';
import { parseBreakSpec } from '../../src/domain/classification/breaks.ts';
import { systemClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { saveIndicator } from '../../src/use-cases/atlas/define-indicator.ts';
import { getValues } from '../../src/use-cases/atlas/get-values.ts';
import { openBenchDatabase } from './databases.ts';
import { fakeGemeindeKeys } from './p1-data.ts';
import type { Machine } from './machine.ts';
import { machineLines, type Load } from './report.ts';
import { GENERATED_PERIOD, generatedIndicator, generatedKeys, insertGeneratedCounts } from './generated-counts.ts';
import { log } from './util.ts';

export type P2Engine = 'postgres' | 'pglite';

const SYSTEM: Actor = { kind: 'system', label: 'Benchmark P2' };
const PERIOD = GENERATED_PERIOD;
const { numerator: NUMERATOR, denominator: DENOMINATOR, indicator: INDICATOR } = generatedKeys('p2');

/** The measured figures of one engine. */
export interface P2Result {
  engine: P2Engine;
  regions: number;
  /** Rows the bare SELECT returns (numerator and denominator per Gemeinde). */
  selectRows: number;
  iterations: number;
  useCase: { p50: number; p90: number; min: number };
  select: { p50: number; p90: number; min: number };
  /** Values the use case suppressed (primary + secondary) and classes it formed, as a check. */
  suppressed: number;
  classes: number;
  ratio: number;
  breaks: string;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), min: sorted[0]! };
}

/** Loads 10,990 Gemeinden with two count variables and the ratio indicator, then measures. */
export async function runP2(
  engine: P2Engine,
  options: { regions?: number; iterations?: number; breaks?: string } = {},
): Promise<P2Result> {
  const regions = options.regions ?? 10_990;
  const iterations = options.iterations ?? 60;
  const breaks = options.breaks ?? 'quantile:5';
  const bench = await openBenchDatabase(engine);
  try {
    const db = bench.database.db;
    const keys = fakeGemeindeKeys(regions);
    log(`P2 [${engine}]: ${regions} Gemeinden laden …`);
    await insertGeneratedCounts(db, { prefix: 'p2', keys, attribution: 'Benchmark P2', regions: true });
    await inTransaction(db, (r) =>
      saveIndicator({ ...r, clock: systemClock }, SYSTEM, {
        tenantKey: null,
        indicator: generatedIndicator('p2', { label: 'SGB-II-Quote' }),
      }),
    );
    await sql`analyze`.execute(db);

    const spec = parseBreakSpec(breaks);
    const useCase = () =>
      getValues(repositories(db), SYSTEM, {
        tenantKey: null,
        subject: { indicatorKey: INDICATOR },
        period: PERIOD,
        level: 'gemeinde',
        breaks: spec,
        confidential: true,
      });
    const select = () =>
      db
        .selectFrom('observations')
        .select(['region_key', 'variable_key', 'value', 'flag'])
        .where('scope', 'in', ['shared'])
        .where('variable_key', 'in', [NUMERATOR, DENOMINATOR])
        .where('period', '=', PERIOD)
        .execute();

    const check = await useCase();
    const selected = await select();
    if (check.rows.length !== regions) throw new Error(`P2: ${check.rows.length} Zeilen statt ${regions}`);
    for (let i = 0; i < 5; i++) {
      await useCase();
      await select();
    }
    const a: number[] = [];
    const b: number[] = [];
    log(`P2 [${engine}]: ${iterations} Messungen je Seite …`);
    for (let i = 0; i < iterations; i++) {
      let start = performance.now();
      await useCase();
      a.push(performance.now() - start);
      start = performance.now();
      await select();
      b.push(performance.now() - start);
    }
    const u = summary(a);
    const s = summary(b);
    return {
      engine,
      regions,
      selectRows: selected.length,
      iterations,
      useCase: u,
      select: s,
      suppressed: check.suppressed,
      classes: check.classification?.classes.length ?? 0,
      ratio: u.p50 / s.p50,
      breaks,
    };
  } finally {
    await bench.dispose();
  }
}

/** The P2 section of docs/performance.md. */
export function p2Markdown(results: readonly P2Result[], machine: Machine, command: string, mode: string, load: Load): string {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const lines = ['## P2 – map query against a bare SELECT', '', ...machineLines(machine, command, mode, load), ''];
  lines.push(
    'Data: 10,990 generated Gemeinden (fake 8-digit keys, 16 Länder, about 110 Kreise), two counts per Gemeinde for one period ' +
      '(persons in SGB II households — about 5 % of the Gemeinden with 0–2, so that primary and secondary suppression happen — ' +
      'and the population under 65), and the ratio indicator over them, in a fresh database of each engine. ' +
      '**Ours:** `getValues` (the code behind `GET …/atlas/values` and `planwerk values`) for the indicator on level ' +
      '`gemeinde` with confidentiality and class breaks: catalogue and indicator definition, regions with names, the ' +
      'observations, the indicator per Gemeinde from numerator and denominator, primary and secondary suppression, ' +
      'classification, the result rows. **Reference:** a bare indexed `SELECT region_key, variable_key, value, flag FROM ' +
      'observations WHERE scope … AND variable_key IN (numerator, denominator) AND period = …` through the same Kysely ' +
      'connection (the same observation rows, without names, computation, suppression or classes). Both alternate, after ' +
      'five warm-up rounds each; wall-clock times in the bench process. ' +
      `Node options of the bench process: \`${process.env.NODE_OPTIONS ?? '(none)'}\` (\`npm run bench\` sets the 64 MB ` +
      'young generation that `npm start` gives the server; it spares both sides most garbage-collection pauses).',
    '',
    '| Engine | Gemeinden | Rows of the SELECT | Ours p50 / p90 | SELECT p50 / p90 | Ratio of the medians | Goal ≤ 2× met | Goal p50 ≤ 20 ms met | Suppressed | Classes |',
    '| --- | ---: | ---: | --- | --- | ---: | --- | --- | ---: | ---: |',
  );
  for (const r of results) {
    const isPg = r.engine === 'postgres';
    lines.push(
      `| ${isPg ? 'PostgreSQL' : 'PGlite'} | ${r.regions.toLocaleString('en-US')} | ${r.selectRows.toLocaleString('en-US')} | ` +
        `${ms(r.useCase.p50)} / ${ms(r.useCase.p90)} | ${ms(r.select.p50)} / ${ms(r.select.p90)} | ${r.ratio.toFixed(2)} | ` +
        `${isPg ? (r.ratio <= 2 ? 'yes' : '**no**') : '– (PostgreSQL only)'} | ` +
        `${isPg ? (r.useCase.p50 <= 20 ? 'yes' : '**no**') : '–'} | ${r.suppressed} | ${r.classes} (${r.breaks}) |`,
    );
  }
  return lines.join('\n');
}
