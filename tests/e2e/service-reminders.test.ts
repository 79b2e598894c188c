import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { createTestApp, listen, type TestApp } from '../support/server.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { expectNoAxeViolations, launchBrowser, logIn, waitForHeading } from './browser.ts';

// Tuesday 24 November 2026 in Berlin: the demo's entries checked on 2025-06-30 are overdue.
const NOW = new Date('2026-11-24T08:30:00Z');

/**
 * The reminder panel on the planner's Prüfliste, against a server with a real SMTP server
 * (its own app, because the shared e2e set-up has no mail server configured).
 */
describe('e-mail reminders from the Prüfliste', () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  let browser: Browser;
  let baseUrl = '';

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await createTestApp('pglite', {
      clock: fixedClock(NOW),
      env: {
        PLANWERK_SMTP_URL: smtp.url,
        PLANWERK_MAIL_FROM: 'planwerk@musterland.example',
        PLANWERK_PUBLIC_URL: 'https://planwerk.musterland.example',
      },
    });
    baseUrl = await listen(app.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await smtp?.close();
  });

  async function plannerPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await logIn(page, 'planung@musterland.example');
    await page.goto('/angebote/pruefung');
    await waitForHeading(page, 'Prüfliste');
    return page;
  }

  it('a planner sees who is due, confirms, and reads the German result; the provider got the mail', async () => {
    const page = await plannerPage();
    const panel = page.getByTestId('erinnerungen');
    await panel.getByRole('heading', { level: 3, name: 'E-Mail-Erinnerungen an Anbieter' }).waitFor();
    const due = panel.getByTestId('erinnerungen-faellig');
    await due.waitFor();
    const dueText = await due.innerText();
    const count = Number(/Jetzt fällig: (\d+) Erinnerungen? an 1 Anbieter\./.exec(dueText)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(dueText).toContain('höchstens alle 7 Tage');
    await expectNoAxeViolations(page, 'Prüfliste mit Erinnerungen');

    // Keyboard only: the confirmation takes the focus.
    await panel.getByRole('button', { name: 'Erinnerungen jetzt senden' }).focus();
    await page.keyboard.press('Enter');
    const confirm = panel.getByRole('button', { name: 'Ja, senden' });
    await confirm.waitFor();
    expect(await confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect
      .poll(() => panel.getByRole('group').innerText())
      .toContain(`${count} ${count === 1 ? 'Erinnerung' : 'Erinnerungen'} an 1 Anbieter per E-Mail senden?`);
    await expectNoAxeViolations(page, 'Prüfliste, Erinnerungen bestätigen');
    await page.keyboard.press('Enter');

    const result = panel.getByTestId('erinnerungen-ergebnis');
    await result.waitFor();
    expect(await result.innerText()).toBe(`${count} ${count === 1 ? 'Erinnerung' : 'Erinnerungen'} an 1 Anbieter gesendet.`);
    expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
    await panel.getByText('Zurzeit ist keine Erinnerung fällig.').waitFor();
    await expect.poll(() => panel.getByRole('button', { name: 'Erinnerungen jetzt senden' }).count()).toBe(0);
    expect(smtp.received.map((m) => m.to)).toEqual([['anbieter@musterland.example']]);
    await expectNoAxeViolations(page, 'Prüfliste nach dem Versand');
  });
});
