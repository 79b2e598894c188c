import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceRepositories } from '../../src/db/repositories/services.repository.ts';
import type { Service } from '../../src/domain/services/model.ts';
import { berlinDate } from '../../src/domain/services/opening-hours.ts';
import { expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

const TENANT = '99001';
const PROVIDER = 'anbieter@musterland.example';
const ADMIN = 'admin@musterland.example';
const PLANNER = 'planung@musterland.example';
const MAP = '[data-testid="angebote-karte"]';
const LIST = '[data-testid="angebote-liste"]';

const e2e = setupE2E();
/** Published services of the demo provider's organisation (the Jugendring) with a location on the map. */
let jugendring: Service[] = [];

beforeAll(async () => {
  const { register } = serviceRepositories(e2e().app.ctx.db);
  const located = new Set(
    (await register.listLocations(TENANT)).filter((l) => l.latitude !== null && l.longitude !== null).map((l) => l.id),
  );
  jugendring = (await register.listServices(TENANT)).filter(
    (s) =>
      s.organizationId === 'demo-org-jugendring' &&
      s.published &&
      s.status === 'active' &&
      s.locationIds.some((id) => located.has(id)),
  );
  expect(jugendring.length).toBeGreaterThanOrEqual(2);
});

async function signedIn(email: string): Promise<Page> {
  const page = await (await e2e().newContext()).newPage();
  await logIn(page, email);
  return page;
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.getByRole('link', { name: 'Anmelden' }).first().waitFor();
}

/**
 * Follows a link by its address: on a busy machine the map page keeps the browser's main
 * thread so busy that waiting for a link to be „stable“ for a click can take very long.
 */
async function follow(page: Page, name: string): Promise<void> {
  const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
  expect(href).toBeTruthy();
  await page.goto(href!);
}

/** Presses Enter on a control reached by keyboard focus (no mouse). */
async function pressOn(page: Page, locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.focus();
  await page.keyboard.press('Enter');
}

describe('service register: provider changes, review queue, public map', () => {
  it('a provider edits a service, a planner approves it with the keyboard, and visitors see the change in list, map and detail page', async () => {
    const target = jugendring[0]!;
    const stamp = Date.now().toString(36);
    const newName = `${target.name} – neu ${stamp}`;
    const newDescription = `Jetzt auch mit Hausaufgabenhilfe (${stamp}).`;

    // The provider finds „Meine Angebote“ on the Angebote page and sees only the Jugendring's entries.
    const provider = await signedIn(PROVIDER);
    await provider.goto(`/angebote?kommune=${TENANT}`);
    await follow(provider, 'Meine Angebote');
    await waitForHeading(provider, 'Meine Angebote');
    const table = provider.getByTestId('register-tabelle');
    await table.waitFor();
    const organisations = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(organisations.length).toBeGreaterThan(0);
    expect(new Set(organisations)).toEqual(new Set(['Jugendring Musterland e. V.']));
    await expectNoAxeViolations(provider, 'Meine Angebote (Anbieter)');

    await table.getByRole('link', { name: target.name, exact: true }).click();
    await waitForHeading(provider, `Angebot bearbeiten: ${target.name}`);
    await expectNoAxeViolations(provider, 'Angebot bearbeiten (Anbieter)');
    await provider.getByLabel('Name des Angebots (Pflichtfeld)').fill(newName);
    await provider.getByLabel('Beschreibung', { exact: true }).fill(newDescription);
    await provider.getByRole('button', { name: 'Zur Prüfung einreichen' }).click();
    await provider.getByText('Ihre Änderung wurde zur Prüfung eingereicht.').waitFor();
    await provider.getByTestId('aenderung-wartet').waitFor();
    // The form keeps the submitted version.
    expect(await provider.getByLabel('Name des Angebots (Pflichtfeld)').inputValue()).toBe(newName);
    await provider.getByRole('link', { name: 'Zurück zu meinen Angeboten' }).click();
    const row = provider.locator(`tr[data-service-id="${target.id}"]`);
    await expect.poll(() => row.innerText()).toContain('Änderung wartet auf Prüfung');
    await logOut(provider);

    // Until approval the public map shows the approved version.
    const before = await e2e().app.app.inject({ method: 'GET', url: `/api/public/services/${TENANT}?q=${stamp}` });
    expect((before.json() as { services: unknown[] }).services).toEqual([]);

    // The admin opens the review queue from the Angebote page, reads the diff and approves by keyboard.
    const admin = await signedIn(ADMIN);
    await admin.goto(`/angebote?kommune=${TENANT}`);
    await follow(admin, 'Prüfliste (1 Änderung)');
    await waitForHeading(admin, 'Prüfliste');
    const item = admin.locator('article.review-item', { has: admin.getByRole('heading', { name: `Änderung: ${newName}` }) });
    await item.waitFor();
    expect(await item.innerText()).toContain(`Eingereicht von ${PROVIDER}`);
    const diff = await item
      .locator('table tbody tr')
      .evaluateAll((rows) => rows.map((r) => Array.from(r.children).map((c) => (c as HTMLElement).innerText.trim())));
    expect(diff).toEqual([
      ['Name', target.name, newName],
      ['Beschreibung', target.description ?? '(leer)', newDescription],
    ]);
    await expectNoAxeViolations(admin, 'Prüfliste');
    await pressOn(admin, item.getByRole('button', { name: `„${newName}“ freigeben` }));
    await admin
      .getByTestId('pruefung-meldung')
      .filter({ hasText: `„${newName}“ wurde freigegeben.` })
      .waitFor();
    await expect.poll(() => admin.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pruefung-meldung');
    expect(await admin.getByTestId('pruefung-anzahl').innerText()).toBe('Keine offenen Änderungen.');

    // An anonymous visitor finds the changed service in the list, on the map and on its detail page.
    const visitor = await (await e2e().newContext()).newPage();
    await visitor.goto(`/angebote?${new URLSearchParams({ kommune: TENANT, suche: stamp }).toString()}`);
    await visitor.locator(`[data-testid="angebote-anzahl"][data-current="true"]`).waitFor();
    await expect.poll(() => visitor.locator(`${LIST} > li`).count()).toBe(1);
    const entry = visitor.locator(`${LIST} > li`).first();
    expect(await entry.getByRole('link').first().innerText()).toBe(newName);
    await visitor.getByRole('button', { name: `Auf der Karte zeigen: ${newName}` }).click();
    await expect.poll(() => new URL(visitor.url()).searchParams.get('angebot')).toBe(target.id);
    const selected = () =>
      visitor.locator(MAP).evaluate((element) => {
        const map = (element as unknown as { maplibreMap: { getFilter(id: string): unknown } }).maplibreMap;
        return JSON.stringify(map.getFilter('service-selected'));
      });
    await expect.poll(selected).toBe(JSON.stringify(['==', ['get', 'serviceId'], target.id]));
    await entry.getByRole('link', { name: newName }).click();
    await waitForHeading(visitor, newName);
    await visitor.getByText(newDescription).waitFor();
  }, 420_000);

  it('a rejection needs a comment, is done by keyboard, and the provider reads the comment at the entry', async () => {
    const target = jugendring[1]!;
    const comment = 'Bitte die Öffnungszeiten der Ferien ergänzen.';
    const provider = await signedIn(PROVIDER);
    await provider.goto(`/angebote/register/${target.id}?kommune=${TENANT}`);
    await waitForHeading(provider, `Angebot bearbeiten: ${target.name}`);
    await provider.getByLabel('Kapazität (Plätze)').fill('25');
    await provider.getByRole('button', { name: 'Zur Prüfung einreichen' }).click();
    await provider.getByText('Ihre Änderung wurde zur Prüfung eingereicht.').waitFor();

    const planner = await signedIn(PLANNER);
    await planner.goto(`/angebote/pruefung?kommune=${TENANT}`);
    await waitForHeading(planner, 'Prüfliste');
    const item = planner.locator('article.review-item', {
      has: planner.getByRole('heading', { name: `Änderung: ${target.name}` }),
    });
    const capacity = await item.getByRole('row', { name: /Kapazität/ }).innerText();
    expect(capacity).toContain('25');
    await pressOn(planner, item.getByRole('button', { name: `„${target.name}“ ablehnen` }));
    const box = item.getByLabel('Begründung für den Träger');
    // Focus moves into the comment field.
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await pressOn(planner, item.getByRole('button', { name: 'Ablehnung senden' }));
    await item.getByText('Bitte begründen Sie die Ablehnung.').waitFor();
    await expectNoAxeViolations(planner, 'Prüfliste mit Ablehnungsformular');
    await box.fill(comment);
    await pressOn(planner, item.getByRole('button', { name: 'Ablehnung senden' }));
    await planner
      .getByTestId('pruefung-meldung')
      .filter({ hasText: `Die Änderung an „${target.name}“ wurde abgelehnt.` })
      .waitFor();

    await provider.goto(`/angebote/register?kommune=${TENANT}`);
    await waitForHeading(provider, 'Meine Angebote');
    const row = provider.locator(`tr[data-service-id="${target.id}"]`);
    await expect.poll(() => row.innerText()).toContain(`„${comment}“`);
    await row.getByRole('link', { name: target.name }).click();
    await provider.getByTestId('aenderung-abgelehnt').filter({ hasText: comment }).waitFor();
    // The rejected proposal changed nothing.
    expect(await provider.getByLabel('Kapazität (Plätze)').inputValue()).toBe(
      target.capacity === null ? '' : String(target.capacity),
    );
  }, 420_000);

  it('planners see every entry, filter the register and find the link to place locations', async () => {
    const page = await signedIn(PLANNER);
    await page.goto(`/angebote?kommune=${TENANT}`);
    await follow(page, 'Register verwalten');
    await waitForHeading(page, 'Angebotsverzeichnis verwalten');
    await page.getByTestId('register-tabelle').waitFor();
    await expectNoAxeViolations(page, 'Register (Planung)');
    expect(await page.getByRole('link', { name: 'Angebote ohne Koordinaten verorten' }).getAttribute('href')).toBe(
      `/angebote/verortung?kommune=${TENANT}`,
    );
    const all = await page.locator('[data-testid="register-tabelle"] tbody tr').count();
    expect(all).toBeGreaterThanOrEqual(60);
    await page.getByLabel('Suche', { exact: true }).fill('Jugendring');
    await expect.poll(() => page.locator('[data-testid="register-tabelle"] tbody tr').count()).toBeLessThan(all);
    const found = await page.locator('[data-testid="register-tabelle"] tbody tr').allInnerTexts();
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.includes('Jugendring'))).toBe(true);
    await page.getByLabel('Suche', { exact: true }).fill('');
    await page.getByLabel('nur überfällige').check();
    const overdueRows = await page.locator('[data-testid="register-tabelle"] tbody tr').allInnerTexts();
    expect(overdueRows.length).toBeGreaterThan(0);
    expect(overdueRows.every((r) => r.includes('überfällig'))).toBe(true);
  }, 420_000);

  it('a new service: a non-number is caught in the browser, an invalid e-mail address by the API beside the field', async () => {
    const page = await signedIn(PLANNER);
    await page.goto(`/angebote/register?kommune=${TENANT}`);
    await waitForHeading(page, 'Angebotsverzeichnis verwalten');
    // A new service: a non-number is caught in the browser, an invalid e-mail address by the API; nothing typed is lost.
    await page.getByRole('link', { name: 'Neues Angebot' }).click();
    await waitForHeading(page, 'Neues Angebot');
    await page.getByLabel('Name des Angebots (Pflichtfeld)').fill('E2E Elterncafé Lindenau');
    await page.getByLabel('Träger (Pflichtfeld)').selectOption({ label: 'Familienbund Musterstadt e. V.' });
    await page.getByLabel('Kapazität (Plätze)').fill('zwölf');
    await page.getByLabel('E-Mail-Adresse des Angebots').fill('elterncafe-at-example');
    await page.getByRole('checkbox', { name: 'Familien', exact: true }).check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page
      .locator('.field-invalid', { has: page.getByLabel('Kapazität (Plätze)') })
      .getByText('Bitte eine ganze Zahl eingeben.')
      .waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'keine Zahlen' }).innerText()).toContain(
      'Kapazität: Bitte eine ganze Zahl eingeben.',
    );
    await page.getByLabel('Kapazität (Plätze)').fill('12');
    await page.getByRole('button', { name: 'Speichern' }).click();
    const emailError = page.locator('.field-invalid', { has: page.getByLabel('E-Mail-Adresse des Angebots') });
    await emailError.getByText('„elterncafe-at-example“ ist keine gültige E-Mail-Adresse.').waitFor();
    expect(await page.getByLabel('Name des Angebots (Pflichtfeld)').inputValue()).toBe('E2E Elterncafé Lindenau');
    expect(await page.getByLabel('Kapazität (Plätze)').inputValue()).toBe('12');
    expect(await page.getByRole('checkbox', { name: 'Familien', exact: true }).isChecked()).toBe(true);
    await expectNoAxeViolations(page, 'Neues Angebot mit Fehlern');
    await page.getByLabel('E-Mail-Adresse des Angebots').fill('elterncafe@familienbund.example');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await waitForHeading(page, 'Angebot bearbeiten: E2E Elterncafé Lindenau');
    await page.getByText('Das Angebot „E2E Elterncafé Lindenau“ wurde angelegt.').waitFor();
    await expectNoAxeViolations(page, 'Angebot bearbeiten (Planung)');
  }, 420_000);

  it('the overdue list follows the review age set on the review page; an entry can be marked as checked', async () => {
    const page = await signedIn(PLANNER);
    await page.goto(`/angebote/pruefung?kommune=${TENANT}`);
    await waitForHeading(page, 'Prüfliste');
    const overdue = page.getByTestId('ueberfaellig-tabelle');
    await page.getByText(/^Einträge, die seit mehr als \d+ Tagen? nicht geprüft wurden/).waitFor();
    const before = await overdue.locator('tbody tr').count();
    await page.getByLabel('Prüffrist in Tagen').fill('0');
    await page.getByRole('button', { name: 'Prüffrist speichern' }).click();
    await page.getByText('Bitte eine ganze Zahl von 1 bis 3650 eingeben.').waitFor();
    await page.getByLabel('Prüffrist in Tagen').fill('1');
    await page.getByRole('button', { name: 'Prüffrist speichern' }).click();
    await page.locator('.alert-success', { hasText: 'Die Prüffrist beträgt jetzt 1 Tag.' }).waitFor();
    await expect.poll(() => overdue.locator('tbody tr').count()).toBeGreaterThan(before);
    await expectNoAxeViolations(page, 'Prüfliste mit überfälligen Einträgen');
    const first = overdue.locator('tbody tr').first();
    const name = await first.locator('th').innerText();
    const rows = await overdue.locator('tbody tr').count();
    await first.getByRole('button', { name: `„${name}“ als geprüft markieren` }).click();
    await page.locator('.alert-success', { hasText: `„${name}“ gilt jetzt als geprüft.` }).waitFor();
    // Checked today, the entry is no longer overdue even with a review age of one day.
    await expect.poll(() => overdue.locator('tbody tr').count()).toBe(rows - 1);
    expect(await overdue.locator('tbody th').allInnerTexts()).not.toContain(name);
    const stored = (await serviceRepositories(e2e().app.ctx.db).register.listServices(TENANT)).find((s) => s.name === name);
    expect(stored?.assuredDate).toBe(berlinDate(e2e().app.ctx.clock.now()));
  }, 420_000);
});
