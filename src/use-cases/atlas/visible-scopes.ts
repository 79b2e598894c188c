import { canReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import { SHARED_SCOPE } from './import-observations.ts';

/**
 * Data scopes an actor reads in the context of a tenant: state-level (shared) data always,
 * the tenant's own data for its members, the state organisation and the system.
 */
export function visibleScopes(actor: Actor, tenantKey: string | null): string[] {
  if (tenantKey !== null && canReadTenant(actor, tenantKey)) return [SHARED_SCOPE, tenantKey];
  return [SHARED_SCOPE];
}
