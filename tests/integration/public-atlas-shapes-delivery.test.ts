import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimalsForZoom } from '../../src/domain/geometry/map-detail.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';

interface Collection {
  detail?: number | null;
  features: { id: string; geometry: { type: string; coordinates: unknown } }[];
}

/** Every coordinate of a collection. */
function coordinates(collection: Collection): number[] {
  const out: number[] = [];
  const visit = (c: unknown): void => {
    if (typeof c === 'number') out.push(c);
    else if (Array.isArray(c)) for (const child of c) visit(child);
  };
  for (const f of collection.features) visit(f.geometry.coordinates);
  return out;
}

const decimals = (v: number) => (String(v).split('.')[1] ?? '').length;
const SHAPES = '/api/public/atlas/99001/regions.geojson?level=gemeinde';
const VALUES = '/api/public/atlas/99001/values?indicator=demo.sgb2_quote&period=2024-12-31&level=gemeinde&breaks=quantile:5';

for (const engine of ENGINES) {
  describe(`public atlas: map shapes for the map's size, compressed answers [${engine}]`, () => {
    let t: TestApp;
    let visitor: TestClient;
    let planner: TestClient;

    beforeAll(async () => {
      t = await createTestApp(engine);
      visitor = new TestClient(t.app);
      planner = new TestClient(t.app);
      await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
    });
    afterAll(async () => {
      await t.close();
    });

    it('simplifies the Gemeinden for the zoom that fits them into the map, with rounded coordinates', async () => {
      const full = (await visitor.request('GET', SHAPES)).json() as Collection;
      expect(full.detail).toBeNull();
      const small = await visitor.request('GET', `${SHAPES}&fit=400x300`);
      expect(small.statusCode, small.body).toBe(200);
      expect(small.headers['content-type']).toContain('application/geo+json');
      const fitted = small.json() as Collection;
      expect(fitted.features.map((f) => f.id)).toEqual(full.features.map((f) => f.id));
      expect([6, 8, 10, 12]).toContain(fitted.detail);
      // The same shapes as asking for that zoom directly.
      const direct = await visitor.request('GET', `${SHAPES}&zoom=${fitted.detail}`);
      expect(small.body).toBe(direct.body);
      const places = decimalsForZoom(fitted.detail!);
      expect(Math.max(...coordinates(fitted).map(decimals))).toBeLessThanOrEqual(places);
      expect(coordinates(fitted).length).toBeLessThanOrEqual(coordinates(full).length);
      // A map eight times larger each way needs finer shapes (or the full ones).
      const large = (await visitor.request('GET', `${SHAPES}&fit=3200x2400`)).json() as Collection;
      expect(large.detail === null || large.detail! > fitted.detail!).toBe(true);
      // Members get the same shapes through the tenant API.
      const internal = await planner.request('GET', `/api/tenants/99001/atlas/regions.geojson?level=gemeinde&fit=400x300`);
      expect(internal.json()).toEqual(fitted);
      const wrong = await visitor.request('GET', `${SHAPES}&fit=400`);
      expect(wrong.statusCode).toBe(400);
    });

    it('sends kept answers compressed once ready, each coding with its own ETag, and revalidates any of them', async () => {
      for (const url of [VALUES, `${SHAPES}&fit=1280x480`]) {
        const plain = await visitor.request('GET', url);
        expect(plain.statusCode, plain.body).toBe(200);
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.headers.vary).toBe('Accept-Encoding');
        const etag = plain.headers.etag as string;
        // The compressed forms are made in the background after the first answer.
        let br = await visitor.request('GET', url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
        for (let i = 0; i < 200 && br.headers['content-encoding'] === undefined; i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          br = await visitor.request('GET', url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
        }
        expect(br.headers['content-encoding']).toBe('br');
        expect(br.headers.etag).toBe(`${etag.slice(0, -1)}-br"`);
        expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length);
        expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);

        const gz = await visitor.request('GET', url, { headers: { 'accept-encoding': 'br;q=0, gzip' } });
        expect(gz.headers['content-encoding']).toBe('gzip');
        expect(gz.headers.etag).toBe(`${etag.slice(0, -1)}-gz"`);
        expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);

        for (const held of [br.headers.etag as string, gz.headers.etag as string, etag]) {
          const again = await visitor.request('GET', url, {
            headers: { 'accept-encoding': 'gzip, br', 'if-none-match': `W/${held}` },
          });
          expect(again.statusCode).toBe(304);
          expect(again.headers.etag).toBe(held);
          expect(again.body).toBe('');
        }
      }
    });

    it('sends small answers and answers without a kept body uncompressed', async () => {
      // No Gemeinde in a box off the coast of Africa: an empty collection of a few bytes.
      const empty = `${SHAPES}&bbox=0,0,0.1,0.1`;
      const small = await visitor.request('GET', empty, { headers: { 'accept-encoding': 'br' } });
      expect(small.statusCode).toBe(200);
      expect(small.rawPayload.length).toBeLessThan(1024);
      const again = await visitor.request('GET', empty, { headers: { 'accept-encoding': 'br' } });
      expect(again.headers['content-encoding']).toBeUndefined();
      expect(again.body).toBe(small.body);
      const indicators = await visitor.request('GET', '/api/public/atlas/99001/indicators', {
        headers: { 'accept-encoding': 'br' },
      });
      expect(indicators.headers['content-encoding']).toBeUndefined();
      expect(indicators.json()).toBeInstanceOf(Array);
    });
  });
}
