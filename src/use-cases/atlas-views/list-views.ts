import type { SavedView } from '../../domain/atlas-views/saved-view.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import { publishedIndicators } from '../atlas/public-atlas.ts';
import { visibleScopes } from '../atlas/visible-scopes.ts';
import type { IndicatorStore, TenantStore } from '../ports.ts';
import type { SavedViewStore } from './ports.ts';

/** A saved view as members see it: with its indicator's label and whether visitors can see the view. */
export interface ManagedView extends SavedView {
  /** Label of the view's indicator, or null when the indicator no longer exists. */
  indicatorLabel: string | null;
  /** Whether the indicator is published in the public atlas (a published view is listed publicly only then). */
  indicatorPublished: boolean;
}

/** The saved views of a municipality for its members (all roles) and the state organisation, newest change first. */
export async function listViews(
  deps: { views: SavedViewStore; tenants: TenantStore; indicators: IndicatorStore },
  actor: Actor,
  tenantKey: string,
): Promise<ManagedView[]> {
  requireReadTenant(actor, tenantKey);
  const [views, all, published] = await Promise.all([
    deps.views.list(tenantKey),
    deps.indicators.list(visibleScopes(actor, tenantKey)),
    publishedIndicators(deps, tenantKey),
  ]);
  const labels = new Map(all.map((i) => [i.key, i.label]));
  const shown = new Set(published.map((i) => i.key));
  return views.map((v) => ({
    ...v,
    indicatorLabel: labels.get(v.indicatorKey) ?? null,
    indicatorPublished: shown.has(v.indicatorKey),
  }));
}
