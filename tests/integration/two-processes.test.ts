import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/database.ts';
import { childEnv, startServer, type ServerProcess } from '../support/process.ts';

/**
 * Production shape: two app processes on one PostgreSQL database, started at the same time
 * on an empty database. Migrations and the demo seed run exactly once; a session created
 * through one process is valid in the other (sessions live in the database).
 */
for (const engine of ENGINES.filter((e) => e === 'postgres')) {
  describe(`two app processes on one database [${engine}]`, { timeout: 300_000 }, () => {
    const adminUrl = process.env.DATABASE_URL!;
    const name = `planwerk_two_${randomBytes(4).toString('hex')}`;
    let servers: ServerProcess[] = [];

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const env = childEnv({ DATABASE_URL: url.toString(), PLANWERK_DEMO_PASSWORD: 'Zwei-Prozesse-2026' });
      servers = await Promise.all([startServer(env), startServer(env)]);
    });
    afterAll(async () => {
      for (const s of servers) await s.stop();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    it('seeds the empty database exactly once', () => {
      const seeded = servers.filter((s) => s.output().includes('Demo „Landkreis Musterland“ angelegt.'));
      expect(seeded).toHaveLength(1);
    });

    it('shares sessions: log in on one process, act on the other, log out everywhere from the first', async () => {
      const [one, two] = servers as [ServerProcess, ServerProcess];
      const csrf = randomBytes(24).toString('base64url');
      const login = await fetch(`${one.url}/api/session/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `planwerk_csrf=${csrf}` },
        body: JSON.stringify({ email: 'admin@musterland.example', password: 'Zwei-Prozesse-2026' }),
      });
      expect(login.status).toBe(200);
      const sessionCookie = /planwerk_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
      const { csrfToken } = (await login.json()) as { csrfToken: string };

      const onTwo = await fetch(`${two.url}/api/session`, { headers: { cookie: sessionCookie } });
      expect(((await onTwo.json()) as { user: { email: string } }).user.email).toBe('admin@musterland.example');

      const added = await fetch(`${two.url}/api/tenants/99001/members`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: sessionCookie },
        body: JSON.stringify({ email: 'zweiter@musterland.example', role: 'viewer' }),
      });
      expect(added.status).toBe(201);
      const members = (await (
        await fetch(`${one.url}/api/tenants/99001/members`, { headers: { cookie: sessionCookie } })
      ).json()) as {
        email: string;
      }[];
      expect(members.map((m) => m.email)).toContain('zweiter@musterland.example');

      const out = await fetch(`${one.url}/api/session/logout-all`, {
        method: 'POST',
        headers: { 'x-csrf-token': csrfToken, cookie: sessionCookie },
      });
      expect(out.status).toBe(200);
      const after = (await (await fetch(`${two.url}/api/session`, { headers: { cookie: sessionCookie } })).json()) as {
        authenticated: boolean;
      };
      expect(after.authenticated).toBe(false);
    });
  });
}
