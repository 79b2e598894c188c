import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';

interface Cell {
  areaKey: string | null;
  services: number;
  knownCapacity: number;
  targetPopulation: number | null;
  capacityPer1000: number | null;
  reach: { share: number | null } | null;
  status: string;
  serviceIds: string[];
}
interface View {
  matrix: { areas: { key: string; name: string }[]; rows: { key: string; cells: Cell[] }[] };
  entries: Record<string, { serviceId: string; name: string }>;
  reachMethod: string | null;
}

const KITA_ROW = {
  key: 'kinder_0_6',
  label: 'Kinder 0–6: Kindertagesbetreuung',
  termKeys: ['handlungsfeld.kindertagesbetreuung'],
  targetVariableKey: 'demo.alter_0_5',
  period: '2024-12-31',
  reachMetres: 3000,
  minCapacityPer1000: 300,
};

for (const engine of ENGINES) {
  describe(`gap analysis (Abgleich) of the demo [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;
    beforeAll(async () => {
      t = await createTestApp(engine);
      planner = new TestClient(t.app);
      await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
    });
    afterAll(async () => {
      await t.close();
    });

    it('flags Sozialraum Nord (one small Kita) as a gap in Kindertagesbetreuung, from the register and the atlas', async () => {
      const response = await planner.request('POST', '/api/tenants/99001/gap-analysis', {
        body: { rows: [KITA_ROW], population: { level: 'gemeinde', variableKey: 'demo.alter_0_5', period: '2024-12-31' } },
      });
      expect(response.statusCode, response.body).toBe(200);
      const view = response.json() as View;
      expect(view.matrix.areas.map((a) => a.key)).toEqual(['99001-SR1', '99001-SR2', '99001-SR3', '99001-SR4']);
      const cells = new Map(view.matrix.rows[0]!.cells.map((c) => [c.areaKey, c]));
      const nord = cells.get('99001-SR3')!;
      // The demo register: one Kita with 20 places in Nord, 4 / 6 / 5 Kitas elsewhere.
      expect(nord.services).toBe(1);
      expect(nord.knownCapacity).toBe(20);
      expect(nord.status).toBe('gap');
      expect(view.entries[nord.serviceIds[0]!]!.name).toContain('Kita');
      // The target population is the atlas value of the planning area (summed from its Gemeinden).
      const atlas = (
        await planner.request(
          'GET',
          '/api/tenants/99001/atlas/values?variable=demo.alter_0_5&period=2024-12-31&level=planning_area',
        )
      ).json() as { rows: { region: string; value: number | null }[] };
      const children = atlas.rows.find((r) => r.region === '99001-SR3')!.value!;
      expect(nord.targetPopulation).toBe(children);
      expect(nord.capacityPer1000).toBeCloseTo((20 / children) * 1000, 10);
      for (const key of ['99001-SR1', '99001-SR2', '99001-SR4']) expect(cells.get(key)!.services).toBeGreaterThan(1);
      expect(cells.get('99001-SR2')!.status).not.toBe('gap');
      expect(view.reachMethod).toBe('straight_line');
      expect(nord.reach!.share).toBeGreaterThanOrEqual(0);
      expect(nord.reach!.share).toBeLessThanOrEqual(1);
    });

    it('answers bad requests with German problems and keeps other municipalities out', async () => {
      const empty = await planner.request('POST', '/api/tenants/99001/gap-analysis', { body: { rows: [] } });
      expect(empty.statusCode).toBe(400);
      const noTerms = await planner.request('POST', '/api/tenants/99001/gap-analysis', {
        body: { rows: [{ ...KITA_ROW, termKeys: [] }] },
      });
      expect(noTerms.statusCode).toBe(400);
      const other = await planner.request('POST', '/api/tenants/16051/gap-analysis', { body: { rows: [KITA_ROW] } });
      expect([403, 404]).toContain(other.statusCode);
      expect(other.headers['content-type']).toContain('application/problem+json');
      const anonymous = await new TestClient(t.app).request('POST', '/api/tenants/99001/gap-analysis', {
        body: { rows: [KITA_ROW] },
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });
}
