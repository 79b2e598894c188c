import type { Organization } from '../../domain/services/model.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { ServiceRegisterStore } from './ports.ts';

/** The organisations (Träger) of the tenant, by name; members of the tenant and the state organisation. */
export async function listOrganizations(
  deps: { register: ServiceRegisterStore },
  actor: Actor,
  input: { tenantKey: string },
): Promise<Organization[]> {
  requireReadTenant(actor, input.tenantKey);
  return deps.register.listOrganizations(input.tenantKey);
}
