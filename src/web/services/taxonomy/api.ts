import { request } from '../../api.ts';
import type { TaxonomyTerm } from '../register/types.ts';
import type { TermBody } from './terms.ts';

const base = (tenantKey: string) => `/api/tenants/${encodeURIComponent(tenantKey)}/service-taxonomy`;

/** The members' taxonomy API: every term (hidden ones too) and saving one term (planners). */
export const taxonomyApi = {
  list: (tenantKey: string) => request<TaxonomyTerm[]>('GET', base(tenantKey)),
  save: (tenantKey: string, key: string, body: TermBody) =>
    request<TaxonomyTerm>('PUT', `${base(tenantKey)}/${encodeURIComponent(key)}`, body),
};
