import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, logIn, setupE2E, waitForHeading } from './browser.ts';

const USER = 'planung@musterland.example';
const NEW_PASSWORD = 'Neue-Passphrase-fuer-Pat-2026';
const EXPIRED = 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.';

async function fillPasswordForm(page: Page, current: string, next: string, repeat: string): Promise<void> {
  await page.getByLabel('Aktuelles Passwort').fill(current);
  await page.getByLabel('Neues Passwort', { exact: true }).fill(next);
  await page.getByLabel('Neues Passwort wiederholen').fill(repeat);
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
}

describe('Konto: Passwort ändern und auf allen Geräten abmelden', () => {
  const e2e = setupE2E();

  it('zeigt Mitgliedschaften mit übersetzter Rolle', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, USER);
    await page.getByRole('link', { name: 'Mein Konto' }).click();
    await waitForHeading(page, 'Mein Konto');
    const cells = await page
      .getByRole('row', { name: /Landkreis Musterland/ })
      .getByRole('cell')
      .allInnerTexts();
    expect(cells).toEqual(['Landkreis Musterland (99001)', 'Landkreis', 'Planung']);
    await context.close();
  });

  it('ändert das Passwort: prüft die Wiederholung, zeigt Meldungen der API und beendet andere Sitzungen', async () => {
    const first = await e2e().newContext();
    const second = await e2e().newContext();
    const page = await first.newPage();
    const otherDevice = await second.newPage();
    await logIn(page, USER);
    await logIn(otherDevice, USER);
    await page.goto('/konto');
    await waitForHeading(page, 'Mein Konto');

    // Client-side check: both new passwords must match.
    await fillPasswordForm(page, DEMO_PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}x`);
    const repeat = page.getByLabel('Neues Passwort wiederholen');
    await page.getByText('Die beiden neuen Passwörter stimmen nicht überein.').waitFor();
    expect(await repeat.getAttribute('aria-invalid')).toBe('true');
    expect(await repeat.getAttribute('aria-describedby')).toBe('passwort-wiederholen-fehler');

    // 422 from the API: wrong current password, too short new password.
    await fillPasswordForm(page, 'ganz-falsches-passwort', NEW_PASSWORD, NEW_PASSWORD);
    await page.locator('#passwort-fehler').getByText('Das aktuelle Passwort ist falsch.').waitFor();
    expect(await page.getByLabel('Aktuelles Passwort').getAttribute('aria-invalid')).toBe('true');
    await fillPasswordForm(page, DEMO_PASSWORD, 'zu-kurz', 'zu-kurz');
    await page.locator('#passwort-fehler').getByText('Das Passwort muss mindestens 12 Zeichen lang sein.').waitFor();
    expect(await page.getByLabel('Neues Passwort', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await fillPasswordForm(page, DEMO_PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
    // The sessions of the other device (and of the first test) end.
    await page.getByText(/^Ihr Passwort wurde geändert\. [1-9]\d* andere Sitzungen? wurden? beendet\.$/).waitFor();

    // The other device is logged out: its next page load shows the expiry notice and the login.
    await otherDevice.goto('/konto');
    await waitForHeading(otherDevice, 'Anmelden');
    await otherDevice.getByText(EXPIRED).waitFor();
    expect(new URL(otherDevice.url()).searchParams.get('weiter')).toBe('/konto');

    // The old password no longer works, the new one does.
    await otherDevice.getByLabel('E-Mail-Adresse').fill(USER);
    await otherDevice.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
    await otherDevice.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await otherDevice.getByText('E-Mail-Adresse oder Passwort ist falsch.').waitFor();
    await otherDevice.getByLabel('Passwort', { exact: true }).fill(NEW_PASSWORD);
    await otherDevice.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await waitForHeading(otherDevice, 'Mein Konto');
    await first.close();
    await second.close();
  });

  it('meldet mit „Auf allen Geräten abmelden“ auch andere Browser ab', async () => {
    const first = await e2e().newContext();
    const second = await e2e().newContext();
    const third = await e2e().newContext();
    const page = await first.newPage();
    const otherDevice = await second.newPage();
    const thirdDevice = await third.newPage();
    for (const p of [page, otherDevice, thirdDevice]) await logIn(p, USER, NEW_PASSWORD);
    await otherDevice.goto('/konto');
    await waitForHeading(otherDevice, 'Mein Konto');

    await page.goto('/konto');
    await waitForHeading(page, 'Mein Konto');
    await page.getByRole('button', { name: 'Auf allen Geräten abmelden' }).click();
    await waitForHeading(page, 'Anmelden');
    expect(new URL(page.url()).pathname).toBe('/anmelden');
    await page.getByText('Sie wurden auf allen Geräten abgemeldet.').waitFor();
    await page.goto('/konto');
    await waitForHeading(page, 'Anmelden');

    // A page that is already open notices it with its next API call (401 session-expired) …
    await fillPasswordForm(otherDevice, NEW_PASSWORD, 'Noch-eine-Passphrase-2026', 'Noch-eine-Passphrase-2026');
    await waitForHeading(otherDevice, 'Anmelden');
    await otherDevice.getByText(EXPIRED).waitFor();
    expect(new URL(otherDevice.url()).pathname).toBe('/anmelden');

    // … and any other browser with its next navigation.
    await thirdDevice.goto('/');
    await waitForHeading(thirdDevice, 'Anmelden');
    await thirdDevice.getByText(EXPIRED).waitFor();
    expect(await thirdDevice.getByRole('banner').innerText()).not.toContain('Pat Planung');

    // Logging in again works and clears the notice.
    await logIn(thirdDevice, USER, NEW_PASSWORD);
    expect(await thirdDevice.getByText(EXPIRED).count()).toBe(0);
    for (const c of [first, second, third]) await c.close();
  });
});
