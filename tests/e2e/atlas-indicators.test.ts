import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cryptoSecrets } from '../../src/adapters/secrets.ts';
import { inTransaction } from '../../src/db/repositories/index.ts';
import { addMember } from '../../src/use-cases/tenancy/add-member.ts';
import { testHasher } from '../support/server.ts';
import { expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

const PLANNER = 'planung@musterland.example';

/** The indicator options of the atlas as an anonymous visitor sees them (fresh context: no cached answers). */
async function publicAtlasIndicators(e2e: ReturnType<ReturnType<typeof setupE2E>>): Promise<string[]> {
  const context = await e2e.newContext();
  const page = await context.newPage();
  await page.goto('/atlas');
  await waitForHeading(page, 'Atlas');
  const select = page.getByLabel('Indikator', { exact: true });
  await select.locator('option', { hasText: 'Kinderarmutsquote' }).waitFor({ state: 'attached' });
  const options = await select.locator('option').allInnerTexts();
  const api = (await (await page.request.get('/api/public/atlas/99001/indicators')).json()) as { label: string }[];
  await context.close();
  // The page lists exactly what the public API lists.
  expect([...options].sort()).toEqual(api.map((i) => i.label).sort());
  return options;
}

async function openManagement(page: Page): Promise<void> {
  await page.goto('/atlas/indikatoren');
  await waitForHeading(page, 'Indikatoren verwalten');
  await page.getByTestId('indikator-demo.geburtenrate').waitFor();
}

describe('Indikatoren verwalten (/atlas/indikatoren)', () => {
  const e2e = setupE2E();

  it('schickt anonyme Besucher*innen zur Anmeldung', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await page.goto('/atlas/indikatoren');
    await waitForHeading(page, 'Anmelden');
    expect(new URL(page.url()).searchParams.get('weiter')).toBe('/atlas/indikatoren');
    await context.close();
  });

  it('zieht einen Indikator zurück: anonym nicht mehr im Atlas, nach „Rückgängig“ wieder da', async () => {
    expect(await publicAtlasIndicators(e2e())).toContain('Geburtenrate');
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    await openManagement(page);
    const row = page.getByTestId('indikator-demo.geburtenrate');
    expect(await row.innerText()).toContain('„Lebendgeborene im Jahr“ ÷ „Bevölkerung insgesamt“ × 1.000');
    await expectNoAxeViolations(page, 'Indikatoren verwalten');

    await row.getByRole('button', { name: 'Zurückziehen „Geburtenrate“' }).click();
    const confirm = page.getByRole('group', { name: 'Veröffentlichung von „Geburtenrate“ ändern' });
    expect(await confirm.innerText()).toContain('„Geburtenrate“ zurückziehen?');
    // The confirmation takes focus, so that a keyboard user answers it at once.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ja, zurückziehen');
    await expectNoAxeViolations(page, 'Bestätigung');
    await confirm.getByRole('button', { name: 'Ja, zurückziehen' }).click();
    const status = page.getByRole('status').filter({ hasText: 'ist nicht mehr veröffentlicht' });
    await status.waitFor();
    expect(await status.innerText()).toContain('„Geburtenrate“ ist nicht mehr veröffentlicht.');
    await row.getByRole('button', { name: 'Veröffentlichen „Geburtenrate“' }).waitFor();
    expect(await row.locator('td').nth(4).innerText()).toBe('nein');

    expect(await publicAtlasIndicators(e2e())).not.toContain('Geburtenrate');

    // Members see it in the Steckbrief, marked; the page says which view it is.
    const profile = await context.newPage();
    await profile.goto('/atlas/gebiet/99001/99001001');
    await profile.getByTestId('steckbrief-demo.geburtenrate').waitFor();
    expect(await profile.getByTestId('steckbrief-demo.geburtenrate').innerText()).toContain('nicht veröffentlicht');
    expect(await profile.getByTestId('steckbrief-ansicht').innerText()).toContain('Interne Ansicht');
    await expectNoAxeViolations(profile, 'interner Steckbrief');
    await profile.getByRole('link', { name: 'Öffentliche Ansicht zeigen' }).click();
    await profile.getByText('Öffentliche Ansicht: nur veröffentlichte Indikatoren, mit Geheimhaltung.').waitFor();
    expect(await profile.getByTestId('steckbrief-demo.geburtenrate').count()).toBe(0);
    await profile.close();

    await status.getByRole('button', { name: 'Rückgängig' }).click();
    await page.getByRole('status').filter({ hasText: 'Rückgängig gemacht: „Geburtenrate“ ist wieder veröffentlicht.' }).waitFor();
    await row.getByRole('button', { name: 'Zurückziehen „Geburtenrate“' }).waitFor();
    expect(await row.locator('td').nth(4).innerText()).toBe('ja');
    expect(await publicAtlasIndicators(e2e())).toContain('Geburtenrate');
    await context.close();
  });

  it('legt einen Verhältnis-Indikator über das Formular an; ein Fehler des Servers lässt die Eingaben stehen', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    await openManagement(page);
    await page.getByRole('button', { name: 'Neuen Indikator anlegen' }).click();
    const form = page.getByRole('region', { name: 'Neuer Indikator' });
    await form.getByLabel('Schlüssel').fill('test.hochaltrige_je_1000');
    await form.getByLabel('Bezeichnung').fill('Hochaltrige je 1.000 Einwohner*innen');
    await form.getByLabel('Einheit').fill('je 1.000');
    // First an expression with a variable that does not exist: the server refuses it.
    await form.getByLabel('Formel aus Merkmalen').check();
    await form.getByRole('textbox', { name: 'Formel', exact: true }).fill('demo.gibt_es_nicht / demo.bevoelkerung * 1000');
    await form.getByRole('button', { name: 'Indikator anlegen' }).click();
    await form.getByRole('alert').getByText('Diese Merkmale gibt es nicht: „demo.gibt_es_nicht“.').waitFor();
    expect(await form.getByLabel('Bezeichnung').inputValue()).toBe('Hochaltrige je 1.000 Einwohner*innen');
    expect(await form.getByRole('textbox', { name: 'Formel', exact: true }).inputValue()).toBe(
      'demo.gibt_es_nicht / demo.bevoelkerung * 1000',
    );
    expect(await form.getByRole('textbox', { name: 'Formel', exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'Formular mit Fehler');

    await form.getByLabel(/^Verhältnis/).check();
    await form.getByLabel('Zähler', { exact: true }).selectOption('demo.alter_80_plus');
    await form.getByLabel('Nenner', { exact: true }).selectOption('demo.bevoelkerung');
    await form.getByLabel('Faktor', { exact: true }).fill('1.000');
    await form.getByLabel('Lebenslage').selectOption({ label: 'Demografie' });
    await form.getByLabel('Richtung').selectOption({ label: 'Neutral (weder günstig noch ungünstig)' });
    await form.getByLabel('Methodenhinweise').fill('Stichtag 31.12., Bevölkerung am Hauptwohnsitz.');
    expect(await form.innerText()).toContain('Lesbar: „Bevölkerung 80 Jahre und älter“ ÷ „Bevölkerung insgesamt“ × 1.000');
    await form.getByRole('button', { name: 'Indikator anlegen' }).click();

    await page.getByRole('status').filter({ hasText: '„Hochaltrige je 1.000 Einwohner*innen“ ist angelegt.' }).waitFor();
    const row = page.getByTestId('indikator-test.hochaltrige_je_1000');
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Hochaltrige je 1.000 Einwohner*innen');
    expect(text).toContain('Demografie');
    expect(text).toContain('„Bevölkerung 80 Jahre und älter“ ÷ „Bevölkerung insgesamt“ × 1.000');
    expect(await row.locator('td').nth(4).innerText()).toBe('nein');

    const stored = (await (await page.request.get('/api/tenants/99001/atlas/indicators')).json()) as {
      key: string;
      formula: unknown;
      published: boolean;
      methodNotes: string;
    }[];
    expect(stored.find((i) => i.key === 'test.hochaltrige_je_1000')).toMatchObject({
      formula: { kind: 'ratio', numerator: 'demo.alter_80_plus', denominator: 'demo.bevoelkerung', factor: 1000 },
      published: false,
      methodNotes: 'Stichtag 31.12., Bevölkerung am Hauptwohnsitz.',
    });
    expect(await publicAtlasIndicators(e2e())).not.toContain('Hochaltrige je 1.000 Einwohner*innen');
    await context.close();
  });

  it('zeigt Mitgliedern mit Leserechten die Liste ohne Schaltflächen zum Ändern', async () => {
    const { app } = e2e();
    const password = 'Lesen-Indikatoren-2026';
    await inTransaction(app.ctx.db, (r) =>
      addMember(
        { ...r, hasher: testHasher, secrets: cryptoSecrets, clock: app.ctx.clock },
        { kind: 'system', label: 'Test' },
        { tenantKey: '99001', email: 'lesen@musterland.example', role: 'viewer', password },
      ),
    );
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, 'lesen@musterland.example', password);
    await openManagement(page);
    await page.getByText('Mit Ihrer Rolle „Lesen“ sehen Sie die Indikatoren').waitFor();
    const row = page.getByTestId('indikator-demo.geburtenrate');
    expect(await row.innerText()).toContain('Demografie');
    expect(await page.getByRole('button', { name: /^(Zurückziehen|Veröffentlichen|Bearbeiten)/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Neuen Indikator anlegen' }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: 'Aktionen' }).count()).toBe(0);
    await context.close();
  });

  it('ist 360 px breit ohne axe-Verstöße bedienbar, mit offenem Formular', async () => {
    const context = await e2e().newContext({ width: 360, height: 800 });
    const page = await context.newPage();
    await logIn(page, PLANNER);
    await openManagement(page);
    await expectNoAxeViolations(page, 'Indikatoren verwalten (360 px)');
    await page
      .getByTestId('indikator-demo.kinderarmut')
      .getByRole('button', { name: /^Bearbeiten/ })
      .click();
    const form = page.getByRole('region', { name: /bearbeiten$/ });
    await form.getByLabel('Bezeichnung').waitFor();
    expect(await form.getByLabel('Bezeichnung').inputValue()).toBe('Kinderarmutsquote (SGB II, unter 15 Jahren)');
    expect(await form.getByLabel('Schlüssel').count()).toBe(0);
    await expectNoAxeViolations(page, 'Bearbeiten (360 px)');
    await context.close();
  });
});
