import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';
import { importTableViaUpload, SMALL_COUNTS_CSV, SMALL_COUNTS_MAPPING } from '../support/table-import.ts';

interface Row {
  region: string;
  value: number | null;
  flag: string | null;
  class?: number | null;
}
interface Values {
  key: string;
  kind: string;
  rows: Row[];
  classification: { classes: { count: number }[] } | null;
  sources: { attribution: string }[];
  suppressed: number;
}
interface PublicIndicator {
  key: string;
  label: string;
  inputs: string[];
  periods: string[];
  sources: { variable: string; attribution: string }[];
}
interface TenantIndicator {
  key: string;
  label: string;
  unit: string;
  formula: unknown;
  polarity: string;
  lifeDomain: string;
  description: string;
  methodNotes: string;
  published: boolean;
  periods: string[];
}

const DEMO_PERIODS = Array.from({ length: 9 }, (_, i) => `${2016 + i}-12-31`);

for (const engine of ENGINES) {
  describe(`public atlas: published indicators for anonymous visitors, confidentiality, ETags [${engine}]`, () => {
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

    it('lists the demo municipality and its published indicators with periods and sources', async () => {
      const atlases = await anonymous.request('GET', '/api/public/atlas');
      expect(atlases.statusCode, atlases.body).toBe(200);
      expect(atlases.json()).toEqual([{ tenantKey: '99001', name: 'Landkreis Musterland' }]);

      const response = await anonymous.request('GET', '/api/public/atlas/99001/indicators');
      expect(response.statusCode, response.body).toBe(200);
      const list = response.json() as PublicIndicator[];
      expect(list).toHaveLength(11);
      for (const i of list) expect(i.periods).toEqual(DEMO_PERIODS);
      const kinderarmut = list.find((i) => i.key === 'demo.kinderarmut')!;
      expect(kinderarmut).toMatchObject({
        inputs: ['demo.alter_0_5', 'demo.alter_6_14', 'demo.sgb2_kinder_u15'],
        lifeDomain: 'einkommen_armut',
        polarity: 'higher_is_worse',
      });
      expect(kinderarmut.sources.map((s) => s.variable)).toEqual(kinderarmut.inputs);
      expect(kinderarmut.sources[0]!.attribution).toBe('Fiktive Demo-Daten „Landkreis Musterland“');
      // No formula and no publication flag for the public.
      expect(Object.keys(kinderarmut)).not.toContain('formula');
      expect(Object.keys(kinderarmut)).not.toContain('published');
    });

    it('gives planners the periods of every indicator in the tenant list', async () => {
      const list = (await planner.request('GET', '/api/tenants/99001/atlas/indicators')).json() as TenantIndicator[];
      expect(list.find((i) => i.key === 'demo.kinderarmut')!.periods).toEqual(DEMO_PERIODS);
    });

    it('reads the values of a published indicator with classes, exactly as the tenant route with confidentiality', async () => {
      const query = 'indicator=demo.kinderarmut&period=2024-12-31&level=gemeinde&breaks=quantile:4';
      const response = await anonymous.request('GET', `/api/public/atlas/99001/values?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=60');
      const values = response.json() as Values;
      expect(values).toMatchObject({ key: 'demo.kinderarmut', kind: 'indicator' });
      expect(values.rows).toHaveLength(14);
      expect(values.classification!.classes).toHaveLength(4);
      expect(values.classification!.classes.reduce((s, c) => s + c.count, 0)).toBe(14);
      const internal = await planner.request('GET', `/api/tenants/99001/atlas/values?${query}&geheimhaltung=true`);
      expect(values).toEqual(internal.json());
    });

    it('answers a repeated request with the same ETag by 304, and a different request with another ETag', async () => {
      const url = '/api/public/atlas/99001/values?indicator=demo.sgb2_quote&period=2024-12-31&level=kreis';
      const first = await anonymous.request('GET', url);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const again = await anonymous.request('GET', url, { headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      const weak = await anonymous.request('GET', url, { headers: { 'if-none-match': `"x", W/${etag}` } });
      expect(weak.statusCode).toBe(304);
      const other = await anonymous.request('GET', url.replace('2024-12-31', '2023-12-31'), {
        headers: { 'if-none-match': etag },
      });
      expect(other.statusCode).toBe(200);
      expect(other.headers.etag).not.toBe(etag);

      const shapes = '/api/public/atlas/99001/regions.geojson?level=gemeinde&zoom=8';
      const geo = await anonymous.request('GET', shapes);
      expect(geo.statusCode).toBe(200);
      expect(geo.headers['cache-control']).toBe('public, max-age=60');
      const cached = await anonymous.request('GET', shapes, { headers: { 'if-none-match': geo.headers.etag as string } });
      expect(cached.statusCode).toBe(304);
    });

    it('serves the region shapes of the atlas: 14 Gemeinden on the current Gebietsstand, the planning areas', async () => {
      const response = await anonymous.request('GET', '/api/public/atlas/99001/regions.geojson?level=gemeinde');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toContain('application/geo+json');
      const collection = response.json() as {
        type: string;
        features: { id: string; properties: { key: string; name: string; areaKm2: number } }[];
      };
      expect(collection.type).toBe('FeatureCollection');
      expect(collection.features).toHaveLength(14);
      const internal = await planner.request('GET', '/api/tenants/99001/atlas/regions.geojson?level=gemeinde');
      expect(collection).toEqual(internal.json());
      for (const f of collection.features) expect(f.id).toBe(f.properties.key);
      const areas = await anonymous.request('GET', '/api/public/atlas/99001/regions.geojson?level=planning_area');
      expect((areas.json() as { features: unknown[] }).features.length).toBeGreaterThan(0);
    });

    it('hides an indicator as soon as a planner unpublishes it; planners still see it', async () => {
      const list = (await planner.request('GET', '/api/tenants/99001/atlas/indicators')).json() as TenantIndicator[];
      const geburtenrate = list.find((i) => i.key === 'demo.geburtenrate')!;
      const url = '/api/public/atlas/99001/values?indicator=demo.geburtenrate&period=2024-12-31&level=gemeinde';
      expect((await anonymous.request('GET', url)).statusCode).toBe(200);
      const { label, unit, formula, polarity, lifeDomain, description, methodNotes } = geburtenrate;
      const saved = await planner.request('PUT', '/api/tenants/99001/atlas/indicators/demo.geburtenrate', {
        body: { label, unit, formula, polarity, lifeDomain, description, methodNotes, published: false },
      });
      expect(saved.statusCode, saved.body).toBe(200);

      const hidden = await anonymous.request('GET', url);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.headers['content-type']).toContain('application/problem+json');
      expect(hidden.json()).toMatchObject({ detail: 'Diesen Indikator gibt es nicht oder er ist nicht veröffentlicht.' });
      const publicList = (await anonymous.request('GET', '/api/public/atlas/99001/indicators')).json() as PublicIndicator[];
      expect(publicList.map((i) => i.key)).not.toContain('demo.geburtenrate');
      expect(publicList).toHaveLength(10);
      const tenantList = (await planner.request('GET', '/api/tenants/99001/atlas/indicators')).json() as TenantIndicator[];
      expect(tenantList.find((i) => i.key === 'demo.geburtenrate')).toMatchObject({ published: false });
    });

    it('always applies confidentiality for the public, while planners see the numbers', async () => {
      const imported = await importTableViaUpload(planner, '99001', 'faelle.csv', SMALL_COUNTS_CSV, SMALL_COUNTS_MAPPING);
      expect(imported.statusCode, imported.body).toBeLessThan(300);
      expect(imported.status).toBe('completed');
      const defined = await planner.request('PUT', '/api/tenants/99001/atlas/indicators/test.faelle_je_1000', {
        body: {
          label: 'Fälle je 1.000 Einwohner',
          unit: 'je 1.000',
          formula: { kind: 'ratio', numerator: 'test.faelle', denominator: 'test.einwohner', factor: 1000 },
          polarity: 'higher_is_worse',
          lifeDomain: 'teilhabe',
          published: true,
        },
      });
      expect(defined.statusCode, defined.body).toBe(200);

      const listed = (await anonymous.request('GET', '/api/public/atlas/99001/indicators')).json() as PublicIndicator[];
      expect(listed.find((i) => i.key === 'test.faelle_je_1000')!.periods).toEqual(['2024']);

      const query = 'indicator=test.faelle_je_1000&period=2024&level=gemeinde';
      const open = (await planner.request('GET', `/api/tenants/99001/atlas/values?${query}`)).json() as Values;
      expect(open.rows.find((r) => r.region === '99001001')!.value).toBeCloseTo(2.5, 10);
      expect(open.suppressed).toBe(0);

      const response = await anonymous.request('GET', `/api/public/atlas/99001/values?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const closed = response.json() as Values;
      const byKey = new Map(closed.rows.map((r) => [r.region, r]));
      // 2 is below the threshold; the next smallest cell (7) would reveal it through the Kreis total.
      expect(byKey.get('99001001')).toMatchObject({ value: null, flag: 'suppressed' });
      expect(byKey.get('99001002')).toMatchObject({ value: null, flag: 'suppressed' });
      expect(byKey.get('99001003')!.value).toBeCloseTo(15, 10);
      expect(byKey.get('99001004')!.value).toBeCloseTo((40 / 1200) * 1000, 10);
      expect(closed.suppressed).toBe(2);
      expect(response.body).not.toContain('"value":2.5');
    });

    it('reveals no variables, no unknown tenants and nothing of municipalities without a public atlas', async () => {
      const variable = await anonymous.request(
        'GET',
        '/api/public/atlas/99001/values?indicator=demo.bevoelkerung&period=2024-12-31&level=gemeinde',
      );
      expect(variable.statusCode).toBe(404);
      expect(variable.json()).toMatchObject({ detail: 'Diesen Indikator gibt es nicht oder er ist nicht veröffentlicht.' });
      expect(variable.body).not.toContain('Einwohner');
      const unknownIndicator = await anonymous.request(
        'GET',
        '/api/public/atlas/99001/values?indicator=gibt.es.nicht&period=2024-12-31&level=gemeinde',
      );
      expect(unknownIndicator.statusCode).toBe(404);
      for (const url of [
        '/api/public/atlas/16051/indicators',
        '/api/public/atlas/16051/values?indicator=demo.kinderarmut&period=2024-12-31&level=gemeinde',
        '/api/public/atlas/16051/regions.geojson?level=gemeinde',
        // The state organisation is no municipality and has no public atlas.
        '/api/public/atlas/99/indicators',
      ]) {
        const response = await anonymous.request('GET', url);
        expect(response.statusCode, url).toBe(404);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      // The level is required, and the tenant's variables route stays closed to the anonymous.
      expect(
        (await anonymous.request('GET', '/api/public/atlas/99001/values?indicator=demo.kinderarmut&period=2024-12-31'))
          .statusCode,
      ).toBe(400);
      expect((await anonymous.request('GET', '/api/tenants/99001/atlas/variables')).statusCode).toBe(401);
    });
  });
}

interface ProfileIndicator {
  key: string;
  period: string | null;
  value: number | null;
  flag: string | null;
  parentValue: number | null;
  rank: number | null;
  of: number;
  median: number | null;
  trend: { period: string; value: number | null; flag: string | null }[];
}
interface Profile {
  region: { key: string; name: string; level: string };
  parent: { key: string; name: string } | null;
  groups: { lifeDomain: string; indicators: ProfileIndicator[] }[];
  sources: { variable: string; attribution: string }[];
}

for (const engine of ENGINES) {
  describe(`public atlas: region profile (Steckbrief) [${engine}]`, () => {
    let t: TestApp;
    let anonymous: TestClient;

    beforeAll(async () => {
      t = await createTestApp(engine);
      anonymous = new TestClient(t.app);
    });
    afterAll(async () => {
      await t.close();
    });

    it('gives every published indicator of a Gemeinde by Lebenslage, with value, Kreis, rank, median and trend', async () => {
      const response = await anonymous.request('GET', '/api/public/atlas/99001/regions/99001001/profile');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=60');
      const profile = response.json() as Profile;
      expect(profile.region).toMatchObject({ key: '99001001', level: 'gemeinde' });
      expect(profile.region.name).not.toBe('99001001');
      expect(profile.parent).toEqual({ key: '99001', name: expect.any(String) as string });

      const published = (await anonymous.request('GET', '/api/public/atlas/99001/indicators')).json() as (PublicIndicator & {
        lifeDomain: string;
      })[];
      const all = profile.groups.flatMap((g) => g.indicators);
      expect(all).toHaveLength(11);
      expect(all.map((i) => i.key).sort()).toEqual(published.map((i) => i.key).sort());
      for (const group of profile.groups)
        for (const i of group.indicators)
          expect(published.find((p) => p.key === i.key)!.lifeDomain, i.key).toBe(group.lifeDomain);
      expect(new Set(profile.groups.map((g) => g.lifeDomain)).size).toBe(profile.groups.length);
      expect(profile.sources[0]!.attribution).toBe('Fiktive Demo-Daten „Landkreis Musterland“');

      const kinderarmut = all.find((i) => i.key === 'demo.kinderarmut')!;
      expect(kinderarmut.period).toBe('2024-12-31');
      expect(kinderarmut.trend.map((p) => p.period)).toEqual(DEMO_PERIODS);
      const values = (
        await anonymous.request(
          'GET',
          '/api/public/atlas/99001/values?indicator=demo.kinderarmut&period=2024-12-31&level=gemeinde',
        )
      ).json() as Values;
      const own = values.rows.find((r) => r.region === '99001001')!;
      expect(own.value).not.toBeNull();
      expect(kinderarmut.value).toBe(own.value);
      expect(kinderarmut.trend.at(-1)).toEqual({ period: '2024-12-31', value: own.value, flag: own.flag });
      const list = values.rows.filter((r) => r.value !== null).map((r) => r.value!);
      expect(kinderarmut.of).toBe(list.length);
      expect(kinderarmut.rank).toBe(1 + list.filter((v) => v > own.value!).length);
      const sorted = [...list].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      expect(kinderarmut.median).toBeCloseTo(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2, 10);
      const kreis = (
        await anonymous.request('GET', '/api/public/atlas/99001/values?indicator=demo.kinderarmut&period=2024-12-31&level=kreis')
      ).json() as Values;
      expect(kinderarmut.parentValue).toBe(kreis.rows.find((r) => r.region === '99001')!.value);
      const earlier = (
        await anonymous.request(
          'GET',
          '/api/public/atlas/99001/values?indicator=demo.kinderarmut&period=2016-12-31&level=gemeinde',
        )
      ).json() as Values;
      expect(kinderarmut.trend[0]!.value).toBe(earlier.rows.find((r) => r.region === '99001001')!.value);
    });

    it('answers an unknown region or municipality with a German 404', async () => {
      for (const url of [
        '/api/public/atlas/99001/regions/99009999/profile',
        '/api/public/atlas/99001/regions/16051000/profile',
        '/api/public/atlas/16051/regions/16051000/profile',
      ]) {
        const response = await anonymous.request('GET', url);
        expect(response.statusCode, url).toBe(404);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect((response.json() as { detail: string }).detail).toMatch(/gibt es/);
      }
      expect((await anonymous.request('GET', '/api/public/atlas/99001/regions/a%20b/profile')).statusCode).toBe(400);
    });
  });
}
