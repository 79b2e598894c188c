import { effectiveTaxonomy, type TaxonomyTerm } from '../../domain/services/taxonomy.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import type { TenantStore } from '../ports.ts';
import type { TaxonomyStore } from './ports.ts';

/**
 * The taxonomy in force for a municipality (shipped terms with its changes and own terms).
 * Public: the terms are labels of filters, not data; hidden terms only when asked (members' forms).
 */
export async function listTaxonomy(
  deps: { taxonomy: TaxonomyStore; tenants: Pick<TenantStore, 'get'> },
  input: { tenantKey: string; includeHidden?: boolean },
): Promise<TaxonomyTerm[]> {
  if (!(await deps.tenants.get(input.tenantKey)))
    throw new NotFoundError('Die Gebietskörperschaft wurde nicht gefunden.', 'tenant-not-found');
  const terms = effectiveTaxonomy(await deps.taxonomy.overrides(input.tenantKey));
  return input.includeHidden ? terms : terms.filter((t) => !t.hidden);
}
