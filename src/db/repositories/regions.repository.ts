import type { Kysely } from 'kysely';
import type { Geometry } from '../../domain/regions/region.ts';
import type { RegionStore } from '../../use-cases/ports.ts';
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
