import type { Actor } from '../domain/tenancy/policy.ts';

/** How an actor appears in the audit log: user id and e-mail, or a system label. */
export function auditActor(actor: Actor): { actorUserId: string | null; actorLabel: string } {
  if (actor.kind === 'user') return { actorUserId: actor.userId, actorLabel: actor.email };
  if (actor.kind === 'system') return { actorUserId: null, actorLabel: actor.label };
  return { actorUserId: null, actorLabel: 'Anonym' };
}
