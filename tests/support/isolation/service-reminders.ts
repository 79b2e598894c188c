import type { IsolationRequest } from './index.ts';

/** Reminder e-mails to provider accounts (status and sending), both scoped to the tenant in the address. */
export const REQUESTS: Record<string, IsolationRequest> = {
  'GET /api/tenants/:tenantKey/service-reminders': {},
  'POST /api/tenants/:tenantKey/service-reminders': {},
};
