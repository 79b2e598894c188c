/**
 * P5 – first map in the browser: headless Chromium (playwright-core, `/usr/bin/chromium`)
 * opens the public atlas with a view in the address and the time from navigation start to
 * the map element's `data-ready` marker for that view (set by `AtlasMap` after MapLibre's
 * `idle`, i.e. the choropleth is drawn) is measured, cold (new browser context, empty cache)
 * and warm (the same context again), for the 631 real Thuringian Gemeinden and for 10,990
 * generated Gemeinden. Also the gzip size of the initial JavaScript of the built web app.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { chromium, type Browser } from 'playwright-core';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { inTransaction } from '../../src/db/repositories/index.ts';
import { systemClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { importFile } from '../../src/importers/import-file.ts';
import { saveIndicator } from '../../src/use-cases/atlas/define-indicator.ts';
import { createTenant } from '../../src/use-cases/tenancy/create-tenant.ts';
import { setUpThuringiaAtlas, THURINGIA } from '../../tests/support/thuringia-atlas.ts';
import { createScratchPostgres } from './databases.ts';
import type { Machine } from './machine.ts';
import { fakeGemeindeKeys } from './p1-data.ts';
import { startServer } from './p4-public-values.ts';
import { measureReference } from './p5-reference.ts';
import { machineLines, type Load } from './report.ts';
import { generatedIndicator, insertGeneratedCounts } from './generated-counts.ts';
import { int, log, random } from './util.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags of the browser tests (`tests/e2e/browser.ts`). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
const SYSTEM: Actor = { kind: 'system', label: 'Benchmark P5' };
const MAP = '[data-testid="atlas-karte"]';

export interface P5Case {
  name: string;
  regions: number;
  goalMs: number;
  address: string;
  /** Every cold run (new context), in ms from navigation start; the first also found the server's cache empty. */
  coldRuns: number[];
  cold: number;
  warmRuns: number[];
  warmP50: number;
  /** JavaScript, JSON and other bytes the first cold run transferred (gzip where the server compressed, else raw). */
  transfer: { js: number; api: number; jsRequests: number; apiRequests: number };
  /** In the first cold run, ms since navigation start: DOMContentLoaded, the last script, the values and the boundaries received. */
  phases: { domContentLoaded: number; lastScript: number; values: number; shapes: number };
  /** The API requests of the first cold run (path, body bytes as transferred). */
  apiCalls: { path: string; status: number; bytes: number }[];
  /** The atlas map's size in CSS px (the reference draws a map of the same size). */
  mapSize: { width: number; height: number };
  /** Cold runs of the bare MapLibre page with the same data (`p5-reference.ts`), ms since navigation start. */
  referenceRuns: number[];
  reference: number;
}

export interface P5Result {
  cases: P5Case[];
  initialJsGzip: number;
  initialJsFiles: { file: string; raw: number; gzip: number }[];
  runs: number;
  viewport: string;
}

/** The entry chunk and its static imports as the built index.html lists them, with raw and gzip sizes. */
function initialJavaScript(webDir: string): { file: string; raw: number; gzip: number }[] {
  const html = readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!);
  return [...new Set(files)].map((file) => {
    const content = readFileSync(path.join(webDir, file.replace(/^\//, '')));
    return { file, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Records `performance.now()` (ms since navigation start) when the map element gets `data-ready` = `key`. */
function readyObserver(key: string): string {
  return `(() => {
    const key = ${JSON.stringify(key)};
    const check = () => {
      const map = document.querySelector('${MAP}');
      if (map && map.getAttribute('data-ready') === key && window.__planwerkReadyAt === undefined) window.__planwerkReadyAt = performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'], childList: true });
  })();`;
}

export async function measure(
  browser: Browser,
  base: string,
  view: { tenant: string; indicator: string; period: string },
  runs: number,
): Promise<Pick<P5Case, 'address' | 'coldRuns' | 'warmRuns' | 'transfer' | 'phases' | 'apiCalls' | 'mapSize'>> {
  const address = `/atlas?${new URLSearchParams({
    kommune: view.tenant,
    indikator: view.indicator,
    zeitraum: view.period,
    ebene: 'gemeinde',
    klassifikation: 'quantile',
    klassen: '5',
  }).toString()}`;
  const key = ['public', view.tenant, view.indicator, view.period, 'gemeinde', 'quantile', 5].join('|');
  const open = async (page: import('playwright-core').Page) => {
    await page.goto(`${base}${address}`, { waitUntil: 'commit' });
    await page.locator(`${MAP}[data-ready="${key}"]`).waitFor({ timeout: 60_000 });
    return page.evaluate(() => (window as unknown as { __planwerkReadyAt: number }).__planwerkReadyAt);
  };
  const coldRuns: number[] = [];
  const warmRuns: number[] = [];
  let transfer = { js: 0, api: 0, jsRequests: 0, apiRequests: 0 };
  let phases = { domContentLoaded: 0, lastScript: 0, values: 0, shapes: 0 };
  const apiCalls: { path: string; status: number; bytes: number }[] = [];
  let mapSize = { width: 0, height: 0 };
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    await context.addInitScript(readyObserver(key));
    const page = await context.newPage();
    const seen: Promise<void>[] = [];
    let counting = true;
    const sizes = { js: 0, api: 0, jsRequests: 0, apiRequests: 0 };
    if (i === 0) {
      page.on('response', (response) => {
        if (counting)
          seen.push(
            (async () => {
              const sizesOf = await response
                .request()
                .sizes()
                .catch(() => null);
              const bytes = sizesOf ? sizesOf.responseBodySize : 0;
              const url = response.url();
              if (url.endsWith('.js')) {
                sizes.js += bytes;
                sizes.jsRequests++;
              } else if (url.includes('/api/')) {
                sizes.api += bytes;
                sizes.apiRequests++;
                const where = new URL(url);
                const level = where.searchParams.get('level');
                apiCalls.push({
                  path: `${where.pathname.replace(/^\/api\/public\/atlas\/\d+/, '…')}${level ? `?level=${level}` : ''}`,
                  status: response.status(),
                  bytes,
                });
              }
            })(),
          );
      });
    }
    coldRuns.push(await open(page));
    // Only the cold navigation counts (the warm one below reuses the page).
    counting = false;
    await Promise.all(seen);
    if (i === 0) {
      transfer = { ...sizes };
      const box = await page.locator(MAP).boundingBox();
      if (box) mapSize = { width: Math.round(box.width), height: Math.round(box.height) };
      // A string, not a function: the bundler's helpers (`__name`) do not exist in the page.
      phases = (await page.evaluate(`(() => {
        const resources = performance.getEntriesByType('resource');
        const last = (part) => Math.max(0, ...resources.filter((r) => r.name.includes(part)).map((r) => r.responseEnd));
        const nav = performance.getEntriesByType('navigation')[0];
        return {
          domContentLoaded: nav ? nav.domContentLoadedEventEnd : 0,
          lastScript: last('.js'),
          values: last('/values?'),
          shapes: last('/regions.geojson'),
        };
      })()`)) as typeof phases;
    }
    // Warm: the same context (HTTP cache filled) opens the address again.
    warmRuns.push(await open(page));
    await context.close();
  }
  return { address, coldRuns, warmRuns, transfer, phases, apiCalls, mapSize };
}

/** A GeoJSON file of `keys.length` generated Gemeinden: 24-corner polygons on a grid over Germany's extent. */
function writeGeneratedBoundaries(file: string, keys: readonly string[]): void {
  const next = random(5150);
  const columns = Math.ceil(Math.sqrt(keys.length * 1.2));
  const rows = Math.ceil(keys.length / columns);
  const [west, south, east, north] = [5.9, 47.3, 15.0, 55.0];
  const w = (east - west) / columns;
  const h = (north - south) / rows;
  const features = keys.map((key, i) => {
    const cx = west + (i % columns) * w + w / 2;
    const cy = south + Math.floor(i / columns) * h + h / 2;
    const ring: [number, number][] = [];
    for (let k = 0; k < 24; k++) {
      const angle = (k / 24) * 2 * Math.PI;
      const r = 0.38 + next() * 0.1;
      ring.push([Number((cx + Math.cos(angle) * w * r).toFixed(6)), Number((cy + Math.sin(angle) * h * r).toFixed(6))]);
    }
    ring.push(ring[0]!);
    return {
      type: 'Feature',
      properties: { ags: key, name: `Gemeinde ${key}` },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
  });
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
}

/** The generated data set: boundaries through the region import, the P2 counts, a published ratio indicator, a municipality. */
export async function setUpGenerated(
  url: string,
  dir: string,
  count: number,
): Promise<{ tenant: string; indicator: string; period: string }> {
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    const db = database.db;
    const keys = fakeGemeindeKeys(count);
    const file = path.join(dir, 'generierte-gemeinden.geojson');
    writeGeneratedBoundaries(file, keys);
    await importFile({ db, clock: systemClock }, SYSTEM, { file, tenantKey: null });
    await insertGeneratedCounts(db, { prefix: 'p5', keys, attribution: 'Benchmark P5', regions: false });
    await inTransaction(db, async (r) => {
      await createTenant({ ...r, clock: systemClock }, SYSTEM, {
        key: '01001',
        name: 'Benchmark-Kommune',
        kind: 'kreisfreie_stadt',
      });
      await saveIndicator({ ...r, clock: systemClock }, SYSTEM, {
        tenantKey: null,
        indicator: generatedIndicator('p5', { label: 'SGB-II-Quote (generiert)', published: true }),
      });
    });
    await sql`analyze`.execute(db);
    return { tenant: '01001', indicator: 'p5.sgb2_quote', period: '2024-12-31' };
  } finally {
    await database.close();
  }
}

/** Builds the web app into a temporary directory, then measures both data sets. */
export async function runP5(options: { runs: number; generated: number | null }): Promise<P5Result> {
  const dir = mkdtempSync(path.join(tmpdir(), 'planwerk-bench-p5-'));
  const webDir = path.join(dir, 'web');
  const browsers: Browser[] = [];
  try {
    log('P5: building the web app (vite build) …');
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', webDir, '--emptyOutDir'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const initialJsFiles = initialJavaScript(webDir);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    browsers.push(browser);
    const cases: P5Case[] = [];

    const sets: {
      name: string;
      regions: number;
      goalMs: number;
      prepare: (url: string) => Promise<{ tenant: string; indicator: string; period: string }>;
    }[] = [
      {
        name: `${THURINGIA.gemeinden} Thuringian Gemeinden (VG250 2022, Gemeindeverzeichnis 31.12.2019)`,
        regions: THURINGIA.gemeinden,
        goalMs: 1500,
        prepare: async (url) => {
          const database = await openDatabase({ engine: 'postgres', url, poolSize: 2 });
          try {
            await migrateToLatest(database.db);
            await setUpThuringiaAtlas(database.db);
          } finally {
            await database.close();
          }
          return { tenant: THURINGIA.tenantKey, indicator: THURINGIA.indicatorKey, period: THURINGIA.period };
        },
      },
    ];
    if (options.generated !== null) {
      const count = options.generated;
      sets.push({
        name: `${int(count)} generated Gemeinden (24-corner polygons, region import)`,
        regions: count,
        goalMs: 3000,
        prepare: (url) => setUpGenerated(url, dir, count),
      });
    }
    for (const set of sets) {
      const scratch = await createScratchPostgres();
      try {
        log(`P5 ${set.name}: data …`);
        const view = await set.prepare(scratch.url);
        const server = await startServer(scratch.url, { PLANWERK_WEB_DIR: webDir, PLANWERK_DEMO: 'false' });
        try {
          log(`P5 ${set.name}: ${options.runs} cold and warm runs …`);
          const m = await measure(browser, server.base, view, options.runs);
          log(`P5 ${set.name}: ${options.runs} cold runs of the bare MapLibre page …`);
          const referenceRuns = await measureReference(
            browser,
            server.base,
            { ...view, classes: 5 },
            m.mapSize,
            path.join(dir, `reference-${cases.length}`),
            options.runs,
          );
          cases.push({
            name: set.name,
            regions: set.regions,
            goalMs: set.goalMs,
            ...m,
            cold: median(m.coldRuns),
            warmP50: median(m.warmRuns),
            referenceRuns,
            reference: median(referenceRuns),
          });
        } finally {
          await server.stop();
        }
      } finally {
        await scratch.drop();
      }
    }
    return {
      cases,
      initialJsFiles,
      initialJsGzip: initialJsFiles.reduce((s, f) => s + f.gzip, 0),
      runs: options.runs,
      viewport: '1280 × 900',
    };
  } finally {
    for (const b of browsers) await b.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** `path` (status) × count, bytes; largest first. */
function apiSummary(calls: readonly { path: string; status: number; bytes: number }[]): string {
  const groups = new Map<string, { count: number; bytes: number }>();
  for (const c of calls) {
    const key = `\`${c.path}\` ${c.status}`;
    const g = groups.get(key) ?? { count: 0, bytes: 0 };
    g.count++;
    g.bytes += Math.max(0, c.bytes);
    groups.set(key, g);
  }
  return [...groups]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([key, g]) => `${key}${g.count > 1 ? ` ×${g.count}` : ''} ${kib(g.bytes)}`)
    .join(', ');
}

/** The P5 section of docs/performance.md. */
export function p5Markdown(result: P5Result, machine: Machine, command: string, mode: string, load: Load): string {
  const lines = ['## P5 – first map in the browser', '', ...machineLines(machine, command, mode, load), ''];
  lines.push(
    'The web app built with `vite build` (production) into a temporary directory and served by the real server ' +
      '(`node bin/planwerk.mjs serve`, child process, PostgreSQL scratch database, no demo); headless Chromium ' +
      `(\`${CHROMIUM_PATH}\`, the flags of the browser tests, viewport ${result.viewport}, no GPU: MapLibre draws with ` +
      'SwiftShader) through playwright-core opens the public atlas with the whole view in the address (municipality, ' +
      'indicator, period, level Gemeinden, quantiles, 5 classes). Measured: `performance.now()` (ms since navigation ' +
      'start) when the map element gets `data-ready` equal to that view — `AtlasMap` sets it after MapLibre’s `idle` ' +
      'event following `setData` with the classed regions, i.e. the choropleth is drawn. **Cold:** a new browser context ' +
      '(empty HTTP cache) per run; the first run also finds the server’s values cache empty. **Warm:** the same context ' +
      `opens the address again (JavaScript and API answers from the HTTP cache where allowed). ${result.runs} runs each; p50 = median.`,
    '',
    '| Data | Regions | Cold p50 | Cold runs | Warm p50 | Bare MapLibre p50 | Ours / bare | Goal | Met (cold p50) | Transferred in the first cold run: JS / API |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |',
  );
  for (const c of result.cases) {
    lines.push(
      `| ${c.name} | ${int(c.regions)} | ${ms(c.cold)} | ${c.coldRuns.map(ms).join(', ')} | ${ms(c.warmP50)} | ${ms(c.reference)} | ${(c.cold / c.reference).toFixed(2)} | ≤ ${ms(c.goalMs)} | ${c.cold <= c.goalMs ? 'yes' : '**no**'} | ` +
        `${kib(c.transfer.js)} in ${c.transfer.jsRequests} files / ${kib(c.transfer.api)} in ${c.transfer.apiRequests} requests |`,
    );
  }
  lines.push(
    '',
    '**Bare MapLibre** is the reference for what this machine allows (`scripts/bench/p5-reference.ts`): a page without ' +
      'React or application code that loads MapLibre’s own module files, fetches the same boundaries and classed values ' +
      '(saved from the API beforehand, served as static files) and draws them with the atlas map’s style on a map of the ' +
      'same size (' +
      result.cases.map((c) => `${c.mapSize.width} × ${c.mapSize.height} px`).join(', ') +
      '), measured like the atlas: ms from navigation start to MapLibre’s first `idle` with the data, cold, ' +
      `${result.runs} runs (` +
      result.cases.map((c) => `${int(c.regions)}: ${c.referenceRuns.map(ms).join(', ')}`).join('; ') +
      '). A goal below the bare page’s time cannot be met on this machine by the application.',
  );
  lines.push(
    '',
    'Where the time goes in the first cold run (ms since navigation start; the rest up to `data-ready` is building the ' +
      'classed GeoJSON, MapLibre’s worker tiling it and drawing):',
    '',
    '| Data | DOMContentLoaded | Last script received | Values received | Boundaries received | Map drawn (`data-ready`) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...result.cases.map(
      (c) =>
        `| ${c.name} | ${ms(c.phases.domContentLoaded)} | ${ms(c.phases.lastScript)} | ${ms(c.phases.values)} | ${ms(c.phases.shapes)} | ${ms(c.coldRuns[0]!)} |`,
    ),
  );
  lines.push(
    '',
    'API requests of the first cold run (path, status, how often, body bytes as transferred: the server sends answers ' +
      'it keeps per data version brotli-compressed once the compressed form is ready, ADR 0015; the boundaries are ' +
      'asked with the map’s size, `fit=`, and come simplified for the zoom that shows them): ' +
      result.cases.map((c) => `${c.name}: ${apiSummary(c.apiCalls)}`).join('; ') +
      '.',
  );
  lines.push(
    '',
    `Initial JavaScript (the entry chunk and its static imports from \`index.html\`, gzip level 9): **${kib(result.initialJsGzip)}** ` +
      `(goal ≤ 350 KB: ${result.initialJsGzip <= 350 * 1024 ? 'yes' : '**no**'}). MapLibre and the charts are separate chunks loaded by the atlas page.`,
    '',
    '| File | Raw | gzip |',
    '| --- | ---: | ---: |',
    ...result.initialJsFiles.map((f) => `| \`${f.file}\` | ${kib(f.raw)} | ${kib(f.gzip)} |`),
    '',
    'Addresses: ' + result.cases.map((c) => `\`${c.address}\``).join('; ') + '.',
  );
  return lines.join('\n');
}
