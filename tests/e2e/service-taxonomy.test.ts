import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

const TENANT = '99001';
const PLANNER = 'planung@musterland.example';
const PROVIDER = 'anbieter@musterland.example';
const TITLE = 'Begriffe der Angebote (Taxonomie)';

interface Term {
  key: string;
  label: string;
  hidden: boolean;
  builtIn: boolean;
}

const e2e = setupE2E();

async function signedIn(email: string): Promise<Page> {
  const page = await (await e2e().newContext()).newPage();
  await logIn(page, email);
  return page;
}

/** The members' taxonomy as the API gives it (with the page's session cookie). */
async function memberTerms(page: Page): Promise<Term[]> {
  const response = await page.request.get(`/api/tenants/${TENANT}/service-taxonomy`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Term[];
}

const term = (terms: Term[], key: string) => terms.find((x) => x.key === key);

describe('service taxonomy: planners rename, hide and add terms', () => {
  it('a planner renames a Zielgruppe by keyboard, hides and restores one, adds an own Handlungsfeld; the public filters follow', async () => {
    const page = await signedIn(PLANNER);
    await page.goto(`/angebote/register?kommune=${TENANT}`);
    await page.getByRole('link', { name: 'Begriffe (Taxonomie) verwalten' }).click();
    await waitForHeading(page, TITLE);
    const zielgruppen = page.getByTestId('taxonomie-zielgruppe');
    await zielgruppen
      .getByRole('row', { name: /Familien/ })
      .first()
      .waitFor();
    for (const name of ['Lebenslagen', 'Zielgruppen', 'Handlungsfelder'])
      await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
    await expectNoAxeViolations(page, 'Taxonomie (Anfang)');

    // Rename „Familien“ with the keyboard only: Enter on the button, type, Enter; focus returns to the button.
    await zielgruppen.getByRole('button', { name: 'Bezeichnung ändern: Familien', exact: true }).focus();
    await page.keyboard.press('Enter');
    const field = zielgruppen.getByLabel('Neue Bezeichnung');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Familien mit Kindern');
    await page.keyboard.press('Enter');
    const renamedButton = zielgruppen.getByRole('button', { name: 'Bezeichnung ändern: Familien mit Kindern', exact: true });
    await renamedButton.waitFor();
    await expect.poll(() => renamedButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => page.getByTestId('ansage').innerText()).toBe('„Familien“ heißt jetzt „Familien mit Kindern“.');
    const familien = zielgruppen.locator('tr[data-term-key="zielgruppe.familien"]');
    expect(await familien.locator('th').innerText()).toBe('Familien mit Kindern');
    expect(await familien.locator('td').nth(1).innerText()).toBe('mitgeliefert');
    expect(term(await memberTerms(page), 'zielgruppe.familien')?.label).toBe('Familien mit Kindern');

    // Hide „Wohnungslose“: the row says so, the notice takes focus and offers „Rückgängig“.
    const wohnungslose = zielgruppen.locator('tr[data-term-key="zielgruppe.wohnungslose"]');
    await zielgruppen.getByRole('button', { name: '„Wohnungslose“ ausblenden' }).click();
    const notice = zielgruppen.getByTestId('taxonomie-hinweis');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('„Wohnungslose“ ist ausgeblendet');
    await expect.poll(() => notice.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await wohnungslose.locator('td').nth(2).innerText()).toBe('ausgeblendet');
    expect(term(await memberTerms(page), 'zielgruppe.wohnungslose')?.hidden).toBe(true);
    const hiddenPublic = (await (await page.request.get(`/api/public/services/${TENANT}/taxonomy`)).json()) as Term[];
    expect(term(hiddenPublic, 'zielgruppe.wohnungslose')).toBeUndefined();

    await notice.getByRole('button', { name: 'Rückgängig' }).click();
    const hideButton = zielgruppen.getByRole('button', { name: '„Wohnungslose“ ausblenden' });
    await hideButton.waitFor();
    await expect.poll(() => hideButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await notice.waitFor({ state: 'detached' });
    expect(await wohnungslose.locator('td').nth(2).innerText()).toBe('angezeigt');
    expect(term(await memberTerms(page), 'zielgruppe.wohnungslose')?.hidden).toBe(false);

    // Add an own Handlungsfeld: a malformed code is refused by the server, the message sits at the field, nothing typed is lost.
    const felder = page.getByTestId('taxonomie-handlungsfeld');
    const form = felder.getByRole('form', { name: 'Eigenen Begriff hinzufügen: Handlungsfelder' });
    await form.getByLabel('Bezeichnung', { exact: true }).fill('Quartiersarbeit');
    expect(await form.getByText('handlungsfeld.quartiersarbeit').count()).toBe(1);
    const code = form.getByLabel('Kennung (optional)');
    await code.fill('Quartier-Arbeit');
    await form.getByRole('button', { name: 'Eigenen Begriff hinzufügen' }).click();
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    const codeError = form.locator('.field-error');
    expect(await codeError.innerText()).toContain('Der Schlüssel muss „handlungsfeld.<kennung>“ lauten');
    await expect.poll(() => code.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await form.getByLabel('Bezeichnung', { exact: true }).inputValue()).toBe('Quartiersarbeit');
    expect(await code.inputValue()).toBe('Quartier-Arbeit');
    await expectNoAxeViolations(page, 'Taxonomie (nach einem Fehler)');

    await code.fill('');
    await form.getByRole('button', { name: 'Eigenen Begriff hinzufügen' }).click();
    const added = felder.locator('tr[data-term-key="handlungsfeld.quartiersarbeit"]');
    await added.waitFor();
    await expect.poll(() => added.locator('th').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await added.locator('td').nth(1).innerText()).toBe('eigener Begriff');
    expect(await form.getByLabel('Bezeichnung', { exact: true }).inputValue()).toBe('');
    await expect
      .poll(() => page.getByTestId('ansage').innerText())
      .toBe('Eigener Begriff „Quartiersarbeit“ (handlungsfeld.quartiersarbeit) hinzugefügt.');
    await expectNoAxeViolations(page, 'Taxonomie (nach dem Hinzufügen)');

    // The same key again is caught in the browser (saving would overwrite the term).
    await form.getByLabel('Bezeichnung', { exact: true }).fill('Quartiersarbeit');
    await form.getByRole('button', { name: 'Eigenen Begriff hinzufügen' }).click();
    await form.getByText('Den Schlüssel handlungsfeld.quartiersarbeit gibt es schon.', { exact: false }).waitFor();

    const own = term(await memberTerms(page), 'handlungsfeld.quartiersarbeit');
    expect(own).toMatchObject({ label: 'Quartiersarbeit', builtIn: false, hidden: false });

    // Visitors: the public taxonomy and the map's Zielgruppe filter show the new label and the own term.
    const visitor = await (await e2e().newContext()).newPage();
    const publicTerms = (await (await visitor.request.get(`/api/public/services/${TENANT}/taxonomy`)).json()) as Term[];
    expect(term(publicTerms, 'zielgruppe.familien')?.label).toBe('Familien mit Kindern');
    expect(term(publicTerms, 'zielgruppe.wohnungslose')?.label).toBe('Wohnungslose');
    expect(term(publicTerms, 'handlungsfeld.quartiersarbeit')?.label).toBe('Quartiersarbeit');
    await visitor.goto(`/angebote?kommune=${TENANT}`);
    const filter = visitor.getByLabel('Zielgruppe', { exact: true });
    await filter.locator('option', { hasText: 'Familien mit Kindern' }).waitFor({ state: 'attached' });
    const options = await filter.locator('option').allInnerTexts();
    expect(options).toContain('Familien mit Kindern');
    expect(options).not.toContain('Familien');
  });

  it('a provider account reads the terms but cannot change them', async () => {
    const page = await signedIn(PROVIDER);
    await page.goto(`/angebote/taxonomie?kommune=${TENANT}`);
    await waitForHeading(page, TITLE);
    await page.getByText('Begriffe ändern können nur Planer*innen und Administrator*innen der Kommune.').waitFor();
    await page.getByTestId('taxonomie-zielgruppe').locator('tr[data-term-key="zielgruppe.familien"]').waitFor();
    expect(await page.getByRole('button', { name: /Bezeichnung ändern|ausblenden/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Eigenen Begriff hinzufügen' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'Taxonomie (nur lesen)');
  });
});
