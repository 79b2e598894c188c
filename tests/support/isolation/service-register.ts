import type { IsolationRequest } from './index.ts';

/** Routes of the service register added for its member UI (the older register routes are listed in the test itself). */
export const REQUESTS: Record<string, IsolationRequest> = {
  'GET /api/tenants/:tenantKey/service-access': {},
};
