import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoSecrets } from '../../src/adapters/secrets.ts';
import { inTransaction } from '../../src/db/repositories/index.ts';
import { savedViewRepositories, savedViewsRepository } from '../../src/db/repositories/saved-views.repository.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { DEMO_VIEW, seedDemoViews } from '../../src/use-cases/atlas-views/seed-demo-views.ts';
import { addMember } from '../../src/use-cases/tenancy/add-member.ts';
import { createTenant } from '../../src/use-cases/tenancy/create-tenant.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, testHasher, type TestApp } from '../support/server.ts';

const PASSWORD = 'Ansichten-Test-2026';
const VIEWS = '/api/tenants/99001/atlas/views';
const PUBLIC = '/api/public/atlas/99001/views';
const B_VIEW_ID = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

interface View {
  id: string;
  title: string;
  description: string;
  state: string;
  indicatorKey: string;
  published: boolean;
  indicatorLabel?: string | null;
  indicatorPublished?: boolean;
}
interface PublicView {
  id: string;
  title: string;
  state: string;
  indicatorKey: string;
  indicatorLabel: string;
  period: string | null;
  level: string;
}
interface AuditEntry {
  action: string;
  actorLabel: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Record<string, string>;
}

for (const engine of ENGINES) {
  describe(`saved atlas views: save, rename, publish, delete with undo, public list, rights [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;
    let admin: TestClient;
    let viewer: TestClient;
    let otherPlanner: TestClient;
    let anonymous: TestClient;

    const save = (client: TestClient, body: Record<string, unknown>, url = VIEWS) => client.request('POST', url, { body });
    const memberList = async () => (await planner.request('GET', VIEWS)).json() as View[];
    const publicList = async () => {
      const response = await anonymous.request('GET', PUBLIC);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as PublicView[];
    };
    const auditOf = async (id: string) =>
      ((await admin.request('GET', '/api/tenants/99001/audit?limit=100')).json() as AuditEntry[]).filter(
        (e) => e.entityType === 'view' && e.entityId === id,
      );
    const setIndicatorPublished = async (key: string, published: boolean) => {
      const list = (await planner.request('GET', '/api/tenants/99001/atlas/indicators')).json() as (Record<string, unknown> & {
        key: string;
      })[];
      const { label, unit, formula, polarity, lifeDomain, description, methodNotes } = list.find((i) => i.key === key)!;
      const response = await planner.request('PUT', `/api/tenants/99001/atlas/indicators/${key}`, {
        body: { label, unit, formula, polarity, lifeDomain, description, methodNotes, published },
      });
      expect(response.statusCode, response.body).toBe(200);
    };

    beforeAll(async () => {
      t = await createTestApp(engine);
      const system: Actor = { kind: 'system', label: 'Test' };
      const deps = { hasher: testHasher, secrets: cryptoSecrets, clock: t.ctx.clock };
      await inTransaction(t.ctx.db, async (r) => {
        await createTenant({ ...r, ...deps }, system, { key: '16051', name: 'Erfurt', kind: 'kreisfreie_stadt' });
        await addMember({ ...r, ...deps }, system, {
          tenantKey: '16051',
          email: 'planung@erfurt.example',
          role: 'planner',
          password: PASSWORD,
        });
        await addMember({ ...r, ...deps }, system, {
          tenantKey: '99001',
          email: 'lesen@musterland.example',
          role: 'viewer',
          password: PASSWORD,
        });
      });
      // A published view of Erfurt, stored directly (Erfurt has no indicators to save one through the API).
      const now = new Date().toISOString();
      await savedViewsRepository(t.ctx.db).insert({
        id: B_VIEW_ID,
        tenantKey: '16051',
        title: 'Erfurt intern',
        description: '',
        state: 'kommune=16051&indikator=erfurt.geheim&ebene=gemeinde&klassifikation=quantile&klassen=5',
        indicatorKey: 'erfurt.geheim',
        published: true,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      });
      planner = new TestClient(t.app);
      expect((await planner.logIn('planung@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
      admin = new TestClient(t.app);
      expect((await admin.logIn('admin@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
      viewer = new TestClient(t.app);
      expect((await viewer.logIn('lesen@musterland.example', PASSWORD)).statusCode).toBe(200);
      otherPlanner = new TestClient(t.app);
      expect((await otherPlanner.logIn('planung@erfurt.example', PASSWORD)).statusCode).toBe(200);
      anonymous = new TestClient(t.app);
    });
    afterAll(async () => {
      await t.close();
    });

    it('saves a view in canonical form, unpublished, audited as view.save; members of every role list it', async () => {
      const response = await save(planner, {
        title: '  Kinderarmut nach Gemeinden  ',
        description: 'Für den Jugendhilfeausschuss',
        state: '?indikator=demo.kinderarmut&klassen=4&klassifikation=equal_interval&ebene=gemeinde&zeitraum=2024-12-31',
      });
      expect(response.statusCode, response.body).toBe(201);
      const view = response.json() as View;
      expect(view).toMatchObject({
        title: 'Kinderarmut nach Gemeinden',
        description: 'Für den Jugendhilfeausschuss',
        state:
          'kommune=99001&indikator=demo.kinderarmut&zeitraum=2024-12-31&ebene=gemeinde&klassifikation=equal_interval&klassen=4',
        indicatorKey: 'demo.kinderarmut',
        published: false,
      });
      const listed = ((await viewer.request('GET', VIEWS)).json() as View[]).find((v) => v.id === view.id);
      expect(listed).toMatchObject({
        title: 'Kinderarmut nach Gemeinden',
        indicatorLabel: 'Kinderarmutsquote (SGB II, unter 15 Jahren)',
        indicatorPublished: true,
        published: false,
      });
      expect((await publicList()).map((v) => v.id)).not.toContain(view.id);
      expect(await auditOf(view.id)).toEqual([
        expect.objectContaining({
          action: 'view.save',
          actorLabel: 'planung@musterland.example',
          before: null,
          after: {
            title: 'Kinderarmut nach Gemeinden',
            description: 'Für den Jugendhilfeausschuss',
            state: view.state,
            published: false,
          },
        }),
      ]);
    });

    it('publishes and withdraws: the public list follows, each step audited with before and after', async () => {
      const view = (
        await save(planner, { title: 'Altenquotient', state: 'kommune=99001&indikator=demo.altenquotient&ebene=gemeinde' })
      ).json() as View;
      const published = await planner.request('PUT', `${VIEWS}/${view.id}/published`, { body: { published: true } });
      expect(published.statusCode, published.body).toBe(200);
      expect(published.json()).toMatchObject({ id: view.id, published: true });
      expect((await publicList()).find((v) => v.id === view.id)).toEqual({
        id: view.id,
        title: 'Altenquotient',
        description: '',
        state: 'kommune=99001&indikator=demo.altenquotient&ebene=gemeinde&klassifikation=quantile&klassen=5',
        indicatorKey: 'demo.altenquotient',
        indicatorLabel: 'Altenquotient',
        period: null,
        level: 'gemeinde',
        updatedAt: expect.any(String) as string,
      });

      expect((await admin.request('PUT', `${VIEWS}/${view.id}/published`, { body: { published: false } })).statusCode).toBe(200);
      expect((await publicList()).map((v) => v.id)).not.toContain(view.id);

      const entries = await auditOf(view.id);
      expect(entries.map((e) => e.action)).toEqual(['view.unpublish', 'view.publish', 'view.save']);
      expect(entries[1]).toMatchObject({ before: { published: false }, after: { published: true } });
      expect(entries[0]).toMatchObject({
        actorLabel: 'admin@musterland.example',
        before: { published: true, title: 'Altenquotient' },
        after: { published: false, title: 'Altenquotient' },
      });
      // Asking for the current state again changes and records nothing.
      expect((await planner.request('PUT', `${VIEWS}/${view.id}/published`, { body: { published: false } })).statusCode).toBe(
        200,
      );
      expect(await auditOf(view.id)).toHaveLength(3);
    });

    it('never lists a view publicly whose indicator is not published, and refuses to publish one', async () => {
      const view = (
        await save(planner, { title: 'Geburten', state: 'kommune=99001&indikator=demo.geburtenrate&ebene=kreis' })
      ).json() as View;
      await planner.request('PUT', `${VIEWS}/${view.id}/published`, { body: { published: true } });
      expect((await publicList()).map((v) => v.id)).toContain(view.id);

      await setIndicatorPublished('demo.geburtenrate', false);
      try {
        expect((await publicList()).map((v) => v.id)).not.toContain(view.id);
        expect((await publicList()).map((v) => v.indicatorKey)).not.toContain('demo.geburtenrate');
        // Members see why visitors do not see it.
        expect((await memberList()).find((v) => v.id === view.id)).toMatchObject({ published: true, indicatorPublished: false });

        const other = (
          await save(planner, { title: 'Geburten je Gemeinde', state: 'indikator=demo.geburtenrate&ebene=gemeinde' })
        ).json() as View;
        const refused = await planner.request('PUT', `${VIEWS}/${other.id}/published`, { body: { published: true } });
        expect(refused.statusCode).toBe(422);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.json()).toMatchObject({
          code: 'indicator-not-published',
          detail:
            'Die Ansicht „Geburten je Gemeinde“ zeigt einen Indikator, der nicht veröffentlicht ist („demo.geburtenrate“). Veröffentlichen Sie zuerst den Indikator.',
        });
        expect((await auditOf(other.id)).map((e) => e.action)).toEqual(['view.save']);
      } finally {
        await setIndicatorPublished('demo.geburtenrate', true);
      }
      expect((await publicList()).map((v) => v.id)).toContain(view.id);
    });

    it('renames and changes a view (view.update with before and after); a change of nothing is not recorded', async () => {
      const view = (
        await save(planner, { title: 'Arbeitslose', state: 'indikator=demo.arbeitslosenanteil&ebene=gemeinde' })
      ).json() as View;
      const renamed = await planner.request('PATCH', `${VIEWS}/${view.id}`, {
        body: { title: 'Arbeitslosenanteil 2024', state: 'indikator=demo.arbeitslosenanteil&ebene=kreis&farben=divergierend' },
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(renamed.json()).toMatchObject({
        title: 'Arbeitslosenanteil 2024',
        state:
          'kommune=99001&indikator=demo.arbeitslosenanteil&ebene=kreis&klassifikation=quantile&klassen=5&farben=divergierend',
      });
      const [update] = await auditOf(view.id);
      expect(update).toMatchObject({
        action: 'view.update',
        before: { title: 'Arbeitslose', state: view.state },
        after: { title: 'Arbeitslosenanteil 2024', published: false },
      });
      expect(
        (await planner.request('PATCH', `${VIEWS}/${view.id}`, { body: { title: 'Arbeitslosenanteil 2024 ' } })).statusCode,
      ).toBe(200);
      expect(await auditOf(view.id)).toHaveLength(2);
    });

    it('deletes a view (gone from both lists) and undoes the deletion with its id and publication', async () => {
      const view = (
        await save(planner, { title: 'Jugendquotient', state: 'indikator=demo.jugendquotient&ebene=gemeinde' })
      ).json() as View;
      await planner.request('PUT', `${VIEWS}/${view.id}/published`, { body: { published: true } });
      expect((await publicList()).map((v) => v.id)).toContain(view.id);

      const deleted = await planner.request('DELETE', `${VIEWS}/${view.id}`);
      expect(deleted.statusCode, deleted.body).toBe(200);
      expect((await memberList()).map((v) => v.id)).not.toContain(view.id);
      expect((await publicList()).map((v) => v.id)).not.toContain(view.id);
      const again = await planner.request('PATCH', `${VIEWS}/${view.id}`, { body: { title: 'Noch da?' } });
      expect(again.statusCode).toBe(404);
      expect((again.json() as Problem).detail).toBe('Die gespeicherte Ansicht wurde nicht gefunden.');

      const restored = await planner.request('POST', `${VIEWS}/${view.id}/restore`);
      expect(restored.statusCode, restored.body).toBe(200);
      expect(restored.json()).toMatchObject({ id: view.id, title: 'Jugendquotient', published: true });
      expect((await publicList()).map((v) => v.id)).toContain(view.id);

      const [restore, remove] = await auditOf(view.id);
      expect(remove).toMatchObject({ action: 'view.delete', before: { title: 'Jugendquotient', published: true }, after: null });
      expect(restore).toMatchObject({
        action: 'view.restore',
        before: null,
        after: { title: 'Jugendquotient', published: true },
      });
    });

    it('lets viewers read but not write; anonymous visitors get 401 on the members’ routes', async () => {
      expect((await viewer.request('GET', VIEWS)).statusCode).toBe(200);
      const refused = await save(viewer, { title: 'Leser*in', state: 'indikator=demo.kinderarmut' });
      expect(refused.statusCode).toBe(403);
      expect((refused.json() as Problem).detail).toBe('Für diese Aktion fehlen Ihnen die nötigen Rechte.');
      const [someView] = await memberList();
      expect((await viewer.request('DELETE', `${VIEWS}/${someView!.id}`)).statusCode).toBe(403);
      expect((await viewer.request('PUT', `${VIEWS}/${someView!.id}/published`, { body: { published: false } })).statusCode).toBe(
        403,
      );
      await anonymous.session();
      expect((await anonymous.request('GET', VIEWS)).statusCode).toBe(401);
      expect((await save(anonymous, { title: 'Anonym', state: 'indikator=demo.kinderarmut' })).statusCode).toBe(401);
    });

    it('keeps municipalities apart: Erfurt neither sees nor changes Musterland’s views, and the other way round', async () => {
      const view = (
        await save(planner, { title: 'Nur Musterland', state: 'indikator=demo.kinderarmut&ebene=gemeinde' })
      ).json() as View;
      expect((await otherPlanner.request('GET', VIEWS)).statusCode).toBe(404);
      for (const url of [`${VIEWS}/${view.id}`, `/api/tenants/16051/atlas/views/${view.id}`]) {
        const response = await otherPlanner.request('PATCH', url, { body: { title: 'Übernommen' } });
        expect(response.statusCode, url).toBe(404);
        expect(response.body).not.toContain('Nur Musterland');
        expect((await otherPlanner.request('DELETE', url)).statusCode).toBe(404);
        expect((await otherPlanner.request('PUT', `${url}/published`, { body: { published: true } })).statusCode).toBe(404);
      }
      // Erfurt's own list does not contain it either.
      const erfurt = (await otherPlanner.request('GET', '/api/tenants/16051/atlas/views')).json() as View[];
      expect(erfurt.map((v) => v.title)).toEqual(['Erfurt intern']);
      expect((await memberList()).find((v) => v.id === view.id)?.title).toBe('Nur Musterland');

      // Musterland's planner, with Erfurt's view id through Musterland's URL and through Erfurt's.
      for (const url of [`${VIEWS}/${B_VIEW_ID}`, `/api/tenants/16051/atlas/views/${B_VIEW_ID}`]) {
        const response = await planner.request('PATCH', url, { body: { title: 'Übernommen' } });
        expect(response.statusCode, url).toBe(404);
        expect(response.body).not.toContain('Erfurt intern');
        expect((await planner.request('DELETE', url)).statusCode).toBe(404);
        expect((await planner.request('POST', `${url}/restore`)).statusCode).toBe(404);
      }
      expect((await memberList()).map((v) => v.id)).not.toContain(B_VIEW_ID);
      expect((await publicList()).map((v) => v.id)).not.toContain(B_VIEW_ID);
      expect((await savedViewsRepository(t.ctx.db).get('16051', B_VIEW_ID))?.title).toBe('Erfurt intern');
      // Erfurt has no public atlas (no published indicator): no public views at all.
      const erfurtPublic = await anonymous.request('GET', '/api/public/atlas/16051/views');
      expect(erfurtPublic.statusCode).toBe(404);
      expect((erfurtPublic.json() as Problem).detail).toBe('Für diese Gebietskörperschaft gibt es keinen öffentlichen Atlas.');
    });

    it('seeds the demo’s published view, which visitors find and which opens Kinderarmut by Gemeinde', async () => {
      const seeded = await inTransaction(t.ctx.db, (r, trx) =>
        seedDemoViews(
          { ...savedViewRepositories(trx), audit: r.audit, clock: t.ctx.clock, secrets: cryptoSecrets },
          { actorUserId: null, actorLabel: 'System (Demo)' },
        ),
      );
      const listed = (await publicList()).find((v) => v.id === seeded.id);
      expect(listed).toMatchObject({
        title: DEMO_VIEW.title,
        indicatorKey: 'demo.kinderarmut',
        indicatorLabel: 'Kinderarmutsquote (SGB II, unter 15 Jahren)',
        level: 'gemeinde',
        period: null,
        state: 'kommune=99001&indikator=demo.kinderarmut&ebene=gemeinde&klassifikation=jenks&klassen=5',
      });
      expect(await auditOf(seeded.id)).toEqual([
        expect.objectContaining({ action: 'view.save', actorLabel: 'System (Demo)', before: null }),
      ]);
    });

    it('refuses bad input with German problem details', async () => {
      const problem = async (body: Record<string, unknown>) => {
        const response = await save(planner, body);
        expect(response.headers['content-type']).toContain('application/problem+json');
        return { ...(response.json() as Problem), status: response.statusCode };
      };
      expect(await problem({ title: 'X', state: 'indikator=demo.kinderarmut&farbe=rot&klassen=9' })).toMatchObject({
        status: 422,
        code: 'invalid-view-state',
        detail:
          'Die gespeicherte Ansicht ist ungültig: Unbekannter Parameter „farbe“. Die Zahl der Klassen „9“ ist unzulässig (erlaubt: 3 bis 7).',
        errors: { state: 'Unbekannter Parameter „farbe“. Die Zahl der Klassen „9“ ist unzulässig (erlaubt: 3 bis 7).' },
      });
      expect(await problem({ title: '   ', state: 'indikator=demo.kinderarmut' })).toMatchObject({
        status: 422,
        detail: 'Bitte geben Sie einen Titel ein.',
        errors: { title: 'Bitte geben Sie einen Titel ein.' },
      });
      expect(await problem({ title: 'x'.repeat(121), state: 'indikator=demo.kinderarmut' })).toMatchObject({
        status: 422,
        detail: 'Der Titel ist zu lang (höchstens 120 Zeichen).',
      });
      expect(await problem({ title: 'X', state: 'kommune=16051&indikator=demo.kinderarmut' })).toMatchObject({
        status: 422,
        detail: 'Die Ansicht gehört zu einer anderen Gebietskörperschaft (Parameter „kommune“).',
      });
      expect(await problem({ title: 'X', state: 'indikator=demo.gibt_es_nicht' })).toMatchObject({
        status: 422,
        code: 'unknown-indicator',
        detail: 'Den Indikator „demo.gibt_es_nicht“ gibt es in dieser Gebietskörperschaft nicht.',
      });
      expect(await problem({ title: 'X', state: 'ebene=kreis' })).toMatchObject({
        status: 422,
        detail: 'Die gespeicherte Ansicht ist ungültig: Die Ansicht nennt keinen Indikator (Parameter „indikator“).',
      });
      expect(await problem({ title: 'X', state: `indikator=demo.kinderarmut&gebiet=${'a'.repeat(2000)}` })).toMatchObject({
        status: 400,
        code: 'validation-failed',
        errors: { state: 'Höchstens 2000 Zeichen.' },
      });
      expect(await problem({ title: 'X', state: 'indikator=demo.kinderarmut', owner: 'ich' })).toMatchObject({
        status: 400,
        errors: { '(Anfragekörper)': 'Unbekanntes Feld „owner“.' },
      });
      expect(await problem({ state: 'indikator=demo.kinderarmut' })).toMatchObject({
        status: 400,
        errors: { title: 'Angabe fehlt.' },
      });
      const badId = await planner.request('PATCH', `${VIEWS}/keine-uuid`, { body: { title: 'X' } });
      expect(badId.statusCode).toBe(400);
      expect((badId.json() as Problem).detail).toContain('Die Eingaben sind unvollständig oder ungültig.');
      // Nothing of that was stored.
      expect((await memberList()).map((v) => v.title)).not.toContain('X');
    });
  });
}
