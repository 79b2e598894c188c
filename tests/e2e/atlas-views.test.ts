import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

const PLANNER = 'planung@musterland.example';
const TITLE = 'Kinderarmut in gleichen Intervallen';
const VIEW_QUERY =
  'kommune=99001&indikator=demo.kinderarmut&zeitraum=2024-12-31&ebene=gemeinde&klassifikation=equal_interval&klassen=4';

/** Waits for the atlas map of the saved view (`data-ready` is set after MapLibre's idle). */
async function waitForViewMap(page: Page, audience: 'public' | 'tenant'): Promise<void> {
  const key = [audience, '99001', 'demo.kinderarmut', '2024-12-31', 'gemeinde', 'equal_interval', 4].join('|');
  await page.locator(`[data-testid="atlas-karte"][data-ready="${key}"]`).waitFor({ timeout: 60_000 });
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('Gespeicherte Kartenansichten (/atlas/ansichten)', () => {
  const e2e = setupE2E();

  // The steps below share the planner's page: save in the atlas, manage in the list, open as a visitor.
  let page: Page;

  it('Planer*in speichert die Ansicht im Atlas über den Dialog (Fokus, Escape, Fehler am Feld)', async () => {
    const context = await e2e().newContext();
    page = await context.newPage();
    await logIn(page, PLANNER);
    await page.goto(`/atlas?${VIEW_QUERY}`);
    await waitForHeading(page, 'Atlas');
    await waitForViewMap(page, 'tenant');

    // The dialog: focus on the title, Escape closes it and gives focus back to the button.
    const open = page.getByRole('button', { name: 'Ansicht speichern' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Kartenansicht speichern' });
    await dialog.waitFor();
    expect(await activeId(page)).toBe('ansicht-titel');
    expect(await dialog.innerText()).toContain('Ebene: Gemeinden');
    expect(await dialog.innerText()).toContain('Gleiche Intervalle, 4 Klassen');
    await expectNoAxeViolations(page, 'Dialog „Kartenansicht speichern“');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ansicht speichern');

    // Without a title the server's German message shows at the field; then saved.
    await open.click();
    await dialog.getByRole('button', { name: 'Speichern', exact: true }).click();
    await dialog.getByRole('alert').getByText('Bitte geben Sie einen Titel ein.').waitFor();
    expect(await dialog.getByLabel('Titel').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Titel').fill(TITLE);
    await dialog.getByLabel('Beschreibung (freiwillig)').fill('Für den Jugendhilfeausschuss im Dezember.');
    await dialog.getByRole('button', { name: 'Speichern', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Die Ansicht „${TITLE}“ ist gespeichert (noch nicht veröffentlicht).` })
      .waitFor();
    await dialog.waitFor({ state: 'hidden' });

    // Nothing public yet.
    const before = (await (await page.request.get('/api/public/atlas/99001/views')).json()) as { title: string }[];
    expect(before.map((v) => v.title)).not.toContain(TITLE);
  });

  it('Planer*in veröffentlicht sie mit Bestätigung, löscht sie und macht beides rückgängig', async () => {
    await page.getByRole('status').getByRole('link', { name: 'Gespeicherte Ansichten' }).click();
    await waitForHeading(page, 'Gespeicherte Kartenansichten');
    expect(new URL(page.url()).searchParams.get('kommune')).toBe('99001');
    const row = page.locator('tr', { hasText: TITLE });
    await row.waitFor();
    expect(await row.innerText()).toContain('Indikator: Kinderarmutsquote (SGB II, unter 15 Jahren)');
    expect(await row.innerText()).toContain('Zeitraum: 31.12.2024');
    await expectNoAxeViolations(page, 'Gespeicherte Ansichten (Mitglied)');

    // Publish with confirmation; undo; publish again.
    await row.getByRole('button', { name: `Veröffentlichen „${TITLE}“` }).click();
    const confirm = page.getByRole('group', { name: `Veröffentlichung von „${TITLE}“ ändern` });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ja, veröffentlichen');
    await confirm.getByRole('button', { name: 'Ja, veröffentlichen' }).click();
    const status = page.getByRole('status').filter({ hasText: `„${TITLE}“ ist veröffentlicht.` });
    await status.waitFor();
    await row.getByRole('button', { name: `Zurückziehen „${TITLE}“` }).waitFor();
    await status.getByRole('button', { name: 'Rückgängig' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Rückgängig gemacht: „${TITLE}“ ist wieder nicht veröffentlicht.` })
      .waitFor();
    await row.getByRole('button', { name: `Veröffentlichen „${TITLE}“` }).click();
    await confirm.getByRole('button', { name: 'Ja, veröffentlichen' }).click();
    await row.getByRole('button', { name: `Zurückziehen „${TITLE}“` }).waitFor();

    // Delete and undo: the view comes back, still published.
    await row.getByRole('button', { name: `Löschen „${TITLE}“` }).click();
    const deleted = page.getByRole('status').filter({ hasText: `„${TITLE}“ ist gelöscht.` });
    await deleted.waitFor();
    await row.waitFor({ state: 'detached' });
    await deleted.getByRole('button', { name: 'Rückgängig' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Rückgängig gemacht: „${TITLE}“ ist wiederhergestellt.` })
      .waitFor();
    await row.getByRole('button', { name: `Zurückziehen „${TITLE}“` }).waitFor();
  });

  it('Besucher*innen öffnen sie aus der Liste mit gleicher Karte; zurückgezogen ist sie weg', async () => {
    const row = page.locator('tr', { hasText: TITLE });
    const confirm = page.getByRole('group', { name: `Veröffentlichung von „${TITLE}“ ändern` });
    // An anonymous visitor finds it in the municipality's list and opens the same map.
    const visitorContext = await e2e().newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto('/atlas/ansichten?kommune=99001');
    await waitForHeading(visitor, 'Gespeicherte Kartenansichten');
    const link = visitor.getByRole('link', { name: TITLE });
    await link.waitFor();
    expect(
      await visitor
        .getByTestId(/^ansicht-/)
        .filter({ hasText: TITLE })
        .innerText(),
    ).toContain('Für den Jugendhilfeausschuss im Dezember.');
    await expectNoAxeViolations(visitor, 'Gespeicherte Ansichten (Besucher*in)');
    await link.click();
    await waitForHeading(visitor, 'Atlas');
    await waitForViewMap(visitor, 'public');
    expect(await visitor.getByLabel('Indikator').inputValue()).toBe('demo.kinderarmut');
    expect(await visitor.getByLabel('Zeitraum (Stichtag)').inputValue()).toBe('2024-12-31');
    expect(await visitor.getByLabel('Gebietsebene').inputValue()).toBe('gemeinde');
    expect(await visitor.getByLabel('Klassenbildung').inputValue()).toBe('equal_interval');
    expect(await visitor.getByLabel('Anzahl der Klassen').inputValue()).toBe('4');
    expect(await visitor.getByTestId('atlas-legende').locator('li:not([data-class="missing"])').count()).toBe(4);
    // Visitors get the link to the saved views, not the button to save one.
    await visitor.getByRole('link', { name: 'Gespeicherte Ansichten' }).waitFor();
    expect(await visitor.getByRole('button', { name: 'Ansicht speichern' }).count()).toBe(0);

    // Withdrawn, it is gone for visitors.
    await row.getByRole('button', { name: `Zurückziehen „${TITLE}“` }).click();
    await confirm.getByRole('button', { name: 'Ja, zurückziehen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `„${TITLE}“ ist nicht mehr veröffentlicht.` })
      .waitFor();
    await visitor.goto('/atlas/ansichten?kommune=99001');
    await waitForHeading(visitor, 'Gespeicherte Kartenansichten');
    await visitor.getByRole('link', { name: 'Zum Atlas' }).waitFor();
    expect(await visitor.getByRole('link', { name: TITLE }).count()).toBe(0);
    await visitorContext.close();
    await page.context().close();
  });

  it('benennt eine Ansicht um; Escape bricht das Umbenennen ab', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    const saved = await page.request.post('/api/tenants/99001/atlas/views', {
      data: { title: 'Altenquotient alt', state: 'indikator=demo.altenquotient&ebene=gemeinde' },
      headers: { 'x-csrf-token': await csrf(page) },
    });
    expect(saved.status()).toBe(201);
    await page.goto('/atlas/ansichten');
    await waitForHeading(page, 'Gespeicherte Kartenansichten');
    const row = page.locator('tr', { hasText: 'Altenquotient alt' });
    await row.getByRole('button', { name: 'Umbenennen „Altenquotient alt“' }).click();
    const form = page.getByRole('form', { name: '„Altenquotient alt“ umbenennen' });
    await form.getByLabel('Titel').fill('Wird verworfen');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Umbenennen „Altenquotient alt“');

    await row.getByRole('button', { name: 'Umbenennen „Altenquotient alt“' }).click();
    await form.getByLabel('Titel').fill('Altenquotient 2024');
    await form.getByRole('button', { name: 'Änderung speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Die Änderung an „Altenquotient 2024“ ist gespeichert.' }).waitFor();
    await page.getByRole('link', { name: 'Altenquotient 2024' }).waitFor();
    await expectNoAxeViolations(page, 'Gespeicherte Ansichten nach dem Umbenennen');
    await context.close();
  });
  // The map is drawn three times in Chromium; a loaded machine needs more than the default 90 s.
}, 150_000);

/** The CSRF token of the page's session. */
async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
}
