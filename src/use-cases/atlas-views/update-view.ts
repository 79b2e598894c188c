import { checkViewTexts, viewRecord, type SavedView } from '../../domain/atlas-views/saved-view.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { AuditLog, IndicatorStore } from '../ports.ts';
import { checkViewState } from './check-state.ts';
import type { SavedViewStore } from './ports.ts';
import { recordViewChange, requireView } from './view-access.ts';

/**
 * Renames a saved view, changes its description or replaces its state (planners and admins);
 * fields left out stay. Recorded as `view.update` with before and after; a change that
 * changes nothing is not recorded.
 */
export async function updateView(
  deps: { views: SavedViewStore; indicators: IndicatorStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: {
    tenantKey: string;
    id: string;
    title?: string | undefined;
    description?: string | undefined;
    state?: string | undefined;
  },
): Promise<SavedView> {
  requireRole(actor, input.tenantKey, 'planner');
  const current = await requireView(deps.views, input.tenantKey, input.id);
  const texts = checkViewTexts({
    title: input.title ?? current.title,
    description: input.description ?? current.description,
  });
  const checked =
    input.state !== undefined
      ? await checkViewState(deps.indicators, actor, input.tenantKey, input.state)
      : { state: current.state, indicatorKey: current.indicatorKey };
  const now = deps.clock.now();
  const next: SavedView = { ...current, ...texts, ...checked, updatedAt: now.toISOString() };
  const before = viewRecord(current);
  const after = viewRecord(next);
  if (JSON.stringify(before) === JSON.stringify(after)) return current;
  await deps.views.update(next);
  await recordViewChange(
    deps.audit,
    actor,
    { tenantKey: input.tenantKey, action: 'view.update', id: next.id, before, after },
    now,
  );
  return next;
}
