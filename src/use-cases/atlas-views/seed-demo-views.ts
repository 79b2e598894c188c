import { viewRecord, type SavedView } from '../../domain/atlas-views/saved-view.ts';
import { parseViewState, writeViewState } from '../../domain/atlas-views/view-state.ts';
import { MUSTERLAND_KREIS_KEY } from '../../domain/demo/musterland.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import type { AuditLog, Secrets } from '../ports.ts';
import type { SavedViewStore } from './ports.ts';

/** The demo's published view: child poverty in the Gemeinden of Musterland, natural breaks, latest period. */
export const DEMO_VIEW = {
  title: 'Kinderarmut in den Gemeinden',
  description: 'Anteil der Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften, Klassen nach Jenks (natürliche Brüche).',
  state: `kommune=${MUSTERLAND_KREIS_KEY}&indikator=demo.kinderarmut&ebene=gemeinde&klassifikation=jenks&klassen=5`,
} as const;

/**
 * Seeds the published demo view of Landkreis Musterland (its indicator is published by the
 * demo seed). Part of seeding an empty database; recorded in the audit log as `view.save`.
 */
export async function seedDemoViews(
  deps: { views: SavedViewStore; audit: AuditLog; clock: Clock; secrets: Secrets },
  actor: { actorUserId: string | null; actorLabel: string },
): Promise<SavedView> {
  const now = deps.clock.now();
  const state = parseViewState(DEMO_VIEW.state);
  const view: SavedView = {
    id: deps.secrets.uuid(),
    tenantKey: MUSTERLAND_KREIS_KEY,
    title: DEMO_VIEW.title,
    description: DEMO_VIEW.description,
    state: writeViewState(state),
    indicatorKey: state.indicator,
    published: true,
    createdBy: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    deletedAt: null,
  };
  await deps.views.insert(view);
  await deps.audit.record(
    {
      ...actor,
      tenantKey: MUSTERLAND_KREIS_KEY,
      action: 'view.save',
      entityType: 'view',
      entityId: view.id,
      before: null,
      after: viewRecord(view),
    },
    now,
  );
  return view;
}
