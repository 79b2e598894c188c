import fs from 'node:fs';
import path from 'node:path';
import { request as httpRequest, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import type { PublicServiceEntry, ServiceSearchResult } from '../../src/web/services/types.ts';
import { createTestApp, DEMO_PASSWORD, listen, type TestApp } from '../support/server.ts';
import { expectNoAxeViolations, launchBrowser, waitForHeading } from './browser.ts';

const TENANT = '99001';
/** Tuesday, 24 November 2026, 10:30 in Berlin: server and browser clocks are pinned to it. */
const PINNED = new Date('2026-11-24T09:30:00Z');
const LIST = '[data-testid="angebote-liste"]';
const MAP = '[data-testid="angebote-karte"]';

/** The fictional services this file creates through the members' API (names start with „E2E“). */
const NAMES = {
  jugendtreff: 'E2E Jugendtreff Lindenau',
  beratung: 'E2E Familienberatung Musterstadt',
  senioren: 'E2E Seniorentreff Talsee',
  tagespflege: 'E2E Kindertagespflege Sonnenschein',
  ohneOrt: 'E2E Telefonberatung für Jugendliche',
  entwurf: 'E2E Jugendclub (nicht veröffentlicht)',
  inaktiv: 'E2E Jugendberatung (inaktiv)',
  archiviert: 'E2E Schülercafé (archiviert)',
};
const HIDDEN = [NAMES.entwurf, NAMES.inaktiv, NAMES.archiviert];

const weekly = (byday: string[], opensAt: string, closesAt: string) => ({
  freq: 'WEEKLY',
  interval: 1,
  byday,
  bymonthday: [],
  dtstart: '2026-01-05',
  until: null,
  validFrom: '2026-01-01',
  validTo: null,
  opensAt,
  closesAt,
  description: 'Nicht an Feiertagen',
});
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];

let app: TestApp;
let baseUrl: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const ids: Record<string, string> = {};

/** Signs in the demo planner in an API context and returns a POST helper with the CSRF token. */
async function plannerApi(api: APIRequestContext) {
  const anonymous = (await (await api.get('/api/session')).json()) as { csrfToken: string };
  const login = await api.post('/api/session/login', {
    headers: { 'x-csrf-token': anonymous.csrfToken },
    data: { email: 'planung@musterland.example', password: DEMO_PASSWORD },
  });
  expect(login.status()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(url: string, data: unknown): Promise<T> => {
    const response = await api.post(url, { headers: { 'x-csrf-token': csrfToken }, data: data as Record<string, unknown> });
    expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
    return (await response.json()) as T;
  };
}

/** Creates the fictional services of this file: five public ones and three that must never be public. */
async function createServices(): Promise<void> {
  const api = await httpRequest.newContext({ baseURL: baseUrl });
  try {
    const post = await plannerApi(api);
    const base = `/api/tenants/${TENANT}`;
    const verein = await post<{ id: string }>(`${base}/service-organizations`, {
      name: 'E2E Jugend- und Familienhilfe Musterland e. V.',
      website: 'https://jfh-musterland.example',
      email: 'info@jfh-musterland.example',
    });
    const person = await post<{ id: string }>(`${base}/service-organizations`, {
      name: 'E2E Tagesmutter Beispiel',
      email: 'privat@tagesmutter.example',
      privatePerson: true,
    });
    const place = (name: string, street: string, city: string, longitude: number | null, latitude: number | null) =>
      post<{ id: string }>(`${base}/service-locations`, {
        name,
        longitude,
        latitude,
        address: { address1: street, city, postalCode: '99001', region: null, country: 'DE' },
        accessibility: [{ description: 'Stufenloser Zugang', details: 'Rampe am Seiteneingang', url: null }],
      });
    const lindenau = await place('Jugendhaus Lindenau', 'Bachweg 2', 'Lindenau am Musterbach', 10.26, 51.1);
    const musterstadt = await place('Beratungszentrum', 'Marktplatz 1', 'Musterstadt', 10.33, 51.21);
    const talsee = await place('Bürgerhaus Talsee', 'Seestraße 9', 'Talsee', 10.61, 51.17);
    const wohnung = await place('Wohnung der Tagesmutter', 'Gartenweg 4', 'Beispielheim', 10.3412, 51.3198);
    const service = async (key: string, body: Record<string, unknown>) => {
      const saved = await post<{ service: { id: string } }>(`${base}/services`, { published: true, ...body });
      ids[key] = saved.service.id;
    };
    await service('jugendtreff', {
      organizationId: verein.id,
      name: NAMES.jugendtreff,
      description: 'Offener Treff mit Billard, Musikraum und Hausaufgabenhilfe.',
      minimumAge: 12,
      maximumAge: 17,
      termKeys: ['zielgruppe.jugendliche', 'lebenslage.teilhabe'],
      schedules: [weekly(WEEKDAYS, '14:00', '20:00')],
      locationIds: [lindenau.id],
    });
    await service('beratung', {
      organizationId: verein.id,
      name: NAMES.beratung,
      description: 'Beratung für Familien in allen Lebenslagen.',
      email: 'beratung@jfh-musterland.example',
      termKeys: ['zielgruppe.familien', 'lebenslage.demografie'],
      schedules: [weekly(WEEKDAYS, '08:00', '16:00')],
      phones: [{ number: '03601 123456', type: null, description: null }],
      costOptions: [{ option: 'Kursgebühr', amount: 12.5, currency: 'EUR', amountDescription: 'je Kurs' }],
      languages: [
        { name: 'Deutsch', code: 'de', note: null },
        { name: 'Arabisch', code: 'ar', note: 'dienstags' },
      ],
      locationIds: [musterstadt.id],
    });
    await service('senioren', {
      organizationId: verein.id,
      name: NAMES.senioren,
      minimumAge: 65,
      termKeys: ['zielgruppe.senioren', 'lebenslage.teilhabe'],
      schedules: [weekly(['TU'], '09:00', '12:00')],
      locationIds: [talsee.id],
    });
    await service('tagespflege', {
      organizationId: person.id,
      name: NAMES.tagespflege,
      email: 'privat@tagesmutter.example',
      phones: [{ number: '0170 0000000', type: null, description: null }],
      minimumAge: 1,
      maximumAge: 3,
      termKeys: ['zielgruppe.kinder_0_6', 'lebenslage.bildung'],
      schedules: [weekly(WEEKDAYS, '07:00', '15:00')],
      locationIds: [wohnung.id],
    });
    await service('ohneOrt', {
      organizationId: verein.id,
      name: NAMES.ohneOrt,
      termKeys: ['zielgruppe.jugendliche'],
      locationIds: [],
    });
    await service('entwurf', {
      organizationId: verein.id,
      name: NAMES.entwurf,
      published: false,
      termKeys: ['zielgruppe.jugendliche'],
      locationIds: [lindenau.id],
    });
    await service('inaktiv', {
      organizationId: verein.id,
      name: NAMES.inaktiv,
      status: 'inactive',
      termKeys: ['zielgruppe.jugendliche'],
      locationIds: [lindenau.id],
    });
    await service('archiviert', {
      organizationId: verein.id,
      name: NAMES.archiviert,
      termKeys: ['zielgruppe.jugendliche'],
      locationIds: [lindenau.id],
    });
    await post(`${base}/services/${ids.archiviert}/archive`, {});
  } finally {
    await api.dispose();
  }
}

beforeAll(async () => {
  // The server's clock is pinned so that „jetzt geöffnet“ has a known answer.
  const webDir = process.env.PLANWERK_WEB_DIR;
  app = await createTestApp('pglite', { clock: fixedClock(PINNED), env: webDir ? { PLANWERK_WEB_DIR: webDir } : {} });
  const indexFile = path.join(app.ctx.config.webDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`Die Browser-Oberfläche ist nicht gebaut (${indexFile} fehlt). Bitte zuerst npm run build:web ausführen.`);
  }
  baseUrl = await listen(app.app);
  browser = await launchBrowser();
  await createServices();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await app?.close();
});

/** A fresh browser context whose clock shows the pinned time. */
async function newPage(width = 1280, height = 900): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width, height },
  });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  await context.clock.setFixedTime(PINNED);
  return context.newPage();
}

/** The public API's answer for a query (as anonymous visitors get it). */
async function publicSearch(page: Page, query = ''): Promise<PublicServiceEntry[]> {
  const response = await page.request.get(`/api/public/services/${TENANT}${query ? `?${query}` : ''}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as ServiceSearchResult).services;
}

const located = (services: readonly PublicServiceEntry[]) =>
  services.flatMap((s) => s.locations).filter((l) => l.latitude !== null && l.longitude !== null).length;

async function listNames(page: Page): Promise<string[]> {
  return page.locator(`${LIST} > li h3`).allInnerTexts();
}

/** Waits until list and map show the answer for the address (list count and the map's drawn points). */
async function waitForResult(page: Page, expected: readonly PublicServiceEntry[]): Promise<void> {
  await page.locator(`[data-testid="angebote-anzahl"][data-current="true"]`).waitFor();
  await expect.poll(() => page.locator(LIST).getAttribute('data-count')).toBe(String(expected.length));
  await expect
    .poll(() => page.locator(MAP).getAttribute('data-point-count'), { timeout: 60_000 })
    .toBe(String(located(expected)));
  await page.locator(`${MAP}[data-ready]`).waitFor({ timeout: 60_000 });
}

async function openMap(page: Page, query = `kommune=${TENANT}`): Promise<void> {
  await page.goto(`/angebote?${query}`);
  await waitForHeading(page, 'Angebote');
}

describe('Angebotslandkarte (/angebote, anonym)', () => {
  it('shows exactly the published active services of the public API in list and map, never hidden ones', async () => {
    const page = await newPage();
    const missingImages: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('could not be loaded')) missingImages.push(message.text());
    });
    const all = await publicSearch(page);
    const apiNames = all.map((s) => s.name);
    for (const name of HIDDEN) expect(apiNames).not.toContain(name);
    expect(apiNames).toEqual(expect.arrayContaining([NAMES.jugendtreff, NAMES.beratung, NAMES.senioren, NAMES.tagespflege]));

    await openMap(page);
    await waitForResult(page, all);
    expect((await listNames(page)).sort()).toEqual([...apiNames].sort());
    for (const name of HIDDEN) await expect.poll(() => page.getByText(name).count()).toBe(0);
    expect(await page.getByTestId('angebote-anzahl').innerText()).toBe(`${all.length} Angebote gefunden`);

    // The list entry carries Träger, address, Zielgruppen, today's hours and the date of the check.
    const entry = page.locator(`${LIST} > li`, { has: page.getByRole('link', { name: NAMES.beratung }) });
    const text = await entry.innerText();
    expect(text).toContain('E2E Jugend- und Familienhilfe Musterland e. V.');
    expect(text).toContain('Marktplatz 1, 99001 Musterstadt');
    expect(text).toContain('Familien');
    expect(text).toContain('Heute geöffnet bis 16:00');
    expect(text).toContain('Zuletzt geprüft am 24.11.2026');
    const treff = await page.locator(`${LIST} > li`, { has: page.getByRole('link', { name: NAMES.jugendtreff }) }).innerText();
    expect(treff).toContain('Heute geöffnet von 14:00 bis 20:00');
    // Zoomed out, the points are drawn as clusters with their number; clusters and single points add up to all points.
    const drawn = await page.locator(MAP).evaluate(async (element) => {
      interface Rendered {
        layer: { id: string };
        properties: Record<string, unknown>;
      }
      interface TestMap {
        jumpTo(options: { zoom: number }): void;
        once(event: string, callback: () => void): void;
        triggerRepaint(): void;
        hasImage(id: string): boolean;
        queryRenderedFeatures(options: { layers: string[] }): Rendered[];
      }
      const map = (element as unknown as { maplibreMap: TestMap }).maplibreMap;
      map.jumpTo({ zoom: 7 });
      await new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      });
      const features = map.queryRenderedFeatures({ layers: ['service-clusters', 'service-points'] });
      const clusters = features.filter((f) => f.layer.id === 'service-clusters').map((f) => Number(f.properties.point_count));
      return {
        clusters,
        singles: features.filter((f) => f.layer.id === 'service-points').length,
        images: clusters.every((n) => map.hasImage(`cluster-${n}`)),
      };
    });
    expect(drawn.clusters.length).toBeGreaterThan(0);
    expect(drawn.images).toBe(true);
    expect(drawn.clusters.reduce((a, b) => a + b, 0) + drawn.singles).toBe(located(all));
    expect(missingImages).toEqual([]);
  });

  it('filters by Zielgruppe like the API, keeps the filter in the address and steps back and forward', async () => {
    const page = await newPage();
    const all = await publicSearch(page);
    const youth = await publicSearch(page, 'terms=zielgruppe.jugendliche');
    expect(youth.length).toBeGreaterThan(0);
    expect(youth.length).toBeLessThan(all.length);
    await openMap(page);
    await waitForResult(page, all);

    await page.getByLabel('Zielgruppe').selectOption({ label: 'Jugendliche (14–17 Jahre)' });
    await waitForResult(page, youth);
    expect(new URL(page.url()).searchParams.get('zielgruppe')).toBe('jugendliche');
    expect((await listNames(page)).sort()).toEqual(youth.map((s) => s.name).sort());
    expect(await listNames(page)).toContain(NAMES.ohneOrt);
    expect(await listNames(page)).not.toContain(NAMES.beratung);
    for (const name of HIDDEN) expect(await listNames(page)).not.toContain(name);
    const unlocated = youth.filter((s) => !s.locations.some((l) => l.latitude !== null && l.longitude !== null)).length;
    expect(unlocated).toBeGreaterThan(0);
    const unlocatedText =
      unlocated === 1
        ? '1 Angebot hat keinen Standort mit Koordinaten und steht nur in der Liste.'
        : `${unlocated} Angebote haben keinen Standort mit Koordinaten und stehen nur in der Liste.`;
    await expect.poll(() => page.getByText(unlocatedText).count()).toBe(1);

    await page.goBack();
    await waitForResult(page, all);
    expect(await page.getByLabel('Zielgruppe').inputValue()).toBe('');
    await page.goForward();
    await waitForResult(page, youth);
    expect(await page.getByLabel('Zielgruppe').inputValue()).toBe('jugendliche');

    // Permalink: the same address in a new browser shows the same filter and result.
    const other = await newPage();
    await other.goto(page.url());
    await waitForHeading(other, 'Angebote');
    await waitForResult(other, youth);
    expect(await other.getByLabel('Zielgruppe').inputValue()).toBe('jugendliche');
    expect((await listNames(other)).sort()).toEqual(youth.map((s) => s.name).sort());
  });

  it('applies age, Sozialraum and text from the address like the API', async () => {
    const page = await newPage();
    const aged = await publicSearch(page, 'age=70');
    await openMap(page, `kommune=${TENANT}&alter=70`);
    await waitForResult(page, aged);
    expect(await listNames(page)).toContain(NAMES.senioren);
    expect(await listNames(page)).not.toContain(NAMES.jugendtreff);
    expect(await page.getByLabel('Alter in Jahren').inputValue()).toBe('70');

    // Typing a search term applies on „Suchen“.
    const byText = await publicSearch(page, 'q=Billard&age=70');
    await page.getByLabel('Suchbegriff').fill('Billard');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await waitForResult(page, byText);
    expect(new URL(page.url()).searchParams.get('suche')).toBe('Billard');

    const areaResponse = (await (await page.request.get(`/api/public/services/${TENANT}`)).json()) as ServiceSearchResult;
    const area = areaResponse.areas[0]!;
    const inArea = await publicSearch(page, `area=${encodeURIComponent(area.key)}`);
    await openMap(page, `kommune=${TENANT}&sozialraum=${encodeURIComponent(area.key)}`);
    await waitForResult(page, inArea);
    expect(await page.getByLabel('Sozialraum').inputValue()).toBe(area.key);
  });

  it('„jetzt geöffnet“ asks the API for open services at the pinned time', async () => {
    const page = await newPage();
    const open = await publicSearch(page, 'openNow=true');
    expect(open.map((s) => s.name)).toEqual(expect.arrayContaining([NAMES.beratung, NAMES.senioren, NAMES.tagespflege]));
    expect(open.map((s) => s.name)).not.toContain(NAMES.jugendtreff);
    await openMap(page);
    await page.locator(`[data-testid="angebote-anzahl"][data-current="true"]`).waitFor();
    const requested = page.waitForRequest(
      (r) => r.url().includes(`/api/public/services/${TENANT}?`) && r.url().includes('openNow=true'),
    );
    await page.getByLabel('Jetzt geöffnet').check();
    await requested;
    await waitForResult(page, open);
    expect(new URL(page.url()).searchParams.get('geoeffnet')).toBe('ja');
    expect((await listNames(page)).sort()).toEqual(open.map((s) => s.name).sort());
    // Focus stays on the checkbox although the address changed.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('checkbox');
  });

  it('links list and map: a choice in the list marks the point, a click on a point marks the entry', async () => {
    const page = await newPage();
    const all = await publicSearch(page);
    await openMap(page);
    await waitForResult(page, all);

    await page.getByRole('button', { name: `Auf der Karte zeigen: ${NAMES.senioren}` }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('angebot')).toBe(ids.senioren);
    // The address changes first, the list marks the entry with the next render.
    await expect
      .poll(() => page.getByRole('button', { name: `Auf der Karte zeigen: ${NAMES.senioren}` }).getAttribute('aria-pressed'))
      .toBe('true');
    const filter = () =>
      page.locator(MAP).evaluate((element) => {
        const map = (element as unknown as { maplibreMap: { getFilter(id: string): unknown } }).maplibreMap;
        return JSON.stringify(map.getFilter('service-selected'));
      });
    await expect.poll(filter).toBe(JSON.stringify(['==', ['get', 'serviceId'], ids.senioren]));

    // Zoom to the Jugendtreff's point (out of any cluster) and click it on the canvas.
    const point = await page.locator(MAP).evaluate(async (element) => {
      interface TestMap {
        jumpTo(options: { center: [number, number]; zoom: number }): void;
        project(lngLat: [number, number]): { x: number; y: number };
        once(event: string, callback: () => void): void;
        triggerRepaint(): void;
      }
      const map = (element as unknown as { maplibreMap: TestMap }).maplibreMap;
      map.jumpTo({ center: [10.26, 51.1], zoom: 15 });
      await new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      });
      return map.project([10.26, 51.1]);
    });
    await page.locator(`${MAP} canvas`).click({ position: point });
    await expect.poll(() => new URL(page.url()).searchParams.get('angebot')).toBe(ids.jugendtreff);
    const item = page.locator(`${LIST} > li[data-service-id="${ids.jugendtreff}"]`);
    await expect.poll(() => item.getAttribute('class')).toContain('services-item-selected');
  });

  it('opens a detail page from the list with hours, eligibility and contact, and goes back with the filters', async () => {
    const page = await newPage();
    const families = await publicSearch(page, 'terms=zielgruppe.familien');
    await openMap(page, `kommune=${TENANT}&zielgruppe=familien`);
    await waitForResult(page, families);
    await page.getByRole('link', { name: NAMES.beratung }).click();
    await waitForHeading(page, NAMES.beratung);
    expect(new URL(page.url()).pathname).toBe(`/angebote/${TENANT}/${ids.beratung}`);

    const main = await page.locator('main').innerText();
    expect(main).toContain('Zuletzt geprüft am 24.11.2026');
    expect(main).toContain('Heute geöffnet bis 16:00');
    expect(main).toContain('Beratung für Familien in allen Lebenslagen.');
    expect(main).toContain('Marktplatz 1, 99001 Musterstadt');
    expect(main).toContain('Stufenloser Zugang – Rampe am Seiteneingang');
    expect(main).toContain('Kursgebühr: 12,50\u00a0€ – je Kurs');
    expect(main).toContain('Arabisch – dienstags');
    expect(main).toContain('keine Altersgrenze');
    const rows = await page
      .getByRole('table', { name: 'Öffnungszeiten der nächsten sieben Tage' })
      .getByRole('row')
      .allInnerTexts();
    expect(rows.slice(1, 6).map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      'Dienstag, 24.11.2026 (heute) 08:00–16:00',
      'Mittwoch, 25.11.2026 08:00–16:00',
      'Donnerstag, 26.11.2026 08:00–16:00',
      'Freitag, 27.11.2026 08:00–16:00',
      'Samstag, 28.11.2026 geschlossen',
    ]);
    expect(await page.getByRole('link', { name: '03601 123456' }).getAttribute('href')).toBe('tel:03601123456');
    expect(await page.getByRole('link', { name: 'beratung@jfh-musterland.example' }).count()).toBe(1);
    await expectNoAxeViolations(page, 'Angebot (Detail), 1280 px');

    await page.getByRole('link', { name: 'Zurück zur Angebotsliste' }).first().click();
    await waitForHeading(page, 'Angebote');
    const back = new URL(page.url()).searchParams;
    expect(back.get('zielgruppe')).toBe('familien');
    expect(back.get('angebot')).toBe(ids.beratung);
    await waitForResult(page, families);
  });

  it('shows no contact data of a private person and answers 404 for a hidden service', async () => {
    const page = await newPage();
    await page.goto(`/angebote/${TENANT}/${ids.tagespflege}`);
    await waitForHeading(page, NAMES.tagespflege);
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('privat@tagesmutter.example');
    expect(main).not.toContain('0170 0000000');
    expect(main).not.toContain('Gartenweg');
    expect(main).toContain('Keine öffentlichen Kontaktdaten.');
    expect(main).toContain('1 bis 3 Jahre');

    for (const key of ['entwurf', 'inaktiv', 'archiviert']) {
      await page.goto(`/angebote/${TENANT}/${ids[key]}`);
      await waitForHeading(page, 'Dieses Angebot gibt es nicht oder es ist nicht öffentlich.');
    }
  });

  it('members see the same public view', async () => {
    const page = await newPage();
    const all = await publicSearch(page);
    await page.goto('/anmelden');
    await page.getByLabel('E-Mail-Adresse').fill('planung@musterland.example');
    await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await waitForHeading(page, 'Willkommen bei Planwerk');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Angebote' }).click();
    await waitForHeading(page, 'Angebote');
    await waitForResult(page, all);
    for (const name of HIDDEN) expect(await listNames(page)).not.toContain(name);
  });

  it('has no axe violations at 1280 and 360 px', async () => {
    for (const width of [1280, 360]) {
      const page = await newPage(width, 800);
      const all = await publicSearch(page, 'terms=zielgruppe.jugendliche');
      await openMap(page, `kommune=${TENANT}&zielgruppe=jugendliche&angebot=${ids.jugendtreff}`);
      await waitForResult(page, all);
      await expectNoAxeViolations(page, `Angebotslandkarte, ${width} px`);
      if (width === 360) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      }
    }
  });
});
