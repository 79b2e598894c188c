import type { Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { RegisterWriteResult, ServiceRegisterDeps } from './create-service.ts';
import { registerWriteAccess, requireOwnOrganization } from './register-access.ts';
import { submitChange } from './submit-change.ts';
import { requireService } from './update-service.ts';

/**
 * Archives a service: it leaves lists and the public map but stays stored. Planners archive
 * directly; a provider's request goes to the review queue. Recorded in the audit log.
 */
export async function archiveService(
  deps: ServiceRegisterDeps,
  actor: Actor,
  input: { tenantKey: string; serviceId: string },
): Promise<RegisterWriteResult> {
  const access = await registerWriteAccess(deps.providers, actor, input.tenantKey);
  const current = await requireService(deps, input.tenantKey, input.serviceId);
  requireOwnOrganization(access, current.organizationId);
  if (access.mode === 'provider') {
    const change = await submitChange(deps, actor, {
      tenantKey: input.tenantKey,
      kind: 'archive',
      serviceId: current.id,
      organizationId: current.organizationId,
      proposed: null,
    });
    return { outcome: 'pending', change };
  }
  const now = deps.clock.now();
  const service = { ...current, archived: true, updatedAt: now.toISOString() };
  await deps.register.saveService(input.tenantKey, service, now);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: 'service.archive',
      entityType: 'service',
      entityId: service.id,
      before: { archived: false },
      after: { archived: true },
    },
    now,
  );
  return { outcome: 'saved', service };
}
