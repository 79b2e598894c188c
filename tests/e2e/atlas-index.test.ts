import fs from 'node:fs';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { csvNumber } from '../../src/web/atlas/csv.ts';
import { formatValue } from '../../src/web/atlas/format.ts';
import { hexToRgb } from '../../src/web/atlas/palette.ts';
import { indexClass, indexPalette } from '../../src/web/atlas/composite/palette.ts';
import type { IndexExploration } from '../../src/web/atlas/composite/types.ts';
import { expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

const TENANT = '99001';
const PERIOD = '2024-12-31';
const MAP = '[data-testid="atlas-karte"]';
const SAVED =
  'demo.sgb2_quote:1:worse,demo.kinderarmut:1:worse,demo.arbeitslosenanteil:1:worse,demo.langzeitarbeitslose_anteil:1:worse';
const STATUS: Record<string, string> = {
  hoch: 'Status hoch',
  mittel: 'Status mittel',
  niedrig: 'Status niedrig',
  sehr_niedrig: 'Status sehr niedrig',
};
const DYNAMICS: Record<string, string> = { positiv: 'Dynamik positiv', stabil: 'Dynamik stabil', negativ: 'Dynamik negativ' };

/** The map's ready marker for a view (as the page builds it). */
const readyKey = (components = SAVED, audience = 'public', span = 3, floor = 300) =>
  [audience, TENANT, 'gemeinde', PERIOD, components, span, floor].join('|');

async function waitForMap(page: Page, key: string): Promise<void> {
  try {
    await page.locator(`${MAP}[data-ready="${key}"]`).waitFor({ timeout: 60_000 });
  } catch (error) {
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

/** The index as the public API computes it for these components. */
async function publicIndex(page: Page, components = SAVED): Promise<IndexExploration> {
  const query = new URLSearchParams({ level: 'gemeinde', period: PERIOD, components, span: '3', floor: '300' });
  const response = await page.request.get(`/api/public/atlas/${TENANT}/composite-index?${query.toString()}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as IndexExploration;
}

/** The region table as the page shows it: region key → cell texts. */
async function regionTable(page: Page): Promise<Map<string, Record<string, string>>> {
  const rows = await page
    .getByTestId('index-tabelle')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        key: tr.getAttribute('data-region')!,
        cells: Object.fromEntries(
          [...tr.querySelectorAll('td[data-field]')].map((td) => [td.getAttribute('data-field')!, td.textContent!.trim()]),
        ),
      })),
    );
  return new Map(rows.map((r) => [r.key, r.cells]));
}

/** The sensitivity table: indicator → change → number of regions changing class. */
async function sensitivityTable(page: Page): Promise<Record<string, Record<string, string>>> {
  return page
    .getByTestId('index-empfindlichkeit')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      Object.fromEntries(
        trs.map((tr) => [
          tr.getAttribute('data-indicator')!,
          Object.fromEntries(
            [...tr.querySelectorAll('td[data-change]')].map((td) => [
              td.getAttribute('data-change')!,
              td.getAttribute('data-changed')!,
            ]),
          ),
        ]),
      ),
    );
}

function expectTableEqualsApi(table: Map<string, Record<string, string>>, api: IndexExploration): void {
  expect(table.size).toBe(api.results.length);
  for (const r of api.results) {
    const cells = table.get(r.key)!;
    expect(cells, r.key).toEqual({
      status: r.status === null ? '–' : formatValue(r.status, 'de'),
      statusClass: r.statusClass ? STATUS[r.statusClass] : '–',
      dynamics: r.dynamics === null ? '–' : formatValue(r.dynamics, 'de'),
      dynamicsClass: r.dynamicsClass ? DYNAMICS[r.dynamicsClass] : '–',
    });
  }
}

function expectSensitivityEqualsApi(table: Record<string, Record<string, string>>, api: IndexExploration): void {
  expect(Object.keys(table)).toEqual(api.components.map((c) => c.indicatorKey));
  for (const s of api.sensitivity) {
    expect(table[s.indicatorKey], s.indicatorKey).toEqual(
      Object.fromEntries(s.variants.map((v) => [v.change, v.changed === null ? '' : String(v.changed)])),
    );
  }
}

/** A point (CSS pixels in the map canvas) well inside a region, away from the zoom buttons. */
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
        const around = [
          [x, y],
          [x - 6, y],
          [x + 6, y],
          [x, y - 6],
          [x, y + 6],
        ] as const;
        if (around.every(([ax, ay]) => at(ax, ay) === key)) return { x, y };
      }
    }
    return null;
  }, region);
}

/** Publishes or withdraws an indicator of the demo through the tenant API, as the signed-in planner of `page`; returns the HTTP status. */
async function setPublished(page: Page, indicatorKey: string, published: boolean): Promise<number> {
  return page.evaluate(
    async ({ key, publish }) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const list = (await (await fetch('/api/tenants/99001/atlas/indicators')).json()) as Record<string, unknown>[];
      const { label, unit, formula, polarity, lifeDomain, description, methodNotes } = list.find((i) => i.key === key)!;
      const response = await fetch(`/api/tenants/99001/atlas/indicators/${key}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ label, unit, formula, polarity, lifeDomain, description, methodNotes, published: publish }),
      });
      return response.status;
    },
    { key: indicatorKey, publish: published },
  );
}

async function openIndex(page: Page, query = ''): Promise<void> {
  await page.goto(`/atlas/index${query}`);
  await waitForHeading(page, 'Sozialindex: Status und Dynamik');
}

describe('Sozialindex (/atlas/index)', () => {
  const e2e = setupE2E();

  it('zeigt die Klassen Status × Dynamik auf der Karte, die Legende zählt die eingeordneten Gebiete, die Tabelle gleicht der API', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await openIndex(page);
    // The saved index of the demo is the default, and the address holds it.
    await waitForMap(page, readyKey());
    const address = new URL(page.url()).searchParams;
    expect(address.get('indikatoren')).toBe(SAVED);
    expect(address.get('zeitraum')).toBe(PERIOD);
    expect(await page.getByLabel('Gewicht: SGB-II-Quote').inputValue()).toBe('1');

    const api = await publicIndex(page);
    const classified = api.results.filter((r) => r.statusClass !== null && r.dynamicsClass !== null).length;
    expect(classified).toBeGreaterThan(5);
    const legend = page.getByTestId('index-legende');
    const cells = (await legend
      .locator('td[data-count]')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))))) as number[];
    expect(cells).toHaveLength(12);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(classified);
    expect(Number(await page.getByTestId('index-legende-klassifiziert').getAttribute('data-count'))).toBe(classified);
    expect(await page.getByTestId('index-legende-klassifiziert').innerText()).toBe(`${classified} Gebiete eingeordnet`);

    expectTableEqualsApi(await regionTable(page), api);
    expectSensitivityEqualsApi(await sensitivityTable(page), api);
    expect(await page.getByTestId('index-zusammenfassung').innerText()).toMatch(
      new RegExp(`^${classified} von ${api.results.length} Gebieten sind nach Status und Dynamik eingeordnet\\.`),
    );
    expect(await page.getByTestId('index-quellen').innerText()).toMatch(/^Quellen: \S/);

    // The table as CSV: one row per region with the API's numbers, then the settings and the sources.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tabelle als CSV herunterladen' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`sozialindex_${PERIOD}_gemeinde.csv`);
    const csv = fs
      .readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(csv[0]).toBe('Schlüssel;Gebiet;Statusindex;Statusklasse;Dynamikindex;Dynamikklasse;Hinweis');
    for (const r of api.results) {
      const cells = csv.find((line) => line.startsWith(`${r.key};`))!.split(';');
      expect(cells[2], r.key).toBe(r.status === null ? '' : csvNumber(r.status));
      expect(cells[4], r.key).toBe(r.dynamics === null ? '' : csvNumber(r.dynamics));
    }
    expect(csv).toContain('Mindesteinwohnerzahl;300');
    expect(csv.find((line) => line.startsWith('Quellenvermerk;'))).toMatch(/^Quellenvermerk;\S/);

    // Pixel colours of regions in two different classes are the palette colours of their class.
    const palette = indexPalette();
    const byClass = new Map<number, string>();
    for (const r of api.results) {
      const cls = indexClass(r.statusClass, r.dynamicsClass);
      if (cls !== null && !byClass.has(cls)) byClass.set(cls, r.key);
    }
    const shot = PNG.sync.read(await page.locator(`${MAP} canvas`).screenshot());
    let checked = 0;
    for (const [cls, region] of byClass) {
      const point = await interiorPoint(page, region);
      if (!point) continue;
      const i = (Math.round(point.y) * shot.width + Math.round(point.x)) * 4;
      const actual = [shot.data[i]!, shot.data[i + 1]!, shot.data[i + 2]!];
      const expected = hexToRgb(palette[cls]!);
      for (let c = 0; c < 3; c++) {
        expect(Math.abs(actual[c]! - expected[c]!), `${region}: ${actual.join(',')} ≠ ${expected.join(',')}`).toBeLessThanOrEqual(
          4,
        );
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it('rechnet nach einer Gewichtsänderung neu, und der Permalink stellt die Gewichte wieder her', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await openIndex(page);
    await waitForMap(page, readyKey());
    const before = { table: await regionTable(page), sensitivity: await sensitivityTable(page) };

    const weighted = SAVED.replace('demo.sgb2_quote:1:', 'demo.sgb2_quote:4:').replace(
      'demo.kinderarmut:1:',
      'demo.kinderarmut:0:',
    );
    const sgb2 = page.getByLabel('Gewicht: SGB-II-Quote');
    await sgb2.fill('4');
    await page.getByLabel('Gewicht: Kinderarmutsquote (SGB II, unter 15 Jahren)').fill('0');
    await waitForMap(page, readyKey(weighted));
    expect(new URL(page.url()).searchParams.get('indikatoren')).toBe(weighted);

    const api = await publicIndex(page, weighted);
    const after = { table: await regionTable(page), sensitivity: await sensitivityTable(page) };
    expectTableEqualsApi(after.table, api);
    expectSensitivityEqualsApi(after.sensitivity, api);
    // Switched off: no sensitivity for it, and the view changed.
    expect(
      await page.getByTestId('index-empfindlichkeit').locator('tr[data-indicator="demo.kinderarmut"]').innerText(),
    ).toContain('ausgeschaltet');
    expect(after).not.toEqual(before);

    // The address alone restores the view in a fresh browser.
    const other = await (await e2e().newContext()).newPage();
    await other.goto(page.url());
    await waitForMap(other, readyKey(weighted));
    expect(await other.getByLabel('Gewicht: SGB-II-Quote').inputValue()).toBe('4');
    expect(await other.getByLabel('Gewicht: Kinderarmutsquote (SGB II, unter 15 Jahren)').inputValue()).toBe('0');
    expect(await regionTable(other)).toEqual(after.table);
    expect(await sensitivityTable(other)).toEqual(after.sensitivity);

    // A higher population floor: the small Gemeinden are hatched and explained in the legend.
    await other.getByLabel('Mindesteinwohnerzahl').fill('20000');
    await waitForMap(other, readyKey(weighted, 'public', 3, 20000));
    const query = new URLSearchParams({ level: 'gemeinde', period: PERIOD, components: weighted, span: '3', floor: '20000' });
    const floored = (await (
      await other.request.get(`/api/public/atlas/${TENANT}/composite-index?${query.toString()}`)
    ).json()) as IndexExploration;
    const below = floored.results.filter((r) => r.statusClass === null).length;
    expect(below).toBeGreaterThan(0);
    const hatched = other.getByTestId('index-legende').locator('li[data-class="unclassified"]');
    expect(Number(await hatched.getAttribute('data-count'))).toBe(below);
    expect(await hatched.innerText()).toContain('unter 20.000 Einwohner*innen');
    expectTableEqualsApi(await regionTable(other), floored);
    await context.close();
  });

  it('rechnet für Planer*innen über die Mitglieder-API, auch mit nicht veröffentlichten Indikatoren; anonym nicht', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, 'planung@musterland.example');
    expect(await setPublished(page, 'demo.geburtenrate', false)).toBe(200);
    try {
      const own = 'demo.sgb2_quote:1:worse,demo.geburtenrate:2:better';
      await openIndex(page, `?indikatoren=${own}&dynamik=2`);
      await waitForMap(page, readyKey(own, 'tenant', 2));
      expect(await page.getByLabel('Geburtenrate (nicht veröffentlicht)').isChecked()).toBe(true);
      expect(await page.getByLabel('Gewicht: Geburtenrate').inputValue()).toBe('2');
      expect(await page.getByLabel('Richtung: Geburtenrate').inputValue()).toBe('higher_is_better');
      expect(await page.getByTestId('index-empfindlichkeit').locator('tbody tr').count()).toBe(2);

      // Anonymous visitors neither see it nor get it computed.
      const visitor = await (await e2e().newContext()).newPage();
      await openIndex(visitor, `?indikatoren=${own}&dynamik=2`);
      await visitor.getByRole('alert').waitFor();
      expect(await visitor.getByRole('alert').innerText()).toBe(
        'Diesen Indikator gibt es nicht oder er ist nicht veröffentlicht.',
      );
      await openIndex(visitor);
      await waitForMap(visitor, readyKey());
      expect(await visitor.locator('fieldset.index-components label').allInnerTexts()).not.toContain('Geburtenrate');
    } finally {
      expect(await setPublished(page, 'demo.geburtenrate', true)).toBe(200);
    }
    await context.close();
  });

  it('hat keine axe-Verstöße bei 1280 und 360 px Breite (kein seitliches Scrollen)', async () => {
    const wide = await (await e2e().newContext()).newPage();
    await openIndex(wide);
    await waitForMap(wide, readyKey());
    await expectNoAxeViolations(wide, '/atlas/index');

    const context = await e2e().newContext({ width: 360, height: 740 });
    const page = await context.newPage();
    await openIndex(page);
    await waitForMap(page, readyKey());
    await expectNoAxeViolations(page, '/atlas/index (360 px)');
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 0.5 && !e.closest('.table-wrap'))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`);
    });
    expect(overflow).toEqual([]);
    await context.close();
  });
});
