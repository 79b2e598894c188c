import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hexToRgb, sequentialPalette } from '../../src/web/atlas/palette.ts';
import type { AtlasValues } from '../../src/web/atlas/types.ts';
import { setUpThuringiaAtlas, THURINGIA } from '../support/thuringia-atlas.ts';
import { expectNoAxeViolations, setupE2E } from './browser.ts';

const MAP = '[data-testid="atlas-karte"]';
const VIEW = `/atlas?${new URLSearchParams({
  kommune: THURINGIA.tenantKey,
  indikator: THURINGIA.indicatorKey,
  zeitraum: THURINGIA.period,
  ebene: 'gemeinde',
  klassifikation: 'quantile',
  klassen: '5',
}).toString()}`;
const READY = ['public', THURINGIA.tenantKey, THURINGIA.indicatorKey, THURINGIA.period, 'gemeinde', 'quantile', 5].join('|');

/**
 * Erfurt in the Destatis Gemeindeverzeichnis extract (../shared/data/statistics/destatis/
 * gv_auszug_q4_th_excel_export.csv, line `60,61,16,0,51,0000,000,"Erfurt, Stadt", 269.91, 213 981, 104 044, 109 937, …`):
 * 213,981 inhabitants on 31.12.2019, of whom 109,937 women.
 */
const ERFURT = { key: '16051000', name: 'Erfurt', population: 213_981, women: 109_937 };

/** A point (CSS pixels in the map canvas) inside `region`, with the same region 6 px around it, away from the zoom buttons. */
async function interiorPoint(page: Page, region: string): Promise<{ x: number; y: number } | null> {
  return page.locator(MAP).evaluate((element, key) => {
    interface TestMap {
      getCanvas(): HTMLCanvasElement;
      queryRenderedFeatures(point: [number, number], options: { layers: string[] }): { properties: Record<string, unknown> }[];
    }
    const map = (element as unknown as { maplibreMap: TestMap }).maplibreMap;
    const canvas = map.getCanvas();
    const at = (x: number, y: number) => map.queryRenderedFeatures([x, y], { layers: ['regions-fill'] })[0]?.properties.key;
    for (let y = 12; y < canvas.clientHeight - 12; y += 3)
      for (let x = 12; x < canvas.clientWidth - 12; x += 3) {
        if ((x > canvas.clientWidth - 70 && y < 90) || at(x, y) !== key) continue;
        const around: [number, number][] = [
          [x - 6, y],
          [x + 6, y],
          [x, y - 6],
          [x, y + 6],
        ];
        if (around.every(([ax, ay]) => at(ax, ay) === key)) return { x, y };
      }
    return null;
  }, region);
}

describe('Atlas mit echten Thüringer Daten (VG250-Gemeinden, Gemeindeverzeichnis)', () => {
  const e2e = setupE2E({ prepare: (app) => setUpThuringiaAtlas(app.database.db) });

  it('zeichnet die 631 Gemeinden, Erfurt in der Farbe seiner Klasse, Legende und Tabelle wie aus der Quelldatei', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await page.goto(VIEW);
    await page.locator(`${MAP}[data-ready="${READY}"]`).waitFor({ timeout: 60_000 });

    // Every Gemeinde with a boundary is on the map (the whole Land is in view).
    const drawn = await page.locator(MAP).evaluate((element) => {
      const map = (
        element as unknown as { maplibreMap: { querySourceFeatures(source: string): { properties: Record<string, unknown> }[] } }
      ).maplibreMap;
      return new Set(map.querySourceFeatures('regions').map((f) => f.properties.key)).size;
    });
    expect(drawn).toBe(THURINGIA.gemeinden);

    const response = await page.request.get(
      `/api/public/atlas/${THURINGIA.tenantKey}/values?${new URLSearchParams({
        indicator: THURINGIA.indicatorKey,
        period: THURINGIA.period,
        level: 'gemeinde',
        breaks: 'quantile:5',
      }).toString()}`,
    );
    const values = (await response.json()) as AtlasValues;
    const erfurt = values.rows.find((r) => r.region === ERFURT.key)!;
    // Women ÷ population × 100, by hand from the file: 109,937 ÷ 213,981 × 100 = 51.377 %.
    expect(erfurt.value).toBeCloseTo((ERFURT.women / ERFURT.population) * 100, 10);

    // The pixel inside Erfurt has the colour of Erfurt's class (MapLibre keeps no drawing buffer: read the PNG).
    const point = await interiorPoint(page, ERFURT.key);
    expect(point, 'kein Punkt innerhalb von Erfurt gefunden').not.toBeNull();
    const shot = PNG.sync.read(await page.locator(`${MAP} canvas`).screenshot());
    const i = (Math.round(point!.y) * shot.width + Math.round(point!.x)) * 4;
    const actual = [shot.data[i]!, shot.data[i + 1]!, shot.data[i + 2]!];
    const expected = hexToRgb(sequentialPalette(5)[erfurt.class!]!);
    for (let c = 0; c < 3; c++)
      expect(Math.abs(actual[c]! - expected[c]!), `Erfurt: ${actual.join(',')} ≠ ${expected.join(',')}`).toBeLessThanOrEqual(4);

    // The legend counts add up to the Gemeinden with a value: the 633 Gemeinden of the Gemeindeverzeichnis
    // (31.12.2019); the two Gemeinden formed later (16063105, 16065089) have none and are drawn hatched.
    const counts = await page
      .getByTestId('atlas-legende')
      .locator('li[data-count]:not([data-class="missing"])')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-count'))));
    const withValue = values.rows.filter((r) => r.value !== null).length;
    expect(withValue).toBe(633);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(withValue);
    expect(values.rows.some((r) => r.region === '16063105' || r.region === '16065089')).toBe(false);

    // Erfurt's row in the table: the value as computed by hand, in German format, and its class.
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: ERFURT.name, exact: true }) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[0]).toBe('51,38');
    expect(cells[1]).toBe(String(erfurt.class! + 1));

    // More than 500 rows: the table shows the first 500, a search and „Alle … zeigen“.
    const table = page.locator('.atlas-table-section');
    const total = values.rows.length;
    const scope = page.getByTestId('atlas-tabelle-umfang');
    expect(await scope.innerText()).toBe(
      `Gezeigt werden die ersten 500 von ${total} Gebieten. Suchen Sie ein Gebiet, zeigen Sie alle oder laden Sie die ganze Tabelle als CSV oder XLSX herunter.`,
    );
    expect(await table.locator('tbody tr').count()).toBe(500);
    await page.getByLabel('Gebiet suchen (Name oder Gebietsschlüssel)').fill('Bad');
    const spas = values.rows.filter((r) => (r.name ?? '').toLowerCase().includes('bad'));
    expect(spas.length).toBeGreaterThan(1);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(spas.length);
    expect(await scope.innerText()).toBe(`${spas.length} Gebiete gefunden.`);
    expect((await table.locator('tbody th').allInnerTexts()).sort()).toEqual(spas.map((r) => r.name!).sort());
    await page.getByLabel('Gebiet suchen (Name oder Gebietsschlüssel)').fill('16051000');
    await expect.poll(() => table.locator('tbody th').allInnerTexts()).toEqual([ERFURT.name]);
    await page.getByLabel('Gebiet suchen (Name oder Gebietsschlüssel)').fill('');
    await table.getByRole('button', { name: `Alle ${total} Gebiete zeigen` }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(total);

    await expectNoAxeViolations(page, '/atlas (Thüringen)');
    await context.close();
  });
});
