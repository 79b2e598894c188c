import type { Kysely } from 'kysely';
import type { Geometry } from '../../domain/regions/region.ts';
import type { RegionImportStore, RegionStore } from '../../use-cases/ports.ts';
import type { DB } from '../schema.ts';

/** Regions with their territorial validity and GeoJSON geometry (WGS84). */
export function regionsRepository(db: Kysely<DB>): RegionStore {
  return {
    async insertMany(regions, ownerTenantKey) {
      if (regions.length === 0) return;
      await db
        .insertInto('regions')
        .values(
          regions.map((r) => ({
            key: r.key,
            level: r.level,
            name: r.name,
            parent_key: r.parentKey,
            owner_tenant_key: ownerTenantKey,
            geometry: r.geometry === null ? null : JSON.stringify(r.geometry),
            valid_from: r.validFrom,
            valid_to: r.validTo,
          })),
        )
        .execute();
    },
    async setPlanningAreaMembers(planningAreaKey, memberKeys) {
      await db.deleteFrom('planning_area_members').where('planning_area_key', '=', planningAreaKey).execute();
      if (memberKeys.length === 0) return;
      await db
        .insertInto('planning_area_members')
        .values(memberKeys.map((m) => ({ planning_area_key: planningAreaKey, member_key: m })))
        .execute();
    },
    async addSuccessors(links, basis, ownerTenantKey) {
      if (links.length === 0) return;
      await db
        .insertInto('region_successors')
        .values(
          links.map((l) => ({
            predecessor_key: l.predecessorKey,
            successor_key: l.successorKey,
            changed_on: l.changedOn,
            weight: l.weight,
            weight_basis: basis,
            owner_tenant_key: ownerTenantKey,
          })),
        )
        .execute();
    },
    async listForTenant(tenantKey, level) {
      let query = db
        .selectFrom('regions')
        .selectAll()
        .where((eb) => eb.or([eb('owner_tenant_key', 'is', null), eb('owner_tenant_key', '=', tenantKey)]));
      if (level) query = query.where('level', '=', level);
      const rows = await query.orderBy('key').execute();
      return rows.map((r) => ({
        key: r.key,
        name: r.name,
        level: r.level,
        parentKey: r.parent_key,
        geometry: r.geometry as Geometry | null,
        validFrom: r.valid_from,
        validTo: r.valid_to,
      }));
    },
  };
}

/** Sentinel start of validity for regions known only from a statistics table. */
export const UNKNOWN_VALID_FROM = '1000-01-01';

/** Regions added by imports; removed again when their import is rolled back. */
export function regionImportsRepository(db: Kysely<DB>): RegionImportStore {
  return {
    async addMissing(regions, owner, importId) {
      if (regions.length === 0) return 0;
      const keys = [...new Set(regions.map((r) => r.key))];
      const existing = new Set(
        (await db.selectFrom('regions').select('key').where('key', 'in', keys).execute()).map((r) => r.key),
      );
      const fresh = new Map<string, (typeof regions)[number]>();
      for (const r of regions) if (!existing.has(r.key) && !fresh.has(r.key)) fresh.set(r.key, r);
      if (fresh.size === 0) return 0;
      await db
        .insertInto('regions')
        .values(
          [...fresh.values()].map((r) => ({
            key: r.key,
            level: r.level,
            name: r.name,
            parent_key: null,
            owner_tenant_key: owner,
            geometry: null,
            valid_from: UNKNOWN_VALID_FROM,
            valid_to: null,
            import_id: importId,
          })),
        )
        .execute();
      return fresh.size;
    },
    async deleteImported(importId) {
      const result = await db.deleteFrom('regions').where('import_id', '=', importId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
