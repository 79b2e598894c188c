import { isStateMember, type Actor } from '../../domain/tenancy/policy.ts';
import type { Tenant } from '../../domain/tenancy/tenant.ts';
import type { TenantStore } from '../ports.ts';

/**
 * Tenants the actor works in: members see their own tenants, the state organisation sees
 * all; anonymous visitors get the public list of municipalities (names and keys only).
 */
export async function listTenants(deps: { tenants: TenantStore }, actor: Actor): Promise<Tenant[]> {
  const all = await deps.tenants.list();
  if (actor.kind === 'system' || isStateMember(actor)) return all;
  if (actor.kind === 'user') return all.filter((t) => actor.memberships.some((m) => m.tenantKey === t.key));
  return all.filter((t) => t.kind !== 'state');
}
