import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

const PLANNER = 'planung@musterland.example';
const TITLE = 'Abgleich: Angebote und Bedarf';
const NORD = '99001-SR3';

interface Cell {
  areaKey: string | null;
  services: number;
  capacityPer1000: number | null;
  targetPopulation: number | null;
  reach: { share: number | null } | null;
  checks: { criterion: string; status: string }[];
  status: string;
  serviceIds: string[];
}
interface View {
  matrix: { areas: { key: string; name: string }[]; rows: { key: string; cells: Cell[] }[] };
  entries: Record<string, { serviceId: string; name: string }>;
}

const de = (value: number, digits: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: digits }).format(value);

/** The API's answer for the demo's default row, asked independently of the page (with the page's session). */
async function apiAnswer(page: Page, period: string, minReachShare?: number): Promise<View> {
  const body = {
    rows: [
      {
        key: 'zeile-1',
        label: 'Kinder 0–6: Kindertagesbetreuung',
        termKeys: ['handlungsfeld.kindertagesbetreuung'],
        targetVariableKey: 'demo.alter_0_5',
        period,
        reachMetres: 3000,
        minCapacityPer1000: 300,
        ...(minReachShare === undefined ? {} : { minReachShare }),
      },
    ],
    population: { level: 'gemeinde', variableKey: 'demo.alter_0_5', period },
  };
  return page.evaluate(async (payload) => {
    const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
    const response = await fetch('/api/tenants/99001/gap-analysis', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify(payload),
    });
    if (!response.ok) throw new Error(`Abgleich-API: ${response.status} ${await response.text()}`);
    return (await response.json()) as View;
  }, body);
}

async function cellStatus(page: Page, areaKey: string): Promise<string> {
  return page.getByTestId(`abgleich-zelle-zeile-1-${areaKey}`).locator('.gap-status').innerText();
}

describe('Abgleich (/angebote/abgleich)', () => {
  const e2e = setupE2E();

  it('schickt anonyme Besucher*innen zur Anmeldung', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await page.goto('/angebote/abgleich');
    await waitForHeading(page, 'Anmelden');
    expect(new URL(page.url()).searchParams.get('weiter')).toBe('/angebote/abgleich');
    await context.close();
  });

  it('zeigt Sozialraum Nord als Lücke mit den Zahlen der API, verlinkt die Kita, und der Permalink stellt die Zeile wieder her', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    await page.goto('/angebote?kommune=99001');
    await page.getByRole('link', { name: 'Abgleich für Planer*innen' }).click();
    await waitForHeading(page, TITLE);

    // The default row of the demo.
    const label = page.getByLabel('Bezeichnung (Lebenslage oder Zielgruppe)');
    await label.waitFor();
    expect(await label.inputValue()).toBe('Kinder 0–6: Kindertagesbetreuung');
    expect(await page.getByLabel('Zielbevölkerung (Merkmal)').inputValue()).toBe('demo.alter_0_5');
    const period = await page.getByLabel('Zeitraum der Zielbevölkerung').inputValue();
    expect(period).toMatch(/^\d{4}(-\d{2}-\d{2})?$/);
    expect(await page.getByLabel('Entfernung in Luftlinie (km)').inputValue()).toBe('3');
    expect(await page.getByLabel('Mindestens Plätze je 1.000').inputValue()).toBe('300');
    expect(await page.getByLabel('Mindestanteil in Reichweite (%)').inputValue()).toBe('');

    await page.getByRole('button', { name: 'Abgleich berechnen' }).click();
    const summary = page.getByTestId('abgleich-zusammenfassung');
    await summary.waitFor();

    const view = await apiAnswer(page, period);
    const cells = new Map(view.matrix.rows[0]!.cells.map((c) => [c.areaKey, c]));
    const nord = cells.get(NORD)!;
    expect(nord.status).toBe('gap');

    // The Nord cell: status as text and the API's numbers in German format.
    const nordCell = page.getByTestId(`abgleich-zelle-zeile-1-${NORD}`);
    expect(await cellStatus(page, NORD)).toBe('Lücke');
    const nordText = await nordCell.innerText();
    expect(nordText).toContain(nord.services === 1 ? '1 Angebot' : `${nord.services} Angebote`);
    expect(nordText).toContain(`${de(nord.capacityPer1000!, 1)} Plätze je 1.000`);
    expect(nordText).toContain(`${de(nord.reach!.share! * 100, 0)} % in Reichweite`);
    // The other Sozialräume are no gaps, on the page as in the API.
    for (const area of view.matrix.areas.filter((a) => a.key !== NORD)) {
      expect(cells.get(area.key)!.status, `${area.key}: ${JSON.stringify(cells.get(area.key)!.checks)}`).not.toBe('gap');
      expect(await cellStatus(page, area.key)).not.toBe('Lücke');
    }

    expect(await nordCell.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(
      await page.getByTestId(`abgleich-zelle-zeile-1-99001-SR2`).evaluate((el) => getComputedStyle(el).backgroundColor),
    );

    // The summary names exactly this gap with the failed checks.
    const nordName = view.matrix.areas.find((a) => a.key === NORD)!.name;
    expect(nord.checks.map((c) => c.criterion)).toEqual(['capacity_per_1000']);
    const details = [`${de(nord.capacityPer1000!, 0)} Plätze je 1.000, Schwelle 300`];
    expect(await summary.innerText()).toBe(`1 Lücke: ${nordName} – Kinder 0–6: Kindertagesbetreuung (${details.join('; ')})`);

    // The gap links to the service behind it (the demo's small Kita) and states its data.
    await nordCell.getByRole('link', { name: 'Angebote und Daten zur Lücke' }).click();
    const finding = page.getByTestId(`abgleich-luecke-zeile-1-${NORD}`);
    const entry = view.entries[nord.serviceIds[0]!]!;
    expect(entry.name).toContain('Kita');
    const link = finding.getByRole('link');
    expect(await link.count()).toBe(1);
    expect(await link.innerText()).toBe(entry.name);
    expect(await link.getAttribute('href')).toBe(`/angebote/99001/${entry.serviceId}`);
    const data = await finding.innerText();
    expect(data).toContain(`Zielbevölkerung: ${de(nord.targetPopulation!, 0)}`);
    expect(data).toContain('demo.alter_0_5');
    expect(data).toContain(`Zeitraum ${period}`);
    await expectNoAxeViolations(page, 'Abgleich (1280 px)');

    // The permalink restores the row and the result, also at 360 px.
    const permalink = page.url();
    expect(new URL(permalink).searchParams.getAll('zeile')).toHaveLength(1);
    const narrow = await context.newPage();
    await narrow.setViewportSize({ width: 360, height: 800 });
    await narrow.goto(permalink);
    await waitForHeading(narrow, TITLE);
    await narrow.getByTestId('abgleich-zusammenfassung').waitFor();
    expect(await narrow.getByLabel('Bezeichnung (Lebenslage oder Zielgruppe)').inputValue()).toBe(
      'Kinder 0–6: Kindertagesbetreuung',
    );
    expect(await narrow.getByLabel('Zeitraum der Zielbevölkerung').inputValue()).toBe(period);
    expect(await narrow.getByLabel('Entfernung in Luftlinie (km)').inputValue()).toBe('3');
    expect(await narrow.getByLabel('Mindestens Plätze je 1.000').inputValue()).toBe('300');
    expect(await cellStatus(narrow, NORD)).toBe('Lücke');
    expect(await narrow.getByTestId('abgleich-zusammenfassung').innerText()).toBe(await summary.innerText());
    await expectNoAxeViolations(narrow, 'Abgleich (360 px)');

    // A reach threshold: the page counts the gaps the API finds.
    await narrow.getByLabel('Mindestanteil in Reichweite (%)').fill('80');
    await narrow.getByRole('button', { name: 'Abgleich berechnen' }).click();
    const withReach = await apiAnswer(narrow, period, 0.8);
    const gaps = withReach.matrix.rows[0]!.cells.filter((c) => c.status === 'gap').length;
    expect(gaps).toBeGreaterThan(1);
    await narrow
      .getByTestId('abgleich-zusammenfassung')
      .filter({ hasText: `${gaps} Lücken:` })
      .waitFor();
    expect(await narrow.getByTestId(`abgleich-luecke-zeile-1-${NORD}`).count()).toBe(1);
    await context.close();
  });
});
