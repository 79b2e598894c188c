import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/adapters/mailer.ts';
import { cryptoSecrets } from '../../src/adapters/secrets.ts';
import { runDailyReminders } from '../../src/server/compose-reminders.ts';
import { inTransaction } from '../../src/db/repositories/index.ts';
import { serviceRepositories } from '../../src/db/repositories/services.repository.ts';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { linkProvider } from '../../src/use-cases/services/link-provider.ts';
import { addMember } from '../../src/use-cases/tenancy/add-member.ts';
import { createTenant } from '../../src/use-cases/tenancy/create-tenant.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, testHasher, type TestApp } from '../support/server.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const A = '99001';
const B = '16051';
const PASSWORD = 'Anbieter-Test-2026';
// Tuesday 24 November 2026, 09:30 in Berlin; the demo's entries checked on 2025-06-30 are overdue.
const NOW = new Date('2026-11-24T08:30:00Z');
const DAY = 24 * 3600;
const FROM = 'Planwerk Musterland <planwerk@musterland.example>';
const PUBLIC_URL = 'https://planwerk.musterland.example';
const smtpEnv = (url: string) => ({ PLANWERK_SMTP_URL: url, PLANWERK_MAIL_FROM: FROM, PLANWERK_PUBLIC_URL: PUBLIC_URL });

interface Overdue {
  services: { id: string; name: string; organizationId: string; assuredDate: string | null }[];
}
interface Status {
  smtpConfigured: boolean;
  intervalDays: number;
  overdue: number;
  overdueWithProvider: number;
  overdueWithoutProvider: number;
  dueProviders: number;
  dueEntries: number;
  lastRun: { mails: number; entries: number; failedMails: number } | null;
}

const german = (iso: string) => iso.split('-').reverse().join('.');
/** The entry lines a reminder lists, as a user reads them. */
const entryLines = (text: string) => text.split('\n').filter((l) => l.startsWith('- '));
const lineOf = (s: Overdue['services'][number]) =>
  `- ${s.name} (${s.assuredDate === null ? 'noch nie geprüft' : `zuletzt geprüft am ${german(s.assuredDate)}`})`;

for (const engine of ENGINES) {
  describe(`e-mail reminders to providers of overdue entries [${engine}]`, { timeout: 120_000 }, () => {
    let smtp: TestSmtpServer;
    let t: TestApp;
    const clock = fixedClock(NOW);
    const system: Actor = { kind: 'system', label: 'Test' };
    let overdueA: Overdue['services'] = [];
    let secondOrg = '';

    const login = async (email: string, password = DEMO_PASSWORD) => {
      const client = new TestClient(t.app);
      expect((await client.logIn(email, password)).statusCode).toBe(200);
      return client;
    };
    const status = async (tenantKey = A, email = 'planung@musterland.example') =>
      (
        await (
          await login(email, tenantKey === A ? DEMO_PASSWORD : PASSWORD)
        ).request('GET', `/api/tenants/${tenantKey}/service-reminders`)
      ).json() as Status;
    const send = async (tenantKey = A, email = 'planung@musterland.example') =>
      (await login(email, tenantKey === A ? DEMO_PASSWORD : PASSWORD)).request(
        'POST',
        `/api/tenants/${tenantKey}/service-reminders`,
      );

    beforeAll(async () => {
      smtp = await startSmtpServer();
      t = await createTestApp(engine, { clock, env: smtpEnv(smtp.url) });
      const planner = await login('planung@musterland.example');
      overdueA = ((await planner.request('GET', `/api/tenants/${A}/service-overdue`)).json() as Overdue).services;
      // A second provider account in A, for another organisation with overdue entries.
      secondOrg = overdueA.map((s) => s.organizationId).find((o) => o !== 'demo-org-jugendring')!;
      const deps = { hasher: testHasher, secrets: cryptoSecrets, clock };
      await inTransaction(t.ctx.db, async (r, trx) => {
        const second = await addMember({ ...r, ...deps }, system, {
          tenantKey: A,
          email: 'zweite.anbieterin@musterland.example',
          displayName: 'Zoe Zweite',
          role: 'contributor',
          password: PASSWORD,
        });
        const link = { ...serviceRepositories(trx), memberships: r.memberships, audit: r.audit, clock };
        await linkProvider(link, system, { tenantKey: A, userId: second.userId, organizationId: secondOrg });
        // Municipality B with a planner, an overdue entry and its own provider account.
        await createTenant({ ...r, ...deps }, system, { key: B, name: 'Erfurt', kind: 'kreisfreie_stadt' });
        await addMember({ ...r, ...deps }, system, {
          tenantKey: B,
          email: 'planung@erfurt.example',
          role: 'planner',
          password: PASSWORD,
        });
      });
      const plannerB = await login('planung@erfurt.example', PASSWORD);
      const org = await plannerB.request('POST', `/api/tenants/${B}/service-organizations`, {
        body: { name: 'Erfurter Jugendwerk e. V.' },
      });
      expect(org.statusCode, org.body).toBe(201);
      const orgId = (org.json() as { id: string }).id;
      const service = await plannerB.request('POST', `/api/tenants/${B}/services`, {
        body: { organizationId: orgId, name: 'Erfurter Jugendtreff' },
      });
      expect(service.statusCode, service.body).toBe(201);
      await t.ctx.db.updateTable('services').set({ assured_date: '2024-01-15' }).where('tenant_key', '=', B).execute();
      await inTransaction(t.ctx.db, async (r, trx) => {
        const providerB = await addMember({ ...r, hasher: testHasher, secrets: cryptoSecrets, clock }, system, {
          tenantKey: B,
          email: 'anbieter@erfurt.example',
          role: 'contributor',
          password: PASSWORD,
        });
        const link = { ...serviceRepositories(trx), memberships: r.memberships, audit: r.audit, clock };
        await linkProvider(link, system, { tenantKey: B, userId: providerB.userId, organizationId: orgId });
      });
    });
    afterAll(async () => {
      await t?.close();
      await smtp?.close();
    });

    it('the status says SMTP is configured and who would be reminded; providers and viewers may not send', async () => {
      const jugendring = overdueA.filter((s) => s.organizationId === 'demo-org-jugendring');
      const second = overdueA.filter((s) => s.organizationId === secondOrg);
      expect(jugendring.length).toBeGreaterThan(0);
      expect(second.length).toBeGreaterThan(0);
      expect(await status()).toEqual({
        smtpConfigured: true,
        intervalDays: 7,
        maxAgeDays: 365,
        overdue: overdueA.length,
        overdueWithProvider: jugendring.length + second.length,
        overdueWithoutProvider: overdueA.length - jugendring.length - second.length,
        dueProviders: 2,
        dueEntries: jugendring.length + second.length,
        lastRun: null,
      });
      expect(overdueA.length - jugendring.length - second.length).toBeGreaterThan(0);
      const provider = await send(A, 'anbieter@musterland.example');
      expect(provider.statusCode).toBe(403);
      const viewer = await (await login('anbieter@musterland.example')).request('GET', `/api/tenants/${A}/service-reminders`);
      expect(viewer.statusCode).toBe(403);
    });

    it('a refusing SMTP server: German error, nothing counts as sent', async () => {
      smtp.refuse = true;
      try {
        const response = await send();
        expect(response.statusCode).toBe(502);
        expect(response.headers['content-type']).toContain('application/problem+json');
        const body = response.json() as { code: string; detail: string };
        expect(body.code).toBe('smtp-failed');
        expect(body.detail).toBe(
          'Der E-Mail-Server hat die Nachricht abgelehnt (SMTP 554). 0 von 2 Erinnerungs-E-Mails wurden versendet; ' +
            'die übrigen gelten nicht als erinnert und werden beim nächsten Lauf erneut versucht.',
        );
      } finally {
        smtp.refuse = false;
      }
      expect(smtp.received).toEqual([]);
      const after = await status();
      expect(after.dueProviders).toBe(2);
      expect(after.lastRun).toEqual({ at: NOW.toISOString(), mails: 0, entries: 0, failedMails: 2 });
    });

    it('sends one German mail per provider listing exactly its organisation’s overdue entries; the audit keeps counts only', async () => {
      const jugendring = overdueA.filter((s) => s.organizationId === 'demo-org-jugendring');
      const second = overdueA.filter((s) => s.organizationId === secondOrg);
      const response = await send();
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        mails: 2,
        entries: jugendring.length + second.length,
        failedMails: 0,
        failedEntries: 0,
        errors: [],
      });
      expect(smtp.received.map((m) => m.to)).toEqual([['anbieter@musterland.example'], ['zweite.anbieterin@musterland.example']]);
      const [demo, zoe] = smtp.received;
      expect(demo!.from).toBe(FROM);
      expect(demo!.subject).toBe(
        `Bitte prüfen: ${jugendring.length} ${jugendring.length === 1 ? 'Angebot' : 'Angebote'} im Angebotsverzeichnis Landkreis Musterland`,
      );
      expect(demo!.text).toContain('Guten Tag Andi Anbieter (Demo),');
      expect(demo!.text).toContain('Jugendring Musterland e. V.\n- ');
      expect(entryLines(demo!.text).sort()).toEqual(jugendring.map(lineOf).sort());
      expect(demo!.text).toContain(`${PUBLIC_URL}/angebote/register`);
      expect(demo!.text).toContain('höchstens alle 7 Tage');
      expect(zoe!.text).toContain('Guten Tag Zoe Zweite,');
      expect(entryLines(zoe!.text).sort()).toEqual(second.map(lineOf).sort());
      // Entries without a provider account and other organisations' entries are in no mail.
      const mailed = smtp.received.flatMap((m) => entryLines(m.text));
      for (const s of overdueA.filter((x) => x.organizationId !== 'demo-org-jugendring' && x.organizationId !== secondOrg))
        expect(mailed).not.toContain(lineOf(s));
      expect(mailed.join('\n')).not.toContain('Erfurter Jugendtreff');

      const admin = await login('admin@musterland.example');
      const audit = (await admin.request('GET', `/api/tenants/${A}/audit?limit=5`)).json() as {
        action: string;
        after: Record<string, unknown>;
      }[];
      const runs = audit.filter((e) => e.action === 'service.reminders_sent');
      expect(runs.map((e) => e.after)).toEqual([
        {
          mails: 2,
          entries: jugendring.length + second.length,
          recipients: 2,
          failedMails: 0,
          failedEntries: 0,
          intervalDays: 7,
        },
        {
          mails: 0,
          entries: 0,
          recipients: 0,
          failedMails: 2,
          failedEntries: jugendring.length + second.length,
          intervalDays: 7,
        },
      ]);
      expect(JSON.stringify(runs.map((e) => e.after))).not.toContain('@');
    });

    it('a second run within the interval sends nothing; after the interval the providers are reminded again', async () => {
      clock.advance(DAY);
      const again = await send();
      expect(again.json()).toEqual({ mails: 0, entries: 0, failedMails: 0, failedEntries: 0, errors: [] });
      expect(smtp.received).toHaveLength(2);
      expect((await status()).dueProviders).toBe(0);
      clock.advance(6 * DAY);
      expect((await status()).dueProviders).toBe(2);
      expect((await send()).json()).toMatchObject({ mails: 2, failedMails: 0 });
      expect(smtp.received).toHaveLength(4);
    });

    it('municipality A’s runs never mail B’s provider; B’s own run reaches only B’s provider', async () => {
      expect(smtp.received.flatMap((m) => m.to)).not.toContain('anbieter@erfurt.example');
      const before = smtp.received.length;
      const response = await send(B, 'planung@erfurt.example');
      expect(response.json()).toEqual({ mails: 1, entries: 1, failedMails: 0, failedEntries: 0, errors: [] });
      const mine = smtp.received.slice(before);
      expect(mine.map((m) => m.to)).toEqual([['anbieter@erfurt.example']]);
      expect(mine[0]!.subject).toBe('Bitte prüfen: 1 Angebot im Angebotsverzeichnis Erfurt');
      expect(entryLines(mine[0]!.text)).toEqual(['- Erfurter Jugendtreff (zuletzt geprüft am 15.01.2024)']);
    });

    it('the server’s daily run: not before the configured hour, then once per municipality and day, also from two processes at once', async () => {
      clock.advance(7 * DAY); // 2026-12-08, 09:30 in Berlin: everyone is due again.
      const mailer = smtpMailer(t.ctx.config.smtp!);
      const reports: string[] = [];
      const report = (tenantKey: string, outcome: { mails: number } | Error) =>
        reports.push(`${tenantKey}: ${outcome instanceof Error ? outcome.message : outcome.mails}`);
      const daily = (hour: number) =>
        runDailyReminders({ db: t.ctx.db, config: { ...t.ctx.config, reminderHour: hour }, clock, mailer }, report);
      try {
        const before = smtp.received.length;
        await daily(10);
        expect(smtp.received).toHaveLength(before);
        await Promise.all([daily(9), daily(9)]);
        expect(reports.sort()).toEqual([`${B}: 1`, `${A}: 2`]);
        expect(
          smtp.received
            .slice(before)
            .map((m) => m.to[0])
            .sort(),
        ).toEqual(['anbieter@erfurt.example', 'anbieter@musterland.example', 'zweite.anbieterin@musterland.example']);
        await daily(9);
        expect(smtp.received).toHaveLength(before + 3);
        const admin = await login('admin@musterland.example');
        const audit = (await admin.request('GET', `/api/tenants/${A}/audit?limit=10`)).json() as {
          action: string;
          actorLabel: string;
        }[];
        expect(
          audit.filter((e) => e.action === 'service.reminders_sent' && e.actorLabel === 'System (tägliche Erinnerungen)'),
        ).toHaveLength(1);
      } finally {
        mailer.close();
      }
    });
  });

  describe(`e-mail reminders without a working mail server [${engine}]`, { timeout: 120_000 }, () => {
    it('without SMTP nothing is sent and the API says so in German (409)', async () => {
      const t = await createTestApp(engine, { clock: fixedClock(NOW) });
      try {
        const planner = new TestClient(t.app);
        expect((await planner.logIn('planung@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
        const state = (await planner.request('GET', `/api/tenants/${A}/service-reminders`)).json() as Status;
        expect(state.smtpConfigured).toBe(false);
        const response = await planner.request('POST', `/api/tenants/${A}/service-reminders`);
        expect(response.statusCode).toBe(409);
        expect(response.json()).toMatchObject({
          code: 'smtp-not-configured',
          detail:
            'Es ist kein E-Mail-Server eingerichtet (PLANWERK_SMTP_URL, PLANWERK_MAIL_FROM und PLANWERK_PUBLIC_URL). Ohne ihn werden keine Erinnerungen versendet.',
        });
        expect(await t.ctx.db.selectFrom('service_reminders').selectAll().execute()).toEqual([]);
      } finally {
        await t.close();
      }
    });

    it('an unreachable SMTP server: German error, the run stops, nothing counts as sent', async () => {
      const closed = await startSmtpServer();
      await closed.close();
      const t = await createTestApp(engine, { clock: fixedClock(NOW), env: smtpEnv(closed.url) });
      try {
        const planner = new TestClient(t.app);
        expect((await planner.logIn('planung@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
        const response = await planner.request('POST', `/api/tenants/${A}/service-reminders`);
        expect(response.statusCode).toBe(502);
        expect((response.json() as { detail: string }).detail).toBe(
          'Der E-Mail-Server ist nicht erreichbar (ESOCKET). 0 von 1 Erinnerungs-E-Mails wurden versendet; ' +
            'die übrigen gelten nicht als erinnert und werden beim nächsten Lauf erneut versucht.',
        );
        expect(await t.ctx.db.selectFrom('service_reminders').selectAll().execute()).toEqual([]);
      } finally {
        await t.close();
      }
    });
  });
}
