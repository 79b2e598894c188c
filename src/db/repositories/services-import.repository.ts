import type { Kysely } from 'kysely';
import type { ServiceImportStore, ServicePackage } from '../../use-cases/services/ports.ts';
import type { DB } from '../schema.ts';
import { serviceData } from './services.repository.ts';

type Entity = 'organization' | 'location' | 'service' | 'link';
const TABLE = {
  organization: 'service_organizations',
  location: 'service_locations',
  service: 'services',
  link: 'service_at_locations',
} as const;

/** JSON with sorted keys, so that stored jsonb (which reorders keys) compares equal to new content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value as Record<string, unknown>)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/** The row values of one entity as written by an import (without tenant, id and import id). */
type RowValues = Record<string, unknown>;

const COMPARED_SKIP = new Set(['tenant_key', 'id', 'import_id', 'updated_at']);

function comparable(row: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!COMPARED_SKIP.has(k)) out[k] = v;
  return canonical(out);
}

/** Writes register imports row by row, keeping replaced rows for rollback. */
export function serviceImportsRepository(db: Kysely<DB>): ServiceImportStore {
  const tableOf = (e: Entity) => TABLE[e];

  async function upsertAll(
    tenantKey: string,
    importId: number,
    entity: Entity,
    rows: { id: string; values: RowValues }[],
    at: Date,
    counts: { inserted: number; updated: number; unchanged: number },
  ) {
    if (rows.length === 0) return;
    const table = tableOf(entity);
    const existing = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < rows.length; i += 1000) {
      const ids = rows.slice(i, i + 1000).map((r) => r.id);
      const found = await db.selectFrom(table).selectAll().where('tenant_key', '=', tenantKey).where('id', 'in', ids).execute();
      for (const f of found) existing.set(f.id, f as unknown as Record<string, unknown>);
    }
    for (const row of rows) {
      const before = existing.get(row.id);
      const full: Record<string, unknown> = { ...row.values };
      if (entity !== 'link') full.updated_at = at;
      if (before) {
        const parsedNew = JSON.parse(JSON.stringify(row.values, (_k, v: unknown) => v)) as Record<string, unknown>;
        if ('data' in parsedNew) parsedNew.data = JSON.parse(parsedNew.data as string);
        if (comparable(parsedNew) === comparable(before)) {
          counts.unchanged++;
          continue;
        }
        await db
          .insertInto('service_import_superseded')
          .values({ import_id: importId, tenant_key: tenantKey, entity, id: row.id, row: JSON.stringify(before) })
          .onConflict((oc) => oc.columns(['import_id', 'entity', 'id']).doNothing())
          .execute();
        await db
          .updateTable(table)
          .set({ ...full, import_id: importId } as never)
          .where('tenant_key', '=', tenantKey)
          .where('id', '=', row.id)
          .execute();
        counts.updated++;
      } else {
        await db
          .insertInto(table)
          .values({ tenant_key: tenantKey, id: row.id, ...full, import_id: importId } as never)
          .execute();
        counts.inserted++;
      }
    }
  }

  return {
    async apply(tenantKey, importId, pkg: ServicePackage, at) {
      const counts = { inserted: 0, updated: 0, unchanged: 0 };
      await upsertAll(
        tenantKey,
        importId,
        'organization',
        pkg.organizations.map((o) => ({
          id: o.id,
          values: { name: o.name, private_person: o.privatePerson, data: JSON.stringify(o) },
        })),
        at,
        counts,
      );
      await upsertAll(
        tenantKey,
        importId,
        'location',
        pkg.locations.map((l) => ({
          id: l.id,
          values: {
            organization_id: l.organizationId,
            name: l.name,
            latitude: l.latitude,
            longitude: l.longitude,
            data: JSON.stringify(l),
          },
        })),
        at,
        counts,
      );
      await upsertAll(
        tenantKey,
        importId,
        'service',
        pkg.services.map((s) => ({
          id: s.id,
          values: {
            organization_id: s.organizationId,
            name: s.name,
            status: s.status,
            published: s.published,
            archived: s.archived ?? false,
            assured_date: s.assuredDate,
            data: JSON.stringify(serviceData(s)),
          },
        })),
        at,
        counts,
      );
      const links = pkg.services.flatMap((s) =>
        s.locationIds.map((locationId) => ({
          id: pkg.linkIds.get(`${s.id}|${locationId}`) ?? `${s.id}@${locationId}`,
          values: { service_id: s.id, location_id: locationId, description: null },
        })),
      );
      await upsertAll(tenantKey, importId, 'link', links, at, counts);
      return counts;
    },

    async rollback(tenantKey, importId) {
      const superseded = await db
        .selectFrom('service_import_superseded')
        .selectAll()
        .where('import_id', '=', importId)
        .where('tenant_key', '=', tenantKey)
        .execute();
      // Replaced rows are written back in place first (so links of a restored service survive),
      // then whatever still carries the import id was inserted by it and is deleted.
      const order: Entity[] = ['organization', 'location', 'service', 'link'];
      for (const entity of order) {
        for (const s of superseded.filter((x) => x.entity === entity)) {
          const row = { ...(s.row as Record<string, unknown>) };
          if ('data' in row) row.data = JSON.stringify(row.data);
          delete row.tenant_key;
          delete row.id;
          await db
            .updateTable(tableOf(entity))
            .set(row as never)
            .where('tenant_key', '=', tenantKey)
            .where('id', '=', s.id)
            .execute();
        }
      }
      let deleted = 0;
      for (const entity of [...order].reverse()) {
        const result = await db
          .deleteFrom(tableOf(entity))
          .where('tenant_key', '=', tenantKey)
          .where('import_id', '=', importId)
          .executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      await db.deleteFrom('service_import_superseded').where('import_id', '=', importId).execute();
      return { deleted, restored: superseded.length };
    },
  };
}
