import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicShapesCacheFor } from '../../src/db/repositories/data-version.repository.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';

interface Collection {
  features: { id: string; properties: { name: string } }[];
}

for (const engine of ENGINES) {
  describe(`public region shapes: cached per data version [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;
    let visitor: TestClient;
    const areas = '/api/public/atlas/99001/regions.geojson?level=planning_area&gebietsstand=2030-01-01';
    beforeAll(async () => {
      t = await createTestApp(engine);
      planner = new TestClient(t.app);
      visitor = new TestClient(t.app);
      await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers a repeated request from the cache with the same body and ETag', async () => {
      const cache = publicShapesCacheFor(t.ctx.db);
      const first = await visitor.request('GET', areas);
      expect(first.statusCode).toBe(200);
      const hits = cache.stats.hits;
      const second = await visitor.request('GET', areas);
      expect(cache.stats.hits).toBe(hits + 1);
      expect(second.body).toBe(first.body);
      expect(second.headers.etag).toBe(first.headers.etag);
      expect((first.json() as Collection).features.map((f) => f.id)).toEqual([
        '99001-SR1',
        '99001-SR2',
        '99001-SR3',
        '99001-SR4',
      ]);
    });

    it('shows a new planning area at the next request after it was defined, and not after it was removed', async () => {
      const before = await visitor.request('GET', areas);
      const created = await planner.request('POST', '/api/tenants/99001/planning-areas', {
        body: { code: 'X1', name: 'Neuer Sozialraum', members: ['99001001'] },
      });
      expect(created.statusCode, created.body).toBe(201);
      const after = await visitor.request('GET', areas);
      const names = (after.json() as Collection).features.map((f) => f.properties.name);
      expect(names).toContain('Neuer Sozialraum');
      expect(after.headers.etag).not.toBe(before.headers.etag);
      const removed = await planner.request('DELETE', '/api/tenants/99001/planning-areas/X1');
      expect(removed.statusCode, removed.body).toBeLessThan(300);
      const again = await visitor.request('GET', areas);
      expect((again.json() as Collection).features.map((f) => f.properties.name)).not.toContain('Neuer Sozialraum');
    });
  });
}
