import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, logIn, setupE2E, waitForHeading } from './browser.ts';

// Real files from the shared data folder, read at test time (never copied into the repository).
const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const GENESIS_FILE = path.join(DATA, 'statistics/regionalstatistik_raw/11111-01-01-4_gebietsflaeche_2018_kreise.csv');
const PROFILES_FILE = path.join(DATA, 'seed-kreisprofile-thueringen.csv');

const PLANNER = 'planung@musterland.example';
const GERMAN_DATE_TIME = /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/;

/** Opens the import page of a signed-in planner. */
async function openImportPage(page: Page): Promise<void> {
  await page.goto('/daten/import');
  await waitForHeading(page, 'Daten importieren');
  await page.getByText('Wird geladen …').waitFor({ state: 'detached' });
}

/** Chooses a file in the upload form and sends it. */
async function upload(page: Page, file: string): Promise<void> {
  await page.getByLabel('Datei', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
}

/** The history row of a file (the newest first). */
function historyRow(page: Page, fileName: string) {
  return page
    .getByRole('region', { name: 'Bisherige Importe' })
    .getByRole('row', { name: new RegExp(fileName.replace(/[.-]/g, '\\$&')) })
    .first();
}

async function scrollsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe('Daten importieren (/daten/import)', () => {
  const e2e = setupE2E();
  let tmp: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-e2e-import-'));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('importiert eine GENESIS-Tabelle mit Fortschritt, Ergebnis und Eintrag im Verlauf', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    // The Atlas page points planners to the import.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Atlas' }).click();
    await waitForHeading(page, 'Atlas');
    await page.getByRole('main').getByRole('link', { name: 'Daten importieren' }).click();
    await waitForHeading(page, 'Daten importieren');
    expect(await page.getByRole('main').innerText()).toContain('Landkreis Musterland');
    await page.getByRole('region', { name: 'Bisherige Importe' }).or(page.getByText('Es gibt noch keine Importe.')).waitFor();

    await upload(page, GENESIS_FILE);
    // A real progress bar with label and percentage; its end is announced politely.
    const progress = page.getByRole('progressbar', { name: 'Fortschritt beim Hochladen' });
    await page.getByText('100 %').waitFor();
    expect(await progress.getAttribute('value')).toBe('100');
    await page.getByTestId('ansage').getByText('Hochladen abgeschlossen: 11111-01-01-4_gebietsflaeche_2018_kreise.csv').waitFor({
      state: 'attached',
    });

    const run = page.getByRole('region', { name: 'Import von 11111-01-01-4_gebietsflaeche_2018_kreise.csv' });
    const result = run.getByRole('status');
    await result.getByText('Import abgeschlossen:').waitFor();
    const text = await result.innerText();
    expect(text).toMatch(/\d{3} Werte, 1 Merkmal, \d+ Gebiete?; \d{3} neu, 0 geändert, 0 unverändert/);
    expect(text).toContain('Zeiträume: 2018-12-31');
    // The focus moved to the running import.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Import von 11111-01-01-4');

    const row = historyRow(page, '11111-01-01-4_gebietsflaeche_2018_kreise.csv');
    await row.getByRole('cell', { name: 'abgeschlossen' }).waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[1]).toBe('GENESIS-CSV');
    expect(cells[2]).toBe('abgeschlossen');
    expect(cells[3]).toMatch(GERMAN_DATE_TIME);
    expect(cells[4]).toBe(PLANNER);
    expect(cells[5]).toMatch(/^\d{3} Werte, 1 Merkmal/);
    await context.close();
  });

  it('ordnet die Spalten einer Tabelle zu, zeigt die Vorschau, importiert und nimmt den Import zurück', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    await page.getByRole('link', { name: 'Daten importieren' }).click();
    await waitForHeading(page, 'Daten importieren');

    await upload(page, PROFILES_FILE);
    const mapping = page.getByRole('region', { name: 'Spalten zuordnen' });
    await mapping.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Spalten zuordnen');
    const columns = mapping.getByRole('region', { name: /Erkannte Spalten und die ersten 10 Zeilen/ });
    const headers = await columns.getByRole('columnheader').allInnerTexts();
    expect(headers.map((h) => h.split('\n')[0])).toEqual([
      'gebietskoerperschaft',
      'ags',
      'indicator_key',
      'indicator_label_de',
      'value',
      'unit',
      'reference_date',
      'note',
    ]);
    expect(await columns.getByRole('row').count()).toBe(11);
    // Pre-filled from the suggestion: key column, long format with its columns.
    expect(await page.getByLabel('Spalte mit dem amtlichen Schlüssel').inputValue()).toBe('ags');
    expect(await page.getByLabel('langes Format (Merkmal in einer Spalte)').isChecked()).toBe(true);
    expect(await page.getByLabel('Spalte mit dem Merkmal', { exact: true }).inputValue()).toBe('indicator_key');
    expect(await page.getByLabel('Spalte mit dem Zeitraum').inputValue()).toBe('reference_date');

    await page.getByLabel('Spalte mit dem Gebietsnamen').selectOption('gebietskoerperschaft');
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    const preview = mapping.getByRole('region', { name: 'Vorschau' });
    await preview.waitFor();
    expect(await preview.innerText()).toContain('180 Werte, 12 Merkmale, 15 Gebiete');
    const sample = preview.getByRole('region', { name: 'Die ersten 20 Werte' });
    expect(await sample.getByRole('row').count()).toBe(21);
    // German number format (89393 persons → 89.393).
    expect(await sample.innerText()).toContain('89.393');
    expect(await preview.getByRole('region', { name: 'Merkmale' }).innerText()).toContain('population_total');

    await preview.getByRole('button', { name: 'Import bestätigen' }).click();
    const run = page.getByRole('region', { name: 'Import von seed-kreisprofile-thueringen.csv' });
    await run.getByRole('status').getByText('Import abgeschlossen:').waitFor();
    expect(await run.getByRole('status').innerText()).toContain('180 Werte, 12 Merkmale');
    // The upload is used up: the mapping step is gone.
    await mapping.waitFor({ state: 'detached' });

    const row = historyRow(page, 'seed-kreisprofile-thueringen.csv');
    await row.getByRole('cell', { name: 'abgeschlossen' }).waitFor();
    await row.getByRole('button', { name: /^Zurücknehmen Import \d+ \(seed-kreisprofile-thueringen\.csv\)$/ }).click();
    await row.getByText('Import von seed-kreisprofile-thueringen.csv wirklich zurücknehmen?').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ja, zurücknehmen');
    await row.getByRole('button', { name: 'Ja, zurücknehmen' }).click();
    await page
      .getByText(
        'Der Import von seed-kreisprofile-thueringen.csv wurde zurückgenommen: 180 Werte gelöscht, 0 Werte wiederhergestellt.',
      )
      .waitFor();
    await row.getByRole('cell', { name: 'zurückgenommen' }).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    await context.close();
  });

  it('zeigt den Fehler einer kaputten GENESIS-Datei mit Zeile und Spalte als Warnmeldung', async () => {
    const broken = path.join(tmp, 'kaputt.csv');
    fs.writeFileSync(
      broken,
      Buffer.from(
        'GENESIS-Tabelle: 99999-01-01-4\r\nTestwerte - Stichtag 31.12. -;;;\r\nregionale Tiefe: Kreise;;;\r\n;;;Anzahl\r\n;;;Anzahl\r\n31.12.2020;16051;Erfurt;123\r\n31.12.2020;16052;Gera;12a\r\n',
        'latin1',
      ),
    );
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    await openImportPage(page);
    await upload(page, broken);
    const alert = page.getByRole('alert').filter({ hasText: 'Der Import ist fehlgeschlagen.' });
    await alert.waitFor();
    const message = await alert.innerText();
    expect(message).toMatch(/kaputt\.csv, Zeile 7, Spalte 4: .*12a/);
    expect(message).toContain('Es wurde nichts gespeichert.');
    await historyRow(page, 'kaputt.csv').getByRole('cell', { name: 'fehlgeschlagen' }).waitFor();
    await context.close();
  });

  it('verweigert das Zurücknehmen, solange ein späterer Import Werte ersetzt hat (breites Format)', async () => {
    const first = path.join(tmp, 'einwohner-alt.csv');
    const second = path.join(tmp, 'einwohner-neu.csv');
    fs.writeFileSync(first, 'ags;name;jahr;einwohner\r\n16051;Erfurt;2020;100\r\n16052;Gera;2020;50\r\n');
    fs.writeFileSync(second, 'ags;name;jahr;einwohner\r\n16051;Erfurt;2020;101\r\n16052;Gera;2020;50\r\n');
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    await openImportPage(page);

    for (const [file, changes] of [
      [first, '2 neu, 0 geändert, 0 unverändert'],
      [second, '0 neu, 1 geändert, 1 unverändert'],
    ] as const) {
      await upload(page, file);
      await page.getByRole('region', { name: 'Spalten zuordnen' }).waitFor();
      // The suggestion: wide format with the one number column ticked.
      expect(await page.getByLabel('breites Format (eine Spalte je Merkmal)').isChecked()).toBe(true);
      expect(
        await page
          .getByRole('group', { name: 'Spalten mit Werten' })
          .getByLabel(/einwohner/)
          .isChecked(),
      ).toBe(true);
      await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
      const preview = page.getByRole('region', { name: 'Vorschau' });
      expect(await preview.getByRole('paragraph').first().innerText()).toBe('2 Werte, 1 Merkmal, 2 Gebiete');
      await preview.getByRole('button', { name: 'Import bestätigen' }).click();
      const result = page.getByRole('region', { name: `Import von ${path.basename(file)}` }).getByRole('status');
      await result.getByText('Import abgeschlossen:').waitFor();
      expect(await result.innerText()).toContain(changes);
    }

    const older = historyRow(page, 'einwohner-alt.csv');
    await older.getByRole('button', { name: /^Zurücknehmen/ }).click();
    await older.getByRole('button', { name: 'Ja, zurücknehmen' }).click();
    const alert = page.locator('#verlauf-fehler');
    await alert
      .getByText(/^Spätere Importe \(\d+\) haben Werte dieses Imports ersetzt\. Nehmen Sie zuerst diese zurück\.$/)
      .waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    // The focus returns to the button; the import stays completed.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Zurücknehmen');
    expect(await older.getByRole('cell', { name: 'abgeschlossen' }).count()).toBe(1);

    // Newest first: then the older one can be taken back.
    for (const name of ['einwohner-neu.csv', 'einwohner-alt.csv']) {
      const row = historyRow(page, name);
      await row.getByRole('button', { name: /^Zurücknehmen/ }).click();
      await row.getByRole('button', { name: 'Ja, zurücknehmen' }).click();
      await row.getByRole('cell', { name: 'zurückgenommen' }).waitFor();
    }
    await page
      .getByText('Der Import von einwohner-alt.csv wurde zurückgenommen: 2 Werte gelöscht, 0 Werte wiederhergestellt.')
      .waitFor();
    await context.close();
  });

  it('hat im Upload-Schritt, bei der Zuordnung und im Verlauf keine axe-Verstöße und passt auf 360 px', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, PLANNER);
    await openImportPage(page);
    await expectNoAxeViolations(page, '/daten/import (Upload)');

    // Sending without a file: the field error is linked to the input.
    await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
    await page.getByText('Bitte wählen Sie eine Datei aus.').waitFor();
    const input = page.getByLabel('Datei', { exact: true });
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toContain('import-datei-fehler');
    await expectNoAxeViolations(page, '/daten/import (Upload-Fehler)');

    await upload(page, PROFILES_FILE);
    await page.getByRole('region', { name: 'Spalten zuordnen' }).waitFor();
    await expectNoAxeViolations(page, '/daten/import (Zuordnung)');
    // Wide format with all value columns unticked: the error names the fieldset.
    await page.getByLabel('breites Format (eine Spalte je Merkmal)').check();
    for (const box of await page.getByRole('group', { name: 'Spalten mit Werten' }).getByRole('checkbox').all())
      await box.uncheck();
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await page.getByText('Bitte wählen Sie mindestens eine Spalte mit Werten aus.').waitFor();
    await expectNoAxeViolations(page, '/daten/import (Zuordnung mit Fehler)');
    await page.getByLabel('langes Format (Merkmal in einer Spalte)').check();
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
    await page.getByRole('region', { name: 'Vorschau' }).waitFor();
    await expectNoAxeViolations(page, '/daten/import (Vorschau)');

    // The history with completed, failed and rolled-back imports.
    const history = page.getByRole('region', { name: 'Bisherige Importe' });
    expect(await history.getByRole('row').count()).toBeGreaterThanOrEqual(4);
    await history.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, '/daten/import (Verlauf)');

    // Small screens: only the table wrappers scroll sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await scrollsHorizontally(page), 'seitliches Scrollen bei 360 px').toBe(false);
    await context.close();
  });

  it('erklärt Personen ohne Planungsrolle, dass sie nicht importieren können', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await logIn(page, 'land@musterland.example');
    expect(await page.getByRole('link', { name: 'Daten importieren' }).count()).toBe(0);
    await page.goto('/daten/import');
    await waitForHeading(page, 'Daten importieren');
    await page.getByText('Daten importieren können nur Personen mit der Rolle Planung oder Administration').waitFor();
    expect(await page.getByLabel('Datei', { exact: true }).count()).toBe(0);
    await context.close();
  });
});
