import { describe, expect, it } from 'vitest';
import { logIn, setupE2E, waitForHeading } from './browser.ts';

describe('Sprachumschaltung Deutsch / English', () => {
  const e2e = setupE2E();

  it('wechselt die Oberfläche auf Englisch und zurück, setzt <html lang> und merkt sich die Wahl', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await page.goto('/');
    await waitForHeading(page, 'Willkommen bei Planwerk');
    const lang = () => page.evaluate(() => document.documentElement.lang);
    const navText = () => page.getByRole('navigation').first().innerText();

    expect(await lang()).toBe('de');
    expect(await navText()).toContain('Angebote');
    expect(await navText()).toContain('Beteiligung');
    expect(await page.title()).toBe('Start – Planwerk');

    await page.getByLabel('Sprache').selectOption('en');
    await waitForHeading(page, 'Welcome to Planwerk');
    expect(await lang()).toBe('en');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.innerText()).toContain('Services');
    expect(await nav.innerText()).toContain('Participation');
    expect(await nav.innerText()).not.toContain('Angebote');
    expect(await page.getByRole('link', { name: 'Skip to content' }).count()).toBe(1);
    expect(await page.title()).toBe('Home – Planwerk');

    // The choice survives a reload (localStorage) …
    await page.reload();
    await waitForHeading(page, 'Welcome to Planwerk');
    expect(await lang()).toBe('en');

    // … and also applies to other pages, e.g. the module placeholders and the login form.
    await nav.getByRole('link', { name: 'Participation' }).click();
    await waitForHeading(page, 'Participation – not available yet');
    expect(await page.title()).toBe('Participation – Planwerk');
    await page.goto('/anmelden');
    await waitForHeading(page, 'Log in');
    expect(await page.getByLabel('E-mail address').count()).toBe(1);

    await page.getByLabel('Language').selectOption('de');
    await waitForHeading(page, 'Anmelden');
    expect(await lang()).toBe('de');
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).innerText()).toContain('Angebote');
    await page.reload();
    await waitForHeading(page, 'Anmelden');
    expect(await lang()).toBe('de');
    await context.close();
  });

  it('übersetzt Rollen und Daten auf der Kontoseite', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, 'planung@musterland.example');
    await page.getByRole('link', { name: 'Mein Konto' }).click();
    await waitForHeading(page, 'Mein Konto');
    const row = page.getByRole('row', { name: /Landkreis Musterland/ });
    expect(await row.innerText()).toContain('Planung');

    await page.getByLabel('Sprache').selectOption('en');
    await waitForHeading(page, 'My account');
    expect(await row.innerText()).toContain('Planning');
    expect(await row.innerText()).toContain('District');
    await page.getByLabel('Language').selectOption('de');
    await context.close();
  });
});
