import { describe, expect, it } from 'vitest';
import { TestClient } from '../support/http-client.ts';
import { DEMO_PASSWORD, logIn, setupE2E, waitForHeading } from './browser.ts';

const NEW_EMAIL = 'nora.neu@musterland.example';
const GERMAN_DATE_TIME = /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/;

describe('Verwaltung: Mitglieder und Änderungsprotokoll', () => {
  const e2e = setupE2E();

  it('fügt eine Person hinzu, zeigt das Einmalpasswort, ändert die Rolle und protokolliert alles', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, 'admin@musterland.example');
    await page.getByRole('link', { name: 'Verwaltung' }).click();
    await waitForHeading(page, 'Verwaltung');
    expect(await page.locator('main').innerText()).toContain('Landkreis Musterland');
    const members = page.getByRole('region', { name: 'Mitglieder' });
    await members.getByRole('row', { name: /planung@musterland\.example/ }).waitFor();

    // Add a person: the generated one-time password is shown once, clearly labelled.
    await page.getByLabel('E-Mail-Adresse').fill(NEW_EMAIL);
    await page.getByLabel('Name', { exact: true }).fill('Nora Neu');
    await page.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Mitarbeit' });
    await page.getByRole('button', { name: 'Person hinzufügen' }).click();
    await page.getByText(`${NEW_EMAIL} wurde mit der Rolle „Mitarbeit“ hinzugefügt.`).waitFor();
    await page.getByText('Einmalpasswort (wird nur jetzt angezeigt):').waitFor();
    const password = (await page.locator('.one-time-password code').innerText()).trim();
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);

    const row = members.getByRole('row', { name: new RegExp(NEW_EMAIL.replace(/\./g, '\\.')) });
    await row.waitFor();
    expect(await row.innerText()).toContain('Nora Neu');
    expect(await row.getByLabel(`Rolle von ${NEW_EMAIL}`).inputValue()).toBe('contributor');

    // Change the role.
    await row.getByLabel(`Rolle von ${NEW_EMAIL}`).selectOption({ label: 'Planung' });
    await row.getByRole('button', { name: `Rolle ändern für ${NEW_EMAIL}` }).click();
    await page.getByText(`Die Rolle von ${NEW_EMAIL} ist jetzt „Planung“.`).waitFor();

    // The audit log shows the changes with German action names, newest first.
    const audit = page.getByRole('region', { name: 'Änderungsprotokoll' });
    const roleChange = audit.getByRole('row', { name: /Rolle geändert/ });
    await roleChange.waitFor();
    const cells = await roleChange.getByRole('cell').allInnerTexts();
    expect(cells[0]).toMatch(GERMAN_DATE_TIME);
    expect(cells[1]).toBe('admin@musterland.example');
    expect(cells[2]).toBe('Rolle geändert');
    expect(cells[3]).toContain(NEW_EMAIL);
    expect(cells[4]).toContain('Rolle: Mitarbeit');
    expect(cells[5]).toContain('Rolle: Planung');
    const auditText = await audit.innerText();
    expect(auditText).toContain('Mitglied hinzugefügt');
    expect(auditText).toContain('Konto angelegt');
    const firstRow = audit.getByRole('row').nth(1);
    expect(await firstRow.innerText()).toContain('Rolle geändert');

    // The one-time password works for the new person.
    const other = await e2e().newContext();
    const newcomer = await other.newPage();
    await logIn(newcomer, NEW_EMAIL, password);
    expect(await newcomer.locator('main').innerText()).toContain('Sie sind angemeldet als Nora Neu');
    await other.close();
    await context.close();
  });

  it('entfernt ein Mitglied erst nach Bestätigung und zeigt Fehler der API verständlich an', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, 'admin@musterland.example');
    await page.goto('/verwaltung');
    await waitForHeading(page, 'Verwaltung');
    const members = page.getByRole('region', { name: 'Mitglieder' });
    const row = members.getByRole('row', { name: new RegExp(NEW_EMAIL.replace(/\./g, '\\.')) });
    await row.waitFor();

    await row.getByRole('button', { name: `Entfernen für ${NEW_EMAIL}` }).click();
    await row.getByText(`${NEW_EMAIL} wirklich entfernen?`).waitFor();
    // Cancelling keeps the member; the focus returns to the remove button.
    await row.getByRole('button', { name: 'Abbrechen' }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Entfernen');
    await row.getByRole('button', { name: `Entfernen für ${NEW_EMAIL}` }).click();
    await row.getByRole('button', { name: 'Ja, entfernen' }).click();
    await page.getByText(`${NEW_EMAIL} wurde entfernt.`).waitFor();
    await row.waitFor({ state: 'detached' });
    await page
      .getByRole('region', { name: 'Änderungsprotokoll' })
      .getByRole('row', { name: /Mitglied entfernt/ })
      .waitFor();

    // The last admin cannot demote themself: the German problem detail is shown.
    const self = members.getByRole('row', { name: /admin@musterland\.example/ });
    await self.getByLabel('Rolle von admin@musterland.example').selectOption({ label: 'Lesen' });
    await self.getByRole('button', { name: 'Rolle ändern für admin@musterland.example' }).click();
    const alert = page.locator('#mitglieder-fehler');
    await alert.getByText('Die letzte Administratorin bzw. der letzte Administrator kann nicht herabgestuft werden.').waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    await context.close();
  });

  it('lädt ältere Protokolleinträge nach', async () => {
    // Fill the log through the API: every new person adds two entries (account, membership).
    const api = new TestClient(e2e().app.app);
    expect((await api.logIn('admin@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
    for (let i = 1; i <= 12; i++) {
      const response = await api.request('POST', '/api/tenants/99001/members', {
        body: { email: `person${i}@musterland.example`, role: 'viewer' },
      });
      expect(response.statusCode).toBe(201);
    }

    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, 'admin@musterland.example');
    await page.goto('/verwaltung');
    await waitForHeading(page, 'Verwaltung');
    const audit = page.getByRole('region', { name: 'Änderungsprotokoll' });
    const rows = audit.getByRole('row');
    await rows.nth(1).waitFor();
    const firstPage = (await rows.count()) - 1;
    expect(firstPage).toBe(25);
    // The oldest entry (creation of the district) is not on the first page …
    expect(await audit.innerText()).not.toContain('Gebietskörperschaft angelegt');
    await page.getByRole('button', { name: 'Ältere Einträge laden' }).click();
    // … but after loading older entries.
    await audit.getByRole('row', { name: /Gebietskörperschaft angelegt/ }).waitFor();
    expect(await rows.count()).toBeGreaterThan(firstPage + 1);
    expect(await page.getByRole('button', { name: 'Ältere Einträge laden' }).count()).toBe(0);
    await context.close();
  });
  it('fügt ein bestehendes Konto hinzu und lässt bei mehreren Gebietskörperschaften wählen', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, 'admin@musterland.example');
    await page.goto('/verwaltung');
    await waitForHeading(page, 'Verwaltung');
    await page.getByLabel('E-Mail-Adresse').fill('land@musterland.example');
    await page.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Administration' });
    await page.getByRole('button', { name: 'Person hinzufügen' }).click();
    await page.getByText('Das Konto gab es bereits; sein Passwort bleibt unverändert.').waitFor();
    expect(await page.getByText('Einmalpasswort (wird nur jetzt angezeigt):').count()).toBe(0);
    await context.close();

    const stateContext = await e2e().newContext();
    const statePage = await stateContext.newPage();
    await logIn(statePage, 'land@musterland.example');
    await statePage.goto('/verwaltung');
    await waitForHeading(statePage, 'Verwaltung');
    const tenant = statePage.getByLabel('Gebietskörperschaft');
    expect(await tenant.locator('option').allInnerTexts()).toEqual([
      'Land Musterland (Landesebene, Demo) (99)',
      'Landkreis Musterland (99001)',
    ]);
    const members = statePage.getByRole('region', { name: 'Mitglieder' });
    await members.getByRole('row', { name: /land@musterland\.example/ }).waitFor();
    expect(await members.getByRole('row', { name: /planung@musterland\.example/ }).count()).toBe(0);
    await tenant.selectOption('99001');
    await members.getByRole('row', { name: /planung@musterland\.example/ }).waitFor();
    await stateContext.close();
  });
});
