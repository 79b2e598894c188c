import type { Organization } from '../../domain/services/model.ts';
import { validateOrganization } from '../../domain/services/validation.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, Secrets } from '../ports.ts';
import type { ServiceRegisterStore } from './ports.ts';

/** Creates (without id) or changes an organisation (Träger); planners only; audited. */
export async function saveOrganization(
  deps: { register: ServiceRegisterStore; audit: AuditLog; secrets: Secrets; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; organization: Omit<Organization, 'id'> & { id?: string | undefined } },
): Promise<Organization> {
  requireRole(actor, input.tenantKey, 'planner');
  const organization: Organization = { ...input.organization, id: input.organization.id ?? deps.secrets.uuid() };
  validateOrganization(organization);
  const before = await deps.register.getOrganization(input.tenantKey, organization.id);
  const now = deps.clock.now();
  await deps.register.saveOrganization(input.tenantKey, organization, now);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: before ? 'service-organization.update' : 'service-organization.create',
      entityType: 'service-organization',
      entityId: organization.id,
      before: before ? { name: before.name, privatePerson: before.privatePerson } : null,
      after: { name: organization.name, privatePerson: organization.privatePerson },
    },
    now,
  );
  return organization;
}
