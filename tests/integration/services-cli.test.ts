import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFor } from '../../src/config.ts';
import { prepareContext } from '../../src/server/bootstrap.ts';
import { childEnv, runCli } from '../support/process.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const HSDS1 = path.resolve('../shared/data/hsds/hsds1_sample_datapackage');

/** `planwerk import` recognises an HSDS data package and imports it into the register of --municipality. */
describe('planwerk import of an HSDS package on the embedded database [pglite]', { timeout: 300_000 }, () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-hsds-cli-'));
    env = childEnv({ PLANWERK_DATA_DIR: dataDir });
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports the folder into the municipality, and a second run changes nothing', async () => {
    const created = await runCli(['municipality', 'create', '--key', '16051'], env);
    expect(created.code, created.stderr).toBe(0);
    const withoutMunicipality = await runCli(['import', HSDS1], env);
    expect(withoutMunicipality.code).toBe(1);
    expect(withoutMunicipality.stderr).toContain(
      'Angebote (HSDS) werden in eine Gebietskörperschaft importiert: --municipality angeben.',
    );

    const first = await runCli(['import', HSDS1, '--municipality', '16051'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^Import \d+ abgeschlossen \(hsds-csv\): 10 Träger, 13 Angebote, 10 Standorte \(46 neu, 0 geändert, 0 unverändert\); 9 Standorte ohne Koordinaten \(auf der Karte zu setzen\)\.$/m,
    );
    const second = await runCli(['import', HSDS1, '--municipality', '16051'], env);
    expect(second.stdout).toMatch(/^Dieses Paket wurde bereits importiert \(Import \d+\); nichts geändert\.$/m);
  });
});

/** `planwerk reminders` sends the providers' reminders from the command line (for cron), with a real SMTP server. */
describe('planwerk reminders on the embedded database [pglite]', { timeout: 300_000 }, () => {
  let dataDir: string;
  let smtp: TestSmtpServer;
  let withSmtp: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-reminders-cli-'));
    smtp = await startSmtpServer();
    withSmtp = childEnv({
      PLANWERK_DATA_DIR: dataDir,
      PLANWERK_SMTP_URL: smtp.url,
      PLANWERK_MAIL_FROM: 'planwerk@musterland.example',
      PLANWERK_PUBLIC_URL: 'https://planwerk.musterland.example',
    });
    // The demo (with its provider account of the Jugendring) is seeded by the server's start-up.
    const { database } = await prepareContext(
      configFor({ PLANWERK_DATA_DIR: dataDir, PLANWERK_DEMO_PASSWORD: 'Musterland-Demo-2026' }),
      'test',
      () => undefined,
    );
    await database.close();
  });
  afterAll(async () => {
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('says so without a mail server, sends one mail to the demo provider, and nothing again within the interval', async () => {
    const without = await runCli(['reminders', 'send', '--municipality', '99001'], childEnv({ PLANWERK_DATA_DIR: dataDir }));
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('Fehler: Es ist kein E-Mail-Server eingerichtet (PLANWERK_SMTP_URL');
    expect(smtp.received).toEqual([]);

    const status = await runCli(['reminders', 'status', '--municipality', '99001'], withSmtp);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('E-Mail-Server eingerichtet.');
    expect(status.stdout).toMatch(/^Jetzt fällig: \d+ Erinnerungen an 1 Anbieter \(höchstens alle 7 Tage je Angebot\)\.$/m);

    const sent = await runCli(['reminders', 'send', '--municipality', '99001'], withSmtp);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/^\d+ Erinnerungen? an 1 Anbieter gesendet\.$/m);
    expect(smtp.received.map((m) => m.to)).toEqual([['anbieter@musterland.example']]);
    expect(smtp.received[0]!.subject).toMatch(/^Bitte prüfen: \d+ Angebote? im Angebotsverzeichnis Landkreis Musterland$/);
    expect(smtp.received[0]!.text).toContain('Jugendring Musterland e. V.');

    const again = await runCli(['reminders', 'send', '--municipality', '99001'], withSmtp);
    expect(again.stdout).toBe('Keine Erinnerungen fällig.\n');
    expect(smtp.received).toHaveLength(1);
  });
});
