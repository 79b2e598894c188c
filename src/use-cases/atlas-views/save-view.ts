import { checkViewTexts, MAX_VIEWS_PER_TENANT, viewRecord, type SavedView } from '../../domain/atlas-views/saved-view.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { ConflictError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { AuditLog, IndicatorStore, Secrets } from '../ports.ts';
import { checkViewState } from './check-state.ts';
import type { SavedViewStore } from './ports.ts';
import { recordViewChange } from './view-access.ts';

/**
 * Saves an atlas map view of a municipality under a title (planners and admins). The state
 * is the atlas query string, checked and stored in canonical form; a new view is not
 * published. Recorded in the audit log as `view.save`. At most 500 views per municipality.
 */
export async function saveView(
  deps: { views: SavedViewStore; indicators: IndicatorStore; audit: AuditLog; clock: Clock; secrets: Secrets },
  actor: Actor,
  input: { tenantKey: string; title: string; description?: string | undefined; state: string },
): Promise<SavedView> {
  requireRole(actor, input.tenantKey, 'planner');
  const texts = checkViewTexts(input);
  const { state, indicatorKey } = await checkViewState(deps.indicators, actor, input.tenantKey, input.state);
  if ((await deps.views.list(input.tenantKey)).length >= MAX_VIEWS_PER_TENANT)
    throw new ConflictError(
      `Es sind bereits ${MAX_VIEWS_PER_TENANT} Ansichten gespeichert. Bitte löschen Sie zuerst nicht mehr benötigte.`,
      'too-many-views',
    );
  const now = deps.clock.now();
  const view: SavedView = {
    id: deps.secrets.uuid(),
    tenantKey: input.tenantKey,
    ...texts,
    state,
    indicatorKey,
    published: false,
    createdBy: actor.kind === 'user' ? actor.userId : null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    deletedAt: null,
  };
  await deps.views.insert(view);
  await recordViewChange(
    deps.audit,
    actor,
    { tenantKey: input.tenantKey, action: 'view.save', id: view.id, before: null, after: viewRecord(view) },
    now,
  );
  return view;
}
