import { viewRecord, type SavedView } from '../../domain/atlas-views/saved-view.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { publishedIndicators } from '../atlas/public-atlas.ts';
import type { AuditLog, IndicatorStore, TenantStore } from '../ports.ts';
import type { SavedViewStore } from './ports.ts';
import { recordViewChange, requireView } from './view-access.ts';

/**
 * Publishes or withdraws a saved view (planners and admins). A view is published only when
 * its indicator is published in the municipality's public atlas (German 422 otherwise), so
 * that a published view never points at unpublished data. Recorded as `view.publish` or
 * `view.unpublish` with before and after; asking for the current state records nothing.
 */
export async function setViewPublished(
  deps: { views: SavedViewStore; tenants: TenantStore; indicators: IndicatorStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; id: string; published: boolean },
): Promise<SavedView> {
  requireRole(actor, input.tenantKey, 'planner');
  const current = await requireView(deps.views, input.tenantKey, input.id);
  if (current.published === input.published) return current;
  if (input.published) {
    const published = await publishedIndicators(deps, input.tenantKey);
    if (!published.some((i) => i.key === current.indicatorKey))
      throw new InvalidError(
        `Die Ansicht „${current.title}“ zeigt einen Indikator, der nicht veröffentlicht ist („${current.indicatorKey}“). Veröffentlichen Sie zuerst den Indikator.`,
        'indicator-not-published',
      );
  }
  const now = deps.clock.now();
  const next: SavedView = { ...current, published: input.published, updatedAt: now.toISOString() };
  await deps.views.update(next);
  await recordViewChange(
    deps.audit,
    actor,
    {
      tenantKey: input.tenantKey,
      action: input.published ? 'view.publish' : 'view.unpublish',
      id: next.id,
      before: viewRecord(current),
      after: viewRecord(next),
    },
    now,
  );
  return next;
}
