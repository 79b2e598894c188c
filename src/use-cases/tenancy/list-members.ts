import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { MemberRecord, MembershipStore } from '../ports.ts';

/** Lists the members of a tenant with their roles; tenant admins only. */
export async function listMembers(
  deps: { memberships: MembershipStore },
  actor: Actor,
  tenantKey: string,
): Promise<MemberRecord[]> {
  requireRole(actor, tenantKey, 'admin');
  return deps.memberships.ofTenant(tenantKey);
}
