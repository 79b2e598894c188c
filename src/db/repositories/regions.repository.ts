import { sql, type Kysely } from 'kysely';
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
    async endValidity(key, date, ownerTenantKey) {
      const result = await db
        .updateTable('regions')
        .set({ valid_to: date })
        .where('key', '=', key)
        .where('valid_to', 'is', null)
        .where('valid_from', '<', date)
        .where((eb) =>
          ownerTenantKey === null ? eb('owner_tenant_key', 'is', null) : eb('owner_tenant_key', '=', ownerTenantKey),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async currentShapes(keys, tenantKey) {
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom('regions')
        .select(['key', 'level', 'geometry'])
        .distinctOn('key')
        .where('key', 'in', keys)
        .where('valid_to', 'is', null)
        .where('geometry', 'is not', null)
        .where((eb) => eb.or([eb('owner_tenant_key', 'is', null), eb('owner_tenant_key', '=', tenantKey)]))
        .orderBy('key')
        .orderBy('valid_from', 'desc')
        .execute();
      return rows.map((r) => ({ key: r.key, level: r.level, geometry: r.geometry as Geometry }));
    },
    async insertPlanningArea(shape, ownerTenantKey, memberKeys) {
      await db
        .insertInto('regions')
        .values({
          key: shape.key,
          level: 'planning_area',
          name: shape.name,
          parent_key: ownerTenantKey,
          owner_tenant_key: ownerTenantKey,
          geometry: JSON.stringify(shape.geometry),
          area_km2: shape.areaKm2,
          centroid: JSON.stringify(shape.centroid),
          repaired: false,
          simplified: JSON.stringify(shape.simplified),
          valid_from: shape.validFrom,
          valid_to: null,
        })
        .execute();
      await db
        .insertInto('planning_area_members')
        .values(memberKeys.map((m) => ({ planning_area_key: shape.key, member_key: m })))
        .execute();
    },
    async deletePlanningArea(key, ownerTenantKey) {
      const result = await db
        .deleteFrom('regions')
        .where('key', '=', key)
        .where('level', '=', 'planning_area')
        .where('owner_tenant_key', '=', ownerTenantKey)
        .executeTakeFirst();
      await db.deleteFrom('planning_area_members').where('planning_area_key', '=', key).execute();
      return Number(result.numDeletedRows) > 0;
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
      // One array parameter instead of one parameter per key: a national table names 11,000 Gemeinden.
      const existing = new Set(
        (
          await db
            .selectFrom('regions')
            .select('key')
            .where(sql<boolean>`key = any(${keys}::text[])`)
            .execute()
        ).map((r) => r.key),
      );
      const fresh = new Map<string, (typeof regions)[number]>();
      for (const r of regions) if (!existing.has(r.key) && !fresh.has(r.key)) fresh.set(r.key, r);
      if (fresh.size === 0) return 0;
      // In slices: PostgreSQL allows at most 65,535 parameters per statement (nine per region here).
      const rows = [...fresh.values()];
      for (let i = 0; i < rows.length; i += 5000)
        await db
          .insertInto('regions')
          .values(
            rows.slice(i, i + 5000).map((r) => ({
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
    async upsertShapes(regions, owner, importId) {
      let inserted = 0;
      let updated = 0;
      for (const r of regions) {
        const existing = await db
          .selectFrom('regions')
          .selectAll()
          .where('key', '=', r.key)
          .where('valid_from', '=', r.validFrom)
          .executeTakeFirst();
        const shape = {
          name: r.name,
          geometry: JSON.stringify(r.geometry),
          area_km2: r.areaKm2,
          centroid: JSON.stringify(r.centroid),
          repaired: r.repaired,
          simplified: JSON.stringify(r.simplified),
          import_id: importId,
        };
        if (!existing) {
          await db
            .insertInto('regions')
            .values({
              key: r.key,
              level: r.level,
              parent_key: r.parentKey,
              owner_tenant_key: owner,
              valid_from: r.validFrom,
              valid_to: null,
              ...shape,
            })
            .execute();
          inserted += 1;
          continue;
        }
        await db
          .insertInto('regions_superseded')
          .values({
            key: existing.key,
            valid_from: existing.valid_from,
            name: existing.name,
            geometry: existing.geometry === null ? null : JSON.stringify(existing.geometry),
            area_km2: existing.area_km2,
            centroid: existing.centroid === null ? null : JSON.stringify(existing.centroid),
            repaired: existing.repaired,
            simplified: existing.simplified === null ? null : JSON.stringify(existing.simplified),
            import_id: existing.import_id,
            superseded_by: importId,
          })
          .execute();
        await db.updateTable('regions').set(shape).where('key', '=', r.key).where('valid_from', '=', r.validFrom).execute();
        updated += 1;
      }
      return { inserted, updated };
    },
    async deleteImported(importId) {
      // Shapes this import replaced go back first; rows it created are then removed.
      const replaced = await db.selectFrom('regions_superseded').selectAll().where('superseded_by', '=', importId).execute();
      for (const old of replaced) {
        await db
          .updateTable('regions')
          .set({
            name: old.name,
            geometry: old.geometry === null ? null : JSON.stringify(old.geometry),
            area_km2: old.area_km2,
            centroid: old.centroid === null ? null : JSON.stringify(old.centroid),
            repaired: old.repaired,
            simplified: old.simplified === null ? null : JSON.stringify(old.simplified),
            import_id: old.import_id,
          })
          .where('key', '=', old.key)
          .where('valid_from', '=', old.valid_from)
          .execute();
      }
      await db.deleteFrom('regions_superseded').where('superseded_by', '=', importId).execute();
      const result = await db.deleteFrom('regions').where('import_id', '=', importId).executeTakeFirst();
      return Number(result.numDeletedRows) + replaced.length;
    },
  };
}
