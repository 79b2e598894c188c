import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

const PLANNER = 'planung@musterland.example';
const NORD = '99001-SR3';
const ROW_LABEL = 'Kinder 0–6: Kindertagesbetreuung';
const SERVICES_KEY = 'gap:kinder_0_6_kindertagesbetreuung:services';
const CAPACITY_KEY = 'gap:kinder_0_6_kindertagesbetreuung:capacity_per_1000';

interface Values {
  rows: { region: string; name: string | null; value: number | null }[];
}

const de = (value: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(value);

/** The atlas values of an indicator per Sozialraum, read with the page's session. */
async function atlasValues(page: Page, indicator: string, period: string): Promise<Values> {
  const url = `/api/tenants/99001/atlas/values?indicator=${encodeURIComponent(indicator)}&period=${period}&level=planning_area`;
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  return (await response.json()) as Values;
}

/** The value cell of a region in the atlas table. */
function tableValue(page: Page, regionName: string) {
  return page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: regionName, exact: true }) })
    .locator('td')
    .first();
}

describe('Abgleich als Indikatoren im Atlas', () => {
  const e2e = setupE2E();

  it('Planer*innen übernehmen den Abgleich, folgen dem Link und sehen den Wert von Sozialraum Nord im Atlas', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    await page.goto('/angebote/abgleich?kommune=99001');
    await waitForHeading(page, 'Abgleich: Angebote und Bedarf');
    const period = await page.getByLabel('Zeitraum der Zielbevölkerung').inputValue();
    await page.getByRole('button', { name: 'Abgleich berechnen' }).click();
    await page.getByTestId('abgleich-zusammenfassung').waitFor();

    // Confirmation first; cancelling saves nothing and returns the focus to the button.
    const start = page.getByRole('button', { name: 'Als Indikatoren in den Atlas übernehmen' });
    await start.click();
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await expect.poll(() => start.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await page.request.get('/api/tenants/99001/atlas/indicators').then((r) => r.text())).includes(SERVICES_KEY)).toBe(
      false,
    );

    await start.click();
    const question = page.getByRole('group', { name: /als Indikatoren im Atlas speichern\?/ });
    expect(await question.innerText()).toContain('für 4 Sozialräume');
    await question.getByRole('button', { name: 'Ja, übernehmen' }).click();
    const saved = page.getByTestId('abgleich-gespeichert');
    await saved.waitFor();
    const text = await saved.innerText();
    expect(text).toContain('3 Indikatoren im Atlas gespeichert:');
    expect(text).toContain(`Angebote – ${ROW_LABEL}`);
    expect(text).toContain(`Kapazität je 1.000 Zielbevölkerung – ${ROW_LABEL}`);
    expect(text).toContain(`Anteil der Bevölkerung mit Angebot in 3.000 m Luftlinie – ${ROW_LABEL}`);
    await expectNoAxeViolations(page, 'Abgleich nach der Übernahme');

    // The numbers as the gap analysis counts them (the page's own API answer).
    const services = await atlasValues(page, SERVICES_KEY, period);
    const nordServices = services.rows.find((r) => r.region === NORD)!;
    expect(nordServices.value).toBe(1);
    const capacity = await atlasValues(page, CAPACITY_KEY, period);
    const nordCapacity = capacity.rows.find((r) => r.region === NORD)!.value!;

    await saved.getByRole('link', { name: `Im Atlas je Sozialraum ansehen: Angebote – ${ROW_LABEL}` }).click();
    await page.waitForURL(/\/atlas\?/);
    const address = new URL(page.url()).searchParams;
    expect(address.get('kommune')).toBe('99001');
    expect(address.get('indikator')).toBe(SERVICES_KEY);
    expect(address.get('ebene')).toBe('planning_area');
    await page
      .getByRole('table')
      .locator('caption')
      .filter({ hasText: `Angebote – ${ROW_LABEL}` })
      .waitFor();
    expect(await page.getByRole('table').getByRole('row').count()).toBe(5);
    expect(await tableValue(page, nordServices.name!).innerText()).toBe('1');

    // The capacity indicator of the same save, chosen in the atlas: Nord's places per 1,000.
    await page.getByLabel('Indikator', { exact: true }).selectOption(CAPACITY_KEY);
    await page
      .getByRole('table')
      .locator('caption')
      .filter({ hasText: `Kapazität je 1.000 Zielbevölkerung – ${ROW_LABEL}` })
      .waitFor();
    expect(await tableValue(page, nordServices.name!).innerText()).toBe(de(nordCapacity));
    await context.close();
  });
});
