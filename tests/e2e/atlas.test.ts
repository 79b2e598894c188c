import fs from 'node:fs';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { csvNumber } from '../../src/web/atlas/csv.ts';
import { hexToRgb, sequentialPalette } from '../../src/web/atlas/palette.ts';
import type { AtlasValues } from '../../src/web/atlas/types.ts';
import { expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

const TENANT = '99001';
const INDICATOR = 'demo.kinderarmut';
const PERIOD = '2024-12-31';
const MAP = '[data-testid="atlas-karte"]';

/** The `data-ready` marker the map sets after MapLibre's `idle` for a view. */
const readyKey = (method = 'quantile', classes = 5, level = 'gemeinde', audience = 'public') =>
  [audience, TENANT, INDICATOR, PERIOD, level, method, classes].join('|');

async function waitForMap(page: Page, key: string): Promise<void> {
  try {
    await page.locator(`${MAP}[data-ready="${key}"]`).waitFor({ timeout: 60_000 });
  } catch (error) {
    // Say what the page shows instead (another view, an error message).
    const shown = await page
      .locator(MAP)
      .getAttribute('data-ready')
      .catch(() => null);
    const alert = await page
      .getByRole('alert')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(`Karte nicht gezeichnet für ${key}; gezeigt: ${shown}; Adresse: ${page.url()}; ${alert.join(' ')}`, {
      cause: error,
    });
  }
}

/** Opens /atlas and chooses Kinderarmutsquote, 31.12.2024, Gemeinden. */
async function openKinderarmut(page: Page): Promise<void> {
  await page.goto('/atlas');
  await waitForHeading(page, 'Atlas');
  await page.getByLabel('Indikator').selectOption({ label: 'Kinderarmutsquote (SGB II, unter 15 Jahren)' });
  await page.getByLabel('Zeitraum (Stichtag)').selectOption({ label: '31.12.2024' });
  await page.getByLabel('Gebietsebene').selectOption({ label: 'Gemeinden' });
  await waitForMap(page, readyKey());
}

/** Bounds texts of the legend entries, e.g. „12,5 bis 17,25“. */
async function legendRanges(page: Page): Promise<string[]> {
  return page.getByTestId('atlas-legende').locator('li:not([data-class="missing"]) .atlas-legend-range').allInnerTexts();
}

/**
 * A point (CSS pixels in the map canvas) well inside a region: the rendered feature there and
 * at ±6 px around it is that region, and it is away from the zoom buttons (top right).
 */
async function interiorPoint(page: Page, region: string): Promise<{ x: number; y: number } | null> {
  return page.locator(MAP).evaluate((element, key) => {
    interface RenderedFeature {
      properties: Record<string, unknown>;
    }
    interface TestMap {
      getCanvas(): HTMLCanvasElement;
      queryRenderedFeatures(point: [number, number], options: { layers: string[] }): RenderedFeature[];
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

async function publicValues(page: Page, method = 'quantile'): Promise<AtlasValues> {
  const query = new URLSearchParams({ indicator: INDICATOR, period: PERIOD, level: 'gemeinde', breaks: `${method}:5` });
  const response = await page.request.get(`/api/public/atlas/${TENANT}/values?${query.toString()}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as AtlasValues;
}

/** Publishes or withdraws an indicator of the demo through the tenant API, as the signed-in planner of `page`; returns the HTTP status. */
async function setPublished(page: Page, indicatorKey: string, published: boolean): Promise<number> {
  return page.evaluate(
    async ({ key, publish }) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const list = (await (await fetch('/api/tenants/99001/atlas/indicators')).json()) as Record<string, unknown>[];
      const {
        scope: _scope,
        inputs: _inputs,
        periods: _periods,
        published: _published,
        key: _key,
        ...rest
      } = list.find((i) => i.key === key)!;
      const response = await fetch(`/api/tenants/99001/atlas/indicators/${key}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ ...rest, published: publish }),
      });
      return response.status;
    },
    { key: indicatorKey, publish: published },
  );
}

describe('Atlas (/atlas, anonym)', () => {
  const e2e = setupE2E();

  it('zeichnet die Karte in den Farben der Klassen, mit Legende, Quellen und Zusammenfassung', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await openKinderarmut(page);

    const legend = page.getByTestId('atlas-legende');
    const counts = (await legend
      .locator('li[data-count]')
      .evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-count'))))) as number[];
    expect(counts.length).toBeGreaterThanOrEqual(3);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(14);
    expect(await legend.innerText()).toMatch(/\d+(,\d+)? bis \d+(,\d+)?\s+\(\d+ Gebiete?\)/);
    expect(await page.getByTestId('atlas-quellen').innerText()).toMatch(/^Quellen: \S/);
    expect(await page.getByTestId('atlas-zusammenfassung').innerText()).toMatch(/^Höchster Wert: .+, niedrigster: .+, Median /);
    expect(await page.getByRole('table').getByRole('row').count()).toBe(15);
    // Without a configured basemap: none in /api/meta, no switch on the page (the map works offline).
    const meta = (await (await page.request.get('/api/meta')).json()) as Record<string, unknown>;
    expect(meta).not.toHaveProperty('basemapStyleUrl');
    expect(await page.getByText('Hintergrundkarte anzeigen').count()).toBe(0);

    // Pixel colour of known regions in the screenshot equals the palette colour of their class.
    const values = await publicValues(page);
    const palette = sequentialPalette(values.classification!.classes.length);
    const classed = values.rows.filter((r) => r.value !== null && r.class != null);
    const byClass = new Map<number, (typeof classed)[number]>();
    for (const row of classed) if (!byClass.has(row.class!)) byClass.set(row.class!, row);
    const shot = PNG.sync.read(await page.locator(`${MAP} canvas`).screenshot());
    let checked = 0;
    for (const row of [...byClass.values()].slice(0, 3)) {
      const point = await interiorPoint(page, row.region);
      if (!point) continue;
      const i = (Math.round(point.y) * shot.width + Math.round(point.x)) * 4;
      const actual = [shot.data[i]!, shot.data[i + 1]!, shot.data[i + 2]!];
      const expected = hexToRgb(palette[row.class!]!);
      for (let c = 0; c < 3; c++) {
        expect(
          Math.abs(actual[c]! - expected[c]!),
          `${row.name}: ${actual.join(',')} ≠ ${expected.join(',')}`,
        ).toBeLessThanOrEqual(4);
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it('ändert die Klassengrenzen der Legende mit der Klassenbildung', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await openKinderarmut(page);
    const quantiles = await legendRanges(page);
    await page.getByLabel('Klassenbildung').selectOption({ label: 'Gleiche Intervalle' });
    await waitForMap(page, readyKey('equal_interval'));
    const equal = await legendRanges(page);
    expect(equal.length).toBeGreaterThan(0);
    expect(equal).not.toEqual(quantiles);
    const api = await publicValues(page, 'equal_interval');
    const counts = await page
      .getByTestId('atlas-legende')
      .locator('li:not([data-class="missing"])')
      .evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-count'))));
    expect(counts).toEqual(api.classification!.classes.map((c) => c.count));
    expect(new URL(page.url()).searchParams.get('klassifikation')).toBe('equal_interval');
    await context.close();
  });

  it('stellt die Ansicht aus dem Permalink wieder her, mit dem per Tastatur gewählten Gebiet', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await openKinderarmut(page);
    await page.getByLabel('Klassenbildung').selectOption('jenks');
    await page.getByLabel('Anzahl der Klassen').selectOption('4');
    await waitForMap(page, readyKey('jenks', 4));
    const values = await publicValues(page);
    const row = values.rows.find((r) => r.value !== null)!;
    const button = page.getByRole('table').getByRole('button', { name: row.name!, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    await page.locator('.atlas-selection').getByText(row.name!).waitFor();
    // The selection is outlined on the map.
    const filter = await page
      .locator(MAP)
      .evaluate((el) =>
        JSON.stringify(
          (el as unknown as { maplibreMap: { getFilter(id: string): unknown } }).maplibreMap.getFilter('regions-selected'),
        ),
      );
    expect(filter).toContain(row.region);

    const url = page.url();
    expect(new URL(url).searchParams.get('gebiet')).toBe(row.region);
    const other = await (await e2e().newContext()).newPage();
    await other.goto(url);
    await waitForMap(other, readyKey('jenks', 4));
    expect(await other.getByLabel('Indikator').inputValue()).toBe(INDICATOR);
    expect(await other.getByLabel('Zeitraum (Stichtag)').inputValue()).toBe(PERIOD);
    expect(await other.getByLabel('Gebietsebene').inputValue()).toBe('gemeinde');
    expect(await other.getByLabel('Klassenbildung').inputValue()).toBe('jenks');
    expect(await other.getByLabel('Anzahl der Klassen').inputValue()).toBe('4');
    expect(
      await other.getByRole('table').getByRole('button', { name: row.name!, exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    await context.close();
  });

  it('exportiert die Tabelle als CSV mit deutschen Zahlen und Quellenvermerk', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await openKinderarmut(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tabelle als CSV herunterladen' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Gebietsschlüssel;Gebiet;Wert;Einheit;Klasse;Hinweis');
    const values = await publicValues(page);
    const row = values.rows.find((r) => r.value !== null && r.value % 1 !== 0)!;
    const line = lines.find((l) => l.startsWith(`${row.region};`));
    expect(line).toBe(`${row.region};${row.name};${csvNumber(row.value!)};${values.unit};${row.class! + 1};`);
    expect(line).toContain(',');
    expect(lines.find((l) => l.startsWith('Quellenvermerk;'))).toMatch(/^Quellenvermerk;.*\S/);
    expect(lines).toContain(`Zeitraum;${PERIOD}`);
    await context.close();
  });

  it('hat keine axe-Verstöße, auch bei 360 px Breite (Karte über der Tabelle, kein seitliches Scrollen)', async () => {
    const wide = await (await e2e().newContext()).newPage();
    await openKinderarmut(wide);
    await expectNoAxeViolations(wide, '/atlas');

    const context = await e2e().newContext({ width: 360, height: 740 });
    const page = await context.newPage();
    await openKinderarmut(page);
    await expectNoAxeViolations(page, '/atlas (360 px)');
    expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
    const map = (await page.locator(MAP).boundingBox())!;
    const table = (await page.getByRole('table').boundingBox())!;
    expect(map.y + map.height).toBeLessThanOrEqual(table.y);
    expect(map.width).toBeGreaterThan(300);
    await context.close();
  });

  it('zeigt Planer*innen auch nicht veröffentlichte Indikatoren, anonymen Besucher*innen nicht', async () => {
    const context = await e2e().newContext();
    const planner = await context.newPage();
    await logIn(planner, 'planung@musterland.example');
    // Take the birth rate off the public atlas (through the API, as the planner).
    const status = await setPublished(planner, 'demo.geburtenrate', false);
    expect(status).toBe(200);
    try {
      await planner.goto('/atlas');
      await waitForHeading(planner, 'Atlas');
      await planner
        .getByLabel('Indikator')
        .locator('option', { hasText: 'Geburtenrate (nicht veröffentlicht)' })
        .waitFor({ state: 'attached' });
      const internal = await planner.getByLabel('Indikator').locator('option').allInnerTexts();
      expect(internal).toContain('Geburtenrate (nicht veröffentlicht)');
      expect(internal).toContain('Kinderarmutsquote (SGB II, unter 15 Jahren)');
      // Members read their municipality's own atlas through the tenant API.
      await planner.getByLabel('Indikator').selectOption({ label: 'Kinderarmutsquote (SGB II, unter 15 Jahren)' });
      await planner.getByLabel('Zeitraum (Stichtag)').selectOption({ label: '31.12.2024' });
      await waitForMap(planner, readyKey('quantile', 5, 'gemeinde', 'tenant'));

      const visitor = await (await e2e().newContext()).newPage();
      await visitor.goto('/atlas');
      await waitForHeading(visitor, 'Atlas');
      await visitor.getByLabel('Indikator').locator('option', { hasText: 'Kinderarmutsquote' }).waitFor({ state: 'attached' });
      const published = await visitor.getByLabel('Indikator').locator('option').allInnerTexts();
      expect(published).not.toContain('Geburtenrate');
      expect(published.some((o) => o.includes('nicht veröffentlicht'))).toBe(false);
      expect(published).toContain('Kinderarmutsquote (SGB II, unter 15 Jahren)');
      // Both reach the Sozialindex from the atlas; only the planner is offered the indicator management.
      const otherViews = (p: typeof planner) => p.getByRole('navigation', { name: 'Weitere Atlas-Ansichten' }).getByRole('link');
      expect(await otherViews(planner).allInnerTexts()).toEqual([
        'Sozialindex: Status und Dynamik der Gebiete',
        'Indikatoren verwalten und veröffentlichen',
      ]);
      expect(await otherViews(visitor).allInnerTexts()).toEqual(['Sozialindex: Status und Dynamik der Gebiete']);
      await otherViews(visitor).first().click();
      await visitor.waitForURL(/\/atlas\/index\?kommune=99001/);
    } finally {
      // Publish it again for the other tests.
      await setPublished(planner, 'demo.geburtenrate', true);
      await context.close();
    }
  });
});
