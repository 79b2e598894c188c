import { hasRoleIn, requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { ProviderLinkStore } from './ports.ts';

/**
 * What the register UI may offer an actor: `planner` (planners, admins: write directly, review
 * changes), `provider` (a contributor linked to organisations: changes go to review; only
 * those organisations' services) or `read` (any other member or the state organisation).
 */
export interface RegisterAccessInfo {
  mode: 'planner' | 'provider' | 'read';
  /** The organisations a provider account maintains (empty for the other modes). */
  organizationIds: string[];
}

/** The actor's register access in a tenant; outsiders get NotFound like every tenant read. */
export async function getRegisterAccess(
  deps: { providers: ProviderLinkStore },
  actor: Actor,
  input: { tenantKey: string },
): Promise<RegisterAccessInfo> {
  requireReadTenant(actor, input.tenantKey);
  if (hasRoleIn(actor, input.tenantKey, 'planner')) return { mode: 'planner', organizationIds: [] };
  if (actor.kind === 'user' && hasRoleIn(actor, input.tenantKey, 'contributor')) {
    const organizationIds = await deps.providers.organizationsOf(input.tenantKey, actor.userId);
    if (organizationIds.length > 0) return { mode: 'provider', organizationIds };
  }
  return { mode: 'read', organizationIds: [] };
}
