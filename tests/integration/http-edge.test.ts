import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../../src/server/app.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';

for (const engine of ENGINES) {
  describe(`HTTP edge: health, OpenAPI, logs [${engine}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine);
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers /healthz and /readyz with the engine', async () => {
      expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', database: engine });
      t.state.shuttingDown = true;
      const draining = await t.app.inject({ url: '/readyz' });
      t.state.shuttingDown = false;
      expect(draining.statusCode).toBe(503);
    });

    it('describes every API route in the OpenAPI document, generated from the route schemas', async () => {
      const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
        openapi: string;
        paths: Record<string, Record<string, { requestBody?: unknown; summary?: string }>>;
      };
      expect(doc.openapi).toBe('3.1.0');
      const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      );
      const registered = t.routes.filter((r) => r.url !== '/api/openapi.json').map((r) => `${r.method} ${r.url}`);
      expect(documented.sort()).toEqual(registered.sort());
      const login = doc.paths['/api/session/login']!.post!;
      expect(login.summary).toBe('Mit E-Mail-Adresse und Passwort anmelden');
      expect(JSON.stringify(login.requestBody)).toContain('"password"');
    });

    it('allows the configured basemap host in the Content-Security-Policy, and no foreign host without one', async () => {
      // The policy as directive → sources, e.g. { 'connect-src': "'self'" }.
      const csp = (response: { headers: Record<string, unknown> }) =>
        Object.fromEntries(
          String(response.headers['content-security-policy'])
            .split(';')
            .map((d) => d.trim().split(/\s+/))
            .map(([name, ...sources]) => [name, sources.join(' ')]),
        );
      const plain = csp(await t.app.inject({ url: '/api/meta' }));
      expect(plain['connect-src']).toBe("'self'");
      expect(plain['img-src']).toBe("'self' data: blob:");
      const withBasemap = await buildApp({
        ...t.ctx,
        config: {
          ...t.ctx.config,
          basemapStyleUrl: 'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json',
        },
      });
      try {
        const header = csp(await withBasemap.app.inject({ url: '/api/meta' }));
        expect(header['connect-src']).toBe("'self' https://sgx.geodatenzentrum.de");
        expect(header['img-src']).toBe("'self' data: blob: https://sgx.geodatenzentrum.de");
        expect(header['script-src'] ?? header['default-src']).not.toContain('geodatenzentrum');
      } finally {
        await withBasemap.app.close();
      }
    });

    it('serves the UI with the route’s chunks announced for the atlas, and compressed assets to browsers that accept them', async () => {
      // A small web build of our own: index.html, route-preloads.json and one asset with its brotli copy.
      const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-web-'));
      fs.mkdirSync(path.join(webDir, 'assets'));
      fs.writeFileSync(
        path.join(webDir, 'index.html'),
        '<!doctype html><html lang="de"><head><title>Planwerk</title>\n  </head><body><div id="root"></div></body></html>',
      );
      fs.writeFileSync(
        path.join(webDir, 'route-preloads.json'),
        JSON.stringify({
          routes: {
            '/atlas': {
              scripts: ['/assets/AtlasPage-abc.js', 'https://evil.example/x.js'],
              large: ['/assets/maplibre-xyz.js'],
              styles: ['/assets/map-1.css'],
            },
          },
        }),
      );
      const script = `export const text = ${JSON.stringify('Karte '.repeat(400))};\n`;
      fs.writeFileSync(path.join(webDir, 'assets', 'AtlasPage-abc.js'), script);
      fs.writeFileSync(path.join(webDir, 'assets', 'AtlasPage-abc.js.br'), zlib.brotliCompressSync(script));
      const web = await buildApp({ ...t.ctx, config: { ...t.ctx.config, webDir } });
      try {
        const atlas = await web.app.inject({ url: '/atlas?kommune=99001&ebene=gemeinde' });
        expect(atlas.statusCode).toBe(200);
        expect(atlas.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(atlas.headers['cache-control']).toBe('no-cache');
        const links = [...atlas.body.matchAll(/<link rel="([^"]+)"(?: as="(\w+)")? crossorigin href="([^"]+)">/g)].map((m) => [
          m[1],
          m[2] ?? null,
          m[3],
        ]);
        expect(links).toEqual([
          ['modulepreload', null, '/assets/AtlasPage-abc.js'],
          ['preload', 'script', '/assets/maplibre-xyz.js'],
          ['preload', 'style', '/assets/map-1.css'],
        ]);
        expect(atlas.body).not.toContain('evil.example');
        // Other client routes get the plain page.
        const account = await web.app.inject({ url: '/konto' });
        expect(account.statusCode).toBe(200);
        expect(account.body).toContain('<div id="root"></div>');
        expect(account.body).not.toContain('modulepreload');

        const compressed = await web.app.inject({ url: '/assets/AtlasPage-abc.js', headers: { 'accept-encoding': 'br, gzip' } });
        expect(compressed.headers['content-encoding']).toBe('br');
        expect(compressed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(zlib.brotliDecompressSync(compressed.rawPayload).toString()).toBe(script);
        const plain = await web.app.inject({ url: '/assets/AtlasPage-abc.js', headers: { 'accept-encoding': 'identity' } });
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.body).toBe(script);
      } finally {
        await web.app.close();
        fs.rmSync(webDir, { recursive: true, force: true });
      }
    });

    it('logs requests as JSON lines without passwords, session tokens or CSRF tokens', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(...chunk.toString().split('\n').filter(Boolean));
          callback();
        },
      });
      const logged = await buildApp(t.ctx, loggerOptions('info', stream));
      try {
        const client = new TestClient(logged.app);
        await client.logIn('admin@musterland.example', 'ein-falsches-passwort');
        const ok = await client.logIn('admin@musterland.example', DEMO_PASSWORD);
        expect(ok.statusCode).toBe(200);
        await client.request('POST', '/api/tenants/99001/members', { rawBody: '{kaputt' });
        const token = client.cookies.get('planwerk_session')!;
        const text = lines.join('\n');
        expect(lines.length).toBeGreaterThan(4);
        for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
        expect(text).toContain('Der Anfragekörper ist kein gültiges JSON.');
        expect(text).not.toContain(DEMO_PASSWORD);
        expect(text).not.toContain('ein-falsches-passwort');
        expect(text).not.toContain(token);
        expect(text).not.toContain(client.csrfToken);
      } finally {
        await logged.app.close();
      }
    });
  });
}
