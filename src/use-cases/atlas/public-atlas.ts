import { NotFoundError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import { isMunicipality } from '../../domain/tenancy/tenant.ts';
import type { IndicatorStore, StoredIndicator, TenantStore } from '../ports.ts';
import { SHARED_SCOPE } from './import-observations.ts';

/**
 * The reader behind the public atlas: it may read a municipality's data, so every public use
 * case first checks that what it reads is published (and always applies confidentiality).
 * Never hand it to anything else.
 */
export const PUBLIC_ATLAS_READER: Actor = { kind: 'system', label: 'Öffentlicher Atlas' };

/** The scopes a municipality's public atlas reads: state-level data and the municipality's own. */
export function publicScopes(tenantKey: string): string[] {
  return [SHARED_SCOPE, tenantKey];
}

/**
 * The published indicators of a municipality's public atlas, by key. An indicator counts as
 * published only when every definition of its key in the scopes is published (the values
 * read could pick any of them). Empty when the tenant is unknown or not a municipality.
 */
export async function publishedIndicators(
  deps: { tenants: TenantStore; indicators: IndicatorStore },
  tenantKey: string,
): Promise<StoredIndicator[]> {
  const tenant = await deps.tenants.get(tenantKey);
  if (!tenant || !isMunicipality(tenant)) return [];
  const all = await deps.indicators.list(publicScopes(tenantKey));
  const hidden = new Set(all.filter((i) => !i.published).map((i) => i.key));
  const seen = new Set<string>();
  return all.filter((i) => {
    if (hidden.has(i.key) || seen.has(i.key)) return false;
    seen.add(i.key);
    return true;
  });
}

/** Like `publishedIndicators`, but a municipality without a public atlas is a German 404. */
export async function requirePublicAtlas(
  deps: { tenants: TenantStore; indicators: IndicatorStore },
  tenantKey: string,
): Promise<StoredIndicator[]> {
  const published = await publishedIndicators(deps, tenantKey);
  if (published.length === 0)
    throw new NotFoundError('Für diese Gebietskörperschaft gibt es keinen öffentlichen Atlas.', 'public-atlas-not-found');
  return published;
}
