import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';

interface Entry {
  id: string;
  at: string;
  actorLabel: string;
  action: string;
  entityType: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

for (const engine of ENGINES) {
  describe(`members and audit log [${engine}]`, () => {
    let t: TestApp;
    let admin: TestClient;

    beforeAll(async () => {
      t = await createTestApp(engine);
      admin = new TestClient(t.app);
      await admin.logIn('admin@musterland.example', DEMO_PASSWORD);
    });
    afterAll(async () => {
      await t.close();
    });

    it('records who added a member, changed the role and removed them, with before and after', async () => {
      const added = await admin.request('POST', '/api/tenants/99001/members', {
        body: { email: 'Jugendamt@Musterland.example', role: 'contributor', displayName: 'Jo Jugendamt' },
      });
      expect(added.statusCode).toBe(201);
      const member = added.json() as { userId: string; email: string; createdAccount: boolean; generatedPassword: string };
      expect(member.email).toBe('jugendamt@musterland.example');
      expect(member.createdAccount).toBe(true);
      expect(member.generatedPassword).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
      // The generated password works for the new person.
      expect((await new TestClient(t.app).logIn('jugendamt@musterland.example', member.generatedPassword)).statusCode).toBe(200);

      const changed = await admin.request('PATCH', `/api/tenants/99001/members/${member.userId}`, { body: { role: 'planner' } });
      expect(changed.json()).toMatchObject({ email: 'jugendamt@musterland.example', role: 'planner' });
      expect((await admin.request('DELETE', `/api/tenants/99001/members/${member.userId}`)).statusCode).toBe(204);

      const log = (await admin.request('GET', '/api/tenants/99001/audit?limit=3')).json() as Entry[];
      expect(log.map((e) => [e.action, e.actorLabel, e.before, e.after])).toEqual([
        ['membership.remove', 'admin@musterland.example', { email: 'jugendamt@musterland.example', role: 'planner' }, null],
        [
          'membership.change-role',
          'admin@musterland.example',
          { email: 'jugendamt@musterland.example', role: 'contributor' },
          { email: 'jugendamt@musterland.example', role: 'planner' },
        ],
        ['membership.add', 'admin@musterland.example', null, { email: 'jugendamt@musterland.example', role: 'contributor' }],
      ]);
      // Audit snapshots never contain passwords or hashes.
      const all = (await admin.request('GET', '/api/tenants/99001/audit?limit=200')).body;
      expect(all).not.toContain(member.generatedPassword);
      expect(all).not.toContain('argon2id');
    });

    it('pages backwards through the log', async () => {
      const first = (await admin.request('GET', '/api/tenants/99001/audit?limit=2')).json() as Entry[];
      const next = (await admin.request('GET', `/api/tenants/99001/audit?limit=2&before=${first[1]!.id}`)).json() as Entry[];
      expect(next).toHaveLength(2);
      expect(Number(next[0]!.id)).toBeLessThan(Number(first[1]!.id));
    });

    it('refuses the log and member management to non-admins of the municipality', async () => {
      const planner = new TestClient(t.app);
      await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
      const response = await planner.request('GET', '/api/tenants/99001/audit');
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ detail: 'Für diese Aktion fehlen Ihnen die nötigen Rechte.' });
    });

    it('keeps the last admin', async () => {
      const members = (await admin.request('GET', '/api/tenants/99001/members')).json() as { userId: string; email: string }[];
      const self = members.find((m) => m.email === 'admin@musterland.example')!;
      const response = await admin.request('PATCH', `/api/tenants/99001/members/${self.userId}`, { body: { role: 'viewer' } });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'last-admin' });
    });

    it('rolls back a failed write completely: a duplicate member adds no audit entry', async () => {
      const before = (await admin.request('GET', '/api/tenants/99001/audit?limit=1')).json() as Entry[];
      const duplicate = await admin.request('POST', '/api/tenants/99001/members', {
        body: { email: 'planung@musterland.example', role: 'viewer' },
      });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json()).toMatchObject({
        detail: 'planung@musterland.example ist bereits Mitglied von Landkreis Musterland.',
      });
      const after = (await admin.request('GET', '/api/tenants/99001/audit?limit=1')).json() as Entry[];
      expect(after[0]!.id).toBe(before[0]!.id);
    });

    it('shows the demo regions to members: 15 Gemeinden, one merged successor, and 4 planning areas', async () => {
      const gemeinden = (await admin.request('GET', '/api/tenants/99001/regions?level=gemeinde')).json() as {
        key: string;
        validTo: string | null;
      }[];
      expect(gemeinden).toHaveLength(16);
      expect(gemeinden.filter((g) => g.validTo === null)).toHaveLength(14);
      const areas = (await admin.request('GET', '/api/tenants/99001/regions?level=planning_area')).json() as { name: string }[];
      expect(areas.map((a) => a.name)).toEqual([
        'Sozialraum Süd-West',
        'Sozialraum Musterstadt',
        'Sozialraum Nord',
        'Sozialraum Ost',
      ]);
    });

    it('ships the demo statistics as a journaled import: 22 variables, 2016–2024, readable through the API', async () => {
      const variables = (await admin.request('GET', '/api/tenants/99001/atlas/variables')).json() as {
        key: string;
        unit: string;
      }[];
      expect(variables).toHaveLength(22);
      expect(variables.find((v) => v.key === 'demo.bevoelkerung')).toMatchObject({ unit: 'Anzahl' });
      const values = (
        (
          await admin.request(
            'GET',
            '/api/tenants/99001/atlas/values?variable=demo.bevoelkerung&period=2024-12-31&level=gemeinde',
          )
        ).json() as { rows: { region: string; name: string; value: number }[] }
      ).rows;
      expect(values).toHaveLength(14);
      expect(values[0]).toMatchObject({ region: '99001001', name: 'Musterstadt, Stadt' });
      const kreis = (
        (
          await admin.request('GET', '/api/tenants/99001/atlas/values?variable=demo.bevoelkerung&period=2024-12-31&level=kreis')
        ).json() as { rows: { value: number }[] }
      ).rows;
      expect(kreis[0]!.value).toBe(values.reduce((sum, v) => sum + v.value, 0));
      // Another municipality's members see none of it.
      const stateValues = (
        await admin.request('GET', '/api/tenants/16051/atlas/values?variable=demo.bevoelkerung&period=2024-12-31')
      ).statusCode;
      expect(stateValues).toBe(404);
    });

    it('shows the merged Gemeinde as one series on the Gebietsstand 2024, and as observed otherwise', async () => {
      const converted = (
        await admin.request(
          'GET',
          '/api/tenants/99001/atlas/series?variable=demo.bevoelkerung&regions=99001016,99001011&gebietsstand=2024-12-31',
        )
      ).json() as { territoryDate: string; points: { period: string; region: string; value: number }[] };
      expect(converted.territoryDate).toBe('2024-12-31');
      expect(converted.points.map((p) => p.region)).toEqual(Array(9).fill('99001016'));
      const observed = (
        await admin.request(
          'GET',
          '/api/tenants/99001/atlas/series?variable=demo.bevoelkerung&regions=99001011,99001012,99001016',
        )
      ).json() as {
        points: { period: string; region: string; value: number }[];
      };
      const in2022 = observed.points.filter((p) => p.period === '2022-12-31');
      expect(in2022.map((p) => p.region)).toEqual(['99001011', '99001012']);
      expect(converted.points.find((p) => p.period === '2022-12-31')!.value).toBe(in2022[0]!.value + in2022[1]!.value);
      expect(converted.points.find((p) => p.period === '2024-12-31')!.value).toBe(
        observed.points.find((p) => p.period === '2024-12-31')!.value,
      );
    });

    it('serves the demo Gemeinden as GeoJSON on a chosen Gebietsstand, simplified per zoom', async () => {
      const before = (
        await admin.request('GET', '/api/tenants/99001/atlas/regions.geojson?level=gemeinde&gebietsstand=2022-12-31')
      ).json() as {
        features: { id: string; geometry: { type: string; coordinates: number[][][] } }[];
      };
      expect(before.features).toHaveLength(15);
      const after = await admin.request('GET', '/api/tenants/99001/atlas/regions.geojson?level=gemeinde&gebietsstand=2024-12-31');
      expect(after.headers['content-type']).toContain('application/geo+json');
      const features = (after.json() as { features: { id: string }[] }).features;
      expect(features).toHaveLength(14);
      expect(features.map((f) => f.id)).toContain('99001016');
      expect(features.map((f) => f.id)).not.toContain('99001011');
    });

    it('exports values as CSV with source and attribution, and as JSON-stat 2.0', async () => {
      const csv = await admin.request(
        'GET',
        '/api/tenants/99001/atlas/export?variable=demo.bevoelkerung&period=2024-12-31&level=gemeinde&format=csv',
      );
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="demo_bevoelkerung_2024-12-31.csv"');
      const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('Schlüssel;Gebiet;Bevölkerung insgesamt (Anzahl);Zeichen;Hinweis');
      expect(lines[1]).toMatch(/^99001001;Musterstadt, Stadt;\d+;;$/);
      expect(lines).toContain('Gebietsstand;2024-12-31');
      expect(lines).toContain('Quellenvermerk;Fiktive Demo-Daten „Landkreis Musterland“');
      const stat = (
        await admin.request(
          'GET',
          '/api/tenants/99001/atlas/export?variable=demo.bevoelkerung&period=2024-12-31&level=gemeinde&format=json-stat',
        )
      ).json() as {
        version: string;
        class: string;
        id: string[];
        size: number[];
        value: number[];
        dimension: { region: { category: { index: string[]; label: Record<string, string> } } };
      };
      expect(stat).toMatchObject({ version: '2.0', class: 'dataset', id: ['period', 'region'], size: [1, 14] });
      expect(stat.dimension.region.category.label['99001001']).toBe('Musterstadt, Stadt');
      expect(stat.value[0]).toBe(Number(lines[1]!.split(';')[2]));
    });

    it('defines a planning area from Gemeinden (shape = union, area measured), lists it, and removes it again', async () => {
      const planner = new TestClient(t.app);
      await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
      const created = await planner.request('POST', '/api/tenants/99001/planning-areas', {
        body: { code: 'Zentrum', name: 'Sozialraum Zentrum', members: ['99001001', '99001002'] },
      });
      expect(created.statusCode).toBe(201);
      const area = created.json() as { key: string; areaKm2: number; members: string[] };
      expect(area).toMatchObject({ key: '99001-Zentrum', members: ['99001001', '99001002'] });
      const shapes = (await planner.request('GET', '/api/tenants/99001/atlas/regions.geojson?level=planning_area')).json() as {
        features: { id: string; properties: { areaKm2: number } }[];
      };
      expect(shapes.features.map((f) => f.id)).toContain('99001-Zentrum');
      // Unknown Gemeinde and duplicate code are refused in German.
      const unknown = await planner.request('POST', '/api/tenants/99001/planning-areas', {
        body: { code: 'X', name: 'Falsch', members: ['16051000'] },
      });
      expect(unknown.json()).toMatchObject({
        status: 404,
        detail: 'Diese Gemeinden gibt es nicht oder sie haben keine Grenzen: 16051000.',
      });
      const duplicate = await planner.request('POST', '/api/tenants/99001/planning-areas', {
        body: { code: 'Zentrum', name: 'Doppelt', members: ['99001003'] },
      });
      expect(duplicate.statusCode).toBe(409);
      expect((await planner.request('DELETE', '/api/tenants/99001/planning-areas/Zentrum')).statusCode).toBe(204);
      const log = (await admin.request('GET', '/api/tenants/99001/audit?limit=2')).json() as { action: string }[];
      expect(log.map((e) => e.action)).toEqual(['planning-area.remove', 'planning-area.define']);
    });
  });
}
