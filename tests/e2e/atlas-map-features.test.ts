import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithParent } from '../../src/web/atlas/compare.ts';
import { formatValue } from '../../src/web/atlas/format.ts';
import { PNG_HEADER_HEIGHT } from '../../src/web/atlas/map-png.ts';
import { divergingPalette, hexToRgb, sequentialPalette } from '../../src/web/atlas/palette.ts';
import type { AtlasValues } from '../../src/web/atlas/types.ts';
import { createTestApp, listen, type TestApp } from '../support/server.ts';
import { expectNoAxeViolations, launchBrowser, waitForHeading } from './browser.ts';

const TENANT = '99001';
const INDICATOR = 'demo.kinderarmut';
const PERIOD = '2024-12-31';
const MAP = '[data-testid="atlas-karte"]';
/** Background colour of the test basemap style (a colour no palette uses). */
const BASEMAP_COLOUR = [255, 0, 255] as const;
const BASEMAP_ATTRIBUTION = '© Testkarte Planwerk';

const readyKey = (method = 'quantile', classes: number | string = 5, level = 'gemeinde', suffix = '') =>
  [TENANT, INDICATOR, PERIOD, level, method, classes].reduce<string>((key, part) => `${key}|${part}`, 'public') + suffix;

// One server with a configured basemap: a tiny style server on 127.0.0.1 (no tiles, only a background
// layer), so that no test leaves this machine.
let styleServer: http.Server;
let app: TestApp;
let baseUrl: string;
let browser: Browser;
let styleUrl: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  styleServer = http.createServer((request, response) => {
    if (request.url !== '/stil.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    response.end(
      JSON.stringify({
        version: 8,
        sources: {},
        layers: [{ id: 'hintergrund', type: 'background', paint: { 'background-color': '#ff00ff' } }],
      }),
    );
  });
  await new Promise<void>((resolve) => styleServer.listen(0, '127.0.0.1', resolve));
  styleUrl = `http://127.0.0.1:${(styleServer.address() as AddressInfo).port}/stil.json`;
  app = await createTestApp('pglite', {
    env: { PLANWERK_BASEMAP_STYLE_URL: styleUrl, PLANWERK_BASEMAP_ATTRIBUTION: BASEMAP_ATTRIBUTION },
  });
  baseUrl = await listen(app.app);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await app?.close();
  await new Promise((resolve) => styleServer?.close(resolve));
});

async function newPage(width = 1280, height = 900): Promise<Page> {
  // The basemap comes from another origin than the app: the app's CSP (connect-src 'self') would
  // need that origin added by the operator; the browser test checks the map side only.
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width, height },
    bypassCSP: true,
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  return context.newPage();
}

async function waitForMap(page: Page, key: string): Promise<void> {
  try {
    await page.locator(`${MAP}[data-ready="${key}"]`).waitFor({ timeout: 60_000 });
  } catch (error) {
    const shown = await page
      .locator(MAP)
      .getAttribute('data-ready')
      .catch(() => null);
    throw new Error(`Karte nicht gezeichnet für ${key}; gezeigt: ${shown}; Adresse: ${page.url()}`, { cause: error });
  }
}

async function openKinderarmut(page: Page): Promise<void> {
  await page.goto('/atlas');
  await waitForHeading(page, 'Atlas');
  await page.getByLabel('Indikator').selectOption({ label: 'Kinderarmutsquote (SGB II, unter 15 Jahren)' });
  await page.getByLabel('Zeitraum (Stichtag)').selectOption({ label: '31.12.2024' });
  await page.getByLabel('Gebietsebene').selectOption({ label: 'Gemeinden' });
  await waitForMap(page, readyKey());
}

async function values(page: Page, breaks = 'quantile:5', level = 'gemeinde'): Promise<AtlasValues> {
  const query = new URLSearchParams({ indicator: INDICATOR, period: PERIOD, level, breaks });
  const response = await page.request.get(`/api/public/atlas/${TENANT}/values?${query.toString()}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as AtlasValues;
}

/** The Kreis value of the demo (the reference of the diverging palette). */
async function kreisValue(page: Page): Promise<number> {
  const kreis = await values(page, 'quantile:1', 'kreis');
  const row = kreis.rows.find((r) => r.region === TENANT)!;
  expect(row.value).not.toBeNull();
  return row.value!;
}

/** A point (CSS px in the map canvas) well inside a region, away from the zoom buttons. */
async function interiorPoint(page: Page, region: string): Promise<{ x: number; y: number } | null> {
  return page.locator(MAP).evaluate((element, key) => {
    interface TestMap {
      getCanvas(): HTMLCanvasElement;
      queryRenderedFeatures(point: [number, number], options: { layers: string[] }): { properties: Record<string, unknown> }[];
    }
    const map = (element as unknown as { maplibreMap: TestMap }).maplibreMap;
    const canvas = map.getCanvas();
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    const at = (x: number, y: number) => map.queryRenderedFeatures([x, y], { layers: ['regions-fill'] })[0]?.properties.key;
    for (let y = 12; y < h - 12; y += 4) {
      for (let x = 12; x < w - 12; x += 4) {
        if (x > w - 70 && y < 90) continue;
        if (at(x, y) !== key) continue;
        const around = [
          [x - 6, y],
          [x + 6, y],
          [x, y - 6],
          [x, y + 6],
          [x - 6, y - 6],
          [x + 6, y + 6],
        ] as const;
        if (around.every(([ax, ay]) => at(ax, ay) === key)) return { x, y };
      }
    }
    return null;
  }, region);
}

/** A point of the map canvas outside every region (the background), or null. */
async function outsidePoint(page: Page): Promise<{ x: number; y: number } | null> {
  return page.locator(MAP).evaluate((element) => {
    interface TestMap {
      getCanvas(): HTMLCanvasElement;
      queryRenderedFeatures(point: [number, number], options: { layers: string[] }): unknown[];
    }
    const map = (element as unknown as { maplibreMap: TestMap }).maplibreMap;
    const w = map.getCanvas().clientWidth;
    const h = map.getCanvas().clientHeight;
    for (let y = 4; y < h - 4; y += 6) {
      for (let x = 4; x < w / 2; x += 6) {
        const near = [
          [x, y],
          [x + 4, y],
          [x, y + 4],
          [x - 4, y],
          [x, y - 4],
        ] as const;
        if (near.every(([a, b]) => map.queryRenderedFeatures([a, b], { layers: ['regions-fill'] }).length === 0)) return { x, y };
      }
    }
    return null;
  });
}

function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

function expectColour(actual: readonly number[], expected: readonly number[], what: string): void {
  for (let c = 0; c < 3; c++) {
    expect(Math.abs(actual[c]! - expected[c]!), `${what}: ${actual.join(',')} ≠ ${expected.join(',')}`).toBeLessThanOrEqual(4);
  }
}

/** A region with a value and a class (the first in the table order that is drawn with room around it). */
async function knownRegion(page: Page, data: AtlasValues): Promise<{ region: string; cls: number; x: number; y: number }> {
  for (const row of data.rows) {
    if (row.value === null || row.class == null) continue;
    const point = await interiorPoint(page, row.region);
    if (point) return { region: row.region, cls: row.class, ...point };
  }
  throw new Error('Kein Gebiet mit Platz für eine Farbprobe gefunden.');
}

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

describe('Atlas-Karte: Farben, Klassen, Vergleich, Hintergrundkarte, Exporte', () => {
  it('färbt divergierend um den Kreiswert: Legende nennt Bezugswert und Seiten, Pixel in der Farbe der Klasse', async () => {
    const page = await newPage();
    await openKinderarmut(page);
    await page.getByLabel('Farbgebung').selectOption({ label: 'Divergierend um den Kreiswert' });
    await waitForMap(page, readyKey('quantile', 5, 'gemeinde', '|divergierend'));
    expect(new URL(page.url()).searchParams.get('farben')).toBe('divergierend');

    const data = await values(page);
    const reference = await kreisValue(page);
    const palette = divergingPalette(data.classification!.classes, reference);
    const legend = page.getByTestId('atlas-legende');
    expect(await page.getByTestId('atlas-legende-referenz').innerText()).toBe(
      `Bezugswert: Landkreis Musterland mit ${formatValue(reference, 'de')} %. Blau: unter dem Bezugswert, Rot: über dem Bezugswert.`,
    );
    const sides = await legend.locator('li[data-side]').evaluateAll((items) => items.map((i) => i.getAttribute('data-side')));
    const expectedSides = data.classification!.classes.map((c) =>
      c.upper <= reference ? 'below' : c.lower >= reference ? 'above' : 'contains',
    );
    expect(sides).toEqual(expectedSides);
    expect(sides).toContain('below');
    expect(sides).toContain('above');
    const swatches = await legend
      .locator('li[data-side] .atlas-swatch')
      .evaluateAll((items) => items.map((i) => getComputedStyle(i).backgroundColor));
    expect(swatches).toEqual(palette.map((hex) => `rgb(${hexToRgb(hex).join(', ')})`));

    const known = await knownRegion(page, data);
    const shot = PNG.sync.read(await page.locator(`${MAP} canvas`).screenshot());
    expectColour(pixel(shot, known.x, known.y), hexToRgb(palette[known.cls]!), known.region);
    // The sequential colour of that class is a different one.
    expect(sequentialPalette(data.classification!.classes.length)[known.cls]).not.toBe(palette[known.cls]);
  });

  it('übernimmt manuelle Klassengrenzen im deutschen Zahlenformat, prüft sie und stellt sie aus dem Permalink wieder her', async () => {
    const page = await newPage();
    await openKinderarmut(page);
    await page.getByLabel('Klassenbildung').selectOption({ label: 'Manuell (eigene Grenzen)' });
    const input = page.getByLabel('Klassengrenzen');
    await input.fill('10; 12.5');
    await page.getByRole('button', { name: 'Grenzen übernehmen' }).click();
    expect(await page.getByRole('alert').innerText()).toBe(
      '„12.5“ ist keine Zahl. Dezimalzahlen mit Komma schreiben, z. B. 12,5; Grenzen mit Semikolon trennen.',
    );
    expect(await input.getAttribute('aria-invalid')).toBe('true');

    await input.fill('8; 10,5');
    await input.press('Enter');
    await waitForMap(page, readyKey('manual', '8;10.5'));
    const url = new URL(page.url());
    expect(url.searchParams.get('klassifikation')).toBe('manual');
    expect(url.searchParams.get('grenzen')).toBe('8;10.5');
    const api = await values(page, 'manual:8;10.5');
    const ranges = await page
      .getByTestId('atlas-legende')
      .locator('li:not([data-class="missing"]) .atlas-legend-range')
      .allInnerTexts();
    const f = (v: number) => formatValue(v, 'de');
    expect(ranges).toEqual(api.classification!.classes.map((c) => `${f(c.lower)} bis ${f(c.upper)}`));
    expect(ranges).toHaveLength(3);
    expect(ranges[0]).toMatch(/ bis 8$/);
    expect(ranges[1]).toBe('8 bis 10,5');

    const other = await newPage();
    await other.goto(page.url());
    await waitForMap(other, readyKey('manual', '8;10.5'));
    expect(await other.getByLabel('Klassenbildung').inputValue()).toBe('manual');
    expect(await other.getByLabel('Klassengrenzen').inputValue()).toBe('8; 10,5');
    expect(
      await other.getByTestId('atlas-legende').locator('li:not([data-class="missing"]) .atlas-legend-range').allInnerTexts(),
    ).toEqual(ranges);
  });

  it('vergleicht Auswahl und Tooltip mit dem Kreiswert in Prozentpunkten', async () => {
    const page = await newPage();
    await openKinderarmut(page);
    const data = await values(page);
    const reference = await kreisValue(page);
    const row = data.rows.find((r) => r.value !== null && Math.abs(r.value - reference) > 0.5)!;
    const c = compareWithParent(row.value!, reference, '%');
    const expected = `${formatValue(c.amount, 'de', 1)} Prozentpunkte ${c.direction === 'above' ? 'über' : 'unter'} dem Kreiswert (${formatValue(reference, 'de')} %)`;
    await page.getByRole('table').getByRole('button', { name: row.name!, exact: true }).click();
    await expect.poll(() => page.locator('.atlas-selection').innerText()).toContain(expected);

    const point = await interiorPoint(page, row.region);
    expect(point).not.toBeNull();
    const box = (await page.locator(`${MAP} canvas`).boundingBox())!;
    await page.mouse.move(box.x + point!.x, box.y + point!.y);
    const tooltip = page.getByTestId('atlas-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toContain(row.name!);
    expect(await tooltip.innerText()).toContain(expected);
  });

  it('bietet die Ebene Land an, wenn es Gebiete dazu gibt, und zeichnet sie', async () => {
    const page = await newPage();
    await openKinderarmut(page);
    const options = await page.getByLabel('Gebietsebene').locator('option').allInnerTexts();
    expect(options).toEqual(['Gemeinden', 'Planungsräume', 'Kreis', 'Land']);
    await page.getByLabel('Gebietsebene').selectOption({ label: 'Land' });
    await waitForMap(page, readyKey('quantile', 5, 'land'));
    expect(await page.getByRole('table').getByRole('row').count()).toBe(2);
    expect(await page.getByRole('heading', { level: 2, name: /Land$/ }).count()).toBe(1);
  });

  it('meldet die Hintergrundkarte über /api/meta und schaltet sie auf der Karte zu und ab', async () => {
    const page = await newPage();
    const meta = (await (await page.request.get(`${baseUrl}/api/meta`)).json()) as Record<string, unknown>;
    expect(meta.basemapStyleUrl).toBe(styleUrl);
    expect(meta.basemapAttribution).toBe(BASEMAP_ATTRIBUTION);
    await openKinderarmut(page);
    const toggle = page.getByLabel('Hintergrundkarte anzeigen');
    expect(await toggle.isChecked()).toBe(false);
    expect(await page.getByTestId('atlas-quellen').innerText()).not.toContain(BASEMAP_ATTRIBUTION);
    const outside = await outsidePoint(page);
    expect(outside).not.toBeNull();
    const before = PNG.sync.read(await page.locator(`${MAP} canvas`).screenshot());
    expect(pixel(before, outside!.x, outside!.y)).not.toEqual([...BASEMAP_COLOUR]);

    await toggle.check();
    await page.locator(`${MAP}[data-basemap="an"]`).waitFor({ timeout: 30_000 });
    const after = PNG.sync.read(await page.locator(`${MAP} canvas`).screenshot());
    expectColour(pixel(after, outside!.x, outside!.y), BASEMAP_COLOUR, 'Hintergrundkarte');
    expect(await page.getByTestId('atlas-quellen').innerText()).toContain(BASEMAP_ATTRIBUTION);

    await toggle.uncheck();
    await page.locator(`${MAP}[data-basemap="aus"]`).waitFor();
    await page.waitForFunction(
      (selector) =>
        !(document.querySelector(selector) as unknown as { maplibreMap: { getLayer(id: string): unknown } }).maplibreMap.getLayer(
          'basemap-hintergrund',
        ),
      MAP,
    );
  });

  it('exportiert die Karte als PNG mit Titel, Legende und Quellen, in der Farbe der Klasse eines Gebiets', async () => {
    const page = await newPage();
    await openKinderarmut(page);
    const data = await values(page);
    const known = await knownRegion(page, data);
    const canvas = await page
      .locator(`${MAP} canvas`)
      .evaluate((c) => ({ width: (c as HTMLCanvasElement).width, height: (c as HTMLCanvasElement).height }));
    const file = await download(page, 'Karte als PNG herunterladen');
    expect(file.name).toBe(`demo_kinderarmut_${PERIOD}_gemeinde.png`);
    const png = PNG.sync.read(file.bytes);
    expect(png.width).toBe(canvas.width);
    // Title band above, legend (5 classes) and at least three note lines below.
    expect(png.height).toBeGreaterThan(canvas.height + PNG_HEADER_HEIGHT + 5 * 22 + 3 * 18);
    const palette = sequentialPalette(data.classification!.classes.length);
    expectColour(pixel(png, known.x, known.y + PNG_HEADER_HEIGHT), hexToRgb(palette[known.cls]!), known.region);
    // The legend swatch of the first class is drawn below the map.
    let found = false;
    const first = hexToRgb(palette[0]!);
    for (let y = canvas.height + PNG_HEADER_HEIGHT; y < png.height && !found; y++) {
      const p = pixel(png, 20, y);
      found = p.every((v, i) => Math.abs(v - first[i]!) <= 2);
    }
    expect(found).toBe(true);
  });

  it('exportiert die Karte als SVG mit einem Pfad je Gebiet und dem Quellenvermerk', async () => {
    const page = await newPage();
    await openKinderarmut(page);
    const data = await values(page);
    const regions = (await (await page.request.get(`/api/public/atlas/${TENANT}/regions.geojson?level=gemeinde`)).json()) as {
      features: unknown[];
    };
    const file = await download(page, 'Karte als SVG herunterladen');
    expect(file.name).toBe(`demo_kinderarmut_${PERIOD}_gemeinde.svg`);
    const svg = file.bytes.toString('utf8');
    const paths = [...svg.matchAll(/<path data-region="([^"]+)"[^>]* fill="([^"]+)"/g)];
    expect(paths).toHaveLength(regions.features.length);
    const palette = sequentialPalette(data.classification!.classes.length);
    for (const [, region, fill] of paths) {
      const row = data.rows.find((r) => r.region === region)!;
      expect(fill).toBe(row.value !== null && row.class != null ? palette[row.class] : 'url(#planwerk-schraffur)');
    }
    const attribution = data.sources.map((s) => s.attribution).find(Boolean)!;
    expect(svg).toContain(attribution.replace(/&/g, '&amp;'));
    expect(svg).toContain('Kinderarmutsquote (SGB II, unter 15 Jahren), 31.12.2024, Gemeinden');
  });

  it('exportiert die Tabelle als XLSX mit Kopfzeilen, Zahlen als Zahlen und Quellenzeilen', async () => {
    const page = await newPage();
    await openKinderarmut(page);
    const data = await values(page);
    const file = await download(page, 'Tabelle als XLSX herunterladen');
    expect(file.name).toBe(`demo_kinderarmut_${PERIOD}_gemeinde.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const cells = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(cells(1)).toEqual(['Indikator', 'Kinderarmutsquote (SGB II, unter 15 Jahren)']);
    expect(cells(2)).toEqual(['Zeitraum', PERIOD]);
    expect(cells(3)).toEqual(['Gebietsstand', data.territoryDate]);
    expect(cells(5)).toEqual(['Gebietsschlüssel', 'Gebiet', 'Wert', 'Einheit', 'Klasse', 'Hinweis']);
    data.rows.forEach((row, i) => {
      const values = cells(6 + i);
      expect(values[0]).toBe(row.region);
      expect(values[1]).toBe(row.name);
      if (row.value !== null) {
        expect(typeof values[2]).toBe('number');
        expect(values[2]).toBeCloseTo(row.value, 10);
        expect(values[4]).toBe(row.class! + 1);
      }
    });
    const after = 6 + data.rows.length + 1;
    expect(cells(after)[0]).toBe('Quelle');
    expect(cells(after + 1)[0]).toBe('Lizenz');
    expect(cells(after + 2)).toEqual(['Quellenvermerk', expect.stringMatching(/\S/)]);
  });

  it('hat keine axe-Verstöße mit divergierender Farbgebung, manuellen Grenzen und Hintergrundschalter, auch bei 360 px', async () => {
    const query =
      'kommune=99001&indikator=demo.kinderarmut&zeitraum=2024-12-31&ebene=gemeinde&klassifikation=manual&grenzen=8;10.5&farben=divergierend';
    const wide = await newPage();
    await wide.goto(`/atlas?${query}`);
    await waitForMap(wide, readyKey('manual', '8;10.5', 'gemeinde', '|divergierend'));
    await wide.getByLabel('Hintergrundkarte anzeigen').waitFor();
    await expectNoAxeViolations(wide, '/atlas (Kartenfunktionen)');

    const narrow = await newPage(360, 740);
    await narrow.goto(`/atlas?${query}`);
    await waitForMap(narrow, readyKey('manual', '8;10.5', 'gemeinde', '|divergierend'));
    await expectNoAxeViolations(narrow, '/atlas (Kartenfunktionen, 360 px)');
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
  });
});
