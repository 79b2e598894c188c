import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/repositories/index.ts';
import { cryptoSecrets } from '../../src/adapters/secrets.ts';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { addMember } from '../../src/use-cases/tenancy/add-member.ts';
import { serviceRepositories } from '../../src/db/repositories/services.repository.ts';
import { listServicePoints } from '../../src/use-cases/services/list-service-points.ts';
import { createTenant } from '../../src/use-cases/tenancy/create-tenant.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, testHasher, type TestApp } from '../support/server.ts';

const A = '99001';
const B = '16051';
const PASSWORD = 'Anbieter-Test-2026';
// Tuesday 24 November 2026, 09:30 in Berlin (UTC+1).
const NOW = new Date('2026-11-24T08:30:00Z');

interface WriteResult {
  outcome: 'saved' | 'pending';
  service?: { id: string; name: string; published: boolean; assuredDate: string | null };
  change?: { id: string; status: string; comment: string | null };
}
interface PublicList {
  areas: { key: string; name: string }[];
  services: { id: string; name: string; areas: (string | null)[]; openNow: string; email: string | null }[];
}

/** Entries made by this test (the demo's own 60 services have ids `demo-…`). */
const own = <T extends { id: string }>(xs: T[]): T[] => xs.filter((x) => !x.id.startsWith('demo-'));

const weekdays = (opensAt: string, closesAt: string) => [
  {
    freq: 'WEEKLY',
    interval: null,
    byday: ['MO', 'TU', 'WE', 'TH', 'FR'],
    bymonthday: [],
    dtstart: null,
    until: null,
    validFrom: null,
    validTo: null,
    opensAt,
    closesAt,
    description: null,
  },
];

for (const engine of ENGINES) {
  describe(`service register: model, review workflow, public search [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;
    let admin: TestClient;
    let provider: TestClient;
    let anonymous: TestClient;
    let providerId = '';
    const ids: Record<string, string> = {};

    const post = async (client: TestClient, url: string, body: unknown, status: number) => {
      const r = await client.request('POST', url, { body });
      expect(r.statusCode, r.body).toBe(status);
      return r.json() as Record<string, unknown> & WriteResult;
    };

    beforeAll(async () => {
      t = await createTestApp(engine, { clock: fixedClock(NOW) });
      const system: Actor = { kind: 'system', label: 'Test' };
      const deps = { hasher: testHasher, secrets: cryptoSecrets, clock: t.ctx.clock };
      await inTransaction(t.ctx.db, async (r) => {
        providerId = (
          await addMember({ ...r, ...deps }, system, {
            tenantKey: A,
            email: 'traeger@musterland.example',
            role: 'contributor',
            password: PASSWORD,
          })
        ).userId;
        await createTenant({ ...r, ...deps }, system, { key: B, name: 'Erfurt', kind: 'kreisfreie_stadt' });
        await addMember({ ...r, ...deps }, system, {
          tenantKey: B,
          email: 'planung@erfurt.example',
          role: 'planner',
          password: PASSWORD,
        });
      });
      planner = new TestClient(t.app);
      expect((await planner.logIn('planung@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
      admin = new TestClient(t.app);
      expect((await admin.logIn('admin@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
      provider = new TestClient(t.app);
      expect((await provider.logIn('traeger@musterland.example', PASSWORD)).statusCode).toBe(200);
      anonymous = new TestClient(t.app);
    });
    afterAll(async () => {
      await t.close();
    });

    it('the demo: 60 published services, the provider login maintains the Jugendring’s services only', async () => {
      const list = (await anonymous.request('GET', `/api/public/services/${A}`)).json() as PublicList;
      expect(list.services.filter((s) => s.id.startsWith('demo-'))).toHaveLength(60);
      const demoProvider = new TestClient(t.app);
      expect((await demoProvider.logIn('anbieter@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
      const club = (await demoProvider.request('GET', `/api/tenants/${A}/services/demo-020`)).json() as {
        service: { organizationId: string; name: string };
      };
      expect(club.service.organizationId).toBe('demo-org-jugendring');
      const proposal = await demoProvider.request('PUT', `/api/tenants/${A}/services/demo-020`, {
        body: {
          organizationId: 'demo-org-jugendring',
          name: `${club.service.name} (Vorschlag)`,
          termKeys: ['zielgruppe.jugendliche'],
        },
      });
      expect(proposal.statusCode).toBe(202);
      const foreign = await demoProvider.request('PUT', `/api/tenants/${A}/services/demo-001`, {
        body: { organizationId: 'demo-org-jugendring', name: 'Übernahme' },
      });
      expect(foreign.statusCode).toBe(403);
      // The points the gap analysis reads: one per service and location; Kita places per Sozialraum as generated.
      const points = await listServicePoints(serviceRepositories(t.ctx.db), { kind: 'system', label: 'Test' }, { tenantKey: A });
      expect(points.filter((p) => p.serviceId.startsWith('demo-'))).toHaveLength(60);
      const kitaNord = points.filter((p) => p.name.startsWith('Kita ') && p.capacity === 20);
      expect(kitaNord).toHaveLength(1);
      // Withdrawn again by rejecting it, so that the planner's queue below starts empty.
      const change = (proposal.json() as WriteResult).change!;
      await planner.request('POST', `/api/tenants/${A}/service-review/${change.id}/reject`, {
        body: { comment: 'Nur ein Test.' },
      });
    });

    it('planners create organisations, locations and services; every write is in the audit log', async () => {
      ids.verein = (
        await post(
          planner,
          `/api/tenants/${A}/service-organizations`,
          { name: 'Jugendhilfe Musterland e. V.', email: 'info@jugendhilfe.example' },
          201,
        )
      ).id as string;
      ids.tagesmutter = (
        await post(
          planner,
          `/api/tenants/${A}/service-organizations`,
          { name: 'Kindertagespflege Erika Beispiel', email: 'erika@privat.example', privatePerson: true },
          201,
        )
      ).id as string;
      // Musterstadt lies in SR2, the south-west Gemeinde in SR1.
      ids.mitte = (
        await post(
          planner,
          `/api/tenants/${A}/service-locations`,
          { name: 'Jugendhaus Mitte', organizationId: ids.verein, latitude: 51.215, longitude: 10.4 },
          201,
        )
      ).id as string;
      ids.suedwest = (
        await post(
          planner,
          `/api/tenants/${A}/service-locations`,
          {
            name: 'Wohnung Beispiel',
            organizationId: ids.tagesmutter,
            latitude: 51.10123,
            longitude: 10.12345,
            address: { address1: 'Privatweg 3', city: 'Beispielheim', postalCode: '99999', region: null, country: 'DE' },
          },
          201,
        )
      ).id as string;
      ids.ohne = (
        await post(
          planner,
          `/api/tenants/${A}/service-locations`,
          { name: 'Beratung ohne Adresse', organizationId: ids.verein },
          201,
        )
      ).id as string;

      const club = await post(
        planner,
        `/api/tenants/${A}/services`,
        {
          organizationId: ids.verein,
          name: 'Jugendclub Mitte',
          minimumAge: 12,
          maximumAge: 17,
          capacity: 40,
          termKeys: ['zielgruppe.jugendliche', 'lebenslage.teilhabe', 'handlungsfeld.offene_jugendarbeit'],
          schedules: weekdays('14:00', '20:00'),
          contacts: [{ name: 'Max Leitung', title: 'Leitung', department: null, email: 'max@jugendhilfe.example', phones: [] }],
          locationIds: [ids.mitte],
          published: true,
        },
        201,
      );
      expect(club.outcome).toBe('saved');
      expect(club.service).toMatchObject({ name: 'Jugendclub Mitte', published: true, assuredDate: '2026-11-24' });
      ids.club = club.service!.id;
      const pflege = await post(
        planner,
        `/api/tenants/${A}/services`,
        {
          organizationId: ids.tagesmutter,
          name: 'Kindertagespflege Sonnenschein',
          email: 'erika@privat.example',
          phones: [{ number: '0361 555 0101', type: 'voice', description: null }],
          minimumAge: 0,
          maximumAge: 3,
          capacity: 5,
          costOptions: [{ option: 'Elternbeitrag', amount: 0, currency: 'EUR', amountDescription: '' }],
          termKeys: ['zielgruppe.kinder_0_6', 'handlungsfeld.kindertagesbetreuung'],
          schedules: weekdays('07:00', '16:00'),
          locationIds: [ids.suedwest],
          published: true,
        },
        201,
      );
      ids.pflege = pflege.service!.id;
      // Age 0 is a value, not a missing one (a nullable field must not turn 0 into null).
      expect(pflege.service).toMatchObject({ minimumAge: 0, maximumAge: 3, capacity: 5 });
      // Likewise a cost of 0 and an empty description stay what they are.
      expect((pflege.service as unknown as { costOptions: unknown }).costOptions).toEqual([
        { option: 'Elternbeitrag', amount: 0, currency: 'EUR', amountDescription: '' },
      ]);
      const beratung = await post(
        planner,
        `/api/tenants/${A}/services`,
        {
          organizationId: ids.verein,
          name: 'Erziehungsberatung',
          termKeys: ['zielgruppe.familien'],
          locationIds: [ids.ohne],
          published: false,
        },
        201,
      );
      ids.beratung = beratung.service!.id;

      const updated = await planner.request('PUT', `/api/tenants/${A}/services/${ids.club}`, {
        body: {
          organizationId: ids.verein,
          name: 'Jugendclub Mitte „Treff“',
          minimumAge: 12,
          maximumAge: 17,
          capacity: 45,
          termKeys: ['zielgruppe.jugendliche', 'lebenslage.teilhabe'],
          schedules: weekdays('14:00', '20:00'),
          locationIds: [ids.mitte],
        },
      });
      expect(updated.statusCode, updated.body).toBe(200);
      expect((updated.json() as WriteResult).service).toMatchObject({ name: 'Jugendclub Mitte „Treff“', published: true });

      const log = (await admin.request('GET', `/api/tenants/${A}/audit?limit=8`)).json() as {
        action: string;
        actorLabel: string;
        entityId: string;
        before: unknown;
        after: Record<string, unknown>;
      }[];
      expect(log.map((e) => e.action)).toEqual([
        'service.update',
        'service.create',
        'service.create',
        'service.create',
        'service-location.create',
        'service-location.create',
        'service-location.create',
        'service-organization.create',
      ]);
      expect(log[0]).toMatchObject({
        actorLabel: 'planung@musterland.example',
        entityId: ids.club,
        before: { name: 'Jugendclub Mitte', published: true },
        after: { name: 'Jugendclub Mitte „Treff“', published: true },
      });
    });

    it('rejects invalid entries with German messages per field', async () => {
      const r = await planner.request('POST', `/api/tenants/${A}/services`, {
        body: {
          organizationId: ids.verein,
          name: 'Kaputt',
          minimumAge: 18,
          maximumAge: 6,
          termKeys: ['zielgruppe.marsmenschen'],
        },
      });
      expect(r.statusCode).toBe(422);
      expect(r.json()).toMatchObject({
        errors: {
          maximumAge: 'Das Höchstalter (6) liegt unter dem Mindestalter (18).',
          termKeys: 'Unbekannte Begriffe der Systematik: „zielgruppe.marsmenschen“.',
        },
      });
      const unknownOrg = await planner.request('POST', `/api/tenants/${A}/services`, {
        body: { organizationId: 'gibt-es-nicht', name: 'X' },
      });
      expect(unknownOrg.json()).toMatchObject({ status: 422, detail: 'Den Träger „gibt-es-nicht“ gibt es nicht.' });
    });

    it('the public list shows only published, active entries and never personal contact data of private persons', async () => {
      const list = (await anonymous.request('GET', `/api/public/services/${A}`)).json() as PublicList;
      expect(
        own(list.services)
          .map((s) => s.name)
          .sort(),
      ).toEqual(['Jugendclub Mitte „Treff“', 'Kindertagespflege Sonnenschein']);
      const text = JSON.stringify(list);
      for (const secret of [
        'erika@privat.example',
        '0361 555 0101',
        'Privatweg',
        'Max Leitung',
        'max@jugendhilfe.example',
        'Erziehungsberatung',
      ])
        expect(text).not.toContain(secret);
      const pflege = (await anonymous.request('GET', `/api/public/services/${A}/entries/${ids.pflege}`)).json() as {
        locations: { latitude: number; longitude: number; address: { address1: string; city: string } }[];
        organization: { privatePerson: boolean };
      };
      expect(pflege.organization.privatePerson).toBe(true);
      expect(pflege.locations[0]).toMatchObject({
        latitude: 51.1,
        longitude: 10.12,
        address: { address1: '', city: 'Beispielheim' },
      });
      // Unpublished entries have no public detail page.
      expect((await anonymous.request('GET', `/api/public/services/${A}/entries/${ids.beratung}`)).statusCode).toBe(404);
    });

    it('filters by Zielgruppe, Lebenslage, Sozialraum, age and open now', async () => {
      const names = async (query: string) =>
        own(((await anonymous.request('GET', `/api/public/services/${A}?${query}`)).json() as PublicList).services)
          .map((s) => s.name)
          .sort();
      expect(await names('terms=zielgruppe.jugendliche')).toEqual(['Jugendclub Mitte „Treff“']);
      expect(await names('terms=lebenslage.teilhabe,zielgruppe.kinder_0_6')).toEqual([]);
      expect(await names(`area=${A}-SR2`)).toEqual(['Jugendclub Mitte „Treff“']);
      expect(await names(`area=${A}-SR1`)).toEqual(['Kindertagespflege Sonnenschein']);
      expect(await names(`area=${A}-SR3`)).toEqual([]);
      expect(await names('age=2')).toEqual(['Kindertagespflege Sonnenschein']);
      expect(await names('age=15')).toEqual(['Jugendclub Mitte „Treff“']);
      // 09:30 on a Tuesday: the Kindertagespflege (07–16) is open, the Jugendclub (14–20) not yet.
      expect(await names('openNow=true')).toEqual(['Kindertagespflege Sonnenschein']);
      expect(await names('q=sonnenschein')).toEqual(['Kindertagespflege Sonnenschein']);
      const list = (await anonymous.request('GET', `/api/public/services/${A}`)).json() as PublicList;
      expect(list.areas.map((a) => a.key)).toEqual([`${A}-SR1`, `${A}-SR2`, `${A}-SR3`, `${A}-SR4`]);
      expect(list.services.find((s) => s.id === ids.club)).toMatchObject({ areas: [`${A}-SR2`], openNow: 'closed' });
      const unknown = await anonymous.request('GET', `/api/public/services/${A}?area=XX`);
      expect(unknown.json()).toMatchObject({ status: 422, detail: 'Den Sozialraum „XX“ gibt es nicht.' });
    });

    it('review workflow: a provider change waits, the planner approves it, then the public list shows it', async () => {
      // Before the link, a contributor cannot change the register.
      expect(
        (
          await provider.request('PUT', `/api/tenants/${A}/services/${ids.club}`, {
            body: { organizationId: ids.verein, name: 'X' },
          })
        ).statusCode,
      ).toBe(403);
      const link = await admin.request('POST', `/api/tenants/${A}/service-providers`, {
        body: { userId: providerId, organizationId: ids.verein },
      });
      expect(link.json()).toEqual({ userId: providerId, organizationIds: [ids.verein] });

      const edit = await provider.request('PUT', `/api/tenants/${A}/services/${ids.club}`, {
        body: {
          organizationId: ids.verein,
          name: 'Jugendclub Mitte (neue Öffnungszeiten)',
          minimumAge: 12,
          maximumAge: 17,
          termKeys: ['zielgruppe.jugendliche'],
          schedules: weekdays('09:00', '20:00'),
          locationIds: [ids.mitte],
        },
      });
      expect(edit.statusCode, edit.body).toBe(202);
      const change = (edit.json() as WriteResult).change!;
      expect(change.status).toBe('pending');
      // Still the approved version in public.
      let list = (await anonymous.request('GET', `/api/public/services/${A}`)).json() as PublicList;
      expect(list.services.map((s) => s.name)).toContain('Jugendclub Mitte „Treff“');

      const queue = (await planner.request('GET', `/api/tenants/${A}/service-review`)).json() as {
        change: { id: string; submittedBy: string };
        current: { name: string };
      }[];
      expect(queue.map((q) => [q.change.id, q.change.submittedBy, q.current.name])).toEqual([
        [change.id, 'traeger@musterland.example', 'Jugendclub Mitte „Treff“'],
      ]);
      // Providers cannot approve.
      expect(
        (await provider.request('POST', `/api/tenants/${A}/service-review/${change.id}/approve`, { body: {} })).statusCode,
      ).toBe(403);

      const approved = await planner.request('POST', `/api/tenants/${A}/service-review/${change.id}/approve`, { body: {} });
      expect(approved.statusCode, approved.body).toBe(200);
      list = (await anonymous.request('GET', `/api/public/services/${A}?openNow=true`)).json() as PublicList;
      expect(
        own(list.services)
          .map((s) => s.name)
          .sort(),
      ).toEqual(['Jugendclub Mitte (neue Öffnungszeiten)', 'Kindertagespflege Sonnenschein']);
      // Approving twice is a conflict.
      expect(
        (await planner.request('POST', `/api/tenants/${A}/service-review/${change.id}/approve`, { body: {} })).statusCode,
      ).toBe(409);

      const log = (await admin.request('GET', `/api/tenants/${A}/audit?limit=3`)).json() as {
        action: string;
        actorLabel: string;
      }[];
      expect(log.map((e) => [e.action, e.actorLabel])).toEqual([
        ['service.update', 'planung@musterland.example'],
        ['service.change-approve', 'planung@musterland.example'],
        ['service.change-submit', 'traeger@musterland.example'],
      ]);
    });

    it('a rejected new service needs a comment, stays unpublished, and the provider sees why', async () => {
      const created = await provider.request('POST', `/api/tenants/${A}/services`, {
        body: {
          organizationId: ids.verein,
          name: 'Ferienfreizeit',
          termKeys: ['zielgruppe.schulkinder'],
          locationIds: [ids.mitte],
        },
      });
      expect(created.statusCode).toBe(202);
      const change = (created.json() as WriteResult).change!;
      const noComment = await planner.request('POST', `/api/tenants/${A}/service-review/${change.id}/reject`, {
        body: { comment: '  ' },
      });
      expect(noComment.json()).toMatchObject({ status: 422, detail: 'Bitte begründen Sie die Ablehnung in einem Kommentar.' });
      const rejected = await planner.request('POST', `/api/tenants/${A}/service-review/${change.id}/reject`, {
        body: { comment: 'Bitte Zeitraum und Kosten ergänzen.' },
      });
      expect(rejected.json()).toMatchObject({
        status: 'rejected',
        comment: 'Bitte Zeitraum und Kosten ergänzen.',
        decidedBy: 'planung@musterland.example',
      });
      const mine = (await provider.request('GET', `/api/tenants/${A}/service-review`)).json() as {
        change: { id: string; status: string; comment: string | null };
      }[];
      expect(mine.find((m) => m.change.id === change.id)?.change).toMatchObject({
        status: 'rejected',
        comment: 'Bitte Zeitraum und Kosten ergänzen.',
      });
      const list = (await anonymous.request('GET', `/api/public/services/${A}`)).json() as PublicList;
      expect(list.services.map((s) => s.name)).not.toContain('Ferienfreizeit');
      // A provider may not touch services of organisations it does not maintain.
      const other = await provider.request('PUT', `/api/tenants/${A}/services/${ids.pflege}`, {
        body: { organizationId: ids.tagesmutter, name: 'Übernahme' },
      });
      expect(other.statusCode).toBe(403);
    });

    it('lists overdue entries by the configured review age and places a location by hand', async () => {
      const overdue = async () =>
        (await planner.request('GET', `/api/tenants/${A}/service-overdue`)).json() as {
          maxAgeDays: number;
          services: { id: string; name: string; ageDays: number | null }[];
        };
      // Everything was checked today.
      expect(own((await overdue()).services)).toEqual([]);
      await t.ctx.db.updateTable('services').set({ assured_date: '2025-11-23' }).where('id', '=', ids.beratung!).execute();
      await t.ctx.db.updateTable('services').set({ assured_date: '2026-10-01' }).where('id', '=', ids.pflege!).execute();
      let result = await overdue();
      expect(result.maxAgeDays).toBe(365);
      expect(own(result.services).map((s) => [s.name, s.ageDays])).toEqual([['Erziehungsberatung', 366]]);
      expect(
        (await planner.request('PUT', `/api/tenants/${A}/service-settings`, { body: { reviewAgeDays: 30 } })).statusCode,
      ).toBe(200);
      result = await overdue();
      expect(own(result.services).map((s) => [s.name, s.ageDays])).toEqual([
        ['Erziehungsberatung', 366],
        ['Kindertagespflege Sonnenschein', 54],
      ]);

      const flagged = (await planner.request('GET', `/api/tenants/${A}/service-locations?withoutCoordinates=true`)).json() as {
        id: string;
      }[];
      expect(flagged.map((l) => l.id)).toEqual([ids.ohne]);
      const bad = await planner.request('PUT', `/api/tenants/${A}/service-locations/${ids.ohne}/position`, {
        body: { latitude: 100, longitude: 10 },
      });
      expect(bad.json()).toMatchObject({ status: 422, detail: 'Die geografische Breite 100 liegt nicht zwischen -90 und 90.' });
      const placed = await planner.request('PUT', `/api/tenants/${A}/service-locations/${ids.ohne}/position`, {
        body: { latitude: 51.33, longitude: 10.4 },
      });
      expect(placed.json()).toMatchObject({ latitude: 51.33, longitude: 10.4, coordinateSource: 'manual' });
      expect((await planner.request('GET', `/api/tenants/${A}/service-locations?withoutCoordinates=true`)).json()).toEqual([]);
      const members = (await planner.request('GET', `/api/tenants/${A}/services?area=${A}-SR3`)).json() as {
        entries: { service: { id: string; name: string } }[];
      };
      expect(own(members.entries.map((e) => e.service)).map((x) => x.name)).toEqual(['Erziehungsberatung']);
    });

    it('taxonomy: a municipality renames and hides terms; hidden terms are no longer offered', async () => {
      const renamed = await planner.request('PUT', `/api/tenants/${A}/service-taxonomy/zielgruppe.senioren`, {
        body: { vocabulary: 'zielgruppe', label: 'Ältere Menschen', minimumAge: 60 },
      });
      expect(renamed.json()).toMatchObject({
        key: 'zielgruppe.senioren',
        label: 'Ältere Menschen',
        minimumAge: 60,
        builtIn: true,
      });
      await planner.request('PUT', `/api/tenants/${A}/service-taxonomy/zielgruppe.wohnungslose`, {
        body: { vocabulary: 'zielgruppe', label: 'Wohnungslose', hidden: true },
      });
      const terms = (await anonymous.request('GET', `/api/public/services/${A}/taxonomy`)).json() as {
        key: string;
        label: string;
      }[];
      expect(terms.find((x) => x.key === 'zielgruppe.senioren')?.label).toBe('Ältere Menschen');
      expect(terms.map((x) => x.key)).not.toContain('zielgruppe.wohnungslose');
      const hiddenUse = await planner.request('POST', `/api/tenants/${A}/services`, {
        body: { organizationId: ids.verein, name: 'Notunterkunft', termKeys: ['zielgruppe.wohnungslose'] },
      });
      expect(hiddenUse.statusCode).toBe(422);
      // Another municipality keeps the shipped label.
      const other = (await anonymous.request('GET', `/api/public/services/${B}/taxonomy`)).json() as {
        key: string;
        label: string;
      }[];
      expect(other.find((x) => x.key === 'zielgruppe.senioren')?.label).toBe('Senior*innen (ab 65 Jahren)');
      const viewer = await provider.request('PUT', `/api/tenants/${A}/service-taxonomy/zielgruppe.familien`, {
        body: { vocabulary: 'zielgruppe', label: 'X' },
      });
      expect(viewer.statusCode).toBe(403);
    });

    it('tenant isolation: another municipality neither sees nor reaches these entries', async () => {
      const erfurt = new TestClient(t.app);
      expect((await erfurt.logIn('planung@erfurt.example', PASSWORD)).statusCode).toBe(200);
      const own = await post(erfurt, `/api/tenants/${B}/service-organizations`, { name: 'Träger Erfurt' }, 201);
      await post(
        erfurt,
        `/api/tenants/${B}/services`,
        { organizationId: own.id, name: 'Erfurter Angebot', published: true },
        201,
      );
      expect((await erfurt.request('GET', `/api/tenants/${A}/services`)).statusCode).toBe(404);
      expect((await erfurt.request('GET', `/api/tenants/${A}/services/${ids.club}`)).statusCode).toBe(404);
      expect((await erfurt.request('GET', `/api/tenants/${B}/services/${ids.club}`)).statusCode).toBe(404);
      const bList = (await erfurt.request('GET', `/api/tenants/${B}/services`)).json() as {
        entries: { service: { name: string } }[];
      };
      expect(bList.entries.map((e) => e.service.name)).toEqual(['Erfurter Angebot']);
      const aPublic = (await anonymous.request('GET', `/api/public/services/${A}`)).json() as PublicList;
      expect(aPublic.services.map((s) => s.name)).not.toContain('Erfurter Angebot');
      // A service of A cannot be linked to B's organisation by id.
      const cross = await planner.request('POST', `/api/tenants/${A}/services`, {
        body: { organizationId: own.id as string, name: 'Quer' },
      });
      expect(cross.statusCode).toBe(422);
      expect((await anonymous.request('GET', `/api/public/services/98765`)).statusCode).toBe(404);
    });

    it('archiving removes an entry from lists and the public map', async () => {
      const r = await planner.request('POST', `/api/tenants/${A}/services/${ids.pflege}/archive`);
      expect(r.statusCode).toBe(200);
      const list = (await anonymous.request('GET', `/api/public/services/${A}`)).json() as PublicList;
      expect(own(list.services).map((s) => s.name)).toEqual(['Jugendclub Mitte (neue Öffnungszeiten)']);
      const members = (await planner.request('GET', `/api/tenants/${A}/services?archived=true`)).json() as {
        entries: { service: { name: string; archived: boolean } }[];
      };
      expect(members.entries.find((e) => e.service.name === 'Kindertagespflege Sonnenschein')?.service.archived).toBe(true);
    });

    it('tells the register UI who may do what, and a planner may save without marking the entry as checked', async () => {
      const access = async (client: TestClient) => (await client.request('GET', `/api/tenants/${A}/service-access`)).json();
      expect(await access(planner)).toEqual({ mode: 'planner', organizationIds: [] });
      expect(await access(admin)).toEqual({ mode: 'planner', organizationIds: [] });
      expect(await access(provider)).toEqual({ mode: 'provider', organizationIds: [ids.verein] });
      const demoProvider = new TestClient(t.app);
      expect((await demoProvider.logIn('anbieter@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
      expect(await access(demoProvider)).toEqual({ mode: 'provider', organizationIds: ['demo-org-jugendring'] });
      const unlinked = new TestClient(t.app);
      await inTransaction(t.ctx.db, (r) =>
        addMember(
          { ...r, hasher: testHasher, secrets: cryptoSecrets, clock: t.ctx.clock },
          { kind: 'system', label: 'Test' },
          {
            tenantKey: A,
            email: 'lesen@musterland.example',
            role: 'contributor',
            password: PASSWORD,
          },
        ),
      );
      expect((await unlinked.logIn('lesen@musterland.example', PASSWORD)).statusCode).toBe(200);
      expect(await access(unlinked)).toEqual({ mode: 'read', organizationIds: [] });
      expect((await anonymous.request('GET', `/api/tenants/${A}/service-access`)).statusCode).toBe(401);

      type Entry = { service: { name: string; assuredDate: string | null; organizationId: string } };
      const before = ((await planner.request('GET', `/api/tenants/${A}/services/demo-001`)).json() as Entry).service;
      expect(before.assuredDate).not.toBe('2026-11-24');
      const keep = await planner.request('PUT', `/api/tenants/${A}/services/demo-001`, {
        body: { organizationId: before.organizationId, name: `${before.name} (korrigiert)`, assured: false },
      });
      expect(keep.statusCode, keep.body).toBe(200);
      expect((keep.json() as WriteResult).service).toMatchObject({
        name: `${before.name} (korrigiert)`,
        assuredDate: before.assuredDate,
      });
      const checked = await planner.request('PUT', `/api/tenants/${A}/services/demo-001`, {
        body: { organizationId: before.organizationId, name: before.name },
      });
      expect((checked.json() as WriteResult).service?.assuredDate).toBe('2026-11-24');
    });
  });
}
