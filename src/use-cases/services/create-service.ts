import { type Service } from '../../domain/services/model.ts';
import { berlinDate } from '../../domain/services/opening-hours.ts';
import type { ChangeRequest } from '../../domain/services/review.ts';
import { validateServiceDraft } from '../../domain/services/validation.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, Secrets } from '../ports.ts';
import type { ChangeRequestStore, ProviderLinkStore, ServiceRegisterStore, TaxonomyStore } from './ports.ts';
import { registerWriteAccess, requireOwnOrganization, toDraft, usableTermKeys, type ServiceInput } from './register-access.ts';

export interface ServiceRegisterDeps {
  register: ServiceRegisterStore;
  changes: ChangeRequestStore;
  taxonomy: TaxonomyStore;
  providers: ProviderLinkStore;
  audit: AuditLog;
  secrets: Secrets;
  clock: Clock;
}

/** The result of a write: the saved service (planners) or the change waiting for review (providers). */
export type RegisterWriteResult = { outcome: 'saved'; service: Service } | { outcome: 'pending'; change: ChangeRequest };

/** Checks that the organisation and every named location exist in the tenant. */
export async function requireReferences(
  register: ServiceRegisterStore,
  tenantKey: string,
  organizationId: string,
  locationIds: readonly string[],
) {
  if (!(await register.getOrganization(tenantKey, organizationId)))
    throw new InvalidError(`Den Träger „${organizationId}“ gibt es nicht.`, 'unknown-organization', {
      fields: { organizationId: 'Unbekannter Träger' },
    });
  for (const id of locationIds)
    if (!(await register.getLocation(tenantKey, id)))
      throw new InvalidError(`Den Standort „${id}“ gibt es nicht.`, 'unknown-location', {
        fields: { locationIds: 'Unbekannter Standort' },
      });
}

/**
 * Creates a service. Planners save it directly (published when `published` is true; the
 * entry counts as checked today); a provider account's new service goes to the review queue
 * and is saved, published, once a planner approves it. Recorded in the audit log.
 */
export async function createService(
  deps: ServiceRegisterDeps,
  actor: Actor,
  input: { tenantKey: string; service: ServiceInput; published?: boolean },
): Promise<RegisterWriteResult> {
  const access = await registerWriteAccess(deps.providers, actor, input.tenantKey);
  const now = deps.clock.now();
  const today = berlinDate(now);
  const draft = toDraft(input.service);
  requireOwnOrganization(access, draft.organizationId);
  validateServiceDraft(draft, { today, knownTermKeys: await usableTermKeys(deps.taxonomy, input.tenantKey) });
  await requireReferences(deps.register, input.tenantKey, draft.organizationId, draft.locationIds);
  const id = deps.secrets.uuid();
  const who = auditActor(actor);
  if (access.mode === 'provider') {
    const change: ChangeRequest = {
      id: deps.secrets.uuid(),
      kind: 'create',
      serviceId: id,
      organizationId: draft.organizationId,
      proposed: draft,
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
        after: { kind: 'create', serviceId: id, name: draft.name },
      },
      now,
    );
    return { outcome: 'pending', change };
  }
  const service: Service = {
    ...draft,
    assuredDate: today,
    id,
    published: input.published ?? false,
    archived: false,
    updatedAt: now.toISOString(),
  };
  await deps.register.saveService(input.tenantKey, service, now);
  await deps.audit.record(
    {
      ...who,
      tenantKey: input.tenantKey,
      action: 'service.create',
      entityType: 'service',
      entityId: id,
      before: null,
      after: { name: service.name, organizationId: service.organizationId, status: service.status, published: service.published },
    },
    now,
  );
  return { outcome: 'saved', service };
}
