import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, logIn, setupE2E, waitForHeading } from './browser.ts';

/** Presses Tab until the element matching `selector` has focus; returns the number of presses. */
async function tabTo(page: Page, selector: string, maxPresses = 40): Promise<number> {
  for (let i = 1; i <= maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  throw new Error(`${selector} ist nach ${maxPresses}-mal Tab nicht fokussiert`);
}

describe('Anmeldung im Browser', () => {
  const e2e = setupE2E();

  it('meldet mit der Maus an und zeigt den Namen auf der Startseite', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await page.goto('/');
    await waitForHeading(page, 'Willkommen bei Planwerk');
    await page.getByText('Sie sind nicht angemeldet.').waitFor();
    await page.getByRole('link', { name: 'Zur Anmeldung' }).click();
    await waitForHeading(page, 'Anmelden');
    expect(new URL(page.url()).pathname).toBe('/anmelden');
    expect(await page.title()).toBe('Anmelden – Planwerk');

    await logIn(page, 'admin@musterland.example');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('main').innerText()).toContain('Sie sind angemeldet als Alex Admin (Demo)');
    expect(await page.getByRole('banner').innerText()).toContain('Alex Admin (Demo)');
    await context.close();
  });

  it('meldet nur mit der Tastatur an (Tab, Eingabe, Enter)', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await page.goto('/anmelden');
    await waitForHeading(page, 'Anmelden');

    // The skip link is the first stop and jumps to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Zum Inhalt springen');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhalt');

    await tabTo(page, '#login-email');
    // A clearly visible focus indicator (thick outline) is drawn.
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(3);
    await page.keyboard.type('planung@musterland.example');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-passwort');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await waitForHeading(page, 'Willkommen bei Planwerk');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('main').innerText()).toContain('Sie sind angemeldet als Pat Planung (Demo)');
    // After the client-side navigation the new page's heading has the focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Willkommen bei Planwerk');
    await context.close();
  });

  it('zeigt die deutsche Fehlermeldung der API und kehrt danach zur angefragten Seite zurück', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await page.goto('/konto');
    await waitForHeading(page, 'Anmelden');
    expect(new URL(page.url()).searchParams.get('weiter')).toBe('/konto');

    await page.getByLabel('E-Mail-Adresse').fill('admin@musterland.example');
    await page.getByLabel('Passwort', { exact: true }).fill('falsches-passwort-123');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    const alert = page.locator('#login-fehler');
    await alert.getByText('E-Mail-Adresse oder Passwort ist falsch.').waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await page.getByLabel('Passwort', { exact: true }).getAttribute('aria-describedby')).toContain('login-fehler');

    await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await waitForHeading(page, 'Mein Konto');
    expect(new URL(page.url()).pathname).toBe('/konto');
    await context.close();
  });

  it('meldet über den Knopf im Kopfbereich ab', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, 'planung@musterland.example');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await waitForHeading(page, 'Anmelden');
    await page.getByText('Sie haben sich abgemeldet.').waitFor();
    await page.goto('/konto');
    await waitForHeading(page, 'Anmelden');
    expect(new URL(page.url()).pathname).toBe('/anmelden');
    await context.close();
  });
});
