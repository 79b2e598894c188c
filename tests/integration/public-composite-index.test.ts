import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';

interface Row {
  key: string;
  name: string | null;
  status: number | null;
  dynamics: number | null;
  statusClass: string | null;
  dynamicsClass: string | null;
  reason?: string;
}
interface Exploration {
  saved: {
    key: string;
    components: { indicatorKey: string; weight: number }[];
    spanYears: number;
    populationFloor: number;
  } | null;
  period: string;
  startPeriod: string;
  spanYears: number;
  populationFloor: number;
  components: { indicatorKey: string; weight: number; polarity: string; label: string }[];
  periods: string[];
  confidential: boolean;
  results: Row[];
  notes: string[];
  sensitivity: { indicatorKey: string; variants: { change: string; weight: number; changed: number | null; keys: string[] }[] }[];
}
interface StoredIndex {
  results: {
    key: string;
    status: number | null;
    dynamics: number | null;
    statusClass: string | null;
    dynamicsClass: string | null;
  }[];
}

const classOf = (r: { statusClass: string | null; dynamicsClass: string | null }) => `${r.statusClass}/${r.dynamicsClass}`;

for (const engine of ENGINES) {
  describe(`composite index with own indicators and weights, public and for members [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;
    let anonymous: TestClient;

    beforeAll(async () => {
      t = await createTestApp(engine);
      planner = new TestClient(t.app);
      await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
      anonymous = new TestClient(t.app);
    });
    afterAll(async () => {
      await t.close();
    });

    it('computes the saved demo index for anonymous visitors by default, with the same classes as the members’ stored index', async () => {
      const response = await anonymous.request('GET', '/api/public/atlas/99001/composite-index?level=gemeinde');
      expect(response.statusCode, response.body).toBe(200);
      const view = response.json() as Exploration;
      expect(view.saved).toMatchObject({ key: 'demo.sozialindex', spanYears: 3, populationFloor: 300 });
      expect(view).toMatchObject({ period: '2024-12-31', startPeriod: '2021-12-31', spanYears: 3, populationFloor: 300 });
      expect(view.confidential).toBe(true);
      expect(view.components.map((c) => [c.indicatorKey, c.weight, c.polarity])).toEqual([
        ['demo.sgb2_quote', 1, 'higher_is_worse'],
        ['demo.kinderarmut', 1, 'higher_is_worse'],
        ['demo.arbeitslosenanteil', 1, 'higher_is_worse'],
        ['demo.langzeitarbeitslose_anteil', 1, 'higher_is_worse'],
      ]);
      expect(view.periods).toContain('2024-12-31');
      expect(view.results).toHaveLength(14);
      const classified = view.results.filter((r) => r.statusClass !== null);
      expect(classified.length).toBeGreaterThanOrEqual(10);
      // Standardised over the classified regions: mean 0.
      const mean = classified.reduce((s, r) => s + r.status!, 0) / classified.length;
      expect(Math.abs(mean)).toBeLessThan(1e-9);
      for (const r of view.results) if (r.statusClass === null) expect(r.reason).toBeTruthy();

      // The demo's numbers are large: confidentiality hides nothing, so the members' stored index agrees.
      const stored = (
        await planner.request(
          'GET',
          '/api/tenants/99001/atlas/composite-index?key=demo.sozialindex&period=2024-12-31&level=gemeinde',
        )
      ).json() as StoredIndex;
      const storedByKey = new Map(stored.results.map((r) => [r.key, r]));
      for (const r of view.results) {
        const s = storedByKey.get(r.key)!;
        expect(classOf(r), r.key).toBe(classOf(s));
        if (r.status !== null) expect(r.status).toBeCloseTo(s.status!, 9);
        if (r.dynamics !== null) expect(r.dynamics).toBeCloseTo(s.dynamics!, 9);
      }
    });

    it('computes the index on the planning areas as well', async () => {
      const response = await anonymous.request('GET', '/api/public/atlas/99001/composite-index?level=planning_area');
      expect(response.statusCode, response.body).toBe(200);
      const view = response.json() as Exploration;
      expect(view.results.length).toBeGreaterThan(0);
      const shapes = (await anonymous.request('GET', '/api/public/atlas/99001/regions.geojson?level=planning_area')).json() as {
        features: { id: string }[];
      };
      // Every planning area on the map has a row in the index.
      expect(view.results.map((r) => r.key).sort()).toEqual(expect.arrayContaining(shapes.features.map((f) => f.id).sort()));
    });

    it('reports, per indicator, how many regions change class at +50 %, −50 % and weight 0, as the stored index with those weights does', async () => {
      const view = (
        await anonymous.request('GET', '/api/public/atlas/99001/composite-index?level=gemeinde&period=2024-12-31')
      ).json() as Exploration;
      expect(view.sensitivity.map((s) => s.indicatorKey)).toEqual(view.components.map((c) => c.indicatorKey));
      for (const s of view.sensitivity) {
        expect(s.variants.map((v) => [v.change, v.weight])).toEqual([
          ['plus50', 1.5],
          ['minus50', 0.5],
          ['zero', 0],
        ]);
        for (const v of s.variants) {
          // The members' route compares other weights with the saved ones (the same as the current ones here).
          const other = (
            await planner.request(
              'GET',
              `/api/tenants/99001/atlas/composite-index?key=demo.sozialindex&period=2024-12-31&level=gemeinde&weights=${s.indicatorKey}:${v.weight}`,
            )
          ).json() as { sensitivity: { changed: number; keys: string[] } };
          expect(v.changed, `${s.indicatorKey} ${v.change}`).toBe(other.sensitivity.changed);
          expect([...v.keys].sort()).toEqual([...other.sensitivity.keys].sort());
        }
      }
    });

    it('takes the visitor’s own indicators, weights, direction, span and population floor', async () => {
      const components = 'demo.sgb2_quote:2,demo.wanderungssaldo:1,demo.altenquotient:0.5:better';
      const response = await anonymous.request(
        'GET',
        `/api/public/atlas/99001/composite-index?level=gemeinde&period=2023-12-31&span=2&floor=20000&components=${components}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const view = response.json() as Exploration;
      expect(view).toMatchObject({ period: '2023-12-31', startPeriod: '2021-12-31', spanYears: 2, populationFloor: 20000 });
      expect(view.components.map((c) => [c.indicatorKey, c.weight, c.polarity])).toEqual([
        ['demo.sgb2_quote', 2, 'higher_is_worse'],
        // The indicator's own direction when none is given, the stated one otherwise.
        ['demo.wanderungssaldo', 1, 'higher_is_better'],
        ['demo.altenquotient', 0.5, 'higher_is_better'],
      ]);
      const below = view.results.filter((r) => r.reason?.startsWith('Weniger als 20000 Einwohner'));
      expect(below.length).toBeGreaterThan(0);
      for (const r of below) {
        expect(r.statusClass).toBeNull();
        // The public is never told the population count.
        expect(r.reason).toBe('Weniger als 20000 Einwohner: nicht klassifiziert.');
      }
      const members = (
        await planner.request(
          'GET',
          `/api/tenants/99001/atlas/composite-index/explore?level=gemeinde&period=2023-12-31&span=2&floor=20000&components=${components}`,
        )
      ).json() as Exploration;
      expect(members.confidential).toBe(false);
      expect(members.results.map(classOf)).toEqual(view.results.map(classOf));
      expect(members.results.find((r) => r.key === below[0]!.key)!.reason).toMatch(/^Weniger als 20000 Einwohner \(\d+\):/);
    });

    it('refuses an unpublished indicator to the public, while members may use it', async () => {
      const list = (await planner.request('GET', '/api/tenants/99001/atlas/indicators')).json() as {
        key: string;
        label: string;
        unit: string;
        formula: unknown;
        polarity: string;
        lifeDomain: string;
        description: string;
        methodNotes: string;
      }[];
      const { label, unit, formula, polarity, lifeDomain, description, methodNotes } = list.find(
        (i) => i.key === 'demo.kinderarmut',
      )!;
      const saved = await planner.request('PUT', '/api/tenants/99001/atlas/indicators/demo.kinderarmut', {
        body: { label, unit, formula, polarity, lifeDomain, description, methodNotes, published: false },
      });
      expect(saved.statusCode, saved.body).toBe(200);

      const asked = await anonymous.request(
        'GET',
        '/api/public/atlas/99001/composite-index?level=gemeinde&components=demo.sgb2_quote:1,demo.kinderarmut:1',
      );
      expect(asked.statusCode).toBe(404);
      expect(asked.headers['content-type']).toContain('application/problem+json');
      expect(asked.json()).toMatchObject({ detail: 'Diesen Indikator gibt es nicht oder er ist nicht veröffentlicht.' });
      // The public default is the saved index without it (and without naming it).
      const fallback = await anonymous.request('GET', '/api/public/atlas/99001/composite-index?level=gemeinde');
      expect(fallback.statusCode, fallback.body).toBe(200);
      const reduced = fallback.json() as Exploration;
      expect(reduced.components.map((c) => c.indicatorKey)).toEqual([
        'demo.sgb2_quote',
        'demo.arbeitslosenanteil',
        'demo.langzeitarbeitslose_anteil',
      ]);
      expect(reduced.saved!.components).toHaveLength(3);
      expect(reduced.notes).toContain('Nicht alle Indikatoren des gespeicherten Index sind veröffentlicht; hier fehlen sie.');
      expect(fallback.body).not.toContain('kinderarmut');
      // Variables are no indicators.
      const variable = await anonymous.request(
        'GET',
        '/api/public/atlas/99001/composite-index?level=gemeinde&components=demo.bevoelkerung:1',
      );
      expect(variable.statusCode).toBe(404);
      // An index of published indicators still works.
      const open = await anonymous.request(
        'GET',
        '/api/public/atlas/99001/composite-index?level=gemeinde&components=demo.sgb2_quote:1,demo.arbeitslosenanteil:1',
      );
      expect(open.statusCode, open.body).toBe(200);

      const internal = await planner.request('GET', '/api/tenants/99001/atlas/composite-index/explore?level=gemeinde');
      expect(internal.statusCode, internal.body).toBe(200);
      expect((internal.json() as Exploration).components.map((c) => c.indicatorKey)).toContain('demo.kinderarmut');
    });

    it('answers wrong input with German problems and keeps the members’ route closed to the anonymous', async () => {
      const malformed = await anonymous.request('GET', '/api/public/atlas/99001/composite-index?level=gemeinde&components=a;b');
      expect(malformed.statusCode).toBe(422);
      expect((malformed.json() as { detail: string }).detail).toContain('keine Angabe eines Indikators');
      const zero = await anonymous.request(
        'GET',
        '/api/public/atlas/99001/composite-index?level=gemeinde&components=demo.sgb2_quote:0',
      );
      expect(zero.statusCode).toBe(422);
      expect(zero.json()).toMatchObject({ detail: 'Die Summe der Gewichte muss größer als 0 sein.' });
      expect((await anonymous.request('GET', '/api/public/atlas/99001/composite-index?level=gemeinde&span=0')).statusCode).toBe(
        400,
      );
      expect((await anonymous.request('GET', '/api/public/atlas/16051/composite-index?level=gemeinde')).statusCode).toBe(404);
      expect((await anonymous.request('GET', '/api/tenants/99001/atlas/composite-index/explore?level=gemeinde')).statusCode).toBe(
        401,
      );
    });
  });
}
