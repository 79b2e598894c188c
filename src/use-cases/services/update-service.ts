import type { Service } from '../../domain/services/model.ts';
import { berlinDate } from '../../domain/services/opening-hours.ts';
import { validateServiceDraft } from '../../domain/services/validation.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import { requireReferences, type RegisterWriteResult, type ServiceRegisterDeps } from './create-service.ts';
import { registerWriteAccess, requireOwnOrganization, toDraft, usableTermKeys, type ServiceInput } from './register-access.ts';
import { submitChange } from './submit-change.ts';

/** A service of the tenant or NotFound. */
export async function requireService(
  deps: Pick<ServiceRegisterDeps, 'register'>,
  tenantKey: string,
  id: string,
): Promise<Service> {
  const service = await deps.register.getService(tenantKey, id);
  if (!service) throw new NotFoundError('Das Angebot wurde nicht gefunden.', 'service-not-found');
  return service;
}

/**
 * Replaces the content of a service (the whole draft). Planners save directly (the entry
 * counts as checked today unless `assured` is false, which keeps the last check date;
 * `published` changes only when given); a provider's change goes to the review queue while
 * the current version stays visible. Recorded in the audit log.
 */
export async function updateService(
  deps: ServiceRegisterDeps,
  actor: Actor,
  input: { tenantKey: string; serviceId: string; service: ServiceInput; published?: boolean; assured?: boolean },
): Promise<RegisterWriteResult> {
  const access = await registerWriteAccess(deps.providers, actor, input.tenantKey);
  const current = await requireService(deps, input.tenantKey, input.serviceId);
  requireOwnOrganization(access, current.organizationId);
  const now = deps.clock.now();
  const today = berlinDate(now);
  const draft = toDraft(input.service);
  requireOwnOrganization(access, draft.organizationId);
  validateServiceDraft(draft, { today, knownTermKeys: await usableTermKeys(deps.taxonomy, input.tenantKey, current.termKeys) });
  await requireReferences(deps.register, input.tenantKey, draft.organizationId, draft.locationIds);
  if (access.mode === 'provider') {
    const change = await submitChange(deps, actor, {
      tenantKey: input.tenantKey,
      kind: 'update',
      serviceId: current.id,
      organizationId: current.organizationId,
      proposed: draft,
    });
    return { outcome: 'pending', change };
  }
  const service: Service = {
    ...draft,
    assuredDate: input.assured === false ? current.assuredDate : today,
    id: current.id,
    published: input.published ?? current.published,
    archived: current.archived,
    updatedAt: now.toISOString(),
  };
  await deps.register.saveService(input.tenantKey, service, now);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: 'service.update',
      entityType: 'service',
      entityId: service.id,
      before: { name: current.name, status: current.status, published: current.published, assuredDate: current.assuredDate },
      after: { name: service.name, status: service.status, published: service.published, assuredDate: service.assuredDate },
    },
    now,
  );
  return { outcome: 'saved', service };
}
