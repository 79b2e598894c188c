import { parseViewState } from '../../domain/atlas-views/view-state.ts';
import type { IndicatorStore, TenantStore } from '../ports.ts';
import { requirePublicAtlas } from '../atlas/public-atlas.ts';
import type { SavedViewStore } from './ports.ts';

/** A published view as anonymous visitors see it (no author, no internal times but the last change). */
export interface PublicView {
  id: string;
  title: string;
  description: string;
  /** The atlas query string; the view opens at `/atlas?<state>`. */
  state: string;
  indicatorKey: string;
  indicatorLabel: string;
  period: string | null;
  level: string;
  updatedAt: string;
}

/**
 * The published views of a municipality's public atlas, newest change first. A view whose
 * indicator is not (or no longer) published is left out, so that no view leads to unpublished
 * data. German 404 when the municipality has no public atlas.
 */
export async function listPublicViews(
  deps: { views: SavedViewStore; tenants: TenantStore; indicators: IndicatorStore },
  tenantKey: string,
): Promise<PublicView[]> {
  const published = await requirePublicAtlas(deps, tenantKey);
  const labels = new Map(published.map((i) => [i.key, i.label]));
  const views = await deps.views.list(tenantKey, { publishedOnly: true });
  return views.flatMap((v) => {
    const label = labels.get(v.indicatorKey);
    if (label === undefined) return [];
    const state = parseViewState(v.state);
    return [
      {
        id: v.id,
        title: v.title,
        description: v.description,
        state: v.state,
        indicatorKey: v.indicatorKey,
        indicatorLabel: label,
        period: state.period,
        level: state.level,
        updatedAt: v.updatedAt,
      },
    ];
  });
}
