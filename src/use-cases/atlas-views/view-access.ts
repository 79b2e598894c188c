import { NotFoundError } from '../../domain/shared/errors.ts';
import type { SavedView } from '../../domain/atlas-views/saved-view.ts';
import type { AuditLog } from '../ports.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { SavedViewStore } from './ports.ts';

/** The view of the tenant with this id, or a German 404 (also for another tenant's id). */
export async function requireView(
  views: SavedViewStore,
  tenantKey: string,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<SavedView> {
  const view = await views.get(tenantKey, id, options);
  if (!view) throw new NotFoundError('Die gespeicherte Ansicht wurde nicht gefunden.', 'view-not-found');
  return view;
}

/** Records a change of a view in the audit log (entity type `view`). */
export function recordViewChange(
  audit: AuditLog,
  actor: Actor,
  entry: { tenantKey: string; action: string; id: string; before: object | null; after: object | null },
  at: Date,
): Promise<void> {
  return audit.record(
    {
      ...auditActor(actor),
      tenantKey: entry.tenantKey,
      action: entry.action,
      entityType: 'view',
      entityId: entry.id,
      before: entry.before as Record<string, unknown> | null,
      after: entry.after as Record<string, unknown> | null,
    },
    at,
  );
}
