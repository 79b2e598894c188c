import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, DEMO_PASSWORD, listen, type TestApp } from '../support/server.ts';

export { DEMO_PASSWORD };

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * Launches headless Chromium. Playwright starts it with a fresh temporary profile
 * (user-data dir) of its own and deletes it on close; contexts from `newContext()` are
 * isolated from each other like separate browsers. A missing Chromium is an error, never
 * a reason to skip.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium wurde unter ${CHROMIUM_PATH} nicht gefunden. Die Browser-Tests brauchen Chromium: ` +
        'installieren (Debian: apt-get install chromium) oder den Pfad in CHROMIUM_PATH angeben.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** One test server (PGlite, Musterland demo) and one browser for a test file. */
export interface E2E {
  app: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh, isolated context (own cookies and storage) with the app's base URL. */
  newContext(options?: { width?: number; height?: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** What a test file may add to the demo before the server listens (e.g. real Thuringian data). */
export interface E2EOptions {
  prepare?: (app: TestApp) => Promise<void>;
}

export async function startE2E(options: E2EOptions = {}): Promise<E2E> {
  const app = await createTestApp('pglite');
  let browser: Browser | undefined;
  try {
    const indexFile = path.join(app.ctx.config.webDir, 'index.html');
    if (!fs.existsSync(indexFile)) {
      throw new Error(`Die Browser-Oberfläche ist nicht gebaut (${indexFile} fehlt). Bitte zuerst npm run build:web ausführen.`);
    }
    await options.prepare?.(app);
    const baseUrl = await listen(app.app);
    browser = await launchBrowser();
    const b = browser;
    const contexts: BrowserContext[] = [];
    return {
      app,
      baseUrl,
      browser: b,
      async newContext(options = {}) {
        const context = await b.newContext({
          baseURL: baseUrl,
          locale: 'de-DE',
          timezoneId: 'Europe/Berlin',
          viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
        });
        context.setDefaultTimeout(30_000);
        contexts.push(context);
        return context;
      },
      async close() {
        for (const c of contexts) await c.close().catch(() => undefined);
        await b.close();
        await app.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await app.close();
    throw error;
  }
}

/**
 * Starts server and browser once for the calling test file (beforeAll/afterAll) and returns
 * an accessor. When the start fails (e.g. no Chromium), every test that uses the accessor
 * fails with that message instead of being reported as skipped.
 */
export function setupE2E(options: E2EOptions = {}): () => E2E {
  let e2e: E2E | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      e2e = await startE2E(options);
    } catch (error) {
      failure = error;
    }
  });
  afterAll(async () => {
    await e2e?.close();
  });
  return () => {
    if (failure !== undefined) throw failure;
    if (!e2e) throw new Error('Testserver und Browser wurden nicht gestartet.');
    return e2e;
  };
}

/** Waits until the page shows its main heading (the single-page app has rendered). */
export async function waitForHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Logs in through the form with the mouse and waits for the start page. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').click();
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await waitForHeading(page, 'Willkommen bei Planwerk');
}

/** Runs axe (WCAG 2.1 A/AA) and fails with the rule ids and targets of every violation. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact ?? '?'}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe-Verstöße auf ${label}:\n${summary.join('\n')}`).toEqual([]);
  // Guard against checking an empty page: axe must have looked at real content.
  expect(result.passes.length, `axe hat auf ${label} nichts geprüft`).toBeGreaterThan(5);
}
