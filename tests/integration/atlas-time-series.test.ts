import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoSecrets } from '../../src/adapters/secrets.ts';
import { inTransaction } from '../../src/db/repositories/index.ts';
import { addMember } from '../../src/use-cases/tenancy/add-member.ts';
import { createTenant } from '../../src/use-cases/tenancy/create-tenant.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, testHasher, type TestApp } from '../support/server.ts';
import { importTableViaUpload, SMALL_COUNTS_CSV, SMALL_COUNTS_MAPPING } from '../support/table-import.ts';

interface Row {
  region: string;
  name: string | null;
  value: number | null;
  flag: string | null;
  missing?: string;
}
interface Values {
  territoryDate: string;
  rows: Row[];
}
interface Point {
  period: string;
  value: number | null;
  flag: string | null;
  missing?: string;
}
interface Series {
  region: string;
  name: string | null;
  role: 'region' | 'parent';
  parent: string | null;
  points: Point[];
}
interface TimeSeries {
  key: string;
  label: string;
  unit: string;
  level: string;
  territoryDate: string | null;
  periods: string[];
  series: Series[];
  sources: { variable: string; attribution: string }[];
  suppressed: number;
}

const DEMO_PERIODS = Array.from({ length: 9 }, (_, i) => `${2016 + i}-12-31`);
/** The successor of the demo's 2023 merger (99001011 + 99001012). */
const MERGED = '99001016';

for (const engine of ENGINES) {
  describe(`atlas time series: an indicator over all periods for regions and their Kreis [${engine}]`, () => {
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

    const values = async (client: TestClient, base: string, query: string): Promise<Values> => {
      const response = await client.request('GET', `${base}/values?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as Values;
    };

    it('gives each period exactly the value of the values read on the same Gebietsstand, for the regions and the Kreis', async () => {
      const url = `/api/public/atlas/99001/time-series?indicator=demo.kinderarmut&level=gemeinde&regions=99001001,${MERGED}`;
      const response = await anonymous.request('GET', url);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=60');
      const series = response.json() as TimeSeries;
      expect(series).toMatchObject({ key: 'demo.kinderarmut', level: 'gemeinde', unit: '%', territoryDate: '2024-12-31' });
      expect(series.periods).toEqual(DEMO_PERIODS);
      expect(series.series.map((s) => [s.region, s.role, s.parent])).toEqual([
        ['99001001', 'region', '99001'],
        [MERGED, 'region', '99001'],
        ['99001', 'parent', null],
      ]);
      expect(series.sources[0]!.attribution).toBe('Fiktive Demo-Daten „Landkreis Musterland“');

      for (const period of DEMO_PERIODS) {
        const query = `indicator=demo.kinderarmut&period=${period}&gebietsstand=2024-12-31`;
        const gemeinden = await values(anonymous, '/api/public/atlas/99001', `${query}&level=gemeinde`);
        const kreis = await values(anonymous, '/api/public/atlas/99001', `${query}&level=kreis`);
        for (const s of series.series) {
          const rows = s.role === 'parent' ? kreis.rows : gemeinden.rows;
          const row = rows.find((r) => r.region === s.region)!;
          const point = s.points.find((p) => p.period === period)!;
          expect(point.value, `${s.region} ${period}`).toBe(row.value);
          expect(point.value, `${s.region} ${period}`).not.toBeNull();
          if (s.role === 'region') expect(s.name).toBe(row.name);
        }
      }
      // The merged Gemeinde has one line back to 2016 (converted to the 2024 Gebietsstand) …
      const merged = series.series.find((s) => s.region === MERGED)!;
      expect(merged.points[0]!.value).toBeGreaterThan(0);
      // … while on its own Gebietsstand 2016 it did not exist yet.
      const own2016 = await values(
        anonymous,
        '/api/public/atlas/99001',
        'indicator=demo.kinderarmut&period=2016-12-31&level=gemeinde',
      );
      expect(own2016.rows.map((r) => r.region)).not.toContain(MERGED);

      // ETag: the same request again is a 304 without a body.
      const again = await anonymous.request('GET', url, { headers: { 'if-none-match': response.headers.etag as string } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      // Members read the same through the tenant API (with confidentiality on request).
      const internal = await planner.request(
        'GET',
        `${url.replace('/api/public/atlas/99001', '/api/tenants/99001/atlas')}&geheimhaltung=true`,
      );
      expect(internal.statusCode, internal.body).toBe(200);
      expect(internal.json()).toEqual(series);
    });

    it('follows an earlier Gebietsstand on request: a Gemeinde merged in 2023 has values up to 2022', async () => {
      const response = await anonymous.request(
        'GET',
        '/api/public/atlas/99001/time-series?indicator=demo.kinderarmut&level=gemeinde&regions=99001011&gebietsstand=2020-12-31',
      );
      expect(response.statusCode, response.body).toBe(200);
      const series = response.json() as TimeSeries;
      expect(series.territoryDate).toBe('2020-12-31');
      const points = series.series[0]!.points;
      for (const p of points.slice(0, 7)) {
        const v = await values(
          anonymous,
          '/api/public/atlas/99001',
          `indicator=demo.kinderarmut&period=${p.period}&level=gemeinde&gebietsstand=2020-12-31`,
        );
        expect(p.value, p.period).toBe(v.rows.find((r) => r.region === '99001011')!.value);
        expect(p.value).not.toBeNull();
      }
      expect(points.slice(7)).toEqual([
        { period: '2023-12-31', value: null, flag: 'missing', missing: 'kein Wert' },
        { period: '2024-12-31', value: null, flag: 'missing', missing: 'kein Wert' },
      ]);
      // On the default Gebietsstand (the end of 2024) it no longer exists.
      const gone = await anonymous.request(
        'GET',
        '/api/public/atlas/99001/time-series?indicator=demo.kinderarmut&level=gemeinde&regions=99001011',
      );
      expect(gone.statusCode).toBe(404);
    });

    it('computes the Kreis line from the summed numerators and denominators, not from the Gemeinden’ rates', async () => {
      const response = await planner.request(
        'GET',
        '/api/tenants/99001/atlas/time-series?indicator=demo.auslaenderanteil&level=gemeinde&regions=99001003',
      );
      expect(response.statusCode, response.body).toBe(200);
      const series = response.json() as TimeSeries;
      const kreis = series.series.find((s) => s.role === 'parent')!;
      expect(kreis.region).toBe('99001');
      for (const period of ['2016-12-31', '2024-12-31']) {
        const sum = async (variable: string) => {
          const v = await values(planner, '/api/tenants/99001/atlas', `variable=${variable}&period=${period}&level=gemeinde`);
          const gemeinden = v.rows.filter((r) => r.region.length === 8);
          expect(gemeinden.length).toBeGreaterThanOrEqual(14);
          return gemeinden.reduce((s, r) => s + r.value!, 0);
        };
        const expected = ((await sum('demo.auslaender')) / (await sum('demo.bevoelkerung'))) * 100;
        expect(kreis.points.find((p) => p.period === period)!.value).toBeCloseTo(expected, 9);
      }
      const gemeinden2024 = await values(
        planner,
        '/api/tenants/99001/atlas',
        'indicator=demo.auslaenderanteil&period=2024-12-31&level=gemeinde',
      );
      const rates = gemeinden2024.rows.map((r) => r.value!);
      const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
      expect(Math.abs(kreis.points.at(-1)!.value! - mean)).toBeGreaterThan(1e-6);
    });

    it('keeps suppressed values suppressed for the public; members see them, or not with geheimhaltung', async () => {
      const imported = await importTableViaUpload(planner, '99001', 'faelle.csv', SMALL_COUNTS_CSV, SMALL_COUNTS_MAPPING);
      expect(imported.status, imported.body).toBe('completed');
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

      const path = '/time-series?indicator=test.faelle_je_1000&level=gemeinde&regions=99001001,99001003';
      const response = await anonymous.request('GET', `/api/public/atlas/99001${path}`);
      expect(response.statusCode, response.body).toBe(200);
      const closed = response.json() as TimeSeries;
      expect(closed.periods).toEqual(['2024']);
      const byKey = new Map(closed.series.map((s) => [s.region, s.points[0]!]));
      expect(byKey.get('99001001')).toMatchObject({ value: null, flag: 'suppressed' });
      expect(byKey.get('99001003')!.value).toBeCloseTo(15, 10);
      // The Kreis as in the values read of its level (missing: most Gemeinden have no cases recorded).
      const kreisValues = await values(
        anonymous,
        '/api/public/atlas/99001',
        'indicator=test.faelle_je_1000&period=2024&level=kreis',
      );
      const kreisRow = kreisValues.rows.find((r) => r.region === '99001');
      expect(kreisRow!.flag).toBe('missing');
      expect(byKey.get('99001')).toEqual({ period: '2024', value: null, flag: 'missing', missing: kreisRow!.missing });
      expect(closed.suppressed).toBe(1);
      expect(response.body).not.toContain('2.5');
      const publicValues = await values(
        anonymous,
        '/api/public/atlas/99001',
        'indicator=test.faelle_je_1000&period=2024&level=gemeinde',
      );
      expect(publicValues.rows.find((r) => r.region === '99001001')).toMatchObject({ value: null, flag: 'suppressed' });

      const open = (await planner.request('GET', `/api/tenants/99001/atlas${path}`)).json() as TimeSeries;
      expect(open.series[0]!.points[0]!.value).toBeCloseTo(2.5, 10);
      expect(open.suppressed).toBe(0);
      const protectedForMembers = await planner.request('GET', `/api/tenants/99001/atlas${path}&geheimhaltung=true`);
      expect(protectedForMembers.json()).toEqual(closed);
    });

    it('keeps each period on its own Gebietsstand when an input is no count (it cannot follow the 2023 merger)', async () => {
      const csv = ['ags;jahr;alter', '99001001;2022;44,5', '99001001;2024;45,25', '99001011;2022;47', '99001016;2024;46'].join(
        '\n',
      );
      const mapping = {
        keyColumn: 'ags',
        periodColumn: 'jahr',
        variables: [
          { column: 'alter', key: 'test.durchschnittsalter', label: 'Durchschnittsalter', unit: 'Jahre', additive: false },
        ],
      };
      const imported = await importTableViaUpload(planner, '99001', 'alter.csv', csv, mapping);
      expect(imported.status, imported.body).toBe('completed');
      const defined = await planner.request('PUT', '/api/tenants/99001/atlas/indicators/test.alter', {
        body: {
          label: 'Durchschnittsalter',
          unit: 'Jahre',
          formula: { kind: 'expression', source: 'test.durchschnittsalter * 1' },
          polarity: 'neutral',
          lifeDomain: 'demografie',
          published: true,
        },
      });
      expect(defined.statusCode, defined.body).toBe(200);

      for (const suffix of ['', '&gebietsstand=2024-12-31']) {
        const response = await anonymous.request(
          'GET',
          `/api/public/atlas/99001/time-series?indicator=test.alter&level=gemeinde&regions=99001001,99001016${suffix}`,
        );
        expect(response.statusCode, response.body).toBe(200);
        const series = response.json() as TimeSeries;
        expect(series.territoryDate).toBeNull();
        expect(series.periods).toEqual(['2022', '2024']);
        expect(series.series[0]!.points.map((p) => p.value)).toEqual([44.5, 45.25]);
        // The successor did not exist in 2022; its predecessors are not summed (an average age is no count).
        expect(series.series[1]!.points.map((p) => p.value)).toEqual([null, 46]);
        for (const period of series.periods) {
          const own = await values(anonymous, '/api/public/atlas/99001', `indicator=test.alter&period=${period}&level=gemeinde`);
          const row = own.rows.find((r) => r.region === '99001001')!;
          expect(series.series[0]!.points.find((p) => p.period === period)!.value).toBe(row.value);
        }
      }
      // Without the fallback the values read on the later Gebietsstand refuses the conversion.
      const converted = await anonymous.request(
        'GET',
        '/api/public/atlas/99001/values?indicator=test.alter&period=2022&level=gemeinde&gebietsstand=2024-12-31',
      );
      expect(converted.statusCode).toBe(422);
    });

    it('names the parent of a kreisfreie Stadt after the municipality when its Kreis has no region record', async () => {
      const password = 'Zeitreihe-Erfurt-2026';
      await inTransaction(t.ctx.db, async (r) => {
        const deps = { ...r, hasher: testHasher, secrets: cryptoSecrets, clock: t.ctx.clock };
        const system = { kind: 'system' as const, label: 'Test' };
        await createTenant(deps, system, { key: '16051', name: 'Landeshauptstadt Erfurt', kind: 'kreisfreie_stadt' });
        await addMember(deps, system, { tenantKey: '16051', email: 'planung@erfurt.example', role: 'planner', password });
      });
      const erfurt = new TestClient(t.app);
      await erfurt.logIn('planung@erfurt.example', password);
      const csv = ['ags;jahr;a;b', '16051000;2022;5;200', '16051000;2023;6;200'].join('\n');
      const mapping = {
        keyColumn: 'ags',
        periodColumn: 'jahr',
        variables: [
          { column: 'a', key: 'ef.a', label: 'A', unit: 'Anzahl', additive: true },
          { column: 'b', key: 'ef.b', label: 'B', unit: 'Anzahl', additive: true },
        ],
      };
      const imported = await importTableViaUpload(erfurt, '16051', 'erfurt.csv', csv, mapping);
      expect(imported.status, imported.body).toBe('completed');
      const defined = await erfurt.request('PUT', '/api/tenants/16051/atlas/indicators/ef.quote', {
        body: {
          label: 'Quote',
          unit: '%',
          formula: { kind: 'ratio', numerator: 'ef.a', denominator: 'ef.b', factor: 100 },
          polarity: 'neutral',
          lifeDomain: 'teilhabe',
          published: true,
        },
      });
      expect(defined.statusCode, defined.body).toBe(200);
      const response = await anonymous.request(
        'GET',
        '/api/public/atlas/16051/time-series?indicator=ef.quote&level=gemeinde&regions=16051000',
      );
      expect(response.statusCode, response.body).toBe(200);
      const series = response.json() as TimeSeries;
      const own = await values(anonymous, '/api/public/atlas/16051', 'indicator=ef.quote&period=2023&level=gemeinde');
      const kreis = await values(anonymous, '/api/public/atlas/16051', 'indicator=ef.quote&period=2023&level=kreis');
      expect(kreis.rows.find((r) => r.region === '16051')!.name).toBeNull();
      expect(series.series.map((s) => [s.region, s.role, s.name])).toEqual([
        ['16051000', 'region', own.rows.find((r) => r.region === '16051000')!.name],
        ['16051', 'parent', 'Landeshauptstadt Erfurt'],
      ]);
      expect(series.series[1]!.points.map((p) => p.value)).toEqual([2.5, 3]);
    });

    it('answers an unpublished indicator with 404 for the anonymous, while planners still read it', async () => {
      const list = (await planner.request('GET', '/api/tenants/99001/atlas/indicators')).json() as Record<string, unknown>[];
      const { label, unit, formula, polarity, lifeDomain, description, methodNotes } = list.find(
        (i) => i.key === 'demo.geburtenrate',
      )!;
      const hide = await planner.request('PUT', '/api/tenants/99001/atlas/indicators/demo.geburtenrate', {
        body: { label, unit, formula, polarity, lifeDomain, description, methodNotes, published: false },
      });
      expect(hide.statusCode, hide.body).toBe(200);
      const path = '/time-series?indicator=demo.geburtenrate&level=gemeinde&regions=99001001';
      const hidden = await anonymous.request('GET', `/api/public/atlas/99001${path}`);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.headers['content-type']).toContain('application/problem+json');
      expect(hidden.json()).toMatchObject({ detail: 'Diesen Indikator gibt es nicht oder er ist nicht veröffentlicht.' });
      const internal = await planner.request('GET', `/api/tenants/99001/atlas${path}`);
      expect(internal.statusCode, internal.body).toBe(200);
      expect((internal.json() as TimeSeries).series[0]!.points).toHaveLength(9);
      // Variables are never readable through the public series, nor other municipalities.
      expect(
        (
          await anonymous.request(
            'GET',
            '/api/public/atlas/99001/time-series?indicator=demo.bevoelkerung&level=gemeinde&regions=99001001',
          )
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await anonymous.request(
            'GET',
            '/api/public/atlas/16051/time-series?indicator=demo.kinderarmut&level=gemeinde&regions=99001001',
          )
        ).statusCode,
      ).toBe(404);
    });

    it('uses the municipality as the parent of planning areas, none on the Kreis level; rejects unknown and too many regions', async () => {
      const kreis = (
        await anonymous.request('GET', '/api/public/atlas/99001/time-series?indicator=demo.sgb2_quote&level=kreis&regions=99001')
      ).json() as TimeSeries;
      expect(kreis.series.map((s) => [s.region, s.role, s.parent])).toEqual([['99001', 'region', null]]);

      const areas = await values(
        anonymous,
        '/api/public/atlas/99001',
        'indicator=demo.sgb2_quote&period=2024-12-31&level=planning_area',
      );
      const area = areas.rows[0]!.region;
      const planning = (
        await anonymous.request(
          'GET',
          `/api/public/atlas/99001/time-series?indicator=demo.sgb2_quote&level=planning_area&regions=${area}`,
        )
      ).json() as TimeSeries;
      expect(planning.series.map((s) => [s.region, s.role])).toEqual([
        [area, 'region'],
        ['99001', 'parent'],
      ]);
      expect(planning.series[0]!.points.at(-1)!.value).toBe(areas.rows[0]!.value);

      const unknown = await anonymous.request(
        'GET',
        '/api/public/atlas/99001/time-series?indicator=demo.sgb2_quote&level=gemeinde&regions=99001999',
      );
      expect(unknown.statusCode).toBe(404);
      expect((unknown.json() as { detail: string }).detail).toBe('Das Gebiet „99001999“ gibt es auf dieser Ebene nicht.');
      const many = Array.from({ length: 11 }, (_, i) => `990010${String(i + 1).padStart(2, '0')}`).join(',');
      const tooMany = await anonymous.request(
        'GET',
        `/api/public/atlas/99001/time-series?indicator=demo.sgb2_quote&level=gemeinde&regions=${many}`,
      );
      expect(tooMany.statusCode).toBe(422);
      expect(
        (
          await anonymous.request(
            'GET',
            '/api/public/atlas/99001/time-series?indicator=demo.sgb2_quote&level=gemeinde&regions=a%20b',
          )
        ).statusCode,
      ).toBe(400);
    });
  });
}
