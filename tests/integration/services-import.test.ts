import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { importRegisterFile, isRegisterSource } from '../../src/importers/hsds/import-register-file.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';

const A = '99001';
const DATA = path.resolve('../shared/data');
const HSDS3 = path.join(DATA, 'hsds/hsds3_spec_examples/csv');
const HSDS1 = path.join(DATA, 'hsds/hsds1_sample_datapackage');
const KITAS = path.join(DATA, 'facilities_chemnitz/chemnitz_kindertageseinrichtungen_wgs84.geojson');
const SYSTEM: Actor = { kind: 'system', label: 'Test' };

interface ImportResult {
  importId: number;
  unchanged: boolean;
  format: string;
  counts: {
    organizations: number;
    services: number;
    locations: number;
    links: number;
    inserted: number;
    updated: number;
    unchanged: number;
    withoutCoordinates: number;
    warnings: string[];
  };
}

function zipFolder(folder: string, replace?: { file: string; from: string; to: string }): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const name of fs.readdirSync(folder)) {
    if (!name.endsWith('.csv')) continue;
    let text = fs.readFileSync(path.join(folder, name), 'utf8');
    if (replace && replace.file === name) text = text.replace(replace.from, replace.to);
    entries[`paket/${name}`] = strToU8(text);
  }
  return Buffer.from(zipSync(entries));
}

const KITA_MAPPING = {
  source: 'chemnitz-kita',
  id: 'ID',
  name: 'BEZEICHNUNG',
  organization: 'TRAEGER',
  street: 'STRASSE',
  houseNumber: 'HAUSBEZ',
  postalCode: 'PLZ',
  city: 'ORT',
  phone: 'TELEFON',
  email: 'EMAIL',
  url: 'URL',
  minimumAge: 0,
  maximumAge: 10,
  termKeys: ['handlungsfeld.kindertagesbetreuung'],
  termRules: [
    { column: 'KITA', equals: '1', termKeys: ['zielgruppe.kinder_0_6'] },
    { column: 'HORT', equals: '1', termKeys: ['zielgruppe.schulkinder'] },
  ],
  privatePerson: { column: 'TRAEGER', equals: 'Privater Träger' },
  accessible: { column: 'BARRIEREFREI', equals: '1' },
};

for (const engine of ENGINES) {
  describe(`service register import and export [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;
    let tmp = '';
    const upload = (body: Record<string, unknown>) => planner.request('POST', `/api/tenants/${A}/service-imports`, { body });
    const count = async (table: 'services' | 'service_organizations' | 'service_locations' | 'service_at_locations') =>
      Number(
        (
          await t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('tenant_key', '=', A)
            // The demo's own entries (ids `demo-…`) are not part of these imports.
            .where('id', 'not like', 'demo-%')
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      t = await createTestApp(engine);
      planner = new TestClient(t.app);
      expect((await planner.logIn('planung@musterland.example', DEMO_PASSWORD)).statusCode).toBe(200);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-hsds-'));
    });
    afterAll(async () => {
      await t.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('recognises HSDS packages (folder, zip, JSON) but not GeoJSON', () => {
      const zip = path.join(tmp, 'paket.zip');
      fs.writeFileSync(zip, zipFolder(HSDS3));
      expect(isRegisterSource(HSDS3)).toBe(true);
      expect(isRegisterSource(zip)).toBe(true);
      expect(isRegisterSource(path.join(DATA, 'hsds/hsds3_spec_examples/json/service_full.json'))).toBe(true);
      expect(isRegisterSource(KITAS)).toBe(false);
    });

    it('imports the HSDS 3 example package: 1 organisation, 1 service, 1 location flagged (latitude 100)', async () => {
      const result = await importRegisterFile({ db: t.ctx.db, clock: t.ctx.clock }, SYSTEM, { file: HSDS3, tenantKey: A });
      expect(result.counts).toMatchObject({
        organizations: 1,
        services: 1,
        locations: 1,
        links: 1,
        inserted: 4,
        withoutCoordinates: 1,
      });
      expect(result.counts.warnings[0]).toBe(
        'locations.csv, Zeile 2: Die geografische Breite 100 liegt nicht zwischen -90 und 90. Der Standort wird ohne Koordinaten übernommen und ist zum Setzen auf der Karte markiert.',
      );
      const service = (
        await planner.request('GET', `/api/tenants/${A}/services/ac148810-d857-441c-9679-408f346de14b`)
      ).json() as {
        service: Record<string, unknown>;
        locations: { latitude: number | null; name: string }[];
      };
      expect(service.service).toMatchObject({
        name: 'Community Counselling',
        status: 'active',
        minimumAge: 12,
        maximumAge: 100,
        assuredDate: '2005-01-01',
        published: false,
        languages: [
          { name: 'Urdu', code: 'ur', note: 'Translation services provided via bilingual staff when they are available' },
        ],
        costOptions: [{ option: 'Under 18s and Over 60s', amount: 35, currency: 'GBP', amountDescription: 'per 1 hour session' }],
        phones: [{ number: '+44 1234 234567', type: 'voice' }],
      });
      expect((service.service.schedules as { byday: string[]; opensAt: string }[])[0]).toMatchObject({
        byday: ['TH', 'FR'],
        opensAt: '10:00',
        closesAt: '18:00',
      });
      expect(service.locations).toEqual([expect.objectContaining({ name: 'MyCity Civic Center', latitude: null })]);

      // The same package as a zip is recognised as already imported.
      const again = await upload({ fileName: 'paket.zip', contentBase64: zipFolder(HSDS3).toString('base64') });
      expect(again.json()).toMatchObject({ importId: result.importId, unchanged: true });
      expect(await count('services')).toBe(1);
    });

    it('imports the HSDS 1.1 sample: 10 organisations, 13 services, 10 locations (9 without coordinates)', async () => {
      const r = await upload({ fileName: 'hsds1.zip', contentBase64: zipFolder(HSDS1).toString('base64') });
      expect(r.statusCode, r.body).toBe(200);
      const result = r.json() as ImportResult;
      expect(result.counts).toMatchObject({
        organizations: 10,
        services: 13,
        locations: 10,
        links: 13,
        withoutCoordinates: 9,
        updated: 0,
      });
      expect(await count('services')).toBe(14);
      expect(await count('service_organizations')).toBe(11);
      const inactive = (await planner.request('GET', `/api/tenants/${A}/services`)).json() as {
        entries: { service: { status: string } }[];
      };
      expect(inactive.entries.filter((e) => e.service.status === 'inactive')).toHaveLength(
        fs
          .readFileSync(path.join(HSDS1, 'services.csv'), 'utf8')
          .split('\n')
          .filter((l) => l.includes(',inactive,')).length,
      );
    });

    it('a changed package updates its entries instead of duplicating them; rollback restores the earlier content', async () => {
      const changed = zipFolder(HSDS1, { file: 'services.csv', from: 'Never Homeless Helpline', to: 'Never Homeless Hotline' });
      const r = (await upload({ fileName: 'hsds1-neu.zip', contentBase64: changed.toString('base64') })).json() as ImportResult;
      expect(r.unchanged).toBe(false);
      expect(r.counts).toMatchObject({ services: 13, inserted: 0, updated: 1 });
      expect(await count('services')).toBe(14);
      const name = async () =>
        (
          await t.ctx.db
            .selectFrom('services')
            .select('name')
            .where('id', '=', 'c89eb05c-62dd-4b64-b494-0cc347b6ea7f')
            .executeTakeFirstOrThrow()
        ).name;
      expect(await name()).toBe('Never Homeless Hotline');

      const list = (await planner.request('GET', `/api/tenants/${A}/service-imports`)).json() as { id: number; status: string }[];
      const [latest, previous] = list;
      // Only the latest import can be taken back first.
      const refused = await planner.request('POST', `/api/tenants/${A}/service-imports/${previous!.id}/rollback`);
      expect(refused.statusCode).toBe(409);
      const back = await planner.request('POST', `/api/tenants/${A}/service-imports/${latest!.id}/rollback`);
      expect(back.json()).toEqual({ deleted: 0, restored: 1 });
      expect(await name()).toBe('Never Homeless Helpline');
      expect(await count('services')).toBe(14);
      const back2 = await planner.request('POST', `/api/tenants/${A}/service-imports/${previous!.id}/rollback`);
      expect(back2.statusCode).toBe(200);
      expect(await count('services')).toBe(1);
      expect(await count('service_locations')).toBe(1);
      expect(await count('service_at_locations')).toBe(1);
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('tenant_key', '=', A)
        .orderBy('id', 'desc')
        .limit(2)
        .execute();
      expect(audit).toEqual([
        { action: 'service-import.roll-back', entity_id: String(previous!.id) },
        { action: 'service-import.roll-back', entity_id: String(latest!.id) },
      ]);
    });

    it('rejects a faulty package with file, line and column, and writes nothing', async () => {
      const entries: Record<string, Uint8Array> = {
        'organizations.csv': strToU8('id,name\no1,Träger Eins\n'),
        'services.csv': strToU8(
          'id,organization_id,name,status,minimum_age\ns1,o1,Angebot Eins,active,6\ns2,o1,Angebot Zwei,active,zwölf\n',
        ),
      };
      const r = await upload({ fileName: 'kaputt.zip', contentBase64: Buffer.from(zipSync(entries)).toString('base64') });
      expect(r.statusCode).toBe(422);
      expect(r.json()).toMatchObject({ detail: 'services.csv, Zeile 3, Spalte 5: „zwölf“ ist keine ganze Zahl.' });
      const unknownOrg = {
        ...entries,
        'services.csv': strToU8('id,organization_id,name\ns1,o1,Angebot Eins\ns2,o9,Angebot Zwei\n'),
      };
      const r2 = await upload({ fileName: 'kaputt2.zip', contentBase64: Buffer.from(zipSync(unknownOrg)).toString('base64') });
      expect(r2.json()).toMatchObject({ detail: 'services.csv, Zeile 3, Spalte 2: Den Träger „o9“ gibt es im Paket nicht.' });
      const badStatus = {
        ...entries,
        'services.csv': strToU8('id,organization_id,name,status\ns1,o1,"Angebot\nmit Umbruch",active\ns2,o1,Zwei,offen\n'),
      };
      const r3 = await upload({ fileName: 'kaputt3.zip', contentBase64: Buffer.from(zipSync(badStatus)).toString('base64') });
      expect(r3.json()).toMatchObject({
        detail:
          'services.csv, Zeile 4, Spalte 4: Unbekannter Status „offen“ (erlaubt: active, inactive, temporarily closed, defunct).',
      });
      expect(await count('services')).toBe(1);
      const journal = (await planner.request('GET', `/api/tenants/${A}/service-imports`)).json() as {
        fileName: string;
        status: string;
        error: string;
      }[];
      expect(journal[0]).toMatchObject({ fileName: 'kaputt3.zip', status: 'failed' });
      // The atlas import history does not list register imports.
      const atlas = (await planner.request('GET', `/api/tenants/${A}/imports`)).json() as { fileName: string }[];
      expect(atlas.map((i) => i.fileName)).not.toContain('kaputt3.zip');
    });

    it('imports the Chemnitz Kita list (GeoJSON) with a column mapping; private childminders stay private in public', async () => {
      const content = fs.readFileSync(KITAS).toString('base64');
      const r = await upload({ fileName: 'kitas.geojson', contentBase64: content, mapping: KITA_MAPPING, publish: true });
      expect(r.statusCode, r.body).toBe(200);
      const result = r.json() as ImportResult;
      // Counted with python from the file: 241 features, 38 distinct TRAEGER, all with points; one URL with a trailing note.
      expect(result.counts).toMatchObject({
        organizations: 38,
        services: 241,
        locations: 241,
        withoutCoordinates: 0,
        inserted: 241 * 3 + 38,
      });
      expect(result.counts.warnings).toEqual([
        'kitas.geojson, Objekt 222, Feld „URL“: „https://www.kindertagespflege-zwergenfuesse.de Entdeckerkosmos ist Integriert“ ist keine gültige Webadresse und wurde weggelassen.',
      ]);
      const again = (
        await upload({ fileName: 'kitas.geojson', contentBase64: content, mapping: KITA_MAPPING, publish: true })
      ).json() as ImportResult;
      expect(again.unchanged).toBe(true);
      expect(await count('services')).toBe(1 + 241);

      const pub = (
        await new TestClient(t.app).request('GET', `/api/public/services/${A}?terms=zielgruppe.schulkinder`)
      ).json() as {
        services: {
          id: string;
          organization: { name: string; privatePerson: boolean };
          email: string | null;
          phones: unknown[];
        }[];
      };
      expect(pub.services.filter((s) => s.id.startsWith('chemnitz-kita:'))).toHaveLength(70);
      const all = (await new TestClient(t.app).request('GET', `/api/public/services/${A}`)).json() as {
        services: {
          id: string;
          organization: { privatePerson: boolean };
          email: string | null;
          phones: unknown[];
          locations: { address: { address1: string } }[];
        }[];
      };
      const privateOnes = all.services.filter((s) => s.organization.privatePerson && s.id.startsWith('chemnitz-kita:'));
      expect(privateOnes).toHaveLength(64);
      expect(privateOnes.every((s) => s.email === null && s.phones.length === 0 && s.locations[0]!.address.address1 === '')).toBe(
        true,
      );
      expect(all.services.filter((s) => !s.organization.privatePerson && s.phones.length > 0).length).toBeGreaterThan(100);
    });

    it('imports a CSV facility list with coordinate columns; a row without coordinates is flagged, a bad one stops with line and column', async () => {
      const csv = 'nr;name;traeger;lat;lon\n1;Seniorentreff Nord;Stadt;51,32;10,41\n2;Seniorentreff Süd;Stadt;;\n';
      const mapping = {
        source: 'senioren',
        id: 'nr',
        name: 'name',
        organization: 'traeger',
        latitude: 'lat',
        longitude: 'lon',
        termKeys: ['zielgruppe.senioren'],
      };
      const r = (
        await upload({ fileName: 'senioren.csv', contentBase64: Buffer.from(csv).toString('base64'), mapping })
      ).json() as ImportResult;
      expect(r.counts).toMatchObject({ organizations: 1, services: 2, locations: 2, withoutCoordinates: 1 });
      const flagged = (await planner.request('GET', `/api/tenants/${A}/service-locations?withoutCoordinates=true`)).json() as {
        name: string;
      }[];
      expect(flagged.map((l) => l.name)).toContain('Seniorentreff Süd');
      const bad = await upload({
        fileName: 'senioren2.csv',
        contentBase64: Buffer.from('nr;name;traeger;lat;lon\n1;A;Stadt;51,3;10,4\n2;B;Stadt;nord;10,4\n').toString('base64'),
        mapping,
      });
      expect(bad.json()).toMatchObject({ status: 422, detail: 'senioren2.csv, Zeile 3, Spalte 4: „nord“ ist keine Koordinate.' });
      const missing = await upload({
        fileName: 'senioren3.csv',
        contentBase64: Buffer.from(csv).toString('base64'),
        mapping: { ...mapping, name: 'bezeichnung' },
      });
      expect(missing.json()).toMatchObject({
        detail: 'senioren3.csv: Die Spalte „bezeichnung“ der Zuordnung gibt es in der Datei nicht.',
      });
    });

    it('imports HSDS JSON and exports the register as an HSDS package that imports again with the same counts', async () => {
      const json = fs.readFileSync(path.join(DATA, 'hsds/hsds3_spec_examples/json/organization_full.json'));
      const r = (await upload({ fileName: 'organisation.json', contentBase64: json.toString('base64') })).json() as ImportResult;
      // The JSON example describes the same organisation, service and location as the CSV example imported first: no new rows.
      const before = await count('services');
      expect(r).toMatchObject({
        format: 'hsds-json',
        counts: { organizations: 1, services: 1, locations: 1, links: 1, inserted: 0 },
      });
      expect(r.counts.updated + r.counts.unchanged).toBe(4);
      expect(await count('services')).toBe(before);

      const exported = await planner.request('GET', `/api/tenants/${A}/services-export?format=zip`);
      expect(exported.headers['content-type']).toBe('application/zip');
      const files = unzipSync(new Uint8Array(exported.rawPayload));
      const services = strFromU8(files['services.csv']!);
      expect(services.split('\n')[0]).toBe(
        'id,organization_id,name,alternate_name,description,url,email,status,application_process,fees_description,eligibility_description,minimum_age,maximum_age,assured_date,capacity,published',
      );
      // The export holds everything of the municipality, including the demo's 60 services of 10 providers at 60 locations.
      const totals = {
        services: (await count('services')) + 60,
        organizations: (await count('service_organizations')) + 10,
        locations: (await count('service_locations')) + 60,
      };
      // Into another, empty municipality: the same numbers.
      const system: Actor = SYSTEM;
      const { createTenant } = await import('../../src/use-cases/tenancy/create-tenant.ts');
      const { inTransaction } = await import('../../src/db/repositories/index.ts');
      await inTransaction(t.ctx.db, (rep) =>
        createTenant({ ...rep, clock: t.ctx.clock }, system, { key: '16055', name: 'Weimar', kind: 'kreisfreie_stadt' }),
      );
      const zipFile = path.join(tmp, 'export.zip');
      fs.writeFileSync(zipFile, exported.rawPayload);
      const round = await importRegisterFile({ db: t.ctx.db, clock: t.ctx.clock }, SYSTEM, { file: zipFile, tenantKey: '16055' });
      expect(round.counts).toMatchObject({ ...totals, withoutCoordinates: 2 });
      const weimar = await t.ctx.db
        .selectFrom('services')
        .select(['id', 'name', 'data'])
        .where('tenant_key', '=', '16055')
        .where('id', '=', 'chemnitz-kita:15')
        .executeTakeFirstOrThrow();
      const original = await t.ctx.db
        .selectFrom('services')
        .select(['id', 'name', 'data'])
        .where('tenant_key', '=', A)
        .where('id', '=', 'chemnitz-kita:15')
        .executeTakeFirstOrThrow();
      expect(weimar.data).toEqual(original.data);
      const privateProvider = await t.ctx.db
        .selectFrom('service_organizations')
        .select('private_person')
        .where('tenant_key', '=', '16055')
        .where('id', '=', 'chemnitz-kita:org:privater-trager')
        .executeTakeFirstOrThrow();
      expect(privateProvider.private_person).toBe(true);
      const json2 = (await planner.request('GET', `/api/tenants/${A}/services-export?format=json`)).json() as {
        services: unknown[];
      }[];
      expect(json2.reduce((n, o) => n + o.services.length, 0)).toBe(totals.services);
    });
  });
}
