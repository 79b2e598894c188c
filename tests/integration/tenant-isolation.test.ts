import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, repositories } from '../../src/db/repositories/index.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { ROLES, type Role } from '../../src/domain/tenancy/roles.ts';
import { cryptoSecrets } from '../../src/adapters/secrets.ts';
import { addMember } from '../../src/use-cases/tenancy/add-member.ts';
import { createTenant } from '../../src/use-cases/tenancy/create-tenant.ts';
import { ENGINES } from '../support/database.ts';
import { FEATURE_ISOLATION, type IsolationRequest } from '../support/isolation/index.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, testHasher, type TestApp } from '../support/server.ts';

/**
 * Tenant isolation matrix: every API route that is scoped to a tenant is called as every
 * role of municipality A (Landkreis Musterland, 99001) with the ids of municipality B
 * (Erfurt, 16051). Each call must answer 403 or 404 and reveal nothing of B.
 *
 * The matrix is driven by the registered routes: a new tenant route without an entry in
 * REQUESTS, or a new route that is neither tenant-scoped nor listed in NOT_TENANT_SCOPED,
 * fails this test.
 */

const A = '99001';
const B = '16051';
const PASSWORD = 'Isolation-Test-2026';
const B_SECRET_EMAIL = 'geheim.erfurt@erfurt.example';
const B_UPLOAD_ID = 'erfurtUpload0123456789abcdefghij';

/**
 * Body and id substitutions per tenant-scoped route ("METHOD url"). Newer features list
 * their routes in a file of their own under tests/support/isolation/ (merged here).
 */
const CORE_REQUESTS: Record<string, IsolationRequest> = {
  'GET /api/tenants/:tenantKey': {},
  'GET /api/tenants/:tenantKey/members': {},
  'POST /api/tenants/:tenantKey/members': { body: { email: 'eindringling@musterland.example', role: 'admin' } },
  'PATCH /api/tenants/:tenantKey/members/:userId': { body: { role: 'admin' } },
  'DELETE /api/tenants/:tenantKey/members/:userId': {},
  'GET /api/tenants/:tenantKey/audit': {},
  'GET /api/tenants/:tenantKey/regions': {},
  'GET /api/tenants/:tenantKey/atlas/variables': {},
  'GET /api/tenants/:tenantKey/atlas/values': { query: '?variable=bevoelkerung&period=2022' },
  'GET /api/tenants/:tenantKey/atlas/series': { query: '?variable=bevoelkerung' },
  'GET /api/tenants/:tenantKey/atlas/time-series': { query: '?indicator=demo.kinderarmut&level=gemeinde&regions=16051000' },
  'GET /api/tenants/:tenantKey/atlas/indicators': {},
  'PUT /api/tenants/:tenantKey/atlas/indicators/:key': {
    body: {
      label: 'Eindringling',
      unit: '%',
      formula: { kind: 'ratio', numerator: 'a', denominator: 'b' },
      polarity: 'neutral',
      lifeDomain: 'demografie',
    },
  },
  'GET /api/tenants/:tenantKey/atlas/composite-index': { query: '?key=demo.sozialindex&period=2024-12-31&level=gemeinde' },
  'GET /api/tenants/:tenantKey/atlas/composite-index/explore': { query: '?level=gemeinde' },
  'GET /api/tenants/:tenantKey/imports': {},
  'GET /api/tenants/:tenantKey/imports/:importId': {},
  'POST /api/tenants/:tenantKey/imports/:importId/rollback': {},
  'POST /api/tenants/:tenantKey/imports': {},
  'GET /api/tenants/:tenantKey/atlas/regions.geojson': { query: '?level=gemeinde' },
  'GET /api/tenants/:tenantKey/atlas/regions/:region/profile': {},
  'POST /api/tenants/:tenantKey/planning-areas': { body: { code: 'X1', name: 'Eindringling', members: ['99001001'] } },
  'DELETE /api/tenants/:tenantKey/planning-areas/:code': {},
  'GET /api/tenants/:tenantKey/atlas/export': { query: '?variable=bevoelkerung&period=2022&format=csv' },
  'POST /api/tenants/:tenantKey/uploads/:uploadId/preview': { body: { mapping: { keyColumn: 'ags', variables: [] } } },
  'POST /api/tenants/:tenantKey/uploads/:uploadId/import': { body: { mapping: { keyColumn: 'ags', variables: [] } } },
  'GET /api/tenants/:tenantKey/services': {},
  'POST /api/tenants/:tenantKey/services': { body: { organizationId: 'o1', name: 'Eindringling' } },
  'GET /api/tenants/:tenantKey/services/:serviceId': {},
  'PUT /api/tenants/:tenantKey/services/:serviceId': { body: { organizationId: 'o1', name: 'Eindringling' } },
  'POST /api/tenants/:tenantKey/services/:serviceId/archive': {},
  'GET /api/tenants/:tenantKey/service-review': {},
  'POST /api/tenants/:tenantKey/service-review/:changeId/approve': { body: {} },
  'POST /api/tenants/:tenantKey/service-review/:changeId/reject': { body: { comment: 'nein' } },
  'GET /api/tenants/:tenantKey/service-overdue': {},
  'PUT /api/tenants/:tenantKey/service-settings': { body: { reviewAgeDays: 30 } },
  'GET /api/tenants/:tenantKey/service-organizations': {},
  'POST /api/tenants/:tenantKey/service-organizations': { body: { name: 'Eindringling' } },
  'PUT /api/tenants/:tenantKey/service-organizations/:organizationId': { body: { name: 'Eindringling' } },
  'GET /api/tenants/:tenantKey/service-locations': {},
  'POST /api/tenants/:tenantKey/service-locations': { body: { name: 'Eindringling' } },
  'PUT /api/tenants/:tenantKey/service-locations/:locationId': { body: { name: 'Eindringling' } },
  'PUT /api/tenants/:tenantKey/service-locations/:locationId/position': { body: { latitude: 51, longitude: 10 } },
  'GET /api/tenants/:tenantKey/service-taxonomy': {},
  'PUT /api/tenants/:tenantKey/service-taxonomy/:termKey': { body: { vocabulary: 'zielgruppe', label: 'Eindringling' } },
  'POST /api/tenants/:tenantKey/service-providers': {
    body: { userId: '00000000-0000-4000-8000-000000000000', organizationId: 'o1' },
  },
  'GET /api/tenants/:tenantKey/service-imports': {},
  'POST /api/tenants/:tenantKey/service-imports': { body: { fileName: 'x.json', contentBase64: 'e30=' } },
  'POST /api/tenants/:tenantKey/service-imports/:importId/rollback': {},
  'GET /api/tenants/:tenantKey/services-export': { query: '?format=json' },
  'POST /api/tenants/:tenantKey/gap-analysis': {
    body: {
      rows: [
        {
          key: 'x',
          label: 'Eindringling',
          termKeys: ['handlungsfeld.kindertagesbetreuung'],
          targetVariableKey: 'bevoelkerung',
          period: '2022',
        },
      ],
    },
  },
};

/** Routes that are deliberately not tenant-scoped, with the reason. */
const CORE_NOT_TENANT_SCOPED: Record<string, string> = {
  'GET /api/session': 'the caller’s own session',
  'POST /api/session/login': 'anonymous login',
  'POST /api/session/logout': 'the caller’s own session',
  'POST /api/session/logout-all': 'the caller’s own sessions',
  'POST /api/account/password': 'the caller’s own account',
  'GET /api/tenants': 'lists only tenants the caller belongs to (public: municipality names)',
  'GET /api/meta': 'public installation facts',
  'GET /api/openapi.json': 'public API description',
  'GET /api/public/atlas': 'public: municipalities with at least one published indicator',
  'GET /api/public/atlas/:tenantKey/indicators': 'public: published indicators only (tests/integration/public-atlas.test.ts)',
  'GET /api/public/atlas/:tenantKey/values': 'public: published indicators only, always with confidentiality',
  'GET /api/public/atlas/:tenantKey/time-series':
    'public: published indicators only, always with confidentiality (tests/integration/atlas-time-series.test.ts)',
  'GET /api/public/atlas/:tenantKey/regions.geojson': 'public: region shapes of municipalities with a public atlas',
  'GET /api/public/atlas/:tenantKey/composite-index':
    'public: composite index from published indicators only, always with confidentiality (tests/integration/public-composite-index.test.ts)',
  'GET /api/public/atlas/:tenantKey/regions/:region/profile':
    'public: region profile from published indicators only, always with confidentiality',
  'GET /api/public/services/:tenantKey':
    'public: published, active services only, no personal contact data (tests/integration/services-public.test.ts)',
  'GET /api/public/services/:tenantKey/taxonomy': 'public: filter terms of the service map',
  'GET /api/public/services/:tenantKey/entries/:serviceId': 'public: one published, active service (detail page)',
};

for (const route of Object.keys(FEATURE_ISOLATION.REQUESTS).concat(Object.keys(FEATURE_ISOLATION.NOT_TENANT_SCOPED))) {
  if (route in CORE_REQUESTS || route in CORE_NOT_TENANT_SCOPED) throw new Error(`${route} is listed twice`);
}
const REQUESTS: Record<string, IsolationRequest> = { ...CORE_REQUESTS, ...FEATURE_ISOLATION.REQUESTS };
const NOT_TENANT_SCOPED: Record<string, string> = { ...CORE_NOT_TENANT_SCOPED, ...FEATURE_ISOLATION.NOT_TENANT_SCOPED };

for (const engine of ENGINES) {
  describe(`tenant isolation matrix [${engine}]`, () => {
    let t: TestApp;
    let bMemberId = '';
    let bImportId = 0;
    const clients = new Map<Role, TestClient>();

    beforeAll(async () => {
      t = await createTestApp(engine, { env: { PLANWERK_UPLOAD_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-iso-')) } });
      const system: Actor = { kind: 'system', label: 'Test' };
      const deps = { hasher: testHasher, secrets: cryptoSecrets, clock: t.ctx.clock };
      await inTransaction(t.ctx.db, async (r) => {
        await createTenant({ ...r, ...deps }, system, { key: B, name: 'Erfurt', kind: 'kreisfreie_stadt' });
        const b = await addMember({ ...r, ...deps }, system, {
          tenantKey: B,
          email: B_SECRET_EMAIL,
          role: 'admin',
          password: PASSWORD,
        });
        bMemberId = b.userId;
        for (const role of ROLES) {
          await addMember({ ...r, ...deps }, system, {
            tenantKey: A,
            email: `${role}.a@musterland.example`,
            role,
            password: PASSWORD,
          });
        }
      });
      // An upload of B waiting for its mapping, to be attacked by id.
      fs.mkdirSync(t.ctx.config.uploadDir, { recursive: true });
      fs.writeFileSync(path.join(t.ctx.config.uploadDir, `${B_UPLOAD_ID}.upload`), 'ags;wert\n16051;1\n');
      fs.writeFileSync(
        path.join(t.ctx.config.uploadDir, `${B_UPLOAD_ID}.json`),
        JSON.stringify({ tenantKey: B, fileName: 'erfurt-geheim.csv', userId: bMemberId, storedAt: Date.now() }),
      );
      // An import of B, to be attacked by id through A's URL and B's URL.
      bImportId = await repositories(t.ctx.db).imports.start({
        scope: B,
        fileName: 'erfurt-geheim.csv',
        checksum: 'f'.repeat(64),
        format: 'csv',
        actorUserId: null,
        actorLabel: 'Test',
        at: new Date(),
      });
      await repositories(t.ctx.db).imports.finish(
        bImportId,
        'completed',
        new Date(),
        { variables: 0, regions: 0, observations: 0, inserted: 0, updated: 0, unchanged: 0, periods: [] },
        null,
      );
      for (const role of ROLES) {
        const client = new TestClient(t.app);
        expect((await client.logIn(`${role}.a@musterland.example`, PASSWORD)).statusCode).toBe(200);
        clients.set(role, client);
      }
    });
    afterAll(async () => {
      await t.close();
    });

    it('knows every registered API route: tenant-scoped ones are in the matrix, the others are listed with a reason', () => {
      const unknown: string[] = [];
      for (const route of t.routes) {
        const id = `${route.method} ${route.url}`;
        if (route.access === 'tenant') {
          if (!(id in REQUESTS)) unknown.push(`${id} (tenant route missing from REQUESTS)`);
          expect(route.url).toContain(':tenantKey');
        } else if (!(id in NOT_TENANT_SCOPED)) {
          unknown.push(`${id} (access ${route.access}: add to NOT_TENANT_SCOPED with a reason, or make it a tenant route)`);
        }
      }
      expect(unknown).toEqual([]);
      expect(t.routes.filter((r) => r.access === 'tenant').length).toBe(Object.keys(REQUESTS).length);
    });

    // The problem's `instance` echoes the caller's own URL (with B's ids); everything else must not mention B.
    const leaks = (body: string) => {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      delete parsed.instance;
      const text = JSON.stringify(parsed);
      return (
        text.includes(B_SECRET_EMAIL) || text.includes('Erfurt') || text.includes(bMemberId) || text.includes('erfurt-geheim')
      );
    };

    for (const role of ROLES) {
      it(`denies a ${role} of A every route with B's ids (403/404, nothing of B in the body)`, async () => {
        const client = clients.get(role)!;
        const results: string[] = [];
        for (const route of t.routes.filter((r) => r.access === 'tenant')) {
          const spec = REQUESTS[`${route.method} ${route.url}`]!;
          // B's tenant with B's member, and A's tenant with B's member.
          for (const tenantKey of [B, A]) {
            if (tenantKey === A && !/:userId|:importId|:uploadId/.test(route.url)) continue;
            const url =
              route.url
                .replace(':tenantKey', tenantKey)
                .replace(':userId', bMemberId)
                .replace(':importId', String(bImportId))
                .replace(':uploadId', B_UPLOAD_ID)
                .replace(':code', 'SR1')
                .replace(':region', '16051000')
                .replace(/:(\w+)/g, (m, name: string) => spec.params?.[name] ?? m) + (spec.query ?? '');
            const response = await client.request(route.method as 'GET', url, spec.body !== undefined ? { body: spec.body } : {});
            if (![403, 404].includes(response.statusCode) || leaks(response.body)) {
              results.push(`${route.method} ${url} → ${response.statusCode} ${response.body.slice(0, 120)}`);
            }
          }
        }
        expect(results).toEqual([]);
      });
    }

    it('answers anonymous visitors on tenant routes with 401 and no data', async () => {
      const anonymous = new TestClient(t.app);
      await anonymous.session();
      for (const route of t.routes.filter((r) => r.access === 'tenant')) {
        const spec = REQUESTS[`${route.method} ${route.url}`]!;
        const url =
          route.url
            .replace(':tenantKey', B)
            .replace(':userId', bMemberId)
            .replace(':importId', String(bImportId))
            .replace(':uploadId', B_UPLOAD_ID)
            .replace(':code', 'SR1')
            .replace(':region', '16051000')
            .replace(/:(\w+)/g, (m, name: string) => spec.params?.[name] ?? m) + (spec.query ?? '');
        const response = await anonymous.request(route.method as 'GET', url, spec.body !== undefined ? { body: spec.body } : {});
        expect(response.statusCode, `${route.method} ${url}`).toBe(401);
        expect(leaks(response.body)).toBe(false);
      }
    });

    it('left B untouched: its only member is still its admin', async () => {
      const bAdmin = new TestClient(t.app);
      await bAdmin.logIn(B_SECRET_EMAIL, PASSWORD);
      const members = (await bAdmin.request('GET', `/api/tenants/${B}/members`)).json() as { email: string; role: string }[];
      expect(members).toEqual([expect.objectContaining({ email: B_SECRET_EMAIL, role: 'admin' })]);
      const imports = (await bAdmin.request('GET', `/api/tenants/${B}/imports`)).json() as { fileName: string; status: string }[];
      expect(imports).toEqual([expect.objectContaining({ fileName: 'erfurt-geheim.csv', status: 'completed' })]);
    });

    it('lets the state organisation read a municipality but not administer it', async () => {
      const state = new TestClient(t.app);
      await state.logIn('land@musterland.example', 'Musterland-Demo-2026');
      expect((await state.request('GET', `/api/tenants/${B}`)).json()).toEqual({
        key: B,
        name: 'Erfurt',
        kind: 'kreisfreie_stadt',
      });
      expect((await state.request('GET', `/api/tenants/${B}/members`)).statusCode).toBe(403);
      const tenants = (await state.request('GET', '/api/tenants')).json() as { key: string }[];
      expect(tenants.map((x) => x.key)).toEqual([B, '99', A]);
    });
  });
}
