/**
 * The P5 reference: what MapLibre alone needs in the same browser for the same map. A bare page
 * (no React, no application code) loads MapLibre's own module files, fetches the boundaries and
 * classed values the atlas received (saved from the real API beforehand, served as static files)
 * and draws them with the atlas map's style (classed fill with white outline, hatching for
 * missing values, the selection line, no fade, the same tile buffer), fitted to a map of the same
 * size. Measured: `performance.now()` (ms since navigation start) at MapLibre's first `idle`
 * after the data were set — the same moment the atlas marks with `data-ready`.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { BACKGROUND_COLOUR, hatchPattern, MISSING_COLOUR, sequentialPalette } from '../../src/web/atlas/palette.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAPLIBRE = path.join(ROOT, 'node_modules/maplibre-gl/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** The page's script: the atlas map's style in plain MapLibre, ready marker at the first `idle` with data. */
function pageScript(classes: number): string {
  const palette = sequentialPalette(classes);
  const stops = palette.flatMap((colour, index) => [index, colour]);
  return `import { Map, setWorkerUrl, prewarm } from './maplibre-gl.mjs';
setWorkerUrl('./maplibre-gl-worker.mjs');
prewarm();
const [regions, values] = await Promise.all([fetch('regions.json').then((r) => r.json()), fetch('values.json').then((r) => r.json())]);
const cls = new globalThis.Map(values.rows.map((r) => [r.region, r.value === null || r.class === null || r.class === undefined ? -1 : r.class]));
let west = 180, south = 90, east = -180, north = -90;
const features = regions.features.map((f) => {
  const polygons = f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates];
  for (const polygon of polygons) for (const [x, y] of polygon[0]) {
    if (x < west) west = x; if (x > east) east = x; if (y < south) south = y; if (y > north) north = y;
  }
  const key = String(f.id ?? f.properties.key);
  return { type: 'Feature', geometry: f.geometry, properties: { key, cls: cls.get(key) ?? -1 } };
});
const map = new Map({
  container: 'map', attributionControl: false, fadeDuration: 0,
  bounds: [west, south, east, north], fitBoundsOptions: { padding: 16 },
  style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '${BACKGROUND_COLOUR}' } }] },
});
map.on('load', () => {
  map.addImage('hatch', { width: 8, height: 8, data: new Uint8Array(${JSON.stringify([...hatchPattern(8)])}) });
  map.addSource('regions', { type: 'geojson', data: { type: 'FeatureCollection', features }, buffer: 32 });
  map.addLayer({ id: 'regions-fill', type: 'fill', source: 'regions', paint: { 'fill-color': ['match', ['get', 'cls'], ${stops.map((s) => JSON.stringify(s)).join(', ')}, '${MISSING_COLOUR}'], 'fill-outline-color': '#ffffff' } });
  map.addLayer({ id: 'regions-hatch', type: 'fill', source: 'regions', filter: ['==', ['get', 'cls'], -1], paint: { 'fill-pattern': 'hatch' } });
  map.addLayer({ id: 'regions-selected', type: 'line', source: 'regions', filter: ['==', ['get', 'key'], ''], paint: { 'line-color': '#1b1f24', 'line-width': 3 } });
  map.once('idle', () => { window.__planwerkReadyAt = performance.now(); });
});
`;
}

/** Writes the page, MapLibre's files and the data into `dir`. */
function writePage(
  dir: string,
  size: { width: number; height: number },
  classes: number,
  data: { regions: string; values: string },
) {
  mkdirSync(dir, { recursive: true });
  for (const file of ['maplibre-gl.mjs', 'maplibre-gl-worker.mjs', 'maplibre-gl.css']) {
    copyFileSync(path.join(MAPLIBRE, file), path.join(dir, file));
  }
  writeFileSync(path.join(dir, 'regions.json'), data.regions);
  writeFileSync(path.join(dir, 'values.json'), data.values);
  writeFileSync(path.join(dir, 'reference.mjs'), pageScript(classes));
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>P5 reference</title>` +
      `<link rel="stylesheet" href="maplibre-gl.css"><style>body{margin:0}#map{width:${size.width}px;height:${size.height}px}</style>` +
      `</head><body><div id="map"></div><script type="module" src="reference.mjs"></script></body></html>`,
  );
}

/** Serves `dir` as static files on a free loopback port. */
async function serve(dir: string): Promise<{ base: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, '') || 'index.html';
    const file = path.join(dir, path.basename(name));
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('P5 reference: no port');
  return {
    base: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Cold runs (a new browser context each) of the bare MapLibre page with the data the atlas
 * got from `apiBase` for the view; `size` is the atlas map's size in CSS px, `fit` the `fit=`
 * parameter its boundaries were requested with.
 */
export async function measureReference(
  browser: Browser,
  apiBase: string,
  view: { tenant: string; indicator: string; period: string; classes: number },
  size: { width: number; height: number },
  dir: string,
  runs: number,
): Promise<number[]> {
  const api = `${apiBase}/api/public/atlas/${encodeURIComponent(view.tenant)}`;
  const get = async (url: string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`P5 reference: ${url} answered ${response.status}`);
    return response.text();
  };
  const regions = await get(`${api}/regions.geojson?level=gemeinde&fit=${size.width}x${size.height}`);
  const values = await get(
    `${api}/values?${new URLSearchParams({ indicator: view.indicator, period: view.period, level: 'gemeinde', breaks: `quantile:${view.classes}` }).toString()}`,
  );
  writePage(dir, size, view.classes, { regions, values });
  const server = await serve(dir);
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${server.base}/`, { waitUntil: 'commit' });
        await page.waitForFunction('window.__planwerkReadyAt !== undefined', null, { timeout: 60_000 });
        times.push((await page.evaluate('window.__planwerkReadyAt')) as number);
      } finally {
        await context.close();
      }
    }
    return times;
  } finally {
    await server.close();
  }
}
