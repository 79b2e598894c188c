import type { Actor } from '../../domain/tenancy/policy.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, SessionStore } from '../ports.ts';

/** Ends the current session (by its stored hash) and records it. */
export async function logOut(
  deps: { sessions: SessionStore; audit: AuditLog; clock: Clock },
  actor: Extract<Actor, { kind: 'user' }>,
  idHash: string,
): Promise<void> {
  await deps.sessions.delete(idHash);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: null,
      action: 'session.log-out',
      entityType: 'user',
      entityId: actor.userId,
      before: null,
      after: null,
    },
    deps.clock.now(),
  );
}
