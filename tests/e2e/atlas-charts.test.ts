import fs from 'node:fs';
import { PNG } from 'pngjs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SELECTED_COLOUR, BAR_COLOUR } from '../../src/web/atlas/charts/colours.ts';
import type { AtlasTimeSeries } from '../../src/web/atlas/charts/types.ts';
import { formatValue } from '../../src/web/atlas/format.ts';
import { hexToRgb } from '../../src/web/atlas/palette.ts';
import type { AtlasValues } from '../../src/web/atlas/types.ts';
import { TestClient } from '../support/http-client.ts';
import { importTableViaUpload } from '../support/table-import.ts';
import { DEMO_PASSWORD, expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

const TENANT = '99001';
const INDICATOR = 'demo.kinderarmut';
const INDICATOR_LABEL = 'Kinderarmutsquote (SGB II, unter 15 Jahren)';
const PERIOD = '2024-12-31';
const TIME_SERIES = '[data-testid="atlas-zeitreihe-diagramm"]';
const RANKING = '[data-testid="atlas-rangfolge-diagramm"]';
const SCATTER = '[data-testid="atlas-streuung-diagramm"]';

/** Opens /atlas with Kinderarmutsquote, 31.12.2024, Gemeinden, optionally with a region selected, and waits for the ranking chart. */
async function openAtlas(page: Page, region?: string): Promise<void> {
  const query = new URLSearchParams({ kommune: TENANT, indikator: INDICATOR, zeitraum: PERIOD, ebene: 'gemeinde' });
  if (region) query.set('gebiet', region);
  await page.goto(`/atlas?${query.toString()}`);
  await waitForHeading(page, 'Atlas');
  // Charts draw when they come near the viewport.
  await page.locator(RANKING).scrollIntoViewIfNeeded();
  await page.locator(`${RANKING}[data-rendered]`).waitFor({ timeout: 60_000 });
}

async function publicValues(page: Page, indicator = INDICATOR): Promise<AtlasValues> {
  const query = new URLSearchParams({ indicator, period: PERIOD, level: 'gemeinde' });
  const response = await page.request.get(`/api/public/atlas/${TENANT}/values?${query.toString()}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as AtlasValues;
}

/** The rendered chart whose `data-rendered` key contains `part` (the SVG of that view is in the page). */
async function waitForChart(page: Page, selector: string, part: string): Promise<Locator> {
  const chart = page.locator(`${selector}[data-rendered*="${part}"]`);
  await page.locator(selector).scrollIntoViewIfNeeded();
  await chart.waitFor({ timeout: 30_000 });
  return chart;
}

/** Opens the data table of a chart section. */
async function openTable(page: Page, section: string): Promise<void> {
  const details = page.getByTestId(section).locator('details');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  // The table is built when the details open.
  await details.locator('.table-wrap table').waitFor();
}

/** Downloads an export of a chart section by its button label and returns the file's bytes. */
async function download(page: Page, section: string, label: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(section).getByRole('button', { name: label, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

/** Whether a PNG has at least `min` pixels within 6 of an RGB colour. */
function countColour(png: PNG, hex: string): number {
  const [r, g, b] = hexToRgb(hex);
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4)
    if (Math.abs(png.data[i]! - r) <= 6 && Math.abs(png.data[i + 1]! - g) <= 6 && Math.abs(png.data[i + 2]! - b) <= 6) n++;
  return n;
}

describe('Atlas: Zeitreihe, Rangfolge und Streudiagramm', () => {
  const e2e = setupE2E();

  it('zeigt die Zeitreihe des gewählten Gebiets und des Kreises mit den Werten der API und dem Gebietsstand', async () => {
    const page = await (await e2e().newContext()).newPage();
    const values = await publicValues(page);
    const region = values.rows.find((r) => r.region === '99001016')!;
    await openAtlas(page, region.region);
    await waitForChart(page, TIME_SERIES, region.region);

    const query = new URLSearchParams({ indicator: INDICATOR, level: 'gemeinde', regions: region.region });
    const api = (await (
      await page.request.get(`/api/public/atlas/${TENANT}/time-series?${query.toString()}`)
    ).json()) as AtlasTimeSeries;
    expect(api.series.map((s) => s.region)).toEqual([region.region, TENANT]);
    const section = page.getByTestId('atlas-zeitreihe');
    expect(await section.innerText()).toContain('Gebietsstand: 31.12.2024');
    await openTable(page, 'atlas-zeitreihe');
    const table = page.getByTestId('atlas-zeitreihe-tabelle');
    const headers = await table.locator('thead th').allInnerTexts();
    expect(headers).toEqual(['Zeitraum', region.name, 'Landkreis Musterland (gesamt)']);
    expect(await table.locator('tbody tr').count()).toBe(9);
    for (const s of api.series)
      for (const p of s.points) {
        const cell = table.locator(`td[data-region="${s.region}"][data-period="${p.period}"]`);
        expect(await cell.innerText(), `${s.region} ${p.period}`).toBe(formatValue(p.value!, 'de'));
      }
    // One line per series and a dot per value in the chart.
    const svg = page.locator(`${TIME_SERIES} svg`);
    expect(await svg.getAttribute('aria-label')).toContain('Zeitreihe: Kinderarmutsquote');
    expect(await svg.locator('g[data-mark="line"] path').count()).toBe(2);
    expect(await svg.locator(`circle[data-series="${region.region}"]`).count()).toBe(9);
    expect(await svg.locator(`circle[data-series="${TENANT}"]`).count()).toBe(9);
    const first = api.series[0]!.points[0]!.value!;
    const last = api.series[0]!.points.at(-1)!.value!;
    const verb = last > first ? 'gestiegen' : last < first ? 'gesunken' : 'unverändert';
    expect(await page.getByTestId('atlas-zeitreihe-zusammenfassung').innerText()).toContain(
      `${region.name}: ${verb} von ${formatValue(first, 'de')} % (31.12.2016) auf ${formatValue(last, 'de')} % (31.12.2024).`,
    );

    // A second region joins the chart (its own line, the same Kreis).
    const other = values.rows.find((r) => r.region === '99001001')!;
    await page.getByLabel('Gebiet zur Zeitreihe hinzufügen').selectOption({ label: other.name! });
    await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
    await waitForChart(page, TIME_SERIES, `${region.region},${other.region}`);
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      'Zeitraum',
      region.name,
      other.name,
      'Landkreis Musterland (gesamt)',
    ]);
    expect(await page.locator(`${TIME_SERIES} svg g[data-mark="line"] path`).count()).toBe(3);
  });

  it('liest für Planer*innen die Zeitreihe über die API ihrer Gebietskörperschaft', async () => {
    const page = await (await e2e().newContext()).newPage();
    await logIn(page, 'planung@musterland.example');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/tenants/${TENANT}/atlas/time-series?`)),
      openAtlas(page, '99001001'),
    ]);
    expect(response.status()).toBe(200);
    const api = (await response.json()) as AtlasTimeSeries;
    await waitForChart(page, TIME_SERIES, '99001001');
    await openTable(page, 'atlas-zeitreihe');
    const last = api.series[0]!.points.at(-1)!;
    expect(
      await page
        .getByTestId('atlas-zeitreihe-tabelle')
        .locator(`td[data-region="99001001"][data-period="${last.period}"]`)
        .innerText(),
    ).toBe(formatValue(last.value!, 'de'));
  });

  it('ordnet die Balken wie die sortierten Werte; Klick und Tastatur wählen ein Gebiet für Karte und Tabelle', async () => {
    const page = await (await e2e().newContext()).newPage();
    await openAtlas(page);
    const values = await publicValues(page);
    const expected = values.rows
      .filter((r) => r.value !== null)
      .sort((a, b) => b.value! - a.value! || a.name!.localeCompare(b.name!, 'de'))
      .map((r) => r.region);
    const bars = page.locator(`${RANKING} rect[data-region]`);
    const shown = await bars.evaluateAll((rects) =>
      rects
        .map((r) => ({ region: r.getAttribute('data-region')!, y: Number(r.getAttribute('y')) }))
        .sort((a, b) => a.y - b.y)
        .map((r) => r.region),
    );
    expect(shown).toEqual(expected);

    // Click the fourth bar: the map's selection text, the address and the table follow.
    const target = values.rows.find((r) => r.region === expected[3])!;
    await page.locator(`${RANKING} rect[data-region="${target.region}"]`).scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(500);
    await page.locator(`${RANKING} rect[data-region="${target.region}"]`).click();
    await page.locator('.atlas-selection').getByText(target.name!).waitFor();
    // The reader stays where the chart is (the page does not jump to its top).
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 40, scrolled, { timeout: 2000 });
    expect(new URL(page.url()).searchParams.get('gebiet')).toBe(target.region);
    await waitForChart(page, RANKING, `|${target.region}`);
    expect(await page.locator(`${RANKING} rect[data-region="${target.region}"]`).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator(`${RANKING} rect[data-region="${target.region}"]`).getAttribute('fill')).toBe(SELECTED_COLOUR);
    expect(
      await page
        .locator('.atlas-table-section')
        .getByRole('button', { name: target.name!, exact: true })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await page.getByTestId('atlas-rangfolge-zusammenfassung').innerText()).toContain(
      `${target.name} steht auf Rang 4 von`,
    );

    // Keyboard: the selected bar holds the tab stop; arrow down and Enter select the next one.
    await page.locator(`${RANKING} rect[data-region="${target.region}"]`).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const next = values.rows.find((r) => r.region === expected[4])!;
    await page.locator('.atlas-selection').getByText(next.name!).waitFor();
    await waitForChart(page, RANKING, `|${next.region}`);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-region'))).toBe(next.region);
    // The time series follows the selection.
    await waitForChart(page, TIME_SERIES, next.region);
  });

  it('lässt im Streudiagramm gesperrte und fehlende Werte aus und nennt die Gebiete', async () => {
    const planner = new TestClient(e2e().app.app);
    await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
    const csv = [
      'ags;stichtag;faelle;einwohner',
      '99001001;2024-12-31;2;800',
      '99001002;2024-12-31;7;900',
      '99001003;2024-12-31;15;1000',
      '99001004;2024-12-31;40;1200',
    ].join('\n');
    const mapping = {
      keyColumn: 'ags',
      periodColumn: 'stichtag',
      variables: [
        { column: 'faelle', key: 'e2e.faelle', label: 'Fälle', unit: 'Anzahl', additive: true },
        { column: 'einwohner', key: 'e2e.einwohner', label: 'Einwohner', unit: 'Anzahl', additive: true },
      ],
    };
    const imported = await importTableViaUpload(planner, TENANT, 'faelle.csv', csv, mapping);
    expect(imported.status, imported.body).toBe('completed');
    const defined = await planner.request('PUT', `/api/tenants/${TENANT}/atlas/indicators/e2e.faelle_je_1000`, {
      body: {
        label: 'Fälle je 1.000 Einwohner (Test)',
        unit: 'je 1.000',
        formula: { kind: 'ratio', numerator: 'e2e.faelle', denominator: 'e2e.einwohner', factor: 1000 },
        polarity: 'higher_is_worse',
        lifeDomain: 'teilhabe',
        published: true,
      },
    });
    expect(defined.statusCode, defined.body).toBe(200);

    const page = await (await e2e().newContext()).newPage();
    await openAtlas(page);
    await page.getByLabel('Vergleichen mit (senkrechte Achse)').selectOption({ label: 'Fälle je 1.000 Einwohner (Test)' });
    const chart = await waitForChart(page, SCATTER, 'e2e.faelle_je_1000');
    const second = await publicValues(page, 'e2e.faelle_je_1000');
    expect(second.rows.find((r) => r.region === '99001001')).toMatchObject({ value: null, flag: 'suppressed' });
    const dots = await chart.locator('circle[data-region]').evaluateAll((c) => c.map((e) => e.getAttribute('data-region')));
    expect(dots.sort()).toEqual(['99001003', '99001004']);
    const omitted = page.getByTestId('atlas-streuung-ausgelassen');
    expect(await omitted.innerText()).toMatch(/Nicht dargestellt \(12 Gebiete\)/);
    const suppressed = await omitted.locator('li[data-region="99001001"]').innerText();
    expect(suppressed).toMatch(/Fälle je 1\.000 Einwohner \(Test\): [^;]*Geheimhaltung/);
    expect(await omitted.locator('li[data-region="99001002"]').innerText()).toContain('Geheimhaltung');
    expect(await page.getByTestId('atlas-streuung-zusammenfassung').innerText()).toContain('12 Gebiete sind nicht dargestellt');
    await openTable(page, 'atlas-streuung');
    const rows = await page.getByTestId('atlas-streuung-tabelle').locator('tbody th').allInnerTexts();
    expect(rows).toHaveLength(2);
  });

  it('exportiert Diagramme als SVG (Titel, Quelle, ein Balken je Gebiet) und PNG', async () => {
    const page = await (await e2e().newContext()).newPage();
    await openAtlas(page, '99001001');
    const values = await publicValues(page);
    const valued = values.rows.filter((r) => r.value !== null);

    const svg = await download(page, 'atlas-rangfolge', 'Als SVG herunterladen');
    expect(svg.name).toBe('rangfolge_demo_kinderarmut_2024-12-31_gemeinde.svg');
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text).toContain(`<title>Rangfolge: ${INDICATOR_LABEL}</title>`);
    expect(text).toContain('Quelle: Fiktive Demo-Daten „Landkreis Musterland“');
    const marks = [...text.matchAll(/<rect [^>]*data-region="(\d+)"/g)].map((m) => m[1]);
    expect(marks.sort()).toEqual(valued.map((r) => r.region).sort());
    expect(text).not.toContain('<style');
    expect(text).toMatch(/data-region="99001001"[^>]*style="[^"]*fill: ?rgb\(194, 65, 12\)/);
    // The document is well-formed SVG for the browser's XML parser.
    const errors = await page.evaluate(
      (source) => new DOMParser().parseFromString(source, 'image/svg+xml').getElementsByTagName('parsererror').length,
      text,
    );
    expect(errors).toBe(0);

    const png = await download(page, 'atlas-rangfolge', 'Als PNG herunterladen');
    expect(png.name).toBe('rangfolge_demo_kinderarmut_2024-12-31_gemeinde.png');
    const image = PNG.sync.read(png.bytes);
    const width = Number(/width="(\d+)"/.exec(text)![1]);
    expect(image.width).toBe(width * 2);
    expect(countColour(image, BAR_COLOUR)).toBeGreaterThan(1000);
    expect(countColour(image, SELECTED_COLOUR)).toBeGreaterThan(100);

    await waitForChart(page, TIME_SERIES, '99001001');
    const series = await download(page, 'atlas-zeitreihe', 'Als SVG herunterladen');
    const seriesText = series.bytes.toString('utf8');
    expect(seriesText).toContain(`<title>Zeitreihe: ${INDICATOR_LABEL}</title>`);
    expect(seriesText).toContain('Landkreis Musterland (gesamt)');
    expect(seriesText).toContain('Gebietsstand: 31.12.2024');
    const seriesPng = PNG.sync.read((await download(page, 'atlas-zeitreihe', 'Als PNG herunterladen')).bytes);
    expect(countColour(seriesPng, '#0072b2')).toBeGreaterThan(100);
  });

  it('hat keine axe-Verstöße mit geöffneten Tabellen, bei 1280 und 360 px Breite (kein seitliches Scrollen)', async () => {
    for (const width of [1280, 360]) {
      const page = await (await e2e().newContext({ width, height: 800 })).newPage();
      await openAtlas(page, '99001001');
      await waitForChart(page, TIME_SERIES, '99001001');
      await page.locator(SCATTER).scrollIntoViewIfNeeded();
      await page.locator(`${SCATTER}[data-rendered]`).waitFor();
      for (const section of ['atlas-zeitreihe', 'atlas-rangfolge', 'atlas-streuung']) await openTable(page, section);
      await expectNoAxeViolations(page, `/atlas mit Diagrammen (${width} px)`);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth),
        `${width} px`,
      ).toBe(false);
      const box = (await page.locator(`${RANKING} svg`).boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(width);
    }
  });
});
