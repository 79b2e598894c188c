import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

const TENANT = '99001';
const PLANNER = 'planung@musterland.example';
const TITLE = 'Standorte auf der Karte setzen';
const LIST = '[data-testid="verortung-liste"]';
const MAP = '[data-testid="verortung-karte"]';

interface ApiLocation {
  id: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  coordinateSource: string | null;
}

/** Calls the members' API with the page's session (CSRF token from the session). */
async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    { method, url, body },
  );
}

async function locationById(page: Page, id: string): Promise<ApiLocation> {
  const all = await api<ApiLocation[]>(page, 'GET', `/api/tenants/${TENANT}/service-locations`);
  const found = all.find((l) => l.id === id);
  if (!found) throw new Error(`Standort ${id} fehlt`);
  return found;
}

/** Creates a location without coordinates and a published, active service offered there. */
async function createUnplaced(page: Page, name: string, city: string, serviceName: string): Promise<string> {
  const location = await api<{ id: string }>(page, 'POST', `/api/tenants/${TENANT}/service-locations`, {
    name,
    latitude: null,
    longitude: null,
    address: { address1: 'Am Anger 5', city, postalCode: '99001', region: null, country: 'DE' },
  });
  await api(page, 'POST', `/api/tenants/${TENANT}/services`, {
    organizationId: 'demo-org-jugendring',
    name: serviceName,
    description: 'Fiktives Angebot des Browser-Tests.',
    status: 'active',
    published: true,
    locationIds: [location.id],
  });
  return location.id;
}

/** Presses Tab until the element with `id` has focus (at most `limit` times). */
async function tabTo(page: Page, id: string, limit = 15): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => document.activeElement?.id === wanted, id)) return;
  }
  throw new Error(`#${id} ist mit der Tabulatortaste nicht erreichbar`);
}

const item = (page: Page, id: string) => page.locator(`${LIST} [data-location-id="${id}"]`);

async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction((selector) => {
    const element = document.querySelector(selector) as (HTMLElement & { maplibreMap?: { loaded(): boolean } }) | null;
    return Boolean(element?.maplibreMap?.loaded() && element.dataset.ready);
  }, MAP);
}

describe('Standorte verorten (/angebote/verortung)', () => {
  const e2e = setupE2E();

  it('zeigt Mitgliedern ohne Schreibrecht einen Hinweis statt der Liste', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, 'anbieter@musterland.example');
    await page.goto('/angebote/verortung');
    await waitForHeading(page, TITLE);
    await expect
      .poll(() => page.getByTestId('verortung-keine-rechte').innerText())
      .toContain('nur Planer*innen und Administrator*innen');
    expect(await page.locator(LIST).count()).toBe(0);
    await expectNoAxeViolations(page, 'Verortung ohne Schreibrecht');
    await context.close();
  });

  it('setzt einen Standort per Tastatur mit deutschen Koordinaten und macht es per Tastatur rückgängig', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    const id = await createUnplaced(
      page,
      'E2E Jugendtreff ohne Koordinaten',
      'Lindenau am Musterbach',
      'E2E Offener Treff Lindenau',
    );

    await page.goto(`/angebote/verortung?kommune=${TENANT}`);
    await waitForHeading(page, TITLE);
    const entry = item(page, id);
    await entry.waitFor();
    expect(await entry.innerText()).toContain('ohne Koordinaten');
    expect(await entry.innerText()).toContain('Am Anger 5, 99001 Lindenau am Musterbach');
    expect(await entry.innerText()).toContain('E2E Offener Treff Lindenau');
    await waitForMap(page);
    await expectNoAxeViolations(page, 'Verortung (Liste)');

    // Keyboard only: the button of the entry opens the form, which takes focus.
    await entry.getByRole('button', { name: 'Auf der Karte setzen: E2E Jugendtreff ohne Koordinaten' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Position von „E2E Jugendtreff ohne Koordinaten“');
    // The Gemeinde of the address is preselected for the first approximation.
    expect(await page.getByLabel('Gemeinde (Mittelpunkt als erste Näherung)').inputValue()).not.toBe('');
    await waitForMap(page);
    await expectNoAxeViolations(page, 'Verortung (Formular)');

    // An invalid entry is named at the field.
    await tabTo(page, 'verortung-breite');
    await page.keyboard.type('51,12,34');
    await tabTo(page, 'verortung-laenge');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#verortung-breite-fehler').innerText())
      .toBe('Die Breite ist keine Zahl. Beispiel: 51,0123');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('verortung-breite');
    await expectNoAxeViolations(page, 'Verortung (Fehler)');

    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('51,1234');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10,4321');
    await expect.poll(() => page.locator(MAP).getAttribute('data-marker')).toBe('10.4321,51.1234');
    await page.keyboard.press('Enter');

    const outcome = page.getByTestId('verortung-ergebnis');
    await expect
      .poll(() => outcome.innerText())
      .toContain('Die Position von „E2E Jugendtreff ohne Koordinaten“ ist gespeichert: Breite 51,1234, Länge 10,4321.');
    await expect.poll(() => page.getByTestId('ansage').innerText()).toContain('ist gespeichert: Breite 51,1234, Länge 10,4321');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('verortung-ergebnis');
    expect(await entry.count()).toBe(0);
    const placed = await locationById(page, id);
    expect([placed.latitude, placed.longitude, placed.coordinateSource]).toEqual([51.1234, 10.4321, 'manual']);
    await expectNoAxeViolations(page, 'Verortung (gespeichert)');

    // „Rückgängig“ with the keyboard takes the point away again.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Rückgängig: Position von „E2E Jugendtreff ohne Koordinaten“',
    );
    await page.keyboard.press('Enter');
    await expect
      .poll(() => outcome.innerText())
      .toContain('Rückgängig gemacht: „E2E Jugendtreff ohne Koordinaten“ hat wieder keine Koordinaten.');
    await entry.waitFor();
    const cleared = await locationById(page, id);
    expect([cleared.latitude, cleared.longitude]).toEqual([null, null]);

    await context.close();
  });

  it('setzt einen Standort per Tastatur auf den Mittelpunkt seiner Gemeinde, und die Angebotslandkarte zeigt ihn', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    const id = await createUnplaced(page, 'E2E Treffpunkt ohne Koordinaten', 'Lindenau am Musterbach', 'E2E Offener Treff Anger');
    await page.goto(`/angebote/verortung?kommune=${TENANT}`);
    await waitForHeading(page, TITLE);
    const entry = item(page, id);
    const outcome = page.getByTestId('verortung-ergebnis');
    await entry.waitFor();

    await entry.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await tabTo(page, 'verortung-gemeinde');
    // The Gemeinde of the address is preselected.
    expect(await page.locator('#verortung-gemeinde option:checked').innerText()).toBe('Lindenau am Musterbach');
    await tabTo(page, 'verortung-breite');
    expect(await page.locator('#verortung-breite').inputValue()).toBe('');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    const latitude = await page.locator('#verortung-breite').inputValue();
    const longitude = await page.locator('#verortung-laenge').inputValue();
    expect(latitude).toMatch(/^5\d,\d+$/);
    expect(longitude).toMatch(/^1\d,\d+$/);
    expect(await page.getByTestId('verortung-ausserhalb').count()).toBe(0);
    await tabTo(page, 'verortung-breite');
    await page.keyboard.press('Enter');
    await expect.poll(() => outcome.innerText()).toContain(`ist gespeichert: Breite ${latitude}, Länge ${longitude}.`);
    const again = await locationById(page, id);
    expect(again.latitude).toBeCloseTo(Number(latitude.replace(',', '.')), 9);
    expect(again.longitude).toBeCloseTo(Number(longitude.replace(',', '.')), 9);

    // The service there is published and active: the public map shows it with its point.
    await page.goto(`/angebote?kommune=${TENANT}&suche=${encodeURIComponent('E2E Offener Treff Anger')}`);
    const publicItem = page.locator('[data-testid="angebote-liste"] li', { hasText: 'E2E Offener Treff Anger' });
    await publicItem.getByRole('button', { name: 'Auf der Karte zeigen: E2E Offener Treff Anger' }).waitFor();
    await expect.poll(() => page.locator('[data-testid="angebote-karte"]').getAttribute('data-point-count')).toBe('1');
    await context.close();
  });

  it('setzt einen Standort mit einem Klick auf die Karte und korrigiert eine Position unter „alle Standorte“', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    const id = await createUnplaced(page, 'E2E Beratungsstelle ohne Koordinaten', 'Beispielheim', 'E2E Beratung Beispielheim');

    await page.goto(`/angebote/verortung?kommune=${TENANT}`);
    await waitForHeading(page, TITLE);
    await item(page, id).getByRole('button', { name: 'Auf der Karte setzen: E2E Beratungsstelle ohne Koordinaten' }).click();
    await waitForMap(page);

    // Click near the middle of the map; the expected point is the map's reading of the clicked pixel,
    // within two pixels (the page may place the canvas at a fractional offset).
    const canvas = page.locator(`${MAP} canvas`);
    const box = (await canvas.boundingBox())!;
    const x = Math.round(box.width * 0.45);
    const y = Math.round(box.height * 0.55);
    const read = () =>
      page.evaluate(
        ({ selector, x, y }) => {
          const element = document.querySelector(selector) as HTMLElement & {
            maplibreMap: { unproject(p: [number, number]): { lng: number; lat: number } };
          };
          const p = element.maplibreMap.unproject([x, y]);
          const q = element.maplibreMap.unproject([x + 2, y + 2]);
          return { longitude: p.lng, latitude: p.lat, tolerance: Math.max(Math.abs(q.lng - p.lng), Math.abs(q.lat - p.lat)) };
        },
        { selector: MAP, x, y },
      );
    await canvas.click({ position: { x, y } });
    const expected = await read();
    await expect.poll(() => page.locator('#verortung-breite').inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Position speichern' }).click();
    const outcome = page.getByTestId('verortung-ergebnis');
    await expect
      .poll(() => outcome.innerText())
      .toContain('Die Position von „E2E Beratungsstelle ohne Koordinaten“ ist gespeichert');
    const clicked = await locationById(page, id);
    expect(expected.tolerance).toBeLessThan(0.005);
    expect(Math.abs(clicked.latitude! - expected.latitude)).toBeLessThan(expected.tolerance);
    expect(Math.abs(clicked.longitude! - expected.longitude)).toBeLessThan(expected.tolerance);
    expect(clicked.coordinateSource).toBe('manual');
    expect(await item(page, id).count()).toBe(0);

    // Correcting: „alle Standorte“ lists placed locations with their position.
    await page.getByLabel(/^alle Standorte/).check();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Alle Standorte' }).count()).toBe(1);
    await page.getByLabel('Standort suchen').fill('Beratung Beispielheim');
    await expect.poll(() => page.getByTestId('verortung-anzahl').innerText()).toBe('1 Standort');
    await expectNoAxeViolations(page, 'Verortung (alle Standorte)');
    await item(page, id).getByRole('button', { name: 'Position ändern: E2E Beratungsstelle ohne Koordinaten' }).click();
    await page.getByLabel('Breite', { exact: true }).fill('51.2, 10.3');
    expect(await page.getByLabel('Länge', { exact: true }).inputValue()).toBe('10,3');
    expect(await page.getByLabel('Breite', { exact: true }).inputValue()).toBe('51,2');
    await page.getByRole('button', { name: 'Position speichern' }).click();
    await expect.poll(() => outcome.innerText()).toContain('ist gespeichert: Breite 51,2, Länge 10,3.');
    expect(await item(page, id).innerText()).toContain('Breite 51,2, Länge 10,3 (von Hand gesetzt)');
    const moved = await locationById(page, id);
    expect([moved.latitude, moved.longitude]).toEqual([51.2, 10.3]);

    // Undo brings the clicked point back.
    await outcome.getByRole('button', { name: 'Rückgängig: Position von „E2E Beratungsstelle ohne Koordinaten“' }).click();
    await expect
      .poll(() => outcome.innerText())
      .toContain('Rückgängig gemacht: „E2E Beratungsstelle ohne Koordinaten“ steht wieder bei');
    const restored = await locationById(page, id);
    expect([restored.latitude, restored.longitude]).toEqual([clicked.latitude, clicked.longitude]);
    await context.close();
  });
});
