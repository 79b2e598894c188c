import { viewRecord, type SavedView } from '../../domain/atlas-views/saved-view.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { AuditLog } from '../ports.ts';
import type { SavedViewStore } from './ports.ts';
import { recordViewChange, requireView } from './view-access.ts';

/**
 * Deletes a saved view (planners and admins): it leaves every list, the public one too, but
 * is kept marked as deleted so that `restoreView` can undo the deletion with the same id,
 * title and publication. Recorded as `view.delete` (before: the view, after: null).
 */
export async function deleteView(
  deps: { views: SavedViewStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; id: string },
): Promise<SavedView> {
  requireRole(actor, input.tenantKey, 'planner');
  const current = await requireView(deps.views, input.tenantKey, input.id);
  const now = deps.clock.now();
  const deleted: SavedView = { ...current, deletedAt: now.toISOString(), updatedAt: now.toISOString() };
  await deps.views.update(deleted);
  await recordViewChange(
    deps.audit,
    actor,
    { tenantKey: input.tenantKey, action: 'view.delete', id: current.id, before: viewRecord(current), after: null },
    now,
  );
  return deleted;
}
