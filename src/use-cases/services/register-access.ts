import { emptyDraft, type ServiceDraft } from '../../domain/services/model.ts';
import { effectiveTaxonomy } from '../../domain/services/taxonomy.ts';
import { ForbiddenError } from '../../domain/shared/errors.ts';
import { hasRoleIn, requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { ProviderLinkStore, TaxonomyStore } from './ports.ts';

/**
 * How an actor may change the register of a tenant: planners (and admins, and the system)
 * write directly; a provider account is a member with the role `contributor` linked to one or
 * more organisations, and its changes to those organisations' services go to the review queue.
 */
export type RegisterAccess = { mode: 'planner' } | { mode: 'provider'; organizationIds: string[] };

/** The actor's write access to the register; members without it get Forbidden, outsiders NotFound. */
export async function registerWriteAccess(
  providers: ProviderLinkStore,
  actor: Actor,
  tenantKey: string,
): Promise<RegisterAccess> {
  requireReadTenant(actor, tenantKey);
  if (hasRoleIn(actor, tenantKey, 'planner')) return { mode: 'planner' };
  if (actor.kind === 'user' && hasRoleIn(actor, tenantKey, 'contributor')) {
    const organizationIds = await providers.organizationsOf(tenantKey, actor.userId);
    if (organizationIds.length > 0) return { mode: 'provider', organizationIds };
  }
  throw new ForbiddenError(
    'Angebote ändern Planer*innen oder Anbieter-Konten, die mit einem Träger verknüpft sind.',
    'forbidden',
  );
}

/** Throws unless a provider account maintains the organisation. */
export function requireOwnOrganization(access: RegisterAccess, organizationId: string): void {
  if (access.mode === 'provider' && !access.organizationIds.includes(organizationId))
    throw new ForbiddenError('Dieses Angebot gehört zu einem Träger, den Ihr Konto nicht pflegt.', 'forbidden');
}

/** Term keys that may be used on new entries: the effective taxonomy without hidden terms. */
export async function usableTermKeys(taxonomy: TaxonomyStore, tenantKey: string, keep: readonly string[] = []) {
  const terms = effectiveTaxonomy(await taxonomy.overrides(tenantKey));
  // Hidden terms already on an entry stay valid, so that editing it does not fail.
  return new Set([...terms.filter((t) => !t.hidden).map((t) => t.key), ...keep.filter((k) => terms.some((t) => t.key === k))]);
}

/** What callers send for a service: the name and organisation, everything else optional. */
export type ServiceInput = Partial<ServiceDraft> & { organizationId: string; name: string };

/** A full draft from the input (absent fields empty; text trimmed; empty text → null). */
export function toDraft(input: ServiceInput): ServiceDraft {
  const base = emptyDraft(input.organizationId, input.name.trim());
  const draft: ServiceDraft = { ...base };
  for (const key of Object.keys(base) as (keyof ServiceDraft)[]) {
    const value = input[key];
    if (value !== undefined) (draft as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of [
    'alternateName',
    'description',
    'url',
    'email',
    'eligibilityDescription',
    'applicationProcess',
    'feesDescription',
  ] as const) {
    const v = draft[key];
    draft[key] = v === null || v.trim() === '' ? null : v.trim();
  }
  draft.name = draft.name.trim();
  draft.termKeys = [...new Set(draft.termKeys)];
  return draft;
}
