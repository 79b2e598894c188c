import { viewRecord, type SavedView } from '../../domain/atlas-views/saved-view.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { AuditLog } from '../ports.ts';
import type { SavedViewStore } from './ports.ts';
import { recordViewChange, requireView } from './view-access.ts';

/**
 * Undoes the deletion of a saved view (planners and admins): it returns as it was, published
 * or not (the public list still shows it only while its indicator is published). Recorded as
 * `view.restore` (before: null, after: the view); restoring a view that is not deleted changes nothing.
 */
export async function restoreView(
  deps: { views: SavedViewStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; id: string },
): Promise<SavedView> {
  requireRole(actor, input.tenantKey, 'planner');
  const current = await requireView(deps.views, input.tenantKey, input.id, { includeDeleted: true });
  if (current.deletedAt === null) return current;
  const now = deps.clock.now();
  const restored: SavedView = { ...current, deletedAt: null, updatedAt: now.toISOString() };
  await deps.views.update(restored);
  await recordViewChange(
    deps.audit,
    actor,
    { tenantKey: input.tenantKey, action: 'view.restore', id: current.id, before: null, after: viewRecord(restored) },
    now,
  );
  return restored;
}
