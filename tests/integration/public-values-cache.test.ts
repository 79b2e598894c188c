import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { publicValuesCacheFor } from '../../src/db/repositories/data-version.repository.ts';
import { createTestDatabase, ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';
import { importTableViaUpload, SMALL_COUNTS_CSV, SMALL_COUNTS_MAPPING } from '../support/table-import.ts';

interface Values {
  rows: { region: string; value: number | null; flag: string | null }[];
}

const URL_4 = '/api/public/atlas/99001/values?indicator=test.faelle_je_1000&period=2024&level=gemeinde';
const INDICATOR = {
  label: 'Fälle je 1.000 Einwohner',
  unit: 'je 1.000',
  formula: { kind: 'ratio', numerator: 'test.faelle', denominator: 'test.einwohner', factor: 1000 },
  polarity: 'higher_is_worse',
  lifeDomain: 'teilhabe',
  published: true,
};

/** The public value of a Gemeinde (null when hidden), read anonymously. */
async function valueOf(client: TestClient, region: string): Promise<number | null> {
  const response = await client.request('GET', URL_4);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as Values).rows.find((r) => r.region === region)?.value ?? null;
}

/** Imports the small counts table (optionally with one changed line) as the planner; returns the import id. */
async function importCounts(planner: TestClient, csv: string): Promise<number> {
  const imported = await importTableViaUpload(planner, '99001', 'faelle.csv', csv, SMALL_COUNTS_MAPPING);
  expect(imported.status, imported.body).toBe('completed');
  const list = (await planner.request('GET', '/api/tenants/99001/imports')).json() as { id: number }[];
  return Math.max(...list.map((i) => i.id));
}

for (const engine of ENGINES) {
  describe(`public values cache: served from memory, never stale after a change [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;
    let anonymous: TestClient;

    beforeAll(async () => {
      t = await createTestApp(engine);
      planner = new TestClient(t.app);
      await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
      anonymous = new TestClient(t.app);
      await importCounts(planner, SMALL_COUNTS_CSV);
      const defined = await planner.request('PUT', '/api/tenants/99001/atlas/indicators/test.faelle_je_1000', {
        body: INDICATOR,
      });
      expect(defined.statusCode, defined.body).toBe(200);
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers a second read from the cache with the same body and ETag', async () => {
      const cache = publicValuesCacheFor(t.ctx.db);
      const first = await anonymous.request('GET', URL_4);
      expect(first.statusCode, first.body).toBe(200);
      const before = { ...cache.stats };
      const second = await anonymous.request('GET', URL_4);
      expect(cache.stats.hits).toBe(before.hits + 1);
      expect(cache.stats.misses).toBe(before.misses);
      expect(second.body).toBe(first.body);
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(cache.size().entries).toBeGreaterThanOrEqual(1);
      // 40 cases among 1,200 inhabitants.
      expect((second.json() as Values).rows.find((r) => r.region === '99001004')!.value).toBeCloseTo((40 / 1200) * 1000, 10);
    });

    it('returns the new values after an import, and the old ones after its rollback', async () => {
      expect(await valueOf(anonymous, '99001004')).toBeCloseTo((40 / 1200) * 1000, 10);
      const etag = (await anonymous.request('GET', URL_4)).headers.etag as string;
      const corrected = SMALL_COUNTS_CSV.replace('99001004;2024;40;1200', '99001004;2024;60;1200');
      const importId = await importCounts(planner, corrected);
      expect(await valueOf(anonymous, '99001004')).toBeCloseTo(50, 10);
      const after = await anonymous.request('GET', URL_4, { headers: { 'if-none-match': etag } });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(etag);

      const rolledBack = await planner.request('POST', `/api/tenants/99001/imports/${importId}/rollback`);
      expect(rolledBack.statusCode, rolledBack.body).toBe(200);
      expect(await valueOf(anonymous, '99001004')).toBeCloseTo((40 / 1200) * 1000, 10);
    });

    it('follows a change of the indicator and its withdrawal and re-publication', async () => {
      expect(await valueOf(anonymous, '99001003')).toBeCloseTo(15, 10);
      const per100 = { ...INDICATOR, formula: { ...INDICATOR.formula, factor: 100 } };
      const changed = await planner.request('PUT', '/api/tenants/99001/atlas/indicators/test.faelle_je_1000', { body: per100 });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(await valueOf(anonymous, '99001003')).toBeCloseTo(1.5, 10);

      await planner.request('PUT', '/api/tenants/99001/atlas/indicators/test.faelle_je_1000', {
        body: { ...per100, published: false },
      });
      expect((await anonymous.request('GET', URL_4)).statusCode).toBe(404);
      await planner.request('PUT', '/api/tenants/99001/atlas/indicators/test.faelle_je_1000', { body: INDICATOR });
      expect(await valueOf(anonymous, '99001003')).toBeCloseTo(15, 10);
    });

    it('keeps a rolled-back change out of the cache (the version only moves on commit)', async () => {
      const cache = publicValuesCacheFor(t.ctx.db);
      const version = await cache.currentVersion();
      await t.ctx.db
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('observations').set({ value: 999 }).where('region_key', '=', '99001003').execute();
          throw new Error('abort');
        })
        .catch(() => undefined);
      expect(await cache.currentVersion()).toBe(version);
      expect(await valueOf(anonymous, '99001003')).toBeCloseTo(15, 10);
    });
  });
}

for (const engine of ENGINES.filter((e) => e === 'postgres')) {
  describe(`public values cache: two app instances on one database see each other's changes [${engine}]`, () => {
    let first: Database;
    let second: Database;
    let a: TestApp;
    let b: TestApp;

    beforeAll(async () => {
      first = await createTestDatabase(engine);
      const name = (
        await first.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow()
      ).name;
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      second = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 2 });
      a = await createTestApp(engine, { database: first });
      b = await createTestApp(engine, { database: second });
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
      await second?.close();
      await first?.close();
    });

    it('an instance serves the values another instance changed, not its cached ones', async () => {
      const plannerA = new TestClient(a.app);
      await plannerA.logIn('planung@musterland.example', DEMO_PASSWORD);
      const visitorB = new TestClient(b.app);
      await importCounts(plannerA, SMALL_COUNTS_CSV);
      await plannerA.request('PUT', '/api/tenants/99001/atlas/indicators/test.faelle_je_1000', { body: INDICATOR });
      expect(await valueOf(visitorB, '99001003')).toBeCloseTo(15, 10);
      expect(await valueOf(visitorB, '99001003')).toBeCloseTo(15, 10);
      expect(publicValuesCacheFor(b.ctx.db).stats.hits).toBeGreaterThanOrEqual(1);

      const corrected = SMALL_COUNTS_CSV.replace('99001003;2024;15;1000', '99001003;2024;25;1000');
      await importCounts(plannerA, corrected);
      expect(await valueOf(visitorB, '99001003')).toBeCloseTo(25, 10);
      expect(publicValuesCacheFor(a.ctx.db)).not.toBe(publicValuesCacheFor(b.ctx.db));
    });
  });
}
