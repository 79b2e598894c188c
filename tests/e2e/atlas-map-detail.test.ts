import { describe, expect, it } from 'vitest';
import { setupE2E } from './browser.ts';

const MAP = '[data-testid="atlas-karte"]';
const VIEW = `/atlas?${new URLSearchParams({
  kommune: '99001',
  indikator: 'demo.kinderarmut',
  zeitraum: '2024-12-31',
  ebene: 'gemeinde',
  klassifikation: 'quantile',
  klassen: '5',
}).toString()}`;
const READY = ['public', '99001', 'demo.kinderarmut', '2024-12-31', 'gemeinde', 'quantile', 5].join('|');

interface TestMap {
  getZoom(): number;
  jumpTo(options: { zoom: number }): void;
  queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[];
}

describe('Atlas: boundaries in the detail the map shows', () => {
  const e2e = setupE2E();

  it('asks for the shapes of its size first and for finer ones after zooming in, keeping every Gemeinde', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    const shapes: { search: URLSearchParams; detail: number | null }[] = [];
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (!url.pathname.endsWith('/regions.geojson') || url.searchParams.get('level') !== 'gemeinde') return;
      const body = (await response.json().catch(() => null)) as { detail?: number | null } | null;
      shapes.push({ search: url.searchParams, detail: body?.detail ?? null });
    });
    await page.goto(VIEW);
    await page.locator(`${MAP}[data-ready="${READY}"]`).waitFor({ timeout: 60_000 });
    await expect.poll(() => shapes.length).toBeGreaterThan(0);
    const first = shapes[0]!;
    // The window is 1,280 px wide; the map 30rem = 480 px high (70vh = 630 px would be more).
    expect(first.search.get('fit')).toBe('1280x480');
    expect(first.search.get('zoom')).toBeNull();
    expect(first.detail).not.toBeNull();

    const drawn = () =>
      page.locator(MAP).evaluate((element) => {
        const map = (element as unknown as { maplibreMap: TestMap }).maplibreMap;
        return new Set(map.queryRenderedFeatures({ layers: ['regions-fill'] }).map((f) => f.properties.key)).size;
      });
    expect(await drawn()).toBe(14);

    // Zoomed in by more than the detail allows (MapLibre counts 512-px tiles): finer shapes are loaded.
    await page.locator(MAP).evaluate((element, detail) => {
      const map = (element as unknown as { maplibreMap: TestMap }).maplibreMap;
      map.jumpTo({ zoom: detail + 1 });
    }, first.detail!);
    await expect.poll(() => shapes.length, { timeout: 30_000 }).toBeGreaterThan(1);
    const finer = shapes[1]!;
    expect(Number(finer.search.get('zoom'))).toBeGreaterThan(first.detail!);
    expect(finer.detail === null || finer.detail > first.detail!).toBe(true);
    await page.locator(`${MAP}[data-ready="${READY}"]`).waitFor({ timeout: 60_000 });
    expect(await drawn()).toBeGreaterThan(0);
    await context.close();
  });
});
