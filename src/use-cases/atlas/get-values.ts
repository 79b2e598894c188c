import type { RegionLevel } from '../../domain/regions/region.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries } from '../ports.ts';
import { visibleScopes } from './visible-scopes.ts';

/**
 * Values of one variable for one period (ISO date or year), optionally on one level; the
 * flag keeps GENESIS special values distinct (`value` is null unless the flag is `zero`).
 */
export function getValues(
  deps: { atlas: AtlasQueries },
  actor: Actor,
  input: { variableKey: string; period: string; level: RegionLevel | null; tenantKey: string | null },
) {
  return deps.atlas.values(visibleScopes(actor, input.tenantKey), input.variableKey, input.period, input.level);
}
