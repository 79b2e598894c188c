import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/web/atlas/format.ts';
import type { AtlasValues, RegionProfile } from '../../src/web/atlas/types.ts';
import { expectNoAxeViolations, setupE2E, waitForHeading } from './browser.ts';

const TENANT = '99001';
const REGION = '99001001';

describe('Steckbrief (/atlas/gebiet/…, anonym)', () => {
  const e2e = setupE2E();

  it('führt vom gewählten Gebiet im Atlas zu seinem Steckbrief mit Werten im deutschen Format', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await page.goto('/atlas');
    await waitForHeading(page, 'Atlas');
    await page.getByLabel('Indikator').selectOption({ label: 'Kinderarmutsquote (SGB II, unter 15 Jahren)' });
    await page.getByLabel('Zeitraum (Stichtag)').selectOption({ label: '31.12.2024' });
    await page.getByLabel('Gebietsebene').selectOption({ label: 'Gemeinden' });

    const query = new URLSearchParams({ indicator: 'demo.kinderarmut', period: '2024-12-31', level: 'gemeinde' });
    const values = (await (
      await page.request.get(`/api/public/atlas/${TENANT}/values?${query.toString()}`)
    ).json()) as AtlasValues;
    const row = values.rows.find((r) => r.region === REGION)!;
    expect(row.value).not.toBeNull();
    await page.getByRole('table').getByRole('button', { name: row.name!, exact: true }).click();
    await page.getByRole('link', { name: `${row.name!} (Steckbrief)` }).click();

    await waitForHeading(page, `Steckbrief ${row.name!}`);
    expect(new URL(page.url()).pathname).toBe(`/atlas/gebiet/${TENANT}/${REGION}`);
    const kinderarmut = page.getByTestId('steckbrief-demo.kinderarmut');
    const text = await kinderarmut.innerText();
    expect(text).toContain(formatValue(row.value!, 'de'));
    expect(text).toContain('31.12.2024');
    // The trend as text, German numbers: „2016: 12,3 → 2024: 14,1 (+1,8)“.
    expect(text).toMatch(/2016: \d+(,\d)? → 2024: \d+(,\d)? \([+−±]\d+(,\d)?\)/);
    expect(await page.getByRole('heading', { level: 2, name: 'Einkommen und Armut' }).count()).toBe(1);
    expect(await page.getByTestId('steckbrief-quellen').innerText()).toMatch(/^Quellen: \S/);
    await page.getByRole('button', { name: 'Drucken' }).waitFor();
    await expectNoAxeViolations(page, 'Steckbrief');
    await context.close();
  });

  it('ist über die Adresse erreichbar, ohne axe-Verstöße auch 360 px breit, und druckt ohne Navigation', async () => {
    const context = await e2e().newContext({ width: 360, height: 800 });
    const page = await context.newPage();
    const profile = (await (
      await page.request.get(`/api/public/atlas/${TENANT}/regions/${REGION}/profile`)
    ).json()) as RegionProfile;
    await page.goto(`/atlas/gebiet/${TENANT}/${REGION}`);
    await waitForHeading(page, `Steckbrief ${profile.region.name}`);
    expect(await page.locator('table.profile-table tbody tr').count()).toBe(11);
    await expectNoAxeViolations(page, 'Steckbrief (360 px)');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Drucken' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);

    await page.goto(`/atlas/gebiet/${TENANT}/99009999`);
    await page.getByRole('alert').getByText('Dieses Gebiet gibt es im öffentlichen Atlas nicht.').waitFor();
    await context.close();
  });
});
