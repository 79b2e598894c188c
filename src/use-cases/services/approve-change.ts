import type { Service } from '../../domain/services/model.ts';
import { berlinDate } from '../../domain/services/opening-hours.ts';
import { applyReviewEvent, type ChangeRequest } from '../../domain/services/review.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { ServiceRegisterDeps } from './create-service.ts';

/** A change of the tenant or NotFound. */
export async function requireChange(
  deps: Pick<ServiceRegisterDeps, 'changes'>,
  tenantKey: string,
  id: string,
): Promise<ChangeRequest> {
  const change = await deps.changes.get(tenantKey, id);
  if (!change) throw new NotFoundError('Die Änderung wurde nicht gefunden.', 'change-not-found');
  return change;
}

/**
 * A planner approves a pending change: a new service is saved and published, an update
 * replaces the content (publication unchanged), an archive request archives the service. The
 * entry counts as checked on the day of approval. Both the decision and the change to the
 * service are recorded in the audit log.
 */
export async function approveChange(
  deps: Pick<ServiceRegisterDeps, 'register' | 'changes' | 'audit' | 'clock'>,
  actor: Actor,
  input: { tenantKey: string; changeId: string; comment?: string | null },
): Promise<{ change: ChangeRequest; service: Service }> {
  requireRole(actor, input.tenantKey, 'planner');
  const change = await requireChange(deps, input.tenantKey, input.changeId);
  const now = deps.clock.now();
  const who = auditActor(actor);
  const decided = applyReviewEvent(change, {
    type: 'approve',
    by: who.actorLabel,
    at: now.toISOString(),
    comment: input.comment ?? null,
  });
  const current = await deps.register.getService(input.tenantKey, change.serviceId);
  if (change.kind !== 'create' && !current)
    throw new NotFoundError('Das Angebot dieser Änderung gibt es nicht mehr.', 'service-not-found');
  let service: Service;
  if (change.kind === 'archive') service = { ...current!, archived: true, updatedAt: now.toISOString() };
  else
    service = {
      ...change.proposed!,
      assuredDate: berlinDate(now),
      id: change.serviceId,
      published: current ? current.published : true,
      archived: current?.archived ?? false,
      updatedAt: now.toISOString(),
    };
  await deps.register.saveService(input.tenantKey, service, now);
  await deps.changes.save(input.tenantKey, decided);
  await deps.audit.record(
    {
      ...who,
      tenantKey: input.tenantKey,
      action: 'service.change-approve',
      entityType: 'service-change',
      entityId: change.id,
      before: { status: 'pending' },
      after: { status: 'approved', comment: decided.comment },
    },
    now,
  );
  await deps.audit.record(
    {
      ...who,
      tenantKey: input.tenantKey,
      action: change.kind === 'create' ? 'service.create' : change.kind === 'archive' ? 'service.archive' : 'service.update',
      entityType: 'service',
      entityId: service.id,
      before: current ? { name: current.name, status: current.status, archived: current.archived } : null,
      after: {
        name: service.name,
        status: service.status,
        archived: service.archived,
        published: service.published,
        changeId: change.id,
      },
    },
    now,
  );
  return { change: decided, service };
}
