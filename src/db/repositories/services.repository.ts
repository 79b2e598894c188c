import type { Kysely, Selectable } from 'kysely';
import type { Location, Organization, Service, ServiceDraft } from '../../domain/services/model.ts';
import type { ChangeRequest } from '../../domain/services/review.ts';
import type { TaxonomyOverride, Vocabulary } from '../../domain/services/taxonomy.ts';
import type {
  ChangeRequestStore,
  ProviderLinkStore,
  ServiceImportCounts,
  ServiceImportJournal,
  ServiceImportRecord,
  ServiceRegisterStore,
  TaxonomyStore,
} from '../../use-cases/services/ports.ts';
import type { DB, ImportsTable, ServicesTable } from '../schema.ts';
import { serviceImportsRepository } from './services-import.repository.ts';

/** The service's stored JSON: the draft without its location links (kept in service_at_locations). */
export function serviceData(service: ServiceDraft): Record<string, unknown> {
  const { locationIds: _links, ...rest } = service;
  return rest as unknown as Record<string, unknown>;
}

/** Service row → domain service. */
export function toService(row: Selectable<ServicesTable>, locationIds: string[]): Service {
  const data = row.data as unknown as ServiceDraft;
  return {
    ...data,
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    status: row.status as Service['status'],
    assuredDate: row.assured_date,
    locationIds,
    published: row.published,
    archived: row.archived,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Location ids per service id (ordered by link id). */
async function linksOf(db: Kysely<DB>, tenantKey: string, serviceIds?: readonly string[]): Promise<Map<string, string[]>> {
  let query = db.selectFrom('service_at_locations').select(['service_id', 'location_id']).where('tenant_key', '=', tenantKey);
  if (serviceIds) {
    if (serviceIds.length === 0) return new Map();
    query = query.where('service_id', 'in', serviceIds);
  }
  const rows = await query.orderBy('id').execute();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.service_id) ?? [];
    list.push(r.location_id);
    out.set(r.service_id, list);
  }
  return out;
}

/** Organisations, locations and services of one tenant. */
export function serviceRegisterRepository(db: Kysely<DB>): ServiceRegisterStore {
  return {
    async getOrganization(tenantKey, id) {
      const row = await db
        .selectFrom('service_organizations')
        .select('data')
        .where('tenant_key', '=', tenantKey)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? (row.data as unknown as Organization) : undefined;
    },
    async listOrganizations(tenantKey) {
      const rows = await db
        .selectFrom('service_organizations')
        .select('data')
        .where('tenant_key', '=', tenantKey)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map((r) => r.data as unknown as Organization);
    },
    async saveOrganization(tenantKey, org, at) {
      const values = { name: org.name, private_person: org.privatePerson, data: JSON.stringify(org), updated_at: at };
      await db
        .insertInto('service_organizations')
        .values({ tenant_key: tenantKey, id: org.id, ...values })
        .onConflict((oc) => oc.columns(['tenant_key', 'id']).doUpdateSet(values))
        .execute();
    },
    async getLocation(tenantKey, id) {
      const row = await db
        .selectFrom('service_locations')
        .select('data')
        .where('tenant_key', '=', tenantKey)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? (row.data as unknown as Location) : undefined;
    },
    async listLocations(tenantKey) {
      const rows = await db
        .selectFrom('service_locations')
        .select('data')
        .where('tenant_key', '=', tenantKey)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map((r) => r.data as unknown as Location);
    },
    async saveLocation(tenantKey, location, at) {
      const values = {
        organization_id: location.organizationId,
        name: location.name,
        latitude: location.latitude,
        longitude: location.longitude,
        data: JSON.stringify(location),
        updated_at: at,
      };
      await db
        .insertInto('service_locations')
        .values({ tenant_key: tenantKey, id: location.id, ...values })
        .onConflict((oc) => oc.columns(['tenant_key', 'id']).doUpdateSet(values))
        .execute();
    },
    async getService(tenantKey, id) {
      const row = await db
        .selectFrom('services')
        .selectAll()
        .where('tenant_key', '=', tenantKey)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return toService(row, (await linksOf(db, tenantKey, [id])).get(id) ?? []);
    },
    async listServices(tenantKey, options = {}) {
      let query = db.selectFrom('services').selectAll().where('tenant_key', '=', tenantKey);
      if (!options.includeArchived) query = query.where('archived', '=', false);
      const rows = await query.orderBy('name').orderBy('id').execute();
      const links = await linksOf(db, tenantKey);
      return rows.map((r) => toService(r, links.get(r.id) ?? []));
    },
    async saveService(tenantKey, service, at) {
      const values = {
        organization_id: service.organizationId,
        name: service.name,
        status: service.status,
        published: service.published,
        archived: service.archived,
        assured_date: service.assuredDate,
        data: JSON.stringify(serviceData(service)),
        updated_at: at,
      };
      await db
        .insertInto('services')
        .values({ tenant_key: tenantKey, id: service.id, ...values })
        .onConflict((oc) => oc.columns(['tenant_key', 'id']).doUpdateSet(values))
        .execute();
      let remove = db.deleteFrom('service_at_locations').where('tenant_key', '=', tenantKey).where('service_id', '=', service.id);
      if (service.locationIds.length > 0) remove = remove.where('location_id', 'not in', service.locationIds);
      await remove.execute();
      if (service.locationIds.length > 0) {
        await db
          .insertInto('service_at_locations')
          .values(
            service.locationIds.map((locationId) => ({
              tenant_key: tenantKey,
              id: `${service.id}@${locationId}`,
              service_id: service.id,
              location_id: locationId,
              description: null,
              import_id: null,
            })),
          )
          .onConflict((oc) => oc.columns(['tenant_key', 'service_id', 'location_id']).doNothing())
          .execute();
      }
    },
  };
}

function toChange(row: Selectable<DB['service_change_requests']>): ChangeRequest {
  return {
    id: row.id,
    kind: row.kind as ChangeRequest['kind'],
    serviceId: row.service_id,
    organizationId: row.organization_id,
    proposed: row.proposed as unknown as ChangeRequest['proposed'],
    status: row.status as ChangeRequest['status'],
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at.toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    comment: row.comment,
  };
}

/** The review queue of one tenant. */
export function changeRequestsRepository(db: Kysely<DB>): ChangeRequestStore {
  return {
    async get(tenantKey, id) {
      const row = await db
        .selectFrom('service_change_requests')
        .selectAll()
        .where('tenant_key', '=', tenantKey)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toChange(row) : undefined;
    },
    async list(tenantKey, filter) {
      let query = db.selectFrom('service_change_requests').selectAll().where('tenant_key', '=', tenantKey);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.organizationIds) {
        if (filter.organizationIds.length === 0) return [];
        query = query.where('organization_id', 'in', filter.organizationIds);
      }
      const rows = await query.orderBy('submitted_at').orderBy('id').execute();
      return rows.map(toChange);
    },
    async save(tenantKey, change) {
      const values = {
        kind: change.kind,
        service_id: change.serviceId,
        organization_id: change.organizationId,
        proposed: change.proposed === null ? null : JSON.stringify(change.proposed),
        status: change.status,
        submitted_by: change.submittedBy,
        submitted_at: change.submittedAt,
        decided_by: change.decidedBy,
        decided_at: change.decidedAt,
        comment: change.comment,
      };
      await db
        .insertInto('service_change_requests')
        .values({ id: change.id, tenant_key: tenantKey, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values).where('service_change_requests.tenant_key', '=', tenantKey))
        .execute();
    },
  };
}

/** The municipality's changes to the shipped taxonomy. */
export function taxonomyRepository(db: Kysely<DB>): TaxonomyStore {
  return {
    async overrides(tenantKey) {
      const rows = await db
        .selectFrom('service_taxonomy_overrides')
        .selectAll()
        .where('tenant_key', '=', tenantKey)
        .orderBy('key')
        .execute();
      return rows.map((r) => ({
        key: r.key,
        vocabulary: r.vocabulary as Vocabulary,
        label: r.label,
        description: r.description,
        minimumAge: r.minimum_age,
        maximumAge: r.maximum_age,
        hidden: r.hidden,
      }));
    },
    async save(tenantKey, o: TaxonomyOverride, at) {
      const values = {
        vocabulary: o.vocabulary,
        label: o.label,
        description: o.description,
        minimum_age: o.minimumAge,
        maximum_age: o.maximumAge,
        hidden: o.hidden,
        updated_at: at,
      };
      await db
        .insertInto('service_taxonomy_overrides')
        .values({ tenant_key: tenantKey, key: o.key, ...values })
        .onConflict((oc) => oc.columns(['tenant_key', 'key']).doUpdateSet(values))
        .execute();
    },
  };
}

/** Links of provider accounts to organisations. */
export function providerLinksRepository(db: Kysely<DB>): ProviderLinkStore {
  return {
    async organizationsOf(tenantKey, userId) {
      const rows = await db
        .selectFrom('service_providers')
        .select('organization_id')
        .where('tenant_key', '=', tenantKey)
        .where('user_id', '=', userId)
        .orderBy('organization_id')
        .execute();
      return rows.map((r) => r.organization_id);
    },
    async link(tenantKey, userId, organizationId, at) {
      await db
        .insertInto('service_providers')
        .values({ tenant_key: tenantKey, user_id: userId, organization_id: organizationId, created_at: at })
        .onConflict((oc) => oc.columns(['tenant_key', 'user_id', 'organization_id']).doNothing())
        .execute();
    },
  };
}

const SCOPE_PREFIX = 'services:';

function toImportRecord(row: Selectable<ImportsTable>): ServiceImportRecord {
  return {
    id: Number(row.id),
    tenantKey: row.scope.slice(SCOPE_PREFIX.length),
    fileName: row.file_name,
    checksum: row.checksum,
    format: row.format,
    actorLabel: row.actor_label,
    status: row.status,
    counts: row.counts as ServiceImportCounts | null,
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/**
 * The journal of register imports in the shared `imports` table under the scope
 * `services:<tenant>`, so that the atlas's import history and rollback never see them.
 */
export function serviceImportJournalRepository(db: Kysely<DB>): ServiceImportJournal {
  return {
    async findCompleted(tenantKey, checksum) {
      const row = await db
        .selectFrom('imports')
        .selectAll()
        .where('scope', '=', SCOPE_PREFIX + tenantKey)
        .where('checksum', '=', checksum)
        .where('status', '=', 'completed')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? toImportRecord(row) : undefined;
    },
    async start(input) {
      const row = await db
        .insertInto('imports')
        .values({
          scope: SCOPE_PREFIX + input.tenantKey,
          file_name: input.fileName,
          checksum: input.checksum,
          format: input.format,
          actor_user_id: input.actorUserId,
          actor_label: input.actorLabel,
          status: 'running',
          started_at: input.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async finish(id, status, at, counts, error) {
      await db
        .updateTable('imports')
        .set({ status, finished_at: at, counts: counts === null ? null : JSON.stringify(counts), error })
        .where('id', '=', id)
        .where('scope', 'like', `${SCOPE_PREFIX}%`)
        .execute();
    },
    async get(tenantKey, id) {
      const row = await db
        .selectFrom('imports')
        .selectAll()
        .where('id', '=', id)
        .where('scope', '=', SCOPE_PREFIX + tenantKey)
        .executeTakeFirst();
      return row ? toImportRecord(row) : undefined;
    },
    async list(tenantKey) {
      const rows = await db
        .selectFrom('imports')
        .selectAll()
        .where('scope', '=', SCOPE_PREFIX + tenantKey)
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
      return rows.map(toImportRecord);
    },
  };
}

/** All service register repositories bound to one connection or transaction. */
export function serviceRepositories(db: Kysely<DB>) {
  return {
    register: serviceRegisterRepository(db),
    changes: changeRequestsRepository(db),
    taxonomy: taxonomyRepository(db),
    providers: providerLinksRepository(db),
    serviceImports: serviceImportsRepository(db),
    serviceJournal: serviceImportJournalRepository(db),
  };
}

export type ServiceRepositories = ReturnType<typeof serviceRepositories>;
