import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { childEnv, runCli, startServer } from '../support/process.ts';

/**
 * The real entry points as an operator uses them: `planwerk serve`, `migrate`,
 * `user create` and `config` in child processes on an embedded data directory.
 */
describe('planwerk command line on the embedded database [pglite]', { timeout: 300_000 }, () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-cli-'));
    env = childEnv({ PLANWERK_DATA_DIR: dataDir });
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start with an invalid configuration and lists every problem', async () => {
    const result = await runCli(['serve'], childEnv({ PORT: 'neunzig', LOG_LEVEL: 'laut', DATABASE_URL: 'mysql://x/y' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Planwerk kann nicht starten: die Konfiguration ist ungültig.');
    expect(result.stderr).toContain('PORT: „neunzig“ ist keine ganze Zahl.');
    expect(result.stderr).toContain('LOG_LEVEL: „laut“ ist unbekannt');
    expect(result.stderr).toContain('DATABASE_URL: Schema „mysql:“ wird nicht unterstützt');
  });

  it('seeds the demo on first start, prints the generated password once, and keeps data across restarts', async () => {
    const first = await startServer(env);
    const out = first.output();
    expect(out).toContain('Demo „Landkreis Musterland“ angelegt.');
    const password = /Passwort \(wird nur jetzt angezeigt\): (\S+)/.exec(out)?.[1];
    expect(password).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);

    // While the server holds the data directory, the CLI says so plainly instead of opening it.
    const locked = await runCli(
      ['user', 'create', '--email', 'x@erfurt.example', '--municipality', '16051', '--role', 'admin'],
      env,
    );
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain(`Die eingebettete Datenbank in ${dataDir} wird gerade von Prozess`);
    expect(locked.stderr).toContain('(planwerk serve) verwendet');

    const login = await fetch(`${first.url}/api/session/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': 'abc'.repeat(15),
        cookie: `planwerk_csrf=${'abc'.repeat(15)}`,
      },
      body: JSON.stringify({ email: 'admin@musterland.example', password }),
    });
    expect(login.status).toBe(200);
    expect(await first.stop()).toBe(0);
    // Graceful shutdown closed the database and released the data directory.
    expect(fs.existsSync(path.join(dataDir, 'planwerk.lock'))).toBe(false);

    const second = await startServer(env);
    expect(second.output()).not.toContain('Demo „Landkreis Musterland“ angelegt.');
    expect(second.output()).not.toContain(password!);
    const tenants = (await (await fetch(`${second.url}/api/tenants`)).json()) as { key: string; name: string }[];
    expect(tenants).toEqual([{ key: '99001', name: 'Landkreis Musterland', kind: 'landkreis' }]);
    expect(await second.stop()).toBe(0);
  });

  it('creates an account for a Thuringian municipality by key and generates its password', async () => {
    const result = await runCli(
      ['user', 'create', '--email', 'Planung@Erfurt.example', '--municipality', '16051', '--role', 'admin'],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Gebietskörperschaft angelegt: Erfurt (16051)');
    expect(result.stdout).toContain('Konto planung@erfurt.example angelegt, Rolle admin in 16051.');
    expect(result.stdout).toMatch(/Passwort \(wird nur jetzt angezeigt\): [a-zA-Z2-9-]{23}/);

    const database = await openDatabase({ engine: 'pglite', dataDir, holder: 'test' });
    try {
      const rows = await database.db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.email', 'memberships.tenant_key', 'memberships.role'])
        .where('memberships.tenant_key', '=', '16051')
        .execute();
      expect(rows).toEqual([{ email: 'planung@erfurt.example', tenant_key: '16051', role: 'admin' }]);
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_label'])
        .where('tenant_key', '=', '16051')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['tenant.create', 'user.create', 'membership.add']);
      expect(audit.every((a) => a.actor_label === 'System (Kommandozeile)')).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('explains what to do for an unknown municipality key and for a bad role', async () => {
    const unknown = await runCli(
      ['user', 'create', '--email', 'a@b.example', '--municipality', '09162', '--role', 'viewer'],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Die Gebietskörperschaft 09162 gibt es noch nicht.');
    const badRole = await runCli(['user', 'create', '--email', 'a@b.example', '--municipality', '16051', '--role', 'chef'], env);
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('chef');
  });

  it('prints indicator values on a Gebietsstand with classes, as JSON and as German text', async () => {
    const json = await runCli(
      [
        'values',
        '--indicator',
        'demo.geburtenrate',
        '--period',
        '2020-12-31',
        '--level',
        'gemeinde',
        '--municipality',
        '99001',
        '--gebietsstand',
        '2024-12-31',
        '--breaks',
        'quantile:3',
        '--json',
      ],
      env,
    );
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as { region: string; name: string; value: number; flag: null; class: number }[];
    // On the Gebietsstand 2024 the two merged Gemeinden are one: 14 rows, none of the predecessors.
    expect(rows).toHaveLength(14);
    expect(rows.map((r) => r.region)).toContain('99001016');
    expect(rows.map((r) => r.region)).not.toContain('99001011');
    expect(new Set(rows.map((r) => r.class))).toEqual(new Set([0, 1, 2]));
    for (const r of rows) expect(r.value).toBeGreaterThan(0);

    const text = await runCli(
      ['values', '--variable', 'demo.bevoelkerung', '--period', '2024-12-31', '--level', 'kreis', '--municipality', '99001'],
      env,
    );
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Bevölkerung insgesamt (Anzahl), 2024-12-31, Gebietsstand 2024-12-31');
    // German thousands separator.
    expect(text.stdout).toMatch(/^99001\tLandkreis Musterland\t\d{2}\.\d{3}$/m);
    expect(text.stdout).toContain('Quelle: Fiktive Demo-Daten „Landkreis Musterland“');

    const both = await runCli(['values', '--variable', 'a', '--indicator', 'b', '--period', '2024'], env);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('Bitte genau eines angeben: --variable <merkmal> oder --indicator <indikator>.');
  });

  it('migrates idempotently', async () => {
    const result = await runCli(['migrate'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Die Datenbank ist bereits aktuell.');
  });
});
