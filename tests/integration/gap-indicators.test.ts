import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';

interface Cell {
  areaKey: string | null;
  services: number;
  capacityPer1000: number | null;
  reach: { share: number | null } | null;
}
interface IndicatorValue {
  regionKey: string;
  key: string;
  period: string;
  value: number | null;
}
interface View {
  matrix: { areas: { key: string }[]; rows: { key: string; cells: Cell[] }[] };
  indicators: IndicatorValue[];
}
interface Saved {
  importId: number;
  level: string;
  indicators: { key: string; label: string; unit: string; period: string; published: boolean }[];
  values: number;
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
}
interface Values {
  label: string;
  unit: string;
  rows: { region: string; value: number | null; flag: string | null }[];
  sources: { source: string }[];
}
interface AuditEntry {
  action: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const PERIOD = '2024-12-31';
const ROW_KEY = 'kinder_0_6_kindertagesbetreuung';
const KITA_ROW = {
  key: 'zeile-1',
  label: 'Kinder 0–6: Kindertagesbetreuung',
  termKeys: ['handlungsfeld.kindertagesbetreuung'],
  targetVariableKey: 'demo.alter_0_5',
  period: PERIOD,
  reachMetres: 3000,
  minCapacityPer1000: 300,
};
const BODY = { rows: [KITA_ROW], population: { level: 'gemeinde', variableKey: 'demo.alter_0_5', period: PERIOD } };
const KEYS = {
  services: `gap:${ROW_KEY}:services`,
  capacity: `gap:${ROW_KEY}:capacity_per_1000`,
  reach: `gap:${ROW_KEY}:reach_share_3000m`,
};
const URL = '/api/tenants/99001/gap-analysis/indicators';

for (const engine of ENGINES) {
  describe(`gap analysis saved as atlas indicators [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;
    let admin: TestClient;

    const values = async (indicator: string) => {
      const response = await planner.request(
        'GET',
        `/api/tenants/99001/atlas/values?indicator=${encodeURIComponent(indicator)}&period=${PERIOD}&level=planning_area`,
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as Values;
    };
    const observationCount = async () => {
      const rows = await t.ctx.db
        .selectFrom('observations')
        .select(['variable_key', 'region_key', 'period'])
        .where('scope', '=', '99001')
        .where('variable_key', 'like', 'gap:%')
        .execute();
      return rows.length;
    };

    beforeAll(async () => {
      t = await createTestApp(engine, { clock: fixedClock(new Date('2026-11-24T10:00:00Z')) });
      planner = new TestClient(t.app);
      await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
      admin = new TestClient(t.app);
      await admin.logIn('admin@musterland.example', DEMO_PASSWORD);
    });
    afterAll(async () => {
      await t.close();
    });

    it('stores per Sozialraum exactly the numbers of the analysis; the atlas reads them as unpublished indicators', async () => {
      const analysis = await planner.request('POST', '/api/tenants/99001/gap-analysis', { body: BODY });
      expect(analysis.statusCode, analysis.body).toBe(200);
      const view = analysis.json() as View;
      const cells = view.matrix.rows[0]!.cells;

      const response = await planner.request('POST', URL, { body: BODY });
      expect(response.statusCode, response.body).toBe(200);
      const saved = response.json() as Saved;
      expect(saved.level).toBe('planning_area');
      expect(saved.indicators.map((i) => i.key)).toEqual([KEYS.services, KEYS.capacity, KEYS.reach]);
      expect(saved.indicators.every((i) => i.period === PERIOD && !i.published)).toBe(true);
      expect(saved.indicators[1]!.label).toBe('Kapazität je 1.000 Zielbevölkerung – Kinder 0–6: Kindertagesbetreuung');
      // Four Sozialräume × three indicators, all new.
      expect(saved).toMatchObject({ values: 12, inserted: 12, updated: 0, unchanged: 0, removed: 0 });

      const services = await values(KEYS.services);
      const capacity = await values(KEYS.capacity);
      const reach = await values(KEYS.reach);
      expect(services.sources[0]!.source).toBe('Planwerk-Abgleich vom 24.11.2026');
      expect(capacity.unit).toBe('je 1.000');
      expect(services.rows.map((r) => r.region)).toEqual(['99001-SR1', '99001-SR2', '99001-SR3', '99001-SR4']);
      for (const cell of cells) {
        const area = cell.areaKey!;
        expect(services.rows.find((r) => r.region === area)!.value).toBe(cell.services);
        expect(capacity.rows.find((r) => r.region === area)!.value).toBe(Math.round(cell.capacityPer1000! * 100) / 100);
        expect(reach.rows.find((r) => r.region === area)!.value).toBe(Math.round(cell.reach!.share! * 10000) / 100);
      }
      // Sozialraum Nord: the one small Kita (20 places).
      const nord = cells.find((c) => c.areaKey === '99001-SR3')!;
      expect(services.rows.find((r) => r.region === '99001-SR3')!.value).toBe(1);
      expect(nord.capacityPer1000).toBeLessThan(300);

      // The atlas lists them for members, with their Lebenslage and period, but not publicly.
      const list = (await planner.request('GET', '/api/tenants/99001/atlas/indicators')).json() as {
        key: string;
        lifeDomain: string;
        polarity: string;
        published: boolean;
        periods: string[];
      }[];
      const listed = list.find((i) => i.key === KEYS.capacity)!;
      expect(listed).toMatchObject({ lifeDomain: 'bildung', polarity: 'higher_is_better', published: false });
      expect(listed.periods).toContain(PERIOD);
      const publicList = await new TestClient(t.app).request('GET', '/api/public/atlas/99001/indicators');
      expect(publicList.body).not.toContain(KEYS.capacity);

      // One audit entry with what was written.
      const log = (await admin.request('GET', '/api/tenants/99001/audit?limit=5')).json() as AuditEntry[];
      const entry = log.find((e) => e.action === 'gap.save_indicators')!;
      expect(entry.entityId).toBe(String(saved.importId));
      expect(entry.before).toMatchObject({ indicators: [], variables: [], values: 0 });
      expect(entry.after).toMatchObject({
        indicators: [KEYS.services, KEYS.capacity, KEYS.reach],
        variables: [KEYS.services, KEYS.capacity, KEYS.reach],
        values: 12,
      });
    });

    it('saving again replaces the values of the period: one set, a published indicator stays published', async () => {
      const publish = await planner.request('PUT', `/api/tenants/99001/atlas/indicators/${encodeURIComponent(KEYS.services)}`, {
        body: {
          label: 'Angebote – Kinder 0–6: Kindertagesbetreuung',
          unit: 'Anzahl',
          formula: { kind: 'expression', source: `[${KEYS.services}]` },
          polarity: 'higher_is_better',
          lifeDomain: 'bildung',
          published: true,
        },
      });
      expect(publish.statusCode, publish.body).toBe(200);
      const again = await planner.request('POST', URL, { body: BODY });
      expect(again.statusCode, again.body).toBe(200);
      const saved = again.json() as Saved;
      expect(saved).toMatchObject({ values: 12, inserted: 0, updated: 0, unchanged: 12, removed: 0 });
      expect(saved.indicators.find((i) => i.key === KEYS.services)!.published).toBe(true);
      // Published, the values follow the atlas's confidentiality like any count: Nord's single Kita is not shown.
      const open = await new TestClient(t.app).request(
        'GET',
        `/api/public/atlas/99001/values?indicator=${encodeURIComponent(KEYS.services)}&period=${PERIOD}&level=planning_area`,
      );
      expect(open.statusCode, open.body).toBe(200);
      const nord = (open.json() as Values).rows.find((r) => r.region === '99001-SR3')!;
      expect(nord).toMatchObject({ value: null, flag: 'suppressed' });
      expect(await observationCount()).toBe(12);
      expect((await values(KEYS.services)).rows).toHaveLength(4);
      const log = (await admin.request('GET', '/api/tenants/99001/audit?limit=5')).json() as AuditEntry[];
      expect(log.find((e) => e.action === 'gap.save_indicators')!.before).toMatchObject({
        indicators: [KEYS.capacity, KEYS.reach, KEYS.services],
        values: 12,
      });
    });

    it('a Sozialraum that is gone loses its values on the next save; rolling that save back (imports) restores them', async () => {
      expect((await planner.request('DELETE', '/api/tenants/99001/planning-areas/SR4')).statusCode).toBe(204);
      const response = await planner.request('POST', URL, { body: BODY });
      expect(response.statusCode, response.body).toBe(200);
      const saved = response.json() as Saved;
      expect(saved).toMatchObject({ values: 9, removed: 3 });
      expect(await observationCount()).toBe(9);
      const history = (await planner.request('GET', '/api/tenants/99001/imports')).json() as { id: number; fileName: string }[];
      expect(history.find((i) => i.id === saved.importId)!.fileName).toBe('Planwerk-Abgleich vom 24.11.2026');
      const rollback = await planner.request('POST', `/api/tenants/99001/imports/${saved.importId}/rollback`);
      expect(rollback.statusCode, rollback.body).toBe(200);
      expect(await observationCount()).toBe(12);
    });

    it('refuses viewers, contributors and providers (403) and outsiders (401/404)', async () => {
      const added = await admin.request('POST', '/api/tenants/99001/members', {
        body: { email: 'lesend@musterland.example', role: 'viewer', displayName: 'Lea Lesend' },
      });
      expect(added.statusCode, added.body).toBe(201);
      const viewer = new TestClient(t.app);
      await viewer.logIn('lesend@musterland.example', (added.json() as { generatedPassword: string }).generatedPassword);
      const provider = new TestClient(t.app);
      expect((await provider.logIn('anbieter@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
      for (const client of [viewer, provider]) {
        const refused = await client.request('POST', URL, { body: BODY });
        expect(refused.statusCode, refused.body).toBe(403);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect((refused.json() as { detail: string }).detail).toBe('Für diese Aktion fehlen Ihnen die nötigen Rechte.');
      }
      expect((await new TestClient(t.app).request('POST', URL, { body: BODY })).statusCode).toBe(401);
      expect((await planner.request('POST', '/api/tenants/16051/gap-analysis/indicators', { body: BODY })).statusCode).toBe(404);
      expect(await observationCount()).toBe(12);
    });

    it('answers bad rows with German problems and writes nothing', async () => {
      const cases: [unknown, number, RegExp][] = [
        [{ rows: [] }, 400, /^Die Eingaben sind unvollständig oder ungültig\. rows:/],
        [{ rows: [{ ...KITA_ROW, termKeys: [] }] }, 400, /^Die Eingaben sind unvollständig oder ungültig\. rows\.0\.termKeys:/],
        [
          { rows: [{ ...KITA_ROW, reachMetres: 0 }] },
          400,
          /^Die Eingaben sind unvollständig oder ungültig\. rows\.0\.reachMetres:/,
        ],
        [{ rows: [{ ...KITA_ROW, label: '–!' }] }, 422, /braucht Buchstaben oder Ziffern/],
        [{ ...BODY, rows: [KITA_ROW, { ...KITA_ROW, key: 'zeile-2', reachMetres: 1000 }] }, 422, /dieselben Indikatoren/],
        [{ rows: [{ ...KITA_ROW, reachMetres: undefined, targetVariableKey: 'gibt.es.nicht' }] }, 404, /gibt es nicht/],
      ];
      for (const [body, status, message] of cases) {
        const response = await planner.request('POST', URL, { body });
        expect(response.statusCode, response.body).toBe(status);
        expect((response.json() as { detail: string }).detail).toMatch(message);
      }
      expect(await observationCount()).toBe(12);
    });
  });
}
