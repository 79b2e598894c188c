import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { inTransaction, repositories } from '../../db/repositories/index.ts';
import { changePassword } from '../../use-cases/accounts/change-password.ts';
import { logIn } from '../../use-cases/accounts/log-in.ts';
import { logOutEverywhere } from '../../use-cases/accounts/log-out-everywhere.ts';
import { logOut } from '../../use-cases/accounts/log-out.ts';
import { clearSessionCookie, cookieOptions, CSRF_COOKIE, SESSION_COOKIE } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { RoleSchema, withProblems } from './schemas.ts';

const MembershipSchema = Type.Object({
  tenantKey: Type.String(),
  tenantName: Type.String(),
  tenantKind: Type.String(),
  role: RoleSchema,
});

const SessionSchema = Type.Object({
  authenticated: Type.Boolean(),
  sessionExpired: Type.Boolean(),
  csrfToken: Type.String({ description: 'Im Kopf X-CSRF-Token bei jeder ändernden Anfrage mitsenden' }),
  user: Type.Optional(
    Type.Object({
      id: Type.String(),
      email: Type.String(),
      displayName: Type.String(),
      memberships: Type.Array(MembershipSchema),
    }),
  ),
  expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
});

const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

/** Session lifecycle: current session, log in, log out, log out everywhere, change password. */
export function sessionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/session',
      {
        config: { access: 'public' },
        schema: { tags: ['Sitzung'], summary: 'Aktuelle Sitzung und CSRF-Token', response: { 200: SessionSchema } },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        if (request.actor.kind === 'user' && request.session) {
          return {
            authenticated: true,
            sessionExpired: false,
            csrfToken: request.session.csrfToken,
            user: {
              id: request.actor.userId,
              email: request.actor.email,
              displayName: request.session.displayName,
              memberships: request.actor.memberships.map((m) => ({ ...m })),
            },
            expiresAt: request.session.expiresAt.toISOString(),
          };
        }
        let csrf = request.cookies[CSRF_COOKIE];
        if (!csrf || csrf.length < 32) {
          csrf = ctx.secrets.token(32);
          reply.setCookie(CSRF_COOKIE, csrf, { ...cookieOptions(request), sameSite: 'strict' });
        }
        return { authenticated: false, sessionExpired: request.sessionExpired, csrfToken: csrf };
      },
    );

    app.post(
      '/api/session/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Sitzung'],
          summary: 'Mit E-Mail-Adresse und Passwort anmelden',
          body: LoginBody,
          response: withProblems(
            { 200: Type.Object({ csrfToken: Type.String(), expiresAt: Type.String() }) },
            [400, 401, 403, 429],
          ),
        },
      },
      async (request, reply) => {
        const r = repositories(ctx.db);
        const result = await logIn(
          {
            ...r,
            hasher: ctx.hasher,
            secrets: ctx.secrets,
            clock: ctx.clock,
            throttle: {
              maxFailuresPerEmail: ctx.config.loginMaxFailures,
              maxFailuresPerAddress: ctx.config.loginMaxFailures * 4,
              windowSeconds: ctx.config.loginWindowSeconds,
            },
            sessionLifetimeSeconds: ctx.config.sessionLifetimeSeconds,
          },
          {
            email: request.body.email,
            password: request.body.password,
            address: request.ip,
            userAgent: request.headers['user-agent'] ?? null,
            previousToken: request.cookies[SESSION_COOKIE],
          },
        );
        request.log.info({ event: 'login' }, 'Anmeldung erfolgreich');
        reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(request, ctx.config.sessionLifetimeSeconds));
        reply.clearCookie(CSRF_COOKIE, cookieOptions(request));
        return { csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() };
      },
    );

    app.post(
      '/api/session/logout',
      {
        config: { access: 'user' },
        schema: { tags: ['Sitzung'], summary: 'Abmelden', response: withProblems({ 204: Type.Null() }, [401, 403]) },
      },
      async (request, reply) => {
        if (request.actor.kind === 'user' && request.session) {
          const actor = request.actor;
          const idHash = request.session.idHash;
          await inTransaction(ctx.db, (r) => logOut({ ...r, clock: ctx.clock }, actor, idHash));
        }
        clearSessionCookie(request, reply);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/session/logout-all',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Sitzung'],
          summary: 'Auf allen Geräten abmelden',
          response: withProblems({ 200: Type.Object({ endedSessions: Type.Integer() }) }, [401, 403]),
        },
      },
      async (request, reply) => {
        const actor = request.actor;
        if (actor.kind !== 'user') throw new Error('unreachable: access user');
        const endedSessions = await inTransaction(ctx.db, (r) => logOutEverywhere({ ...r, clock: ctx.clock }, actor));
        clearSessionCookie(request, reply);
        return { endedSessions };
      },
    );

    app.post(
      '/api/account/password',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Konto'],
          summary: 'Eigenes Passwort ändern (beendet alle anderen Sitzungen)',
          body: PasswordBody,
          response: withProblems({ 200: Type.Object({ endedOtherSessions: Type.Integer() }) }, [400, 401, 403, 422]),
        },
      },
      async (request) => {
        const actor = request.actor;
        if (actor.kind !== 'user' || !request.session) throw new Error('unreachable: access user');
        const currentSessionHash = request.session.idHash;
        const endedOtherSessions = await inTransaction(ctx.db, (r) =>
          changePassword({ ...r, hasher: ctx.hasher, clock: ctx.clock }, actor, { ...request.body, currentSessionHash }),
        );
        return { endedOtherSessions };
      },
    );
  };
}
