import { ConflictError, ForbiddenError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import { validateTenantKey, validateTenantName, type Tenant } from '../../domain/tenancy/tenant.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, TenantStore } from '../ports.ts';

/**
 * Creates a municipality or the state organisation. Only the system (CLI, seeding) may do
 * this; at most one state organisation exists.
 */
export async function createTenant(
  deps: { tenants: TenantStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: Tenant,
): Promise<Tenant> {
  if (actor.kind !== 'system') {
    throw new ForbiddenError('Gebietskörperschaften legt der Betrieb über die Kommandozeile an.', 'forbidden');
  }
  const tenant: Tenant = {
    key: validateTenantKey(input.key, input.kind),
    name: validateTenantName(input.name),
    kind: input.kind,
  };
  if (await deps.tenants.get(tenant.key)) {
    throw new ConflictError(`Die Gebietskörperschaft ${tenant.key} gibt es bereits.`, 'tenant-exists');
  }
  if (tenant.kind === 'state' && (await deps.tenants.list()).some((t) => t.kind === 'state')) {
    throw new ConflictError('Es gibt bereits eine Organisation auf Landesebene.', 'state-exists');
  }
  await deps.tenants.insert(tenant);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: tenant.key,
      action: 'tenant.create',
      entityType: 'tenant',
      entityId: tenant.key,
      before: null,
      after: { ...tenant },
    },
    deps.clock.now(),
  );
  return tenant;
}
