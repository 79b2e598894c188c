import type { Actor } from '../../domain/tenancy/policy.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, SessionStore } from '../ports.ts';

/** Ends every session of the user on every device, including the current one; returns the count. */
export async function logOutEverywhere(
  deps: { sessions: SessionStore; audit: AuditLog; clock: Clock },
  actor: Extract<Actor, { kind: 'user' }>,
): Promise<number> {
  const ended = await deps.sessions.deleteAllOfUser(actor.userId);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: null,
      action: 'session.log-out-everywhere',
      entityType: 'user',
      entityId: actor.userId,
      before: null,
      after: { endedSessions: ended },
    },
    deps.clock.now(),
  );
  return ended;
}
