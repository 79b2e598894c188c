import type { ServiceDraft } from '../../domain/services/model.ts';
import { applyReviewEvent, type ChangeKind, type ChangeRequest } from '../../domain/services/review.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { ServiceRegisterDeps } from './create-service.ts';

/**
 * Puts a provider's change to an existing service into the review queue; an earlier pending
 * change of the same service is superseded (the newest proposal is the one to review).
 * Recorded in the audit log. Used by update and archive.
 */
export async function submitChange(
  deps: Pick<ServiceRegisterDeps, 'changes' | 'audit' | 'secrets' | 'clock'>,
  actor: Actor,
  input: { tenantKey: string; kind: ChangeKind; serviceId: string; organizationId: string; proposed: ServiceDraft | null },
): Promise<ChangeRequest> {
  const now = deps.clock.now();
  const who = auditActor(actor);
  const pending = await deps.changes.list(input.tenantKey, { status: 'pending' });
  for (const earlier of pending.filter((c) => c.serviceId === input.serviceId)) {
    await deps.changes.save(
      input.tenantKey,
      applyReviewEvent(earlier, { type: 'supersede', by: who.actorLabel, at: now.toISOString() }),
    );
  }
  const change: ChangeRequest = {
    id: deps.secrets.uuid(),
    kind: input.kind,
    serviceId: input.serviceId,
    organizationId: input.organizationId,
    proposed: input.proposed,
    status: 'pending',
    submittedBy: who.actorLabel,
    submittedAt: now.toISOString(),
    decidedBy: null,
    decidedAt: null,
    comment: null,
  };
  await deps.changes.save(input.tenantKey, change);
  await deps.audit.record(
    {
      ...who,
      tenantKey: input.tenantKey,
      action: 'service.change-submit',
      entityType: 'service-change',
      entityId: change.id,
      before: null,
      after: { kind: input.kind, serviceId: input.serviceId, name: input.proposed?.name ?? null },
    },
    now,
  );
  return change;
}
