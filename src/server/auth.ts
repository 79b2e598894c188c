import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { repositories } from '../db/repositories/index.ts';
import { ANONYMOUS, type Actor } from '../domain/tenancy/policy.ts';
import { resolveSession } from '../use-cases/accounts/resolve-session.ts';
import type { AppContext } from './context.ts';
import { problem, sendProblem } from './problem.ts';

/**
 * Who may call a route: `public` (anyone), `user` (any signed-in user), `tenant` (a
 * signed-in user; the route has a `:tenantKey` parameter and its use case checks the
 * tenant policy). Every /api route must declare one; the tenant isolation test calls
 * every `tenant` route with another tenant's ids.
 */
export type RouteAccess = 'public' | 'user' | 'tenant';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor;
    /** The active session, when signed in. */
    session: { idHash: string; csrfToken: string; displayName: string; expiresAt: Date } | null;
    /** True when the request carried a session cookie that has expired. */
    sessionExpired: boolean;
  }
}

export const SESSION_COOKIE = 'planwerk_session';
export const CSRF_COOKIE = 'planwerk_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Cookie options: HttpOnly, SameSite=Lax, Secure whenever the request came over TLS. */
export function cookieOptions(request: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** Clears the session cookie on the reply. */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

/**
 * Resolves the session cookie into `request.actor`, enforces the route's access level and
 * checks the CSRF token on every state-changing request: against the session's token when
 * signed in, otherwise against the `planwerk_csrf` cookie (double submit).
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    const url = request.url;
    if (!url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    const r = repositories(ctx.db);
    const resolved = await resolveSession(
      { ...r, secrets: ctx.secrets, clock: ctx.clock, sessionIdleSeconds: ctx.config.sessionIdleSeconds },
      token,
    );
    if (resolved.status === 'active') {
      request.actor = resolved.actor;
      request.session = {
        idHash: resolved.idHash,
        csrfToken: resolved.csrfToken,
        displayName: resolved.displayName,
        expiresAt: resolved.expiresAt,
      };
    }

    const access = request.routeOptions.config?.access ?? 'public';
    // A stale cookie is reported (and then cleared) only where the answer says so: by the
    // session endpoint and by 401s. A public request that runs alongside (e.g. /api/meta)
    // must not swallow it, or the browser would never learn that its session ended.
    if (resolved.status === 'expired' && (access !== 'public' || request.routeOptions.url === '/api/session')) {
      request.sessionExpired = true;
      clearSessionCookie(request, reply);
    }
    if (access !== 'public' && request.actor.kind !== 'user') {
      return request.sessionExpired
        ? sendProblem(
            reply,
            request,
            problem(401, 'session-expired', 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.'),
          )
        : sendProblem(reply, request, problem(401, 'not-authenticated', 'Bitte melden Sie sich an.'));
    }

    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      const header = Array.isArray(sent) ? sent[0] : sent;
      const expected = request.session ? request.session.csrfToken : request.cookies[CSRF_COOKIE];
      if (!sameToken(header, expected)) {
        request.log.info({ code: 'csrf-rejected' }, 'CSRF-Prüfung fehlgeschlagen');
        return sendProblem(
          reply,
          request,
          problem(403, 'csrf-rejected', 'Die Sicherheitsprüfung (CSRF-Token) ist fehlgeschlagen. Bitte laden Sie die Seite neu.'),
        );
      }
    }
  });
}
