import type { IsolationRequest } from './index.ts';

/** Routes of the population grids (Zensus grid cells per municipality). */
export const REQUESTS: Record<string, IsolationRequest> = {
  'GET /api/tenants/:tenantKey/grids': {},
};
