import { applyReviewEvent, type ChangeRequest } from '../../domain/services/review.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import { requireChange } from './approve-change.ts';
import type { ServiceRegisterDeps } from './create-service.ts';

/** A planner rejects a pending change with a comment the provider sees; the service stays as it was. Audited. */
export async function rejectChange(
  deps: Pick<ServiceRegisterDeps, 'changes' | 'audit' | 'clock'>,
  actor: Actor,
  input: { tenantKey: string; changeId: string; comment: string },
): Promise<ChangeRequest> {
  requireRole(actor, input.tenantKey, 'planner');
  const change = await requireChange(deps, input.tenantKey, input.changeId);
  const now = deps.clock.now();
  const who = auditActor(actor);
  const decided = applyReviewEvent(change, { type: 'reject', by: who.actorLabel, at: now.toISOString(), comment: input.comment });
  await deps.changes.save(input.tenantKey, decided);
  await deps.audit.record(
    {
      ...who,
      tenantKey: input.tenantKey,
      action: 'service.change-reject',
      entityType: 'service-change',
      entityId: change.id,
      before: { status: 'pending' },
      after: { status: 'rejected', comment: decided.comment },
    },
    now,
  );
  return decided;
}
