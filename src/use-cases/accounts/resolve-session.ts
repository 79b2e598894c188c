import type { Actor } from '../../domain/tenancy/policy.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import type { MembershipStore, Secrets, SessionStore, UserStore } from '../ports.ts';

export interface ResolveSessionDeps {
  sessions: SessionStore;
  users: UserStore;
  memberships: MembershipStore;
  secrets: Secrets;
  clock: Clock;
  sessionIdleSeconds: number;
}

export type ResolvedSession =
  | { status: 'none' }
  | { status: 'expired' }
  | {
      status: 'active';
      actor: Extract<Actor, { kind: 'user' }>;
      displayName: string;
      idHash: string;
      csrfToken: string;
      expiresAt: Date;
    };

/** Seconds between two "last seen" writes, so that reads do not write on every request. */
const TOUCH_INTERVAL_SECONDS = 60;

/**
 * Finds the session of a cookie token. Sessions past their absolute lifetime or idle for
 * longer than `sessionIdleSeconds` are deleted and reported as expired.
 */
export async function resolveSession(deps: ResolveSessionDeps, token: string | undefined): Promise<ResolvedSession> {
  if (!token) return { status: 'none' };
  const idHash = deps.secrets.hashToken(token);
  const session = await deps.sessions.findByHash(idHash);
  if (!session) return { status: 'expired' };
  const now = deps.clock.now();
  const idleLimit = now.getTime() - deps.sessionIdleSeconds * 1000;
  if (session.expiresAt.getTime() <= now.getTime() || session.lastSeenAt.getTime() < idleLimit) {
    await deps.sessions.delete(idHash);
    return { status: 'expired' };
  }
  const user = await deps.users.findById(session.userId);
  if (!user) {
    await deps.sessions.delete(idHash);
    return { status: 'expired' };
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_SECONDS * 1000) {
    await deps.sessions.touch(idHash, now);
  }
  const memberships = await deps.memberships.ofUser(user.id);
  return {
    status: 'active',
    actor: { kind: 'user', userId: user.id, email: user.email, memberships },
    displayName: user.displayName,
    idHash,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}
