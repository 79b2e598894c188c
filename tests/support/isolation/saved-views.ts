import type { IsolationRequest } from './index.ts';

/** A view id that does not exist in A (the integration test of saved views attacks B's real ids through A's URL). */
const VIEW = { viewId: '00000000-0000-4000-8000-00000000b0b0' };

/** Saved atlas views: members' routes of municipality B, called with B's key. */
export const REQUESTS: Record<string, IsolationRequest> = {
  'GET /api/tenants/:tenantKey/atlas/views': {},
  'POST /api/tenants/:tenantKey/atlas/views': {
    body: { title: 'Eindringling', state: 'indikator=demo.kinderarmut&ebene=gemeinde' },
  },
  'PATCH /api/tenants/:tenantKey/atlas/views/:viewId': { params: VIEW, body: { title: 'Eindringling' } },
  'PUT /api/tenants/:tenantKey/atlas/views/:viewId/published': { params: VIEW, body: { published: true } },
  'DELETE /api/tenants/:tenantKey/atlas/views/:viewId': { params: VIEW },
  'POST /api/tenants/:tenantKey/atlas/views/:viewId/restore': { params: VIEW },
};

/** The public list of saved views. */
export const NOT_TENANT_SCOPED: Record<string, string> = {
  'GET /api/public/atlas/:tenantKey/views':
    'public: published views whose indicator is published only (tests/integration/saved-views.test.ts)',
};
