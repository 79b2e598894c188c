/**
 * Turns benchmark results into the console summary and the generated sections of
 * `docs/performance.md`. Each benchmark owns the part between its markers
 * (`<!-- bench:p1:start -->` … `<!-- bench:p1:end -->`); everything else in the file is kept.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import type { Machine } from './machine.ts';
import type { ImportRun, P1EngineResult, P1JsProfile, P1WriterProfile } from './p1-import.ts';
import type { P3Case, P3Result } from './p3-grid.ts';
import { int, ratio, seconds, type Timing } from './util.ts';

/** Everything P1 measured in one run. */
export interface P1Report {
  engines: P1EngineResult[];
  js: P1JsProfile | null;
  writers: P1WriterProfile[];
  csvBytes: Record<string, number>;
  copyBytes: Record<string, number>;
}

export const P1_GOAL = 0.5;
export const P3_GOAL = 0.5;

const perSecond = (rows: number, t: Timing) => rows / (t.wallMs / 1000);
const rowsPerSecond = (rows: number, t: Timing) => int(perSecond(rows, t));
const micro = (t: Timing | number, rows: number) => ((typeof t === 'number' ? t : t.wallMs) * 1000) / rows;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const engineName = (e: string) => (e === 'postgres' ? 'PostgreSQL' : 'PGlite');
const yes = (ok: boolean) => (ok ? '**yes**' : '**no**');

/** The 1-minute load average before and after a figure was measured. */
export interface Load {
  start: number;
  end: number;
}

export function machineLines(machine: Machine, command: string, mode: string, load: Load): string[] {
  return [
    `- Run: ${machine.date}, mode **${mode}**, \`${command}\``,
    `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM, ${machine.os}`,
    `- Software: Node ${machine.node}, PostgreSQL ${machine.postgres}, PGlite ${machine.pglite}`,
    `- Load average (1 min) before / after: ${load.start.toFixed(1)} / ${load.end.toFixed(1)}` +
      (Math.max(load.start, load.end) > 1.5 ? ' – other processes competed for the CPUs, absolute times are inflated' : ''),
  ];
}

/**
 * Throughput while the second tenth and while the ninth tenth of the rows were written (from the
 * progress samples, interpolated): start-up and the end (last COPY, merge, commit) stay out.
 */
function throughputWindows(run: { samples: { rows: number; ms: number }[]; rows: number; completed?: boolean }): {
  early: number;
  late: number;
} | null {
  const s = run.samples;
  if (run.completed === false || s.length < 20) return null;
  const total = run.rows;
  const when = (rows: number) => {
    const i = s.findIndex((p) => p.rows >= rows);
    if (i <= 0) return null;
    const a = s[i - 1]!;
    const b = s[i]!;
    return a.ms + ((rows - a.rows) / Math.max(1, b.rows - a.rows)) * (b.ms - a.ms);
  };
  const [t1, t2, t8, t9] = [0.1, 0.2, 0.8, 0.9].map((f) => when(total * f));
  if (t1 == null || t2 == null || t8 == null || t9 == null || t2 <= t1 || t9 <= t8) return null;
  return { early: (total * 0.1) / ((t2 - t1) / 1000), late: (total * 0.1) / ((t9 - t8) / 1000) };
}

function importCell(run: ImportRun, total: number): string {
  if (run.completed) return `${int(run.rows)} in ${seconds(run.timing.wallMs)}`;
  if (run.error) return `failed: ${run.error}`;
  return `${int(run.rows)} of ${int(total)} in ${seconds(run.timing.wallMs)} (stopped at the time limit)`;
}

function ratioCell(run: ImportRun, copyRate: number): string {
  const r = perSecond(run.rows, run.timing) / copyRate;
  return run.completed ? ratio(r) : `≤ ${ratio(r)}`;
}

/** The generated P1 section. */
export function p1Markdown(report: P1Report, machine: Machine, command: string, mode: string, load: Load): string {
  const lines: string[] = ['## P1 – import throughput against COPY', '', ...machineLines(machine, command, mode, load), ''];
  lines.push(
    'Data: a generic long-format CSV as municipalities receive it from statistical offices or data warehouses ' +
      '(`ags;merkmal;stichtag;wert`, UTF-8, `;`, decimal comma, Stichtag `31.12.YYYY`, rows ordered by Gemeinde, ' +
      'variable, period), fake 8-digit AGS, read with an explicit `TableMapping` (long format). The COPY file holds the ' +
      'same rows as stored (`scope, variable_key, region_key, period, value, import_id`, tab-separated). A corrected ' +
      'edition of the CSV has the same rows with every 20th value one tenth higher. Files in a temporary directory, ' +
      'deleted afterwards.',
    '',
    '| Engine | Size (Gemeinden × variables × periods) | Rows | CSV | COPY file |',
    '|---|---|---:|---:|---:|',
  );
  for (const e of report.engines) {
    lines.push(
      `| ${engineName(e.engine)} | ${int(e.sizes.regions)} × ${e.sizes.variables} × ${e.sizes.periods} | ${int(e.rows)} | ${mb(report.csvBytes[e.engine] ?? 0)} | ${mb(report.copyBytes[e.engine] ?? 0)} |`,
    );
  }
  lines.push(
    '',
    'Procedure per engine, in one fresh database (PostgreSQL: `create database` on the server of `DATABASE_URL`, dropped ' +
      'afterwards; PGlite: data directory in a temporary directory), migrated, the Gemeinden pre-registered in `regions` ' +
      '(see finding 2): (1) `importFile` (the product path: checksum, format detection, streaming CSV reader, ' +
      '`importObservations` with the journal, one transaction) into the empty table; (2) `importFile` of the corrected ' +
      'edition into the filled table (the merge path: every variable already has values); (3) `truncate`, `checkpoint`, ' +
      'then COPY of the same rows. Times are wall-clock times measured in the bench process, including the commit. After ' +
      'every complete run the row count and the sum of all values are checked against the file, after (2) also the ' +
      'counts the import reports and the replaced values kept for rollback.',
    '',
    '| Engine | COPY | COPY rows/s | Importer | Importer rows/s | Ratio importer/COPY | Goal ≥ 0.5 met |',
    '|---|---|---:|---|---:|---:|---|',
  );
  for (const e of report.engines) {
    const copyRate = perSecond(e.copy.rows, e.copy.timing);
    const run = e.importer;
    lines.push(
      `| ${engineName(e.engine)} | ${seconds(e.copy.timing.wallMs)} (${e.copy.method}) | ${int(copyRate)} | ${run.label}: ${importCell(run, e.rows)} | ${rowsPerSecond(run.rows, run.timing)} | ${ratioCell(run, copyRate)} | ${yes(run.completed && perSecond(run.rows, run.timing) / copyRate >= P1_GOAL)} |`,
    );
  }
  lines.push(
    '',
    'CPU time during these runs: “Node” is the bench process (for the importer: reading, parsing, encoding the COPY ' +
      'text, the use case; for PGlite also the database), “server” all processes of the local PostgreSQL server ' +
      '(from `/proc`, including backends that ended during the run). psql’s own CPU time is not included.',
    '',
    '| Engine | Run | Wall | CPU Node | CPU server | CPU together |',
    '|---|---|---:|---:|---:|---:|',
  );
  for (const e of report.engines) {
    for (const [label, timing, server] of [
      ['COPY', e.copy.timing, e.copy.serverCpuMs],
      [e.importer.label, e.importer.timing, e.importer.serverCpuMs],
      ...(e.reimport ? [[e.reimport.label, e.reimport.timing, e.reimport.serverCpuMs] as const] : []),
    ] as const) {
      const node = label === 'COPY' && e.engine === 'postgres' ? null : timing.cpuMs;
      lines.push(
        `| ${engineName(e.engine)} | ${label} | ${seconds(timing.wallMs)} | ${node === null ? '– (psql)' : seconds(node)} | ${server === null ? '–' : seconds(server)} | ${seconds((node ?? 0) + (server ?? 0))} |`,
      );
    }
  }
  lines.push(
    '',
    'Re-import of the corrected edition into the filled table (no goal; the ratio to COPY into the empty table is given ' +
      'for scale):',
    '',
    '| Engine | Run | Rows/s | Ratio to COPY | Inserted | Updated | Unchanged |',
    '|---|---|---:|---:|---:|---:|---:|',
  );
  for (const e of report.engines) {
    const run = e.reimport;
    if (!run) continue;
    const copyRate = perSecond(e.copy.rows, e.copy.timing);
    const c = run.counts;
    lines.push(
      `| ${engineName(e.engine)} | ${importCell(run, e.rows)} | ${rowsPerSecond(run.rows, run.timing)} | ${ratioCell(run, copyRate)} | ${c ? int(c.inserted) : '–'} | ${c ? int(c.updated) : '–'} | ${c ? int(c.unchanged) : '–'} |`,
    );
  }
  const windows: string[] = [];
  for (const e of report.engines) {
    for (const run of [e.importer, e.reimport]) {
      const w = run && throughputWindows(run);
      if (run && w) windows.push(`| ${engineName(e.engine)} | ${run.label} | ${int(w.early)} | ${int(w.late)} |`);
    }
    const c = throughputWindows(e.copy);
    if (c)
      windows.push(
        `| ${engineName(e.engine)} | COPY (rows processed, \`pg_stat_progress_copy\`) | ${int(c.early)} | ${int(c.late)} |`,
      );
  }
  if (windows.length > 0) {
    lines.push(
      '',
      '### Throughput over the run',
      '',
      '| Engine | Run | Rows/s from 10 % to 20 % of the rows | Rows/s from 80 % to 90 % |',
      '|---|---|---:|---:|',
      ...windows,
      '',
      'From the progress the importer reports (a batch counts once it has been handed to the database), and for COPY ' +
        'on PostgreSQL from `pg_stat_progress_copy` polled once a second; for runs with at least 20 samples. In the ' +
        're-import these are the rows copied into the staging table, before the merge.',
    );
  }
  lines.push('', '### Where the importer spends its time', '');
  if (report.js) {
    const js = report.js;
    lines.push(
      `Without a database (${int(js.rows)} rows, the ${engineName('pglite')} size): checksum (SHA-256 of the file) ` +
        `${seconds(js.checksum.wallMs)}; parsing alone (\`readTableCsv\`: csv-parse, mapping, German numbers) ` +
        `${seconds(js.parseOnly.wallMs)} = ${micro(js.parseOnly, js.rows).toFixed(1)} µs/row; the use case with stores that ` +
        `do nothing (parsing + duplicate check + batching) ${seconds(js.useCaseWithoutDb.wallMs)} = ` +
        `${micro(js.useCaseWithoutDb, js.rows).toFixed(1)} µs/row, i.e. at most ${rowsPerSecond(js.rows, js.useCaseWithoutDb)} rows/s ` +
        'before any database work.',
      '',
    );
  }
  if (report.writers.length > 0) {
    lines.push(
      `The steps of \`importFile\` at the same size, in a fresh database per engine, with the end of the import timed ` +
        'separately: “finish” is ending the last COPY (on PostgreSQL: until the server has stored every row handed to ' +
        'it) and, in the re-import, the merge; “before” covers reading and parsing, the COPY of the batches (on ' +
        'PostgreSQL overlapping with parsing, on PGlite in the same thread one after the other) and the journal. ' +
        'COPY alone of the same rows is given for comparison.',
      '',
      '| Engine | Run | Rows | COPY alone | Total | µs/row | Before finish | Finish |',
      '|---|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const w of report.writers) {
      for (const [label, r] of [
        ['into the empty table', w.first],
        ['corrected edition', w.again],
      ] as const) {
        lines.push(
          `| ${engineName(w.engine)} | ${label} | ${int(w.rows)} | ${seconds(w.copy.wallMs)} | ${seconds(r.total.wallMs)} | ${micro(r.total, w.rows).toFixed(1)} | ${seconds(r.total.wallMs - r.writer.finishMs)} | ${seconds(r.writer.finishMs)} |`,
        );
      }
    }
    lines.push('');
  }
  lines.push(
    'Time per kind of SQL statement run through Kysely during the runs in the first table (a Kysely plugin; the COPY ' +
      'of the batches bypasses Kysely and is not included; journal updates run beside the import transaction and are ' +
      'not waited for, on PGlite they wait until the transaction has ended):',
    '',
    '| Engine | Run | Statement | Count | Total |',
    '|---|---|---|---:|---:|',
  );
  for (const e of report.engines) {
    for (const run of [e.importer, e.reimport]) {
      if (!run) continue;
      const kinds = [...run.statements].sort((a, b) => b[1].ms - a[1].ms);
      for (const [kind, t] of kinds) {
        lines.push(`| ${engineName(e.engine)} | ${run.label} | ${kind} | ${int(t.count)} | ${seconds(t.ms)} |`);
      }
    }
  }
  lines.push('', '### Checks', '');
  for (const e of report.engines) for (const c of e.checks) lines.push(`- ${engineName(e.engine)}: ${c}`);
  return lines.join('\n');
}

function p3Row(c: P3Case): string {
  const p = c.postgis;
  const total = p.load.wallMs + p.index.wallMs + p.query.wallMs;
  const rQuery = c.ours.wallMs / p.query.wallMs;
  const rTotal = c.ours.wallMs / total;
  const same = c.comparison.differing.length === 0;
  return `| ${c.name} | ${int(c.cells)} | ${seconds(c.ours.wallMs)} | ${seconds(p.query.wallMs)} | ${seconds(p.load.wallMs)} + ${seconds(p.index.wallMs)} + ${seconds(p.query.wallMs)} = ${seconds(total)} | ${ratio(rQuery)} ${yes(rQuery <= P3_GOAL)} | ${ratio(rTotal)} ${yes(rTotal <= P3_GOAL)} | ${same ? `yes, ${c.comparison.equalRegions}/${c.comparison.regions}` : `**NO**, ${c.comparison.differing.length} differ`} |`;
}

/** The generated P3 section. */
export function p3Markdown(result: P3Result, machine: Machine, command: string, mode: string, load: Load): string {
  const lines: string[] = ['## P3 – grid aggregation against PostGIS', '', ...machineLines(machine, command, mode, load)];
  lines.push(
    `- PostGIS ${result.postgisVersion} (${result.postgisInstall})`,
    '',
    'Ours: (a) `aggregateGridFile` on the published CSV (read and parse the file, project the 631 Gemeinden from WGS84 ' +
      'with proj4, build the scanline index, aggregate `Einwohner`); (a′) the same cells in memory (read from the file ' +
      'beforehand, not timed, as the PostGIS query finds its table loaded): project + `new RegionLocator` + ' +
      '`GridAggregator.add` for every cell + `result()`; (b) the same in memory for generated cells (generated ' +
      'beforehand, not timed). ' +
      'PostGIS, in a fresh database with `create extension postgis`: the Gemeinden as `geometry(MultiPolygon, 3035)` ' +
      '(projected by the same proj4 code, so that both sides test identical polygons), the cell centres as ' +
      '`geometry(Point, 3035)` (a: COPY of the original CSV into a text table, then points from `x_mp_1km`/`y_mp_1km`; ' +
      'b: COPY of a TSV of the generated cells, then points); GiST indexes on both, `analyze`; then',
    '',
    '```sql',
    'select p.key, count(*) as cells,',
    '       sum(c.value) filter (where c.value not in (-1, -9)) as known_sum,',
    '       count(*) filter (where c.value = -9) as secret_cells',
    'from polygons p join cells c on ST_Contains(p.geom, c.geom)',
    'group by p.key',
    '```',
    '',
    '(`-1` = no value and `-9` = secret are not summed, as in `GridAggregator`.) “Load” = inserting the polygons + COPY + ' +
      'building the point table; “index” = both GiST indexes + `analyze`. Times are medians of the runs given below; the ' +
      'ratio is ours ÷ PostGIS, the goal is ≤ 0.5. Like for like: (a) reads and parses the file, so it compares with ' +
      'PostGIS load + index + query; (a′) and (b) start from cells in memory, so they compare with the PostGIS query ' +
      'alone, whose tables are loaded and indexed (our index is built in every run and counted, the projection of the ' +
      'Gemeinden too, although PostGIS gets them projected).',
    '',
    '| Case | Cells | Ours | PostGIS query alone | PostGIS load + index + query | Ratio to query alone, goal met | Ratio to load + index + query, goal met | Same per-region sums |',
    '|---|---:|---:|---:|---:|---|---|---|',
  );
  for (const c of result.cases) lines.push(p3Row(c));
  lines.push('', '### Details', '');
  for (const c of result.cases) {
    const cmp = c.comparison;
    lines.push(
      `**${c.name}**`,
      '',
      `- Ours: ${c.ourRuns.length} runs, first (cold) ${seconds(c.ourRuns[0]!.wallMs)}, median ${seconds(c.ours.wallMs)}, fastest ${seconds(Math.min(...c.ourRuns.map((r) => r.wallMs)))}` +
        (c.ourParts
          ? `; median parts: projection ${seconds(c.ourParts.projection)}, index ${seconds(c.ourParts.index)}, aggregation ${seconds(c.ourParts.aggregation)}`
          : '') +
        (c.ourReadOnly !== undefined
          ? `; only reading the CSV (\`readZensusGridCsvBatches\`): median ${seconds(c.ourReadOnly)}`
          : ''),
      `- PostGIS query: ${c.postgis.queryRuns.length} runs, first ${seconds(c.postgis.queryRuns[0]!.wallMs)}, median ${seconds(c.postgis.query.wallMs)}; plan: ${planSummary(c.postgis.plan)}`,
      `- Cells assigned: ours ${int(cmp.oursAssigned)}, PostGIS ${int(cmp.postgisAssigned)} (of ${int(c.cells)}); equal per Gemeinde as queried: ${cmp.equalRaw}/${cmp.regions}; ` +
        `cell centres inside two polygons: ${cmp.overlapCells}${cmp.correctedRegions.length > 0 ? ` (Gemeinden ${cmp.correctedRegions.join(', ')})` : ''}; ` +
        `after counting those only in the first polygon in input order (our rule): ${cmp.equalRegions}/${cmp.regions} equal`,
      '',
    );
  }
  lines.push(
    'Border rules: both sides assign a cell by its centre. `ST_Contains` leaves out a centre lying exactly on a boundary, ' +
      'ours gives it to exactly one neighbour; no such centre occurred (it would show up as a difference in the per-Gemeinde ' +
      'comparison). Where two Gemeinde polygons overlap (the simplified boundaries have slivers), PostGIS counts a centre ' +
      'in both, ours in the first in input order; the check fetches those cells (untimed) and applies our rule to the ' +
      'PostGIS result before comparing cells, sums and secret cells per Gemeinde exactly.',
  );
  return lines.join('\n');
}

function planSummary(plan: string): string {
  const nodes = plan
    .split('\n')
    .map((l) => l.trim().replace(/^->\s*/, ''))
    .filter((l) =>
      /^(Nested Loop|Hash|Index|Parallel|Seq Scan|Gather|Finalize|Partial|GroupAggregate|HashAggregate|Sort)/.test(l),
    )
    .filter((l) => !l.startsWith('Sort Key'))
    .map((l) => l.replace(/\s*\(cost=.*$/, ''));
  return `\`${nodes.join(' → ')}\``;
}

const INTRO = `# Performance

Benchmarks of the import and the grid aggregation, run with \`npm run bench\` (full sizes) or
\`npm run bench -- --quick\` (scaled down). They are not tests: nothing here runs in \`npm test\`.
PostgreSQL comes from \`DATABASE_URL\` (default \`postgres://postgres@127.0.0.1:5432/test\`); every
run creates and drops its own databases there, PGlite runs in a temporary directory. P3 installs
\`postgresql-<major>-postgis-3\` with \`apt-get\` when the extension is missing (local server, root).
Options: \`--quick\`, \`--only p1|p3\`, \`--import-limit <s>\`, \`--no-reimport\`,
\`--cells <n>\`, \`--no-write\` (do not touch this file). The sections between the \`bench:\` markers
are rewritten by the script; the rest of the file is kept.
`;

/** Replaces (or appends) the marked section `name` in the document text. */
function replaceSection(doc: string, name: string, body: string): string {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n\n${body.trim()}\n\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) return doc.slice(0, i) + block + doc.slice(j + end.length);
  // A new section goes before the hand-written findings, if there are any.
  const findings = doc.indexOf('\n## Findings');
  if (findings >= 0) return `${doc.slice(0, findings).trimEnd()}\n\n${block}\n${doc.slice(findings)}`;
  return `${doc.trimEnd()}\n\n${block}\n`;
}

/** Writes the sections into `docs/performance.md`, keeping everything outside the markers; formatted with Prettier. */
export async function updateDocument(file: string, sections: { name: string; body: string }[]): Promise<void> {
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : INTRO;
  for (const s of sections) doc = replaceSection(doc, s.name, s.body);
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(doc, { ...options, filepath: file }));
}

/** The console summary. */
export function summaryTable(p1: P1Report | null, p3: P3Result | null): string {
  const rows: string[][] = [['Figure', 'Engine / case', 'Ours', 'Reference', 'Ratio', 'Goal', 'Met']];
  if (p1) {
    for (const e of p1.engines) {
      const copyRate = perSecond(e.copy.rows, e.copy.timing);
      for (const run of [e.importer, e.reimport]) {
        if (!run) continue;
        const r = perSecond(run.rows, run.timing) / copyRate;
        rows.push([
          'P1 import',
          `${engineName(e.engine)}, ${run.label}${run.completed ? '' : ' (stopped)'}`,
          `${rowsPerSecond(run.rows, run.timing)} rows/s`,
          `COPY ${int(copyRate)} rows/s`,
          run.completed ? ratio(r) : `≤ ${ratio(r)}`,
          run === e.importer ? '≥ 0.5' : '–',
          run === e.importer ? (run.completed && r >= P1_GOAL ? 'yes' : 'no') : '–',
        ]);
      }
    }
  }
  if (p3) {
    for (const c of p3.cases) {
      const p = c.postgis;
      const total = p.load.wallMs + p.index.wallMs + p.query.wallMs;
      const label = c.name.slice(0, c.name.indexOf(')') + 1);
      const same = c.comparison.differing.length === 0 ? 'sums equal' : 'SUMS DIFFER';
      rows.push([
        'P3 grid',
        `${label} vs query (${same})`,
        seconds(c.ours.wallMs),
        seconds(p.query.wallMs),
        ratio(c.ours.wallMs / p.query.wallMs),
        '≤ 0.5',
        c.ours.wallMs / p.query.wallMs <= P3_GOAL ? 'yes' : 'no',
      ]);
      rows.push([
        'P3 grid',
        `${label} vs load+index+query`,
        seconds(c.ours.wallMs),
        seconds(total),
        ratio(c.ours.wallMs / total),
        '≤ 0.5',
        c.ours.wallMs / total <= P3_GOAL ? 'yes' : 'no',
      ]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}
