import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';

const ADMIN = 'admin@musterland.example';

for (const engine of ENGINES) {
  describe(`sessions, CSRF and login throttling [${engine}]`, () => {
    let t: TestApp;
    const clock = fixedClock(new Date('2026-11-24T09:00:00Z'));

    beforeAll(async () => {
      t = await createTestApp(engine, {
        clock,
        env: { PLANWERK_LOGIN_MAX_FAILURES: '3', PLANWERK_SESSION_IDLE_MINUTES: '30', PLANWERK_BODY_LIMIT: '2048' },
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('logs in with a HttpOnly, SameSite=Lax cookie and shows the memberships', async () => {
      const client = new TestClient(t.app);
      const response = await client.logIn(ADMIN, DEMO_PASSWORD);
      expect(response.statusCode).toBe(200);
      const cookie = String(response.headers['set-cookie']);
      expect(cookie).toMatch(/planwerk_session=[\w-]{40,}/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).not.toContain('Secure');
      const session = await client.session();
      expect(session.authenticated).toBe(true);
      expect(session.user?.email).toBe(ADMIN);
      expect(session.user?.memberships).toEqual([
        { tenantKey: '99001', tenantKind: 'landkreis', tenantName: 'Landkreis Musterland', role: 'admin' },
      ]);
    });

    it('marks the cookie Secure when the request came over TLS through a trusted proxy', async () => {
      const behindProxy = await createTestApp(engine, { env: { PLANWERK_TRUST_PROXY: 'true' }, database: t.database });
      try {
        const client = new TestClient(behindProxy.app, { 'x-forwarded-proto': 'https' });
        const response = await client.logIn('planung@musterland.example', DEMO_PASSWORD);
        expect(response.statusCode).toBe(200);
        expect(String(response.headers['set-cookie'])).toContain('Secure');
      } finally {
        await behindProxy.app.close();
      }
    });

    it('rejects wrong credentials with a German problem+json and does not say which part was wrong', async () => {
      const client = new TestClient(t.app);
      const wrongPassword = await client.logIn(ADMIN, 'falsches-passwort-123');
      const unknownUser = await client.logIn('niemand@musterland.example', 'falsches-passwort-123');
      for (const response of [wrongPassword, unknownUser]) {
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json()).toMatchObject({
          status: 401,
          code: 'invalid-credentials',
          detail: 'E-Mail-Adresse oder Passwort ist falsch.',
          instance: '/api/session/login',
        });
      }
    });

    it('prevents session fixation: a token planted before login is never the session token', async () => {
      const victim = new TestClient(t.app);
      victim.cookies.set('planwerk_session', 'von-angreifer-gesetzt-0123456789abcdefghijkl');
      await victim.logIn(ADMIN, DEMO_PASSWORD);
      const issued = victim.cookies.get('planwerk_session');
      expect(issued).toBeDefined();
      expect(issued).not.toBe('von-angreifer-gesetzt-0123456789abcdefghijkl');

      // Logging in again replaces the old session: the previous token stops working.
      const first = victim.cookies.get('planwerk_session')!;
      await victim.logIn(ADMIN, DEMO_PASSWORD);
      expect(victim.cookies.get('planwerk_session')).not.toBe(first);
      const attacker = new TestClient(t.app);
      attacker.cookies.set('planwerk_session', first);
      expect((await attacker.session()).authenticated).toBe(false);
    });

    it('rejects state-changing requests without the right CSRF token', async () => {
      const client = new TestClient(t.app);
      await client.session();
      const noHeader = await client.request('POST', '/api/session/login', {
        body: { email: ADMIN, password: DEMO_PASSWORD },
        csrf: false,
      });
      expect(noHeader.statusCode).toBe(403);
      expect(noHeader.json()).toMatchObject({ code: 'csrf-rejected' });

      const loggedIn = new TestClient(t.app);
      await loggedIn.logIn(ADMIN, DEMO_PASSWORD);
      const forged = await loggedIn.request('POST', '/api/session/logout-all', { headers: { 'x-csrf-token': 'geraten' } });
      expect(forged.statusCode).toBe(403);
      // A cross-site form cannot send the header at all.
      const missing = await loggedIn.request('POST', '/api/tenants/99001/members', {
        body: { email: 'x@musterland.example', role: 'viewer' },
        csrf: false,
      });
      expect(missing.statusCode).toBe(403);
      expect((await loggedIn.session()).authenticated).toBe(true);
    });

    it('throttles login after repeated failures, even with the right password, and names the wait in German', async () => {
      const client = new TestClient(t.app, { 'x-forwarded-for': '203.0.113.7' });
      for (let i = 0; i < 3; i++)
        expect((await client.logIn('planung@musterland.example', 'falsch-falsch-falsch')).statusCode).toBe(401);
      const blocked = await client.logIn('planung@musterland.example', DEMO_PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBe('900');
      expect(blocked.json()).toMatchObject({
        code: 'login-throttled',
        detail: 'Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in 15 Minuten erneut.',
      });
      clock.advance(901);
      expect((await client.logIn('planung@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
    });

    it('logs out everywhere: every session of the user ends', async () => {
      const laptop = new TestClient(t.app);
      const phone = new TestClient(t.app);
      await laptop.logIn(ADMIN, DEMO_PASSWORD);
      await phone.logIn(ADMIN, DEMO_PASSWORD);
      const response = await laptop.request('POST', '/api/session/logout-all');
      expect(response.statusCode).toBe(200);
      expect((response.json() as { endedSessions: number }).endedSessions).toBeGreaterThanOrEqual(2);
      expect((await laptop.session()).authenticated).toBe(false);
      const phoneSession = await phone.session();
      expect(phoneSession).toMatchObject({ authenticated: false, sessionExpired: true });
    });

    it('keeps reporting an ended session until the session endpoint has said so (public requests alongside do not swallow it)', async () => {
      const laptop = new TestClient(t.app);
      const phone = new TestClient(t.app);
      await laptop.logIn(ADMIN, DEMO_PASSWORD);
      await phone.logIn(ADMIN, DEMO_PASSWORD);
      expect((await laptop.request('POST', '/api/session/logout-all')).statusCode).toBe(200);
      // The browser loads the installation facts first; this must not clear the stale cookie …
      expect((await phone.request('GET', '/api/meta')).statusCode).toBe(200);
      expect(phone.cookies.has('planwerk_session')).toBe(true);
      // … so that the session endpoint can still tell the person why they are logged out.
      expect(await phone.session()).toMatchObject({ authenticated: false, sessionExpired: true });
      expect(phone.cookies.has('planwerk_session')).toBe(false);
      expect(await phone.session()).toMatchObject({ authenticated: false, sessionExpired: false });
    });

    it('changes the password, keeps the current session and ends the others', async () => {
      const email = 'planung@musterland.example';
      // Start from a clean slate: no sessions of this user from earlier tests.
      const earlier = new TestClient(t.app);
      await earlier.logIn(email, DEMO_PASSWORD);
      await earlier.request('POST', '/api/session/logout-all');
      const here = new TestClient(t.app);
      const elsewhere = new TestClient(t.app);
      await here.logIn(email, DEMO_PASSWORD);
      await elsewhere.logIn(email, DEMO_PASSWORD);
      const wrong = await here.request('POST', '/api/account/password', {
        body: { currentPassword: 'nicht-das-passwort', newPassword: 'Neues-Passwort-2026' },
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json()).toMatchObject({ detail: 'Das aktuelle Passwort ist falsch.' });
      const weak = await here.request('POST', '/api/account/password', {
        body: { currentPassword: DEMO_PASSWORD, newPassword: 'kurz' },
      });
      expect(weak.statusCode).toBe(422);
      expect(weak.json()).toMatchObject({ detail: 'Das Passwort muss mindestens 12 Zeichen lang sein.' });

      const ok = await here.request('POST', '/api/account/password', {
        body: { currentPassword: DEMO_PASSWORD, newPassword: 'Neues-Passwort-2026' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ endedOtherSessions: 1 });
      expect((await here.session()).authenticated).toBe(true);
      expect((await elsewhere.session()).authenticated).toBe(false);
      expect((await new TestClient(t.app).logIn(email, DEMO_PASSWORD)).statusCode).toBe(401);
      expect((await new TestClient(t.app).logIn(email, 'Neues-Passwort-2026')).statusCode).toBe(200);
    });

    it('expires idle sessions with a clear German message', async () => {
      const client = new TestClient(t.app);
      await client.logIn(ADMIN, DEMO_PASSWORD);
      clock.advance(31 * 60);
      const response = await client.request('GET', '/api/tenants/99001/members');
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        code: 'session-expired',
        detail: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
      });
      // The cookie was cleared, so the next request is simply anonymous.
      expect(client.cookies.has('planwerk_session')).toBe(false);
    });

    it('answers bad input with German problems and writes nothing', async () => {
      const client = new TestClient(t.app);
      await client.logIn(ADMIN, DEMO_PASSWORD);
      const malformed = await client.request('POST', '/api/tenants/99001/members', { rawBody: '{"email": "a@b.de", "role":' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ code: 'malformed-json', detail: 'Der Anfragekörper ist kein gültiges JSON.' });

      const oversized = await client.request('POST', '/api/tenants/99001/members', {
        body: { email: 'gross@musterland.example', role: 'viewer', displayName: 'x'.repeat(4000) },
      });
      expect(oversized.statusCode).toBe(413);
      expect(oversized.json()).toMatchObject({ code: 'body-too-large', detail: 'Die Anfrage ist zu groß.' });

      const invalid = await client.request('POST', '/api/tenants/99001/members', {
        body: { email: 'neu@musterland.example', role: 'chef' },
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json()).toMatchObject({ code: 'validation-failed' });
      expect((invalid.json() as { errors: Record<string, string> }).errors.role).toMatch(/Unzulässiger Wert/);

      const unknown = await client.request('GET', '/api/gibt-es-nicht');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ detail: 'Die Adresse /api/gibt-es-nicht gibt es nicht.' });

      const members = (await client.request('GET', '/api/tenants/99001/members')).json() as { email: string }[];
      expect(members.map((m) => m.email)).not.toContain('gross@musterland.example');
      expect(members.map((m) => m.email)).not.toContain('neu@musterland.example');
    });
  });
}
