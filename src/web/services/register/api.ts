import { request } from '../../api.ts';
import type {
  ChangeStatus,
  Location,
  Organization,
  QueueEntry,
  RegisterAccessInfo,
  RegisterEntry,
  Service,
  ServiceBody,
  TaxonomyTerm,
  WriteResult,
} from './types.ts';

const base = (tenantKey: string) => `/api/tenants/${encodeURIComponent(tenantKey)}`;

/** The members' API of the service register (Angebote): entries, review queue, overdue list. */
export const registerApi = {
  /** What the signed-in member may do: planner, provider (with its organisations) or read. */
  access: (tenantKey: string) => request<RegisterAccessInfo>('GET', `${base(tenantKey)}/service-access`),
  /** Every entry of the municipality (published or not), with organisation, locations and the overdue flag. */
  services: (tenantKey: string) =>
    request<{ areas: { key: string; name: string }[]; entries: RegisterEntry[] }>('GET', `${base(tenantKey)}/services`),
  service: (tenantKey: string, serviceId: string) =>
    request<{ service: Service; organization: Organization | null; locations: Location[] }>(
      'GET',
      `${base(tenantKey)}/services/${encodeURIComponent(serviceId)}`,
    ),
  create: (tenantKey: string, body: ServiceBody) => request<WriteResult>('POST', `${base(tenantKey)}/services`, body),
  update: (tenantKey: string, serviceId: string, body: ServiceBody) =>
    request<WriteResult>('PUT', `${base(tenantKey)}/services/${encodeURIComponent(serviceId)}`, body),
  organizations: (tenantKey: string) => request<Organization[]>('GET', `${base(tenantKey)}/service-organizations`),
  locations: (tenantKey: string) => request<Location[]>('GET', `${base(tenantKey)}/service-locations`),
  createLocation: (
    tenantKey: string,
    body: { name: string; organizationId: string | null; address: Location['address']; accessibility: Location['accessibility'] },
  ) => request<Location>('POST', `${base(tenantKey)}/service-locations`, body),
  taxonomy: (tenantKey: string) => request<TaxonomyTerm[]>('GET', `${base(tenantKey)}/service-taxonomy`),
  /** Planners: pending changes (or those of `status`); providers: all of their own changes with the reviewers' comments. */
  queue: (tenantKey: string, status?: ChangeStatus) =>
    request<QueueEntry[]>(
      'GET',
      `${base(tenantKey)}/service-review${status ? `?${new URLSearchParams({ status }).toString()}` : ''}`,
    ),
  approve: (tenantKey: string, changeId: string) =>
    request<{ service: Service }>('POST', `${base(tenantKey)}/service-review/${encodeURIComponent(changeId)}/approve`, {}),
  reject: (tenantKey: string, changeId: string, comment: string) =>
    request<unknown>('POST', `${base(tenantKey)}/service-review/${encodeURIComponent(changeId)}/reject`, { comment }),
  overdue: (tenantKey: string) =>
    request<{ maxAgeDays: number; today: string; services: (Service & { ageDays: number | null })[] }>(
      'GET',
      `${base(tenantKey)}/service-overdue`,
    ),
  setReviewAge: (tenantKey: string, reviewAgeDays: number) =>
    request<{ maxAgeDays: number }>('PUT', `${base(tenantKey)}/service-settings`, { reviewAgeDays }),
};
