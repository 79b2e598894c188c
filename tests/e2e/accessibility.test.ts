import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

interface PageCase {
  path: string;
  heading: string;
  title: string;
}

const PUBLIC_PAGES: PageCase[] = [
  { path: '/', heading: 'Willkommen bei Planwerk', title: 'Start – Planwerk' },
  { path: '/anmelden', heading: 'Anmelden', title: 'Anmelden – Planwerk' },
  { path: '/atlas', heading: 'Atlas', title: 'Atlas – Planwerk' },
  { path: '/angebote', heading: 'Angebote', title: 'Angebote – Planwerk' },
  { path: '/beteiligung', heading: 'Beteiligung – noch nicht verfügbar', title: 'Beteiligung – Planwerk' },
  { path: '/strategie', heading: 'Strategie – noch nicht verfügbar', title: 'Strategie – Planwerk' },
  { path: '/monitoring', heading: 'Monitoring – noch nicht verfügbar', title: 'Monitoring – Planwerk' },
  { path: '/berichte', heading: 'Berichte – noch nicht verfügbar', title: 'Berichte – Planwerk' },
  { path: '/netzwerk', heading: 'Netzwerk – noch nicht verfügbar', title: 'Netzwerk – Planwerk' },
  { path: '/barrierefreiheit', heading: 'Erklärung zur Barrierefreiheit', title: 'Erklärung zur Barrierefreiheit – Planwerk' },
  { path: '/kontakt', heading: 'Kontakt und Feedback', title: 'Kontakt und Feedback – Planwerk' },
  { path: '/gibt-es-nicht', heading: 'Seite nicht gefunden', title: 'Seite nicht gefunden – Planwerk' },
];

const STATE_PAGES: PageCase[] = [
  { path: '/programme', heading: 'Programme – noch nicht verfügbar', title: 'Programme – Planwerk' },
  { path: '/termine', heading: 'Termine – noch nicht verfügbar', title: 'Termine – Planwerk' },
  { path: '/wissen', heading: 'Wissen – noch nicht verfügbar', title: 'Wissen – Planwerk' },
  { path: '/konto', heading: 'Mein Konto', title: 'Mein Konto – Planwerk' },
  { path: '/verwaltung', heading: 'Verwaltung', title: 'Verwaltung – Planwerk' },
];

/** Opens a page by its address, checks heading, title and landmarks, then runs axe. */
async function checkPage(page: Page, c: PageCase): Promise<void> {
  await page.goto(c.path);
  await waitForHeading(page, c.heading);
  // Pages that load data show it before the check (no "Wird geladen …" left).
  await page.getByText('Wird geladen …').waitFor({ state: 'detached' });
  expect(await page.title()).toBe(c.title);
  expect(await page.locator('h1').count(), `eine h1 auf ${c.path}`).toBe(1);
  expect(await page.locator('main#inhalt').count()).toBe(1);
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  expect(await nav.count()).toBe(1);
  // The navigation marks the current module.
  const current = nav.locator('a[aria-current="page"]');
  const navLink = nav.locator(`a[href="${c.path}"]`);
  if ((await navLink.count()) > 0) expect(await current.getAttribute('href')).toBe(c.path);
  else expect(await current.count()).toBe(0);
  await expectNoAxeViolations(page, c.path);
}

/** True when the page can be scrolled sideways (fails WCAG 1.4.10 reflow). */
async function scrollsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe('Barrierefreiheit (axe, WCAG 2.1 A/AA)', () => {
  const e2e = setupE2E();

  /** One page shared by the tests of a group, opened on first use (contexts close with the browser). */
  function sharedPage(prepare?: (page: Page) => Promise<void>): () => Promise<Page> {
    let opened: Promise<Page> | undefined;
    return () =>
      (opened ??= (async () => {
        const page = await (await e2e().newContext()).newPage();
        await prepare?.(page);
        return page;
      })());
  }

  describe('öffentliche Seiten', () => {
    const page = sharedPage();
    for (const c of PUBLIC_PAGES) {
      it(`${c.path} hat keine Verstöße`, async () => {
        await checkPage(await page(), c);
      });
    }
  });

  describe('Seiten für angemeldete Personen (Landesebene: land@musterland.example)', () => {
    const page = sharedPage((p) => logIn(p, 'land@musterland.example'));

    it('zeigt die Module der Landesebene in der Navigation', async () => {
      const nav = (await page()).getByRole('navigation', { name: 'Hauptnavigation' });
      for (const name of ['Programme', 'Termine', 'Wissen']) expect(await nav.getByRole('link', { name }).count()).toBe(1);
    });

    for (const c of STATE_PAGES) {
      it(`${c.path} hat keine Verstöße`, async () => {
        await checkPage(await page(), c);
      });
    }
  });

  it('/verwaltung mit Mitgliedern und Protokoll (Kreis-Administration) hat keine Verstöße', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, 'admin@musterland.example');
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    expect(await nav.getByRole('link', { name: 'Atlas' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Programme' }).count()).toBe(0);
    await checkPage(page, { path: '/verwaltung', heading: 'Verwaltung', title: 'Verwaltung – Planwerk' });
    const members = page.getByRole('region', { name: 'Mitglieder' });
    expect(await members.getByRole('row', { name: /planung@musterland\.example/ }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Änderungsprotokoll' }).getByRole('row').count()).toBeGreaterThan(1);
    await context.close();
  });

  it('hat auf Englisch, im Fehlerzustand und im mobilen Menü keine Verstöße', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Sprache').selectOption('en');
    await waitForHeading(page, 'Welcome to Planwerk');
    await expectNoAxeViolations(page, '/ (English)');
    await page.goto('/barrierefreiheit');
    await waitForHeading(page, 'Accessibility statement');
    await expectNoAxeViolations(page, '/barrierefreiheit (English)');
    await page.getByLabel('Language').selectOption('de');

    await page.goto('/anmelden');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.getByText('Bitte geben Sie Ihre E-Mail-Adresse ein.').waitFor();
    expect(await page.getByLabel('E-Mail-Adresse').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, '/anmelden (Fehler)');
    await context.close();
  });

  it('lässt sich bei 360 px Breite ohne seitliches Scrollen bedienen', async () => {
    const context = await e2e().newContext({ width: 360, height: 740 });
    const page = await context.newPage();
    await logIn(page, 'land@musterland.example');
    for (const c of [...PUBLIC_PAGES, ...STATE_PAGES]) {
      await page.goto(c.path);
      await waitForHeading(page, c.heading);
      await page.getByText('Wird geladen …').waitFor({ state: 'detached' });
      expect(await scrollsHorizontally(page), `seitliches Scrollen auf ${c.path}`).toBe(false);
    }
    // The navigation collapses into a menu button that opens and closes the list.
    await page.goto('/');
    await waitForHeading(page, 'Willkommen bei Planwerk');
    const menu = page.getByRole('button', { name: 'Menü' });
    const atlas = page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Atlas' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await atlas.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await expectNoAxeViolations(page, '/ (360 px, Menü offen)');
    await atlas.click();
    await waitForHeading(page, 'Atlas');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // Screen readers hear the new page's title from the live region.
    await page.getByTestId('ansage').getByText('Atlas – Planwerk').waitFor({ state: 'attached' });
    await context.close();
  });
});
