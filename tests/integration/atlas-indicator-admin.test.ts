import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoSecrets } from '../../src/adapters/secrets.ts';
import { inTransaction } from '../../src/db/repositories/index.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { addMember } from '../../src/use-cases/tenancy/add-member.ts';
import { createTenant } from '../../src/use-cases/tenancy/create-tenant.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, testHasher, type TestApp } from '../support/server.ts';
import { importTableViaUpload, SMALL_COUNTS_CSV, SMALL_COUNTS_MAPPING } from '../support/table-import.ts';

const PASSWORD = 'Indikatoren-Test-2026';
const KEY = 'demo.geburtenrate';
const PUT_URL = `/api/tenants/99001/atlas/indicators/${KEY}`;

interface TenantIndicator {
  key: string;
  label: string;
  unit: string;
  formula: Record<string, unknown>;
  polarity: string;
  lifeDomain: string;
  description: string;
  methodNotes: string;
  published: boolean;
}
interface AuditEntry {
  action: string;
  actorLabel: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface ProfileIndicator {
  key: string;
  value: number | null;
  flag: string | null;
  published?: boolean;
}
interface Profile {
  region: { key: string; name: string; level: string };
  groups: { lifeDomain: string; indicators: ProfileIndicator[] }[];
}

const indicatorsOf = (profile: Profile) => profile.groups.flatMap((g) => g.indicators);

for (const engine of ENGINES) {
  describe(`indicator management: publishing, audit, rights, members' profile [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;
    let admin: TestClient;
    let viewer: TestClient;
    let otherPlanner: TestClient;
    let anonymous: TestClient;

    /** The indicator as the tenant API lists it, turned into the body of a PUT. */
    async function definition(key: string) {
      const list = (await planner.request('GET', '/api/tenants/99001/atlas/indicators')).json() as TenantIndicator[];
      const { label, unit, formula, polarity, lifeDomain, description, methodNotes, published } = list.find(
        (i) => i.key === key,
      )!;
      return { label, unit, formula, polarity, lifeDomain, description, methodNotes, published };
    }
    const publicKeys = async () =>
      ((await anonymous.request('GET', '/api/public/atlas/99001/indicators')).json() as { key: string }[]).map((i) => i.key);
    const auditOf = async (key: string) =>
      ((await admin.request('GET', '/api/tenants/99001/audit?limit=50')).json() as AuditEntry[]).filter(
        (e) => e.entityType === 'indicator' && e.entityId === key,
      );

    beforeAll(async () => {
      t = await createTestApp(engine);
      const system: Actor = { kind: 'system', label: 'Test' };
      const deps = { hasher: testHasher, secrets: cryptoSecrets, clock: t.ctx.clock };
      await inTransaction(t.ctx.db, async (r) => {
        await createTenant({ ...r, ...deps }, system, { key: '16051', name: 'Erfurt', kind: 'kreisfreie_stadt' });
        await addMember({ ...r, ...deps }, system, {
          tenantKey: '16051',
          email: 'planung@erfurt.example',
          role: 'planner',
          password: PASSWORD,
        });
        await addMember({ ...r, ...deps }, system, {
          tenantKey: '99001',
          email: 'lesen@musterland.example',
          role: 'viewer',
          password: PASSWORD,
        });
      });
      planner = new TestClient(t.app);
      expect((await planner.logIn('planung@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
      admin = new TestClient(t.app);
      expect((await admin.logIn('admin@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
      viewer = new TestClient(t.app);
      expect((await viewer.logIn('lesen@musterland.example', PASSWORD)).statusCode).toBe(200);
      otherPlanner = new TestClient(t.app);
      expect((await otherPlanner.logIn('planung@erfurt.example', PASSWORD)).statusCode).toBe(200);
      anonymous = new TestClient(t.app);
    });
    afterAll(async () => {
      await t.close();
    });

    it('unpublishes and republishes: the public list follows, each step audited with before and after', async () => {
      const body = await definition(KEY);
      expect(body.published).toBe(true);
      expect(await publicKeys()).toContain(KEY);

      const hidden = await planner.request('PUT', PUT_URL, { body: { ...body, published: false } });
      expect(hidden.statusCode, hidden.body).toBe(200);
      expect(hidden.json()).toMatchObject({ key: KEY, published: false, label: body.label });
      expect(await publicKeys()).not.toContain(KEY);
      expect((await publicKeys()).length).toBe(10);

      const shown = await planner.request('PUT', PUT_URL, { body: { ...body, published: true } });
      expect(shown.statusCode, shown.body).toBe(200);
      expect(await publicKeys()).toContain(KEY);

      const [publish, unpublish] = await auditOf(KEY);
      const definitionAsRecorded = {
        label: body.label,
        unit: body.unit,
        formula: { kind: 'ratio', numerator: 'demo.geburten', denominator: 'demo.bevoelkerung', factor: 1000 },
        polarity: body.polarity,
        lifeDomain: body.lifeDomain,
        description: body.description,
        methodNotes: body.methodNotes,
      };
      expect(unpublish).toMatchObject({
        action: 'indicator.unpublish',
        actorLabel: 'planung@musterland.example',
        before: { ...definitionAsRecorded, published: true },
        after: { ...definitionAsRecorded, published: false },
      });
      expect(publish).toMatchObject({
        action: 'indicator.publish',
        before: { ...definitionAsRecorded, published: false },
        after: { ...definitionAsRecorded, published: true },
      });
    });

    it('records a change of the definition as an update, with the old and the new label', async () => {
      const body = await definition('demo.hochaltrige_anteil');
      const changed = await planner.request('PUT', '/api/tenants/99001/atlas/indicators/demo.hochaltrige_anteil', {
        body: { ...body, label: 'Hochaltrige (80 Jahre und älter)' },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      const [latest] = await auditOf('demo.hochaltrige_anteil');
      expect(latest).toMatchObject({
        action: 'indicator.update',
        before: { label: body.label, published: true },
        after: { label: 'Hochaltrige (80 Jahre und älter)', published: true },
      });
    });

    it('refuses a viewer with a 403 problem and changes nothing', async () => {
      const body = await definition(KEY);
      const before = (await auditOf(KEY)).length;
      const refused = await viewer.request('PUT', PUT_URL, { body: { ...body, published: false } });
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'forbidden', detail: 'Für diese Aktion fehlen Ihnen die nötigen Rechte.' });
      expect(await publicKeys()).toContain(KEY);
      expect((await auditOf(KEY)).length).toBe(before);
      // The viewer reads the list all the same.
      const list = await viewer.request('GET', '/api/tenants/99001/atlas/indicators');
      expect(list.statusCode).toBe(200);
      expect((list.json() as TenantIndicator[]).find((i) => i.key === KEY)).toMatchObject({ published: true });
    });

    it("refuses another municipality's planner (404, nothing revealed) and changes nothing", async () => {
      const body = await definition(KEY);
      const refused = await otherPlanner.request('PUT', PUT_URL, { body: { ...body, published: false } });
      expect([403, 404]).toContain(refused.statusCode);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).not.toContain('Geburten');
      expect(await publicKeys()).toContain(KEY);
      const profile = await otherPlanner.request('GET', '/api/tenants/99001/atlas/regions/99001001/profile');
      expect(profile.statusCode).toBe(404);
      expect(profile.body).not.toContain(KEY);
    });

    it('shows members an unpublished indicator in the region profile, marked, and hides it from the public profile', async () => {
      const body = await definition(KEY);
      expect((await planner.request('PUT', PUT_URL, { body: { ...body, published: false } })).statusCode).toBe(200);

      const publicResponse = await anonymous.request('GET', '/api/public/atlas/99001/regions/99001001/profile');
      expect(publicResponse.statusCode, publicResponse.body).toBe(200);
      const publicProfile = publicResponse.json() as Profile;
      expect(indicatorsOf(publicProfile).map((i) => i.key)).not.toContain(KEY);
      expect(indicatorsOf(publicProfile)).toHaveLength(10);
      // No publication flag in the public answer.
      expect(publicResponse.body).not.toContain('"published"');

      for (const member of [viewer, planner]) {
        const response = await member.request('GET', '/api/tenants/99001/atlas/regions/99001001/profile');
        expect(response.statusCode, response.body).toBe(200);
        const internal = response.json() as Profile;
        expect(internal.region).toEqual(publicProfile.region);
        const list = indicatorsOf(internal);
        expect(list).toHaveLength(11);
        const geburtenrate = list.find((i) => i.key === KEY)!;
        expect(geburtenrate.published).toBe(false);
        expect(geburtenrate.value).not.toBeNull();
        // Published indicators: the same numbers as in the public profile, marked as published.
        for (const open of indicatorsOf(publicProfile)) {
          expect(list.find((i) => i.key === open.key)).toEqual({ ...open, published: true });
        }
      }
      expect((await planner.request('PUT', PUT_URL, { body: { ...body, published: true } })).statusCode).toBe(200);

      const anonymousInternal = await anonymous.request('GET', '/api/tenants/99001/atlas/regions/99001001/profile');
      expect(anonymousInternal.statusCode).toBe(401);
      const unknown = await planner.request('GET', '/api/tenants/99001/atlas/regions/99009999/profile');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ detail: 'Dieses Gebiet gibt es im Atlas nicht.' });
    });

    it("applies confidentiality in the members' profile too: an unpublished indicator from 2 cases is suppressed", async () => {
      const imported = await importTableViaUpload(planner, '99001', 'faelle.csv', SMALL_COUNTS_CSV, SMALL_COUNTS_MAPPING);
      expect(imported.status, imported.body).toBe('completed');
      const defined = await planner.request('PUT', '/api/tenants/99001/atlas/indicators/test.faelle_je_1000', {
        body: {
          label: 'Fälle je 1.000 Einwohner',
          unit: 'je 1.000',
          formula: { kind: 'ratio', numerator: 'test.faelle', denominator: 'test.einwohner', factor: 1000 },
          polarity: 'higher_is_worse',
          lifeDomain: 'teilhabe',
        },
      });
      expect(defined.statusCode, defined.body).toBe(200);
      expect(defined.json()).toMatchObject({ published: false });
      const [created] = await auditOf('test.faelle_je_1000');
      expect(created).toMatchObject({ action: 'indicator.create', before: null, after: { published: false } });

      // Without confidentiality the planner's values read shows 2.5 per 1,000 …
      const open = await planner.request(
        'GET',
        '/api/tenants/99001/atlas/values?indicator=test.faelle_je_1000&period=2024&level=gemeinde',
      );
      expect(
        (open.json() as { rows: { region: string; value: number }[] }).rows.find((r) => r.region === '99001001')!.value,
      ).toBeCloseTo(2.5, 10);
      // … the internal profile does not.
      const internal = (await planner.request('GET', '/api/tenants/99001/atlas/regions/99001001/profile')).json() as Profile;
      const cases = indicatorsOf(internal).find((i) => i.key === 'test.faelle_je_1000')!;
      expect(cases).toMatchObject({ value: null, flag: 'suppressed', published: false });
      const third = (await planner.request('GET', '/api/tenants/99001/atlas/regions/99001003/profile')).json() as Profile;
      expect(indicatorsOf(third).find((i) => i.key === 'test.faelle_je_1000')!.value).toBeCloseTo(15, 10);
      const publicThird = (await anonymous.request('GET', '/api/public/atlas/99001/regions/99001003/profile')).json() as Profile;
      expect(indicatorsOf(publicThird).map((i) => i.key)).not.toContain('test.faelle_je_1000');
    });
  });
}
