import { normaliseEmail } from '../../domain/accounts/email.ts';
import { decideLogin, type ThrottleRule } from '../../domain/accounts/login-throttle.ts';
import { TooManyRequestsError, UnauthenticatedError } from '../../domain/shared/errors.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import type { AuditLog, LoginFailureStore, PasswordHasher, Secrets, SessionStore, UserStore } from '../ports.ts';

export interface LogInDeps {
  users: UserStore;
  sessions: SessionStore;
  loginFailures: LoginFailureStore;
  audit: AuditLog;
  hasher: PasswordHasher;
  secrets: Secrets;
  clock: Clock;
  throttle: ThrottleRule;
  sessionLifetimeSeconds: number;
}

export interface LogInInput {
  email: string;
  password: string;
  /** Client address, for throttling. */
  address: string;
  userAgent: string | null;
  /** Token of a session the client already holds; it is ended so no session id survives a login. */
  previousToken?: string | undefined;
}

export interface LogInResult {
  /** The new session token for the cookie (only its hash is stored). */
  token: string;
  csrfToken: string;
  userId: string;
  expiresAt: Date;
}

// Verifying against a fixed hash when the user does not exist keeps the response time
// independent of whether the address is registered.
let dummyHash: Promise<string> | undefined;

const WRONG = 'E-Mail-Adresse oder Passwort ist falsch.';

/**
 * Checks credentials and opens a new session. Wrong credentials are recorded (and not
 * rolled back) so that repeated guessing is throttled per e-mail and per client address.
 */
export async function logIn(deps: LogInDeps, input: LogInInput): Promise<LogInResult> {
  const now = deps.clock.now();
  let email: string;
  try {
    email = normaliseEmail(input.email);
  } catch {
    email = input.email.trim().toLowerCase().slice(0, 254);
  }
  const since = new Date(now.getTime() - deps.throttle.windowSeconds * 1000);
  const failures = await deps.loginFailures.recent(email, input.address, since);
  const decision = decideLogin(deps.throttle, now, failures.email, failures.address);
  if (!decision.allowed) {
    const minutes = Math.ceil(decision.retryAfterSeconds / 60);
    throw new TooManyRequestsError(
      `Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} erneut.`,
      'login-throttled',
      decision.retryAfterSeconds,
    );
  }

  const user = await deps.users.findByEmail(email);
  dummyHash ??= deps.hasher.hash('planwerk-dummy-password');
  const valid = user
    ? await deps.hasher.verify(user.passwordHash, input.password)
    : (await deps.hasher.verify(await dummyHash, input.password), false);
  if (!user || !valid) {
    await deps.loginFailures.record(email, input.address, now);
    throw new UnauthenticatedError(WRONG, 'invalid-credentials');
  }

  if (input.previousToken) await deps.sessions.delete(deps.secrets.hashToken(input.previousToken));
  await deps.loginFailures.clear(email);
  const token = deps.secrets.token(32);
  const csrfToken = deps.secrets.token(32);
  const expiresAt = new Date(now.getTime() + deps.sessionLifetimeSeconds * 1000);
  await deps.sessions.insert({
    idHash: deps.secrets.hashToken(token),
    userId: user.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  await deps.audit.record(
    {
      actorUserId: user.id,
      actorLabel: user.email,
      tenantKey: null,
      action: 'session.log-in',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: { email: user.email },
    },
    now,
  );
  return { token, csrfToken, userId: user.id, expiresAt };
}
