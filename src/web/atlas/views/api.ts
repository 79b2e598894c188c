import { request } from '../../api.ts';

/** A saved view as the members' API lists it. */
export interface ManagedView {
  id: string;
  title: string;
  description: string;
  /** The atlas query string: the view opens at `/atlas?<state>`. */
  state: string;
  indicatorKey: string;
  published: boolean;
  createdAt: string;
  updatedAt: string;
  /** null when the indicator no longer exists. */
  indicatorLabel: string | null;
  /** Whether visitors can see the indicator (a published view is listed publicly only then). */
  indicatorPublished: boolean;
}

/** A published view as anonymous visitors see it. */
export interface PublicView {
  id: string;
  title: string;
  description: string;
  state: string;
  indicatorKey: string;
  indicatorLabel: string;
  period: string | null;
  level: string;
  updatedAt: string;
}

const views = (tenantKey: string) => `/api/tenants/${encodeURIComponent(tenantKey)}/atlas/views`;
const one = (tenantKey: string, id: string) => `${views(tenantKey)}/${encodeURIComponent(id)}`;

/** Calls of the saved atlas views (members' and public API). */
export const viewApi = {
  list: (tenantKey: string) => request<ManagedView[]>('GET', views(tenantKey)),
  listPublic: (tenantKey: string) => request<PublicView[]>('GET', `/api/public/atlas/${encodeURIComponent(tenantKey)}/views`),
  save: (tenantKey: string, input: { title: string; description: string; state: string }) =>
    request<ManagedView>('POST', views(tenantKey), input),
  update: (tenantKey: string, id: string, input: { title?: string; description?: string }) =>
    request<ManagedView>('PATCH', one(tenantKey, id), input),
  setPublished: (tenantKey: string, id: string, published: boolean) =>
    request<ManagedView>('PUT', `${one(tenantKey, id)}/published`, { published }),
  remove: (tenantKey: string, id: string) => request<ManagedView>('DELETE', one(tenantKey, id)),
  restore: (tenantKey: string, id: string) => request<ManagedView>('POST', `${one(tenantKey, id)}/restore`),
};

/** The address of the atlas showing a saved view. */
export function atlasHref(state: string): string {
  return `/atlas?${state}`;
}

/** The address of a municipality's saved views. */
export function viewsHref(tenantKey: string | null): string {
  return tenantKey ? `/atlas/ansichten?${new URLSearchParams({ kommune: tenantKey }).toString()}` : '/atlas/ansichten';
}
