import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Kysely } from 'kysely';
import { repositories } from '../../db/repositories/index.ts';
import { serviceRepositories } from '../../db/repositories/services.repository.ts';
import type { DB } from '../../db/schema.ts';
import { SERVICE_STATUSES, WEEKDAYS, SCHEDULE_FREQUENCIES } from '../../domain/services/model.ts';
import { CHANGE_STATUSES } from '../../domain/services/review.ts';
import { VOCABULARIES } from '../../domain/services/taxonomy.ts';
import type { FacilityMapping } from '../../importers/facilities/read-facilities.ts';
import { importRegisterFile, rollBackRegisterImport } from '../../importers/hsds/import-register-file.ts';
import { hsdsJson, hsdsZip } from '../../importers/hsds/write-hsds.ts';
import { approveChange } from '../../use-cases/services/approve-change.ts';
import { archiveService } from '../../use-cases/services/archive-service.ts';
import { configureReviewAge } from '../../use-cases/services/configure-review-age.ts';
import { createService, type ServiceRegisterDeps } from '../../use-cases/services/create-service.ts';
import { exportServiceRegister } from '../../use-cases/services/export-service-register.ts';
import { getRegisterAccess } from '../../use-cases/services/get-register-access.ts';
import { getService } from '../../use-cases/services/get-service.ts';
import { linkProvider } from '../../use-cases/services/link-provider.ts';
import { listLocations } from '../../use-cases/services/list-locations.ts';
import { listOrganizations } from '../../use-cases/services/list-organizations.ts';
import { listOverdueServices } from '../../use-cases/services/list-overdue-services.ts';
import { listReviewQueue } from '../../use-cases/services/list-review-queue.ts';
import { listServiceImports } from '../../use-cases/services/list-service-imports.ts';
import { listServices } from '../../use-cases/services/list-services.ts';
import { listTaxonomy } from '../../use-cases/services/list-taxonomy.ts';
import { placeLocation } from '../../use-cases/services/place-location.ts';
import { rejectChange } from '../../use-cases/services/reject-change.ts';
import { saveLocation } from '../../use-cases/services/save-location.ts';
import { saveOrganization } from '../../use-cases/services/save-organization.ts';
import { saveTaxonomyTerm } from '../../use-cases/services/save-taxonomy-term.ts';
import type { ServiceQuery } from '../../use-cases/services/service-search.ts';
import { updateService } from '../../use-cases/services/update-service.ts';
import { requireReadTenant, requireRole } from '../../domain/tenancy/policy.ts';
import type { AppContext } from '../context.ts';
import { StringEnum, TenantKeyParam, withProblems, Nullable } from './schemas.ts';

// Null first: with type coercion on, a null would otherwise be coerced into the first branch ("" or 0).
const Text = (max: number) => Nullable(Type.String({ maxLength: max }));
const IdParam = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\s]+$' });

/** HSDS schedule (opening hours) as the API carries it. */
export const ScheduleSchema = Type.Object({
  freq: Nullable(StringEnum(SCHEDULE_FREQUENCIES)),
  interval: Nullable(Type.Integer({ minimum: 1, maximum: 52 })),
  byday: Type.Array(StringEnum(WEEKDAYS), { maxItems: 7 }),
  bymonthday: Type.Array(Type.Integer({ minimum: 1, maximum: 31 }), { maxItems: 31 }),
  dtstart: Text(10),
  until: Text(10),
  validFrom: Text(10),
  validTo: Text(10),
  opensAt: Nullable(Type.String({ description: 'SS:MM, Ortszeit Europe/Berlin', maxLength: 8 })),
  closesAt: Nullable(Type.String({ maxLength: 8 })),
  description: Text(2000),
});
const PhoneSchema = Type.Object({ number: Type.String({ maxLength: 100 }), type: Text(50), description: Text(500) });
const ContactSchema = Type.Object({
  name: Type.String({ maxLength: 300 }),
  title: Text(300),
  department: Text(300),
  email: Text(300),
  phones: Type.Array(PhoneSchema, { maxItems: 10 }),
});
const CostSchema = Type.Object({
  option: Type.String({ maxLength: 500 }),
  amount: Nullable(Type.Number()),
  currency: Text(3),
  amountDescription: Text(500),
});
const FundingSchema = Type.Object({ source: Type.String({ maxLength: 1000 }) });
const LanguageSchema = Type.Object({ name: Type.String({ maxLength: 100 }), code: Text(10), note: Text(500) });
const AccessibilitySchema = Type.Object({ description: Type.String({ maxLength: 2000 }), details: Text(2000), url: Text(500) });
const AddressSchema = Type.Object({
  address1: Type.String({ maxLength: 300 }),
  city: Type.String({ maxLength: 200 }),
  postalCode: Type.String({ maxLength: 20 }),
  region: Text(200),
  country: Type.String({ maxLength: 60 }),
});

/** The editable fields of a service (everything but name and organisation is optional). */
const ServiceDraftFields = {
  organizationId: Type.String({ minLength: 1, maxLength: 200 }),
  name: Type.String({ minLength: 1, maxLength: 300 }),
  alternateName: Type.Optional(Text(300)),
  description: Type.Optional(Text(10_000)),
  url: Type.Optional(Text(500)),
  email: Type.Optional(Text(300)),
  status: Type.Optional(StringEnum(SERVICE_STATUSES)),
  eligibilityDescription: Type.Optional(Text(2000)),
  minimumAge: Type.Optional(Nullable(Type.Integer())),
  maximumAge: Type.Optional(Nullable(Type.Integer())),
  capacity: Type.Optional(Nullable(Type.Integer())),
  applicationProcess: Type.Optional(Text(2000)),
  feesDescription: Type.Optional(Text(2000)),
  termKeys: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
  schedules: Type.Optional(Type.Array(ScheduleSchema, { maxItems: 30 })),
  contacts: Type.Optional(Type.Array(ContactSchema, { maxItems: 20 })),
  phones: Type.Optional(Type.Array(PhoneSchema, { maxItems: 20 })),
  costOptions: Type.Optional(Type.Array(CostSchema, { maxItems: 20 })),
  funding: Type.Optional(Type.Array(FundingSchema, { maxItems: 20 })),
  languages: Type.Optional(Type.Array(LanguageSchema, { maxItems: 30 })),
  locationIds: Type.Optional(Type.Array(IdParam, { maxItems: 50 })),
};
const ServiceBody = Type.Object(
  {
    ...ServiceDraftFields,
    published: Type.Optional(Type.Boolean({ description: 'Nur Planer*innen: öffentlich zeigen' })),
    assured: Type.Optional(
      Type.Boolean({
        description: 'Nur Planer*innen beim Ändern: als geprüft markieren (Standard ja; nein behält das Prüfdatum)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** A service as members see it. */
export const ServiceSchema = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  name: Type.String(),
  alternateName: Text(300),
  description: Text(10_000),
  url: Text(500),
  email: Text(300),
  status: StringEnum(SERVICE_STATUSES),
  eligibilityDescription: Text(2000),
  minimumAge: Nullable(Type.Integer()),
  maximumAge: Nullable(Type.Integer()),
  capacity: Nullable(Type.Integer()),
  applicationProcess: Text(2000),
  feesDescription: Text(2000),
  assuredDate: Nullable(Type.String({ description: 'zuletzt geprüft (JJJJ-MM-TT)' })),
  termKeys: Type.Array(Type.String()),
  schedules: Type.Array(ScheduleSchema),
  contacts: Type.Array(ContactSchema),
  phones: Type.Array(PhoneSchema),
  costOptions: Type.Array(CostSchema),
  funding: Type.Array(FundingSchema),
  languages: Type.Array(LanguageSchema),
  locationIds: Type.Array(Type.String()),
  published: Type.Boolean(),
  archived: Type.Boolean(),
  updatedAt: Type.String(),
});

export const OrganizationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  alternateName: Text(300),
  description: Text(5000),
  email: Text(300),
  website: Text(500),
  legalStatus: Text(200),
  privatePerson: Type.Boolean({ description: 'Natürliche Person: Kontaktdaten werden nie öffentlich gezeigt' }),
});

export const LocationSchema = Type.Object({
  id: Type.String(),
  organizationId: Nullable(Type.String()),
  name: Type.String(),
  description: Text(5000),
  transportation: Text(2000),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  coordinateSource: Nullable(StringEnum(['imported', 'manual'] as const)),
  address: Nullable(AddressSchema),
  accessibility: Type.Array(AccessibilitySchema),
});

const ChangeSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum(['create', 'update', 'archive'] as const),
  serviceId: Type.String(),
  organizationId: Type.String(),
  proposed: Nullable(Type.Omit(ServiceSchema, ['id', 'published', 'archived', 'updatedAt', 'assuredDate'])),
  status: StringEnum(CHANGE_STATUSES),
  submittedBy: Type.String(),
  submittedAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  comment: Nullable(Type.String()),
});

const WriteResultSchema = Type.Object({
  outcome: StringEnum(['saved', 'pending'] as const, { description: 'saved: gespeichert; pending: wartet auf Prüfung' }),
  service: Type.Optional(ServiceSchema),
  change: Type.Optional(ChangeSchema),
});

export const TermSchema = Type.Object({
  key: Type.String(),
  vocabulary: StringEnum(VOCABULARIES),
  label: Type.String(),
  description: Nullable(Type.String()),
  minimumAge: Nullable(Type.Integer()),
  maximumAge: Nullable(Type.Integer()),
  hidden: Type.Boolean(),
  builtIn: Type.Boolean(),
});

export const AreaSchema = Type.Object({ key: Type.String(), name: Type.String() });

/** Query parameters of the service lists (members and public). */
export const ServiceQuerySchema = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Suchtext (Name, Beschreibung)' })),
  terms: Type.Optional(
    Type.String({
      maxLength: 1000,
      pattern: '^[a-z0-9_.]+(,[a-z0-9_.]+)*$',
      description:
        'Begriffe der Systematik, durch Komma getrennt (z. B. zielgruppe.jugendliche,lebenslage.bildung); alle müssen passen',
    }),
  ),
  area: Type.Optional(Type.String({ maxLength: 100, description: 'Sozialraum (Schlüssel des Planungsraums)' })),
  age: Type.Optional(Type.Integer({ minimum: 0, maximum: 120, description: 'Alter in Jahren' })),
  openNow: Type.Optional(Type.Boolean({ description: 'nur jetzt geöffnete Angebote (Europe/Berlin)' })),
};

/** Query parameters → use-case query. */
export function serviceQuery(q: { q?: string; terms?: string; area?: string; age?: number; openNow?: boolean }): ServiceQuery {
  return {
    text: q.q,
    terms: q.terms ? q.terms.split(',').filter(Boolean) : undefined,
    area: q.area,
    age: q.age,
    openNow: q.openNow,
  };
}

const TenantParams = Type.Object({ tenantKey: TenantKeyParam });
const MUTATION_PROBLEMS = [400, 401, 403, 404, 409, 422];

/** Write dependencies of the register use cases bound to one transaction. */
function registerDeps(ctx: AppContext, trx: Kysely<DB>): ServiceRegisterDeps & ReturnType<typeof serviceRepositories> {
  const r = repositories(trx);
  return { ...serviceRepositories(trx), audit: r.audit, secrets: ctx.secrets, clock: ctx.clock };
}

function inRegister<T>(ctx: AppContext, work: (deps: ReturnType<typeof registerDeps>, trx: Kysely<DB>) => Promise<T>) {
  return ctx.db.transaction().execute((trx) => work(registerDeps(ctx, trx), trx));
}

/** The service register (Angebote) of a municipality for its members: entries, review queue, taxonomy, imports. */
export function serviceRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['Angebote'];

    app.get(
      '/api/tenants/:tenantKey/services',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Angebote der Gebietskörperschaft (auch unveröffentlichte) mit Filtern',
          params: TenantParams,
          querystring: Type.Object({ ...ServiceQuerySchema, archived: Type.Optional(Type.Boolean()) }),
          response: withProblems({
            200: Type.Object({
              areas: Type.Array(AreaSchema),
              entries: Type.Array(
                Type.Object({
                  service: ServiceSchema,
                  organization: Nullable(OrganizationSchema),
                  locations: Type.Array(Type.Intersect([LocationSchema, Type.Object({ area: Nullable(Type.String()) })])),
                  openNow: StringEnum(['open', 'closed', 'unknown'] as const),
                  overdue: Type.Boolean(),
                  withoutCoordinates: Type.Boolean(),
                }),
              ),
            }),
          }),
        },
      },
      async (request) => {
        const r = repositories(ctx.db);
        return listServices(
          { register: serviceRepositories(ctx.db).register, regions: r.regions, settings: r.settings, clock: ctx.clock },
          request.actor,
          {
            tenantKey: request.params.tenantKey,
            query: serviceQuery(request.query),
            includeArchived: request.query.archived ?? false,
          },
        );
      },
    );

    app.post(
      '/api/tenants/:tenantKey/services',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Angebot anlegen (Planung: sofort; Anbieter-Konto: zur Prüfung)',
          params: TenantParams,
          body: ServiceBody,
          response: withProblems({ 201: WriteResultSchema, 202: WriteResultSchema }, MUTATION_PROBLEMS),
        },
      },
      async (request, reply) => {
        // A new entry always counts as checked when a planner saves it.
        const { published, assured: _assured, ...service } = request.body;
        const result = await inRegister(ctx, (deps) =>
          createService(deps, request.actor, {
            tenantKey: request.params.tenantKey,
            service,
            ...(published !== undefined ? { published } : {}),
          }),
        );
        return reply.code(result.outcome === 'saved' ? 201 : 202).send(result);
      },
    );

    app.get(
      '/api/tenants/:tenantKey/services/:serviceId',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Ein Angebot mit Träger und Standorten',
          params: Type.Object({ tenantKey: TenantKeyParam, serviceId: IdParam }),
          response: withProblems({
            200: Type.Object({
              service: ServiceSchema,
              organization: Nullable(OrganizationSchema),
              locations: Type.Array(LocationSchema),
            }),
          }),
        },
      },
      async (request) =>
        getService({ register: serviceRepositories(ctx.db).register }, request.actor, {
          tenantKey: request.params.tenantKey,
          serviceId: request.params.serviceId,
        }),
    );

    app.put(
      '/api/tenants/:tenantKey/services/:serviceId',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Angebot ändern (Planung: sofort; Anbieter-Konto: zur Prüfung)',
          params: Type.Object({ tenantKey: TenantKeyParam, serviceId: IdParam }),
          body: ServiceBody,
          response: withProblems({ 200: WriteResultSchema, 202: WriteResultSchema }, MUTATION_PROBLEMS),
        },
      },
      async (request, reply) => {
        const { published, assured, ...service } = request.body;
        const result = await inRegister(ctx, (deps) =>
          updateService(deps, request.actor, {
            tenantKey: request.params.tenantKey,
            serviceId: request.params.serviceId,
            service,
            ...(published !== undefined ? { published } : {}),
            ...(assured !== undefined ? { assured } : {}),
          }),
        );
        return reply.code(result.outcome === 'saved' ? 200 : 202).send(result);
      },
    );

    app.post(
      '/api/tenants/:tenantKey/services/:serviceId/archive',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Angebot archivieren (Planung: sofort; Anbieter-Konto: zur Prüfung)',
          params: Type.Object({ tenantKey: TenantKeyParam, serviceId: IdParam }),
          response: withProblems({ 200: WriteResultSchema, 202: WriteResultSchema }, MUTATION_PROBLEMS),
        },
      },
      async (request, reply) => {
        const result = await inRegister(ctx, (deps) => archiveService(deps, request.actor, request.params));
        return reply.code(result.outcome === 'saved' ? 200 : 202).send(result);
      },
    );

    app.get(
      '/api/tenants/:tenantKey/service-access',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Eigene Rechte im Verzeichnis: Planung (direkt), Anbieter-Konto (zur Prüfung, eigene Träger) oder nur lesen',
          params: TenantParams,
          response: withProblems({
            200: Type.Object({
              mode: StringEnum(['planner', 'provider', 'read'] as const),
              organizationIds: Type.Array(Type.String()),
            }),
          }),
        },
      },
      async (request) => getRegisterAccess(serviceRepositories(ctx.db), request.actor, request.params),
    );

    app.get(
      '/api/tenants/:tenantKey/service-review',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Prüfliste: Änderungen von Anbieter-Konten (Planung: alle offenen; Anbieter: eigene)',
          params: TenantParams,
          querystring: Type.Object({ status: Type.Optional(StringEnum(CHANGE_STATUSES)) }),
          response: withProblems({ 200: Type.Array(Type.Object({ change: ChangeSchema, current: Nullable(ServiceSchema) })) }),
        },
      },
      async (request) => {
        const s = serviceRepositories(ctx.db);
        return listReviewQueue(s, request.actor, { tenantKey: request.params.tenantKey, status: request.query.status });
      },
    );

    app.post(
      '/api/tenants/:tenantKey/service-review/:changeId/approve',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Änderung freigeben',
          params: Type.Object({ tenantKey: TenantKeyParam, changeId: IdParam }),
          body: Type.Optional(Type.Object({ comment: Type.Optional(Text(2000)) }, { additionalProperties: false })),
          response: withProblems({ 200: Type.Object({ change: ChangeSchema, service: ServiceSchema }) }, MUTATION_PROBLEMS),
        },
      },
      async (request) =>
        inRegister(ctx, (deps) =>
          approveChange(deps, request.actor, {
            tenantKey: request.params.tenantKey,
            changeId: request.params.changeId,
            comment: request.body?.comment ?? null,
          }),
        ),
    );

    app.post(
      '/api/tenants/:tenantKey/service-review/:changeId/reject',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Änderung mit Begründung ablehnen',
          params: Type.Object({ tenantKey: TenantKeyParam, changeId: IdParam }),
          body: Type.Object({ comment: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
          response: withProblems({ 200: ChangeSchema }, MUTATION_PROBLEMS),
        },
      },
      async (request) =>
        inRegister(ctx, (deps) =>
          rejectChange(deps, request.actor, {
            tenantKey: request.params.tenantKey,
            changeId: request.params.changeId,
            comment: request.body.comment,
          }),
        ),
    );

    app.get(
      '/api/tenants/:tenantKey/service-overdue',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Überfällige Einträge (zuletzt geprüft vor mehr als der Prüffrist, oder nie)',
          params: TenantParams,
          response: withProblems({
            200: Type.Object({
              maxAgeDays: Type.Integer(),
              today: Type.String(),
              services: Type.Array(Type.Intersect([ServiceSchema, Type.Object({ ageDays: Nullable(Type.Integer()) })])),
            }),
          }),
        },
      },
      async (request) => {
        const r = repositories(ctx.db);
        return listOverdueServices(
          { register: serviceRepositories(ctx.db).register, settings: r.settings, clock: ctx.clock },
          request.actor,
          request.params,
        );
      },
    );

    app.put(
      '/api/tenants/:tenantKey/service-settings',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Prüffrist in Tagen einstellen',
          params: TenantParams,
          body: Type.Object({ reviewAgeDays: Type.Integer({ minimum: 1, maximum: 3650 }) }, { additionalProperties: false }),
          response: withProblems({ 200: Type.Object({ maxAgeDays: Type.Integer() }) }, MUTATION_PROBLEMS),
        },
      },
      async (request) =>
        ctx.db.transaction().execute((trx) => {
          const r = repositories(trx);
          return configureReviewAge({ settings: r.settings, audit: r.audit, clock: ctx.clock }, request.actor, {
            tenantKey: request.params.tenantKey,
            days: request.body.reviewAgeDays,
          });
        }),
    );

    app.get(
      '/api/tenants/:tenantKey/service-organizations',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Träger',
          params: TenantParams,
          response: withProblems({ 200: Type.Array(OrganizationSchema) }),
        },
      },
      async (request) => listOrganizations(serviceRepositories(ctx.db), request.actor, request.params),
    );

    const OrganizationBody = Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 300 }),
        alternateName: Type.Optional(Text(300)),
        description: Type.Optional(Text(5000)),
        email: Type.Optional(Text(300)),
        website: Type.Optional(Text(500)),
        legalStatus: Type.Optional(Text(200)),
        privatePerson: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    );
    const organizationInput = (b: Static<typeof OrganizationBody>, id?: string) => ({
      ...(id ? { id } : {}),
      name: b.name,
      alternateName: b.alternateName ?? null,
      description: b.description ?? null,
      email: b.email ?? null,
      website: b.website ?? null,
      legalStatus: b.legalStatus ?? null,
      privatePerson: b.privatePerson ?? false,
    });
    app.post(
      '/api/tenants/:tenantKey/service-organizations',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Träger anlegen',
          params: TenantParams,
          body: OrganizationBody,
          response: withProblems({ 201: OrganizationSchema }, MUTATION_PROBLEMS),
        },
      },
      async (request, reply) => {
        const saved = await inRegister(ctx, (deps) =>
          saveOrganization(deps, request.actor, {
            tenantKey: request.params.tenantKey,
            organization: organizationInput(request.body),
          }),
        );
        return reply.code(201).send(saved);
      },
    );
    app.put(
      '/api/tenants/:tenantKey/service-organizations/:organizationId',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Träger ändern',
          params: Type.Object({ tenantKey: TenantKeyParam, organizationId: IdParam }),
          body: OrganizationBody,
          response: withProblems({ 200: OrganizationSchema }, MUTATION_PROBLEMS),
        },
      },
      async (request) =>
        inRegister(ctx, (deps) =>
          saveOrganization(deps, request.actor, {
            tenantKey: request.params.tenantKey,
            organization: organizationInput(request.body, request.params.organizationId),
          }),
        ),
    );

    app.get(
      '/api/tenants/:tenantKey/service-locations',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Standorte (withoutCoordinates: nur die ohne Koordinaten, zum Setzen auf der Karte)',
          params: TenantParams,
          querystring: Type.Object({ withoutCoordinates: Type.Optional(Type.Boolean()) }),
          response: withProblems({ 200: Type.Array(LocationSchema) }),
        },
      },
      async (request) =>
        listLocations(serviceRepositories(ctx.db), request.actor, {
          tenantKey: request.params.tenantKey,
          withoutCoordinates: request.query.withoutCoordinates ?? false,
        }),
    );

    const LocationBody = Type.Object(
      {
        organizationId: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
        name: Type.String({ minLength: 1, maxLength: 300 }),
        description: Type.Optional(Text(5000)),
        transportation: Type.Optional(Text(2000)),
        latitude: Type.Optional(Nullable(Type.Number())),
        longitude: Type.Optional(Nullable(Type.Number())),
        address: Type.Optional(Nullable(AddressSchema)),
        accessibility: Type.Optional(Type.Array(AccessibilitySchema, { maxItems: 20 })),
      },
      { additionalProperties: false },
    );
    const locationInput = (b: Static<typeof LocationBody>, id?: string) => ({
      ...(id ? { id } : {}),
      organizationId: b.organizationId ?? null,
      name: b.name,
      description: b.description ?? null,
      transportation: b.transportation ?? null,
      latitude: b.latitude ?? null,
      longitude: b.longitude ?? null,
      address: b.address ?? null,
      accessibility: b.accessibility ?? [],
    });
    app.post(
      '/api/tenants/:tenantKey/service-locations',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Standort anlegen',
          params: TenantParams,
          body: LocationBody,
          response: withProblems({ 201: LocationSchema }, MUTATION_PROBLEMS),
        },
      },
      async (request, reply) => {
        const saved = await inRegister(ctx, (deps) =>
          saveLocation(deps, request.actor, { tenantKey: request.params.tenantKey, location: locationInput(request.body) }),
        );
        return reply.code(201).send(saved);
      },
    );
    app.put(
      '/api/tenants/:tenantKey/service-locations/:locationId',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Standort ändern',
          params: Type.Object({ tenantKey: TenantKeyParam, locationId: IdParam }),
          body: LocationBody,
          response: withProblems({ 200: LocationSchema }, MUTATION_PROBLEMS),
        },
      },
      async (request) =>
        inRegister(ctx, (deps) =>
          saveLocation(deps, request.actor, {
            tenantKey: request.params.tenantKey,
            location: locationInput(request.body, request.params.locationId),
          }),
        ),
    );
    app.put(
      '/api/tenants/:tenantKey/service-locations/:locationId/position',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Standort von Hand auf der Karte setzen (WGS84)',
          params: Type.Object({ tenantKey: TenantKeyParam, locationId: IdParam }),
          body: Type.Object({ latitude: Type.Number(), longitude: Type.Number() }, { additionalProperties: false }),
          response: withProblems({ 200: LocationSchema }, MUTATION_PROBLEMS),
        },
      },
      async (request) =>
        inRegister(ctx, (deps) =>
          placeLocation(deps, request.actor, {
            tenantKey: request.params.tenantKey,
            locationId: request.params.locationId,
            latitude: request.body.latitude,
            longitude: request.body.longitude,
          }),
        ),
    );

    app.get(
      '/api/tenants/:tenantKey/service-taxonomy',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Systematik der Gebietskörperschaft (mit verborgenen Begriffen)',
          params: TenantParams,
          response: withProblems({ 200: Type.Array(TermSchema) }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        return listTaxonomy(
          { taxonomy: serviceRepositories(ctx.db).taxonomy, tenants: repositories(ctx.db).tenants },
          { tenantKey: request.params.tenantKey, includeHidden: true },
        );
      },
    );

    app.put(
      '/api/tenants/:tenantKey/service-taxonomy/:termKey',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Begriff umbenennen, verbergen oder hinzufügen',
          params: Type.Object({ tenantKey: TenantKeyParam, termKey: IdParam }),
          body: Type.Object(
            {
              vocabulary: StringEnum(VOCABULARIES),
              label: Type.String({ minLength: 1, maxLength: 200 }),
              description: Type.Optional(Text(2000)),
              minimumAge: Type.Optional(Nullable(Type.Integer())),
              maximumAge: Type.Optional(Nullable(Type.Integer())),
              hidden: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: withProblems({ 200: TermSchema }, MUTATION_PROBLEMS),
        },
      },
      async (request) =>
        inRegister(ctx, (deps) =>
          saveTaxonomyTerm(deps, request.actor, {
            tenantKey: request.params.tenantKey,
            term: {
              key: request.params.termKey,
              vocabulary: request.body.vocabulary,
              label: request.body.label,
              description: request.body.description ?? null,
              minimumAge: request.body.minimumAge ?? null,
              maximumAge: request.body.maximumAge ?? null,
              hidden: request.body.hidden ?? false,
            },
          }),
        ),
    );

    app.post(
      '/api/tenants/:tenantKey/service-providers',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Mitglied (Rolle contributor) als Anbieter-Konto mit einem Träger verknüpfen',
          params: TenantParams,
          body: Type.Object(
            { userId: Type.String({ format: 'uuid' }), organizationId: Type.String({ minLength: 1, maxLength: 200 }) },
            { additionalProperties: false },
          ),
          response: withProblems(
            { 200: Type.Object({ userId: Type.String(), organizationIds: Type.Array(Type.String()) }) },
            MUTATION_PROBLEMS,
          ),
        },
      },
      async (request) =>
        inRegister(ctx, (deps, trx) =>
          linkProvider({ ...deps, memberships: repositories(trx).memberships }, request.actor, {
            tenantKey: request.params.tenantKey,
            ...request.body,
          }),
        ),
    );

    const ImportRecordSchema = Type.Object({
      id: Type.Integer(),
      fileName: Type.String(),
      format: Type.String(),
      actorLabel: Type.String(),
      status: Type.String(),
      counts: Nullable(Type.Unknown()),
      error: Nullable(Type.String()),
      startedAt: Type.String({ format: 'date-time' }),
      finishedAt: Nullable(Type.String({ format: 'date-time' })),
    });
    app.get(
      '/api/tenants/:tenantKey/service-imports',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Importe in das Angebotsverzeichnis',
          params: TenantParams,
          response: withProblems({ 200: Type.Array(ImportRecordSchema) }),
        },
      },
      async (request) =>
        listServiceImports({ journal: serviceRepositories(ctx.db).serviceJournal }, request.actor, request.params),
    );

    app.post(
      '/api/tenants/:tenantKey/service-imports',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'HSDS-Paket (ZIP oder JSON) oder Einrichtungsliste (CSV, GeoJSON mit Zuordnung) importieren',
          params: TenantParams,
          body: Type.Object(
            {
              fileName: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\]+$' }),
              contentBase64: Type.String({ minLength: 1, description: 'Dateiinhalt, Base64' }),
              mapping: Type.Optional(Type.Unknown({ description: 'Spaltenzuordnung für Einrichtungslisten (FacilityMapping)' })),
              publish: Type.Optional(Type.Boolean({ description: 'Eingelesene Angebote sofort veröffentlichen' })),
            },
            { additionalProperties: false },
          ),
          response: withProblems(
            {
              200: Type.Object({
                importId: Type.Integer(),
                unchanged: Type.Boolean(),
                format: Type.String(),
                counts: Type.Unknown(),
              }),
            },
            MUTATION_PROBLEMS,
          ),
        },
      },
      async (request) => {
        requireRole(request.actor, request.params.tenantKey, 'planner');
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-services-'));
        const file = path.join(dir, path.basename(request.body.fileName));
        try {
          fs.writeFileSync(file, Buffer.from(request.body.contentBase64, 'base64'));
          return await importRegisterFile({ db: ctx.db, clock: ctx.clock }, request.actor, {
            file,
            fileName: request.body.fileName,
            tenantKey: request.params.tenantKey,
            ...(request.body.mapping ? { mapping: request.body.mapping as FacilityMapping } : {}),
            publish: request.body.publish ?? false,
          });
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    );

    app.post(
      '/api/tenants/:tenantKey/service-imports/:importId/rollback',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Import in das Angebotsverzeichnis zurücknehmen',
          params: Type.Object({ tenantKey: TenantKeyParam, importId: Type.Integer({ minimum: 1 }) }),
          response: withProblems({ 200: Type.Object({ deleted: Type.Integer(), restored: Type.Integer() }) }, MUTATION_PROBLEMS),
        },
      },
      async (request) =>
        rollBackRegisterImport({ db: ctx.db, clock: ctx.clock }, request.actor, {
          tenantKey: request.params.tenantKey,
          importId: request.params.importId,
        }),
    );

    app.get(
      '/api/tenants/:tenantKey/services-export',
      {
        config: { access: 'tenant' },
        schema: {
          tags,
          summary: 'Angebotsverzeichnis als HSDS-CSV-Paket (ZIP) oder HSDS-JSON',
          params: TenantParams,
          querystring: Type.Object({ format: StringEnum(['zip', 'json'] as const) }),
        },
      },
      async (request, reply) => {
        const data = await exportServiceRegister(serviceRepositories(ctx.db), request.actor, request.params);
        const base = `angebote-${request.params.tenantKey}`;
        if (request.query.format === 'json')
          return reply
            .header('content-disposition', `attachment; filename="${base}.json"`)
            .type('application/json; charset=utf-8')
            .send(JSON.stringify(hsdsJson(data), null, 2));
        return reply
          .header('content-disposition', `attachment; filename="${base}-hsds.zip"`)
          .type('application/zip')
          .send(Buffer.from(hsdsZip(data)));
      },
    );
  };
}
