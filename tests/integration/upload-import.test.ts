import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');

interface ImportStatus {
  id: number;
  status: string;
  fileName: string;
  error: string | null;
  counts: { observations: number; variables: number } | null;
}

for (const engine of ENGINES) {
  describe(`upload and import through the API [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;

    const waitFor = async (importId: number): Promise<ImportStatus> => {
      for (let i = 0; i < 300; i++) {
        const status = (await planner.request('GET', `/api/tenants/99001/imports/${importId}`)).json() as ImportStatus;
        if (status.status !== 'running') return status;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`import ${importId} did not finish`);
    };

    beforeAll(async () => {
      t = await createTestApp(engine, {
        env: { PLANWERK_UPLOAD_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-up-')), PLANWERK_UPLOAD_LIMIT_MB: '1' },
      });
      planner = new TestClient(t.app);
      await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
    });
    afterAll(async () => {
      await t.close();
    });

    it('imports a GENESIS table in the background and reports it in the history', async () => {
      const file = fs.readFileSync(
        path.join(DATA, 'statistics/regionalstatistik_raw/11111-01-01-4_gebietsflaeche_2018_kreise.csv'),
      );
      const response = await planner.upload('/api/tenants/99001/imports', '11111-01-01-4_gebietsflaeche_2018_kreise.csv', file);
      expect(response.statusCode).toBe(202);
      const started = response.json() as { status: string; importId: number; format: string };
      expect(started).toMatchObject({ status: 'started', format: 'genesis' });
      const done = await waitFor(started.importId);
      expect(done).toMatchObject({ status: 'completed', fileName: '11111-01-01-4_gebietsflaeche_2018_kreise.csv' });
      expect(done.counts!.observations).toBeGreaterThan(500);
      const history = (await planner.request('GET', '/api/tenants/99001/imports')).json() as ImportStatus[];
      expect(history.map((h) => h.id)).toContain(started.importId);
    });

    it('asks for a column mapping for a generic CSV, previews it, imports it and can roll it back', async () => {
      const file = fs.readFileSync(path.join(DATA, 'seed-kreisprofile-thueringen.csv'));
      const uploaded = (await planner.upload('/api/tenants/99001/imports', 'kreisprofile.csv', file)).json() as {
        status: string;
        uploadId: string;
        inspection: { suggestedMapping: Record<string, unknown>; columns: { name: string }[] };
      };
      expect(uploaded.status).toBe('needs-mapping');
      expect(uploaded.inspection.columns.map((c) => c.name)).toContain('indicator_key');
      const mapping = { ...uploaded.inspection.suggestedMapping, nameColumn: 'gebietskoerperschaft' };
      const preview = (
        await planner.request('POST', `/api/tenants/99001/uploads/${uploaded.uploadId}/preview`, { body: { mapping } })
      ).json() as {
        observations: number;
        regions: number;
        sample: { region: string }[];
      };
      expect(preview.regions).toBe(15);
      // One observation per data row of the file (180 rows, 12 indicators × 15 Kreise).
      expect(preview.observations).toBe(180);
      expect(preview.sample[0]!.region).toMatch(/^160\d\d$/);
      const started = (
        await planner.request('POST', `/api/tenants/99001/uploads/${uploaded.uploadId}/import`, { body: { mapping } })
      ).json() as {
        importId: number;
      };
      const done = await waitFor(started.importId);
      expect(done).toMatchObject({ status: 'completed', counts: expect.objectContaining({ observations: 180 }) });
      // The same file through the mapping step again: recognised, nothing changes, nothing breaks.
      const again = (await planner.upload('/api/tenants/99001/imports', 'kreisprofile-kopie.csv', file)).json() as {
        uploadId: string;
      };
      const repeat = (
        await planner.request('POST', `/api/tenants/99001/uploads/${again.uploadId}/import`, { body: { mapping } })
      ).json() as {
        importId: number;
      };
      expect(repeat.importId).toBe(started.importId);
      await new Promise((r) => setTimeout(r, 300));
      const rolledBack = await planner.request('POST', `/api/tenants/99001/imports/${started.importId}/rollback`);
      expect(rolledBack.json()).toEqual({ deleted: 180, restored: 0 });
      expect(
        ((await planner.request('GET', `/api/tenants/99001/imports/${started.importId}`)).json() as ImportStatus).status,
      ).toBe('rolled_back');
    });

    it('records a broken file as failed with a German message naming line and column, and stores nothing', async () => {
      const broken = Buffer.from(
        'GENESIS-Tabelle: 99999-01-01-4\r\nTestwerte - Stichtag 31.12. -;;;\r\nregionale Tiefe: Kreise;;;\r\n;;;Anzahl\r\n;;;Anzahl\r\n31.12.2020;16051;Erfurt;123\r\n31.12.2020;16052;Gera;12a\r\n',
        'latin1',
      );
      const response = await planner.upload('/api/tenants/99001/imports', 'kaputt.csv', broken);
      expect(response.statusCode).toBe(202);
      const done = await waitFor((response.json() as { importId: number }).importId);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/^kaputt\.csv, Zeile 7, Spalte 4: .*12a/);
      const values = (await planner.request('GET', '/api/tenants/99001/atlas/variables')).json() as { key: string }[];
      expect(values.some((v) => v.key.startsWith('99999'))).toBe(false);
    });

    it('refuses uploads from viewers and files above the size limit', async () => {
      const admin = new TestClient(t.app);
      await admin.logIn('admin@musterland.example', DEMO_PASSWORD);
      const added = (
        await admin.request('POST', '/api/tenants/99001/members', {
          body: { email: 'nur.lesen@musterland.example', role: 'viewer' },
        })
      ).json() as {
        generatedPassword: string;
      };
      const viewer = new TestClient(t.app);
      expect((await viewer.logIn('nur.lesen@musterland.example', added.generatedPassword)).statusCode).toBe(200);
      const refused = await viewer.upload('/api/tenants/99001/imports', 'daten.csv', Buffer.from('ags;wert\n99001001;1\n'));
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ detail: 'Für diese Aktion fehlen Ihnen die nötigen Rechte.' });
      const big = await planner.upload('/api/tenants/99001/imports', 'riesig.csv', Buffer.alloc(1024 * 1024 + 10, 'a'));
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({ detail: 'riesig.csv ist größer als die erlaubten 1 MiB.' });
    });
  });
}
