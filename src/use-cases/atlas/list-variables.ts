import type { Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries } from '../ports.ts';
import { visibleScopes } from './visible-scopes.ts';

/** The variable catalogue visible in a tenant context (state-level variables plus the tenant's own). */
export function listVariables(deps: { atlas: AtlasQueries }, actor: Actor, tenantKey: string | null) {
  return deps.atlas.variables(visibleScopes(actor, tenantKey));
}
