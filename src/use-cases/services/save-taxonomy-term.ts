import {
  DEFAULT_TAXONOMY,
  effectiveTaxonomy,
  validateTaxonomyOverride,
  type TaxonomyOverride,
  type TaxonomyTerm,
} from '../../domain/services/taxonomy.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog } from '../ports.ts';
import type { TaxonomyStore } from './ports.ts';

/**
 * Renames, describes, hides or adds a term of the municipality's taxonomy (planners). Shipped
 * terms are never deleted (hidden instead), so services tagged with them keep their meaning.
 * Audited with the term before and after.
 */
export async function saveTaxonomyTerm(
  deps: { taxonomy: TaxonomyStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; term: TaxonomyOverride },
): Promise<TaxonomyTerm> {
  requireRole(actor, input.tenantKey, 'planner');
  const term: TaxonomyOverride = { ...input.term, label: input.term.label.trim() };
  validateTaxonomyOverride(term);
  const overrides = await deps.taxonomy.overrides(input.tenantKey);
  const before = effectiveTaxonomy(overrides).find((t) => t.key === term.key) ?? null;
  const now = deps.clock.now();
  await deps.taxonomy.save(input.tenantKey, term, now);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: before ? 'service-taxonomy.update' : 'service-taxonomy.create',
      entityType: 'service-taxonomy-term',
      entityId: term.key,
      before: before
        ? { label: before.label, hidden: before.hidden, minimumAge: before.minimumAge, maximumAge: before.maximumAge }
        : null,
      after: { label: term.label, hidden: term.hidden, minimumAge: term.minimumAge, maximumAge: term.maximumAge },
    },
    now,
  );
  return { ...term, builtIn: DEFAULT_TAXONOMY.some((t) => t.key === term.key) };
}
