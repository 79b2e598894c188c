import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMusterlandObservations } from '../../src/domain/demo/musterland-data.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';
import { importTableViaUpload, SMALL_COUNTS_CSV, SMALL_COUNTS_MAPPING } from '../support/table-import.ts';

interface Row {
  region: string;
  name: string | null;
  value: number | null;
  flag: string | null;
  missing?: string;
  class?: number | null;
  origin: string;
}
interface Result {
  key: string;
  kind: string;
  label: string;
  territoryDate: string;
  rows: Row[];
  classification: { bounds: number[]; classes: { count: number }[]; notes: string[] } | null;
  sources: { attribution: string }[];
  suppressed: number;
}

/** The demo's raw counts, as generated (the test recomputes rates by hand from these). */
const raw = generateMusterlandObservations();
const count = (variable: string, region: string, period: string) =>
  raw.find((o) => o.variableKey === `demo.${variable}` && o.regionKey === region && o.period === period)!.value!;

for (const engine of ENGINES) {
  describe(`atlas values: indicators, aggregation, Gebietsstand, breaks, confidentiality [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;
    const get = async (query: string) => {
      const response = await planner.request('GET', `/api/tenants/99001/atlas/values?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as Result;
    };

    beforeAll(async () => {
      t = await createTestApp(engine);
      planner = new TestClient(t.app);
      await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
    });
    afterAll(async () => {
      await t.close();
    });

    it('lists the demo indicators with formula, polarity and Lebenslage', async () => {
      const list = (await planner.request('GET', '/api/tenants/99001/atlas/indicators')).json() as {
        key: string;
        inputs: string[];
        lifeDomain: string;
        published: boolean;
      }[];
      expect(list.length).toBeGreaterThanOrEqual(10);
      expect(list.find((i) => i.key === 'demo.kinderarmut')).toMatchObject({
        inputs: ['demo.alter_0_5', 'demo.alter_6_14', 'demo.sgb2_kinder_u15'],
        lifeDomain: 'einkommen_armut',
        published: true,
      });
    });

    it('computes an indicator per Gemeinde from its numerator and denominator, with quantile classes', async () => {
      const result = await get('indicator=demo.kinderarmut&period=2024-12-31&level=gemeinde&breaks=quantile:4');
      expect(result).toMatchObject({ kind: 'indicator', label: 'Kinderarmutsquote (SGB II, unter 15 Jahren)' });
      // 15 Gemeinden, two of which merged into one in 2023: 14 on the Gebietsstand of 2024.
      expect(result.rows).toHaveLength(14);
      const g = '99001001';
      const expected =
        (count('sgb2_kinder_u15', g, '2024-12-31') /
          (count('alter_0_5', g, '2024-12-31') + count('alter_6_14', g, '2024-12-31'))) *
        100;
      expect(result.rows.find((r) => r.region === g)!.value).toBeCloseTo(expected, 10);
      const classes = result.classification!.classes;
      expect(classes).toHaveLength(4);
      expect(classes.reduce((s, c) => s + c.count, 0)).toBe(14);
      for (const r of result.rows) {
        const c = r.class!;
        expect(r.value!).toBeGreaterThanOrEqual(result.classification!.bounds[c]!);
        expect(r.value!).toBeLessThanOrEqual(result.classification!.bounds[c + 1]!);
      }
      expect(result.sources[0]!.attribution).toBe('Fiktive Demo-Daten „Landkreis Musterland“');
    });

    it('gives the same Gemeinde values through the one-query path and the general path', async () => {
      // Without a Gebietsstand the Gemeinden come from one joined query; with a later date
      // without changes in between they are assembled like any other level.
      for (const query of ['indicator=demo.sgb2_quote', 'variable=demo.arbeitslose']) {
        const direct = await get(`${query}&period=2024-12-31&level=gemeinde&geheimhaltung=true`);
        const general = await get(`${query}&period=2024-12-31&level=gemeinde&geheimhaltung=true&gebietsstand=2025-06-30`);
        expect(general.rows).toEqual(direct.rows);
        expect(direct.rows).toHaveLength(14);
      }
    });

    it('aggregates a new planning area from its Gemeinden by summing counts, never averaging rates', async () => {
      const members = ['99001008', '99001009'];
      const created = await planner.request('POST', '/api/tenants/99001/planning-areas', {
        body: { code: 'NORD', name: 'Nord (Test)', members },
      });
      expect(created.statusCode, created.body).toBe(201);
      const result = await get('indicator=demo.sgb2_quote&period=2024-12-31&level=planning_area');
      const row = result.rows.find((r) => r.region === '99001-NORD')!;
      expect(row.origin).toBe('aggregated');
      const p = '2024-12-31';
      const sum = (v: string) => members.reduce((s, m) => s + count(v, m, p), 0);
      const expected = (sum('sgb2_personen') / (sum('bevoelkerung') - sum('alter_65_79') - sum('alter_80_plus'))) * 100;
      expect(row.value).toBeCloseTo(expected, 10);
      // The mean of the two Gemeinde rates would be a different number.
      const rate = (m: string) =>
        (count('sgb2_personen', m, p) /
          (count('bevoelkerung', m, p) - count('alter_65_79', m, p) - count('alter_80_plus', m, p))) *
        100;
      expect(Math.abs(row.value! - (rate(members[0]!) + rate(members[1]!)) / 2)).toBeGreaterThan(1e-6);
      // The demo's own planning areas have observed values.
      expect(result.rows.find((r) => r.region === '99001-SR1')!.origin).toBe('observed');
      expect((await planner.request('DELETE', '/api/tenants/99001/planning-areas/NORD')).statusCode).toBe(204);
    });

    it('converts counts to a later Gebietsstand and recomputes the rate from converted parts', async () => {
      const before = await get('variable=demo.bevoelkerung&period=2020-12-31&level=gemeinde');
      expect(before.rows.map((r) => r.region)).toContain('99001011');
      expect(before.rows.map((r) => r.region)).not.toContain('99001016');
      const after = await get('indicator=demo.geburtenrate&period=2020-12-31&level=gemeinde&gebietsstand=2024-12-31');
      expect(after.territoryDate).toBe('2024-12-31');
      expect(after.rows.map((r) => r.region)).not.toContain('99001011');
      const merged = after.rows.find((r) => r.region === '99001016')!;
      expect(merged.origin).toBe('converted');
      const p = '2020-12-31';
      const births = count('geburten', '99001011', p) + count('geburten', '99001012', p);
      const people = count('bevoelkerung', '99001011', p) + count('bevoelkerung', '99001012', p);
      expect(merged.value).toBeCloseTo((births / people) * 1000, 10);
    });

    it('suppresses counts below 3 and the cells that would reveal them, and every rate computed from them', async () => {
      const started = await importTableViaUpload(planner, '99001', 'faelle.csv', SMALL_COUNTS_CSV, SMALL_COUNTS_MAPPING);
      expect(started.statusCode, started.body).toBeLessThan(300);
      const open = await get('variable=test.faelle&period=2024&level=gemeinde');
      expect(open.rows.filter((r) => r.value !== null)).toHaveLength(4);
      const closed = await get('variable=test.faelle&period=2024&level=gemeinde&geheimhaltung=true');
      const byKey = new Map(closed.rows.map((r) => [r.region, r]));
      // 2 is below the threshold; with the Kreis total published, the next smallest cell (7) must go too.
      expect(byKey.get('99001001')).toMatchObject({ value: null, flag: 'suppressed' });
      expect(byKey.get('99001002')).toMatchObject({ value: null, flag: 'suppressed' });
      expect(byKey.get('99001003')!.value).toBe(15);
      expect(byKey.get('99001004')!.value).toBe(40);
      expect(closed.suppressed).toBe(2);

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
      const rates = await get('indicator=test.faelle_je_1000&period=2024&level=gemeinde&geheimhaltung=true');
      const rate = new Map(rates.rows.map((r) => [r.region, r]));
      expect(rate.get('99001001')).toMatchObject({ value: null, flag: 'suppressed' });
      expect(rate.get('99001003')!.value).toBeCloseTo(15, 10);
      // Values for only 4 of the 14 Gemeinden: the one-query path aligns them by key like the general path.
      for (const query of ['indicator=test.faelle_je_1000', 'variable=test.einwohner']) {
        const direct = await get(`${query}&period=2024&level=gemeinde&geheimhaltung=true`);
        const general = await get(`${query}&period=2024&level=gemeinde&geheimhaltung=true&gebietsstand=2025-06-30`);
        expect(general.rows).toEqual(direct.rows);
        expect(direct.rows.map((r) => r.region)).toEqual(['99001001', '99001002', '99001003', '99001004']);
      }
      const residents = await get('variable=test.einwohner&period=2024&level=gemeinde');
      expect(residents.rows.map((r) => [r.region, r.value])).toEqual([
        ['99001001', 800],
        ['99001002', 900],
        ['99001003', 1000],
        ['99001004', 1200],
      ]);
      const audit = (await planner.request('GET', '/api/tenants/99001/audit?limit=5')).json();
      expect(audit).toBeDefined();
    });

    it('computes the demo composite index with status and dynamics classes and the sensitivity to weights', async () => {
      const response = await planner.request(
        'GET',
        '/api/tenants/99001/atlas/composite-index?key=demo.sozialindex&period=2024-12-31&level=gemeinde',
      );
      expect(response.statusCode, response.body).toBe(200);
      const view = response.json() as {
        startPeriod: string;
        results: { key: string; statusClass: string | null; dynamicsClass: string | null; reason?: string }[];
      };
      expect(view.startPeriod).toBe('2021-12-31');
      expect(view.results.filter((r) => r.statusClass !== null).length).toBeGreaterThanOrEqual(10);
      for (const r of view.results) if (r.statusClass === null) expect(r.reason).toBeTruthy();
      const weighted = (
        await planner.request(
          'GET',
          '/api/tenants/99001/atlas/composite-index?key=demo.sozialindex&period=2024-12-31&level=gemeinde&weights=demo.sgb2_quote:5',
        )
      ).json() as { sensitivity: { changed: number; keys: string[] } };
      expect(weighted.sensitivity.changed).toBe(weighted.sensitivity.keys.length);
    });

    it('answers unclear requests with German problems', async () => {
      const both = await planner.request('GET', '/api/tenants/99001/atlas/values?variable=a&indicator=b&period=2024&level=kreis');
      expect(both.statusCode).toBe(422);
      expect(both.json()).toMatchObject({ detail: 'Bitte genau eines angeben: variable (Merkmal) oder indicator (Indikator).' });
      const unknown = await planner.request(
        'GET',
        '/api/tenants/99001/atlas/values?indicator=gibt.es.nicht&period=2024&level=kreis',
      );
      expect(unknown.statusCode).toBe(404);
      const breaks = await planner.request(
        'GET',
        '/api/tenants/99001/atlas/values?variable=demo.bevoelkerung&period=2024-12-31&level=gemeinde&breaks=zufall:3',
      );
      expect(breaks.statusCode).toBe(422);
      const viewer = new TestClient(t.app);
      await viewer.logIn('land@musterland.example', DEMO_PASSWORD);
      const forbidden = await viewer.request('PUT', '/api/tenants/99001/atlas/indicators/x', {
        body: {
          label: 'x',
          unit: '%',
          formula: { kind: 'expression', source: 'demo.geburten / demo.bevoelkerung' },
          polarity: 'neutral',
          lifeDomain: 'demografie',
        },
      });
      expect([403, 404]).toContain(forbidden.statusCode);
    });
  });
}
