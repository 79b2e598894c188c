import { isMunicipality } from '../../domain/tenancy/tenant.ts';
import type { IndicatorStore, TenantStore } from '../ports.ts';
import { publishedIndicators } from './public-atlas.ts';

/** Municipalities with a public atlas (at least one published indicator), for anonymous visitors. */
export async function listPublicAtlases(deps: {
  tenants: TenantStore;
  indicators: IndicatorStore;
}): Promise<{ tenantKey: string; name: string }[]> {
  const out: { tenantKey: string; name: string }[] = [];
  for (const tenant of await deps.tenants.list()) {
    if (!isMunicipality(tenant)) continue;
    if ((await publishedIndicators(deps, tenant.key)).length > 0) out.push({ tenantKey: tenant.key, name: tenant.name });
  }
  return out;
}
