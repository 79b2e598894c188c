import { request, type AtlasAudience } from '../../api.ts';
import { componentsParam } from './permalink.ts';
import type { IndexComponentChoice, IndexExploration } from './types.ts';

/** What the page asks the index API for; left out: the saved index's setting. */
export interface IndexQuery {
  level: string;
  period?: string | null;
  components?: readonly IndexComponentChoice[] | null;
  span?: number | null;
  floor?: number | null;
}

/** The query string of an index request (only the given settings). */
export function indexQueryString(query: IndexQuery): string {
  const params = new URLSearchParams({ level: query.level });
  if (query.period) params.set('period', query.period);
  if (query.components && query.components.length > 0) params.set('components', componentsParam(query.components));
  if (query.span !== null && query.span !== undefined) params.set('span', String(query.span));
  if (query.floor !== null && query.floor !== undefined) params.set('floor', String(query.floor));
  return params.toString();
}

/**
 * Computes the index through the API: anonymous visitors the public route (published
 * indicators, confidentiality), members of the municipality its members' route.
 */
export function computeIndex(audience: AtlasAudience, tenantKey: string, query: IndexQuery): Promise<IndexExploration> {
  const tenant = encodeURIComponent(tenantKey);
  const path =
    audience === 'public'
      ? `/api/public/atlas/${tenant}/composite-index`
      : `/api/tenants/${tenant}/atlas/composite-index/explore`;
  return request<IndexExploration>('GET', `${path}?${indexQueryString(query)}`);
}
