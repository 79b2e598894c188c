import type { Kysely } from 'kysely';
import type { Tenant } from '../../domain/tenancy/tenant.ts';
import type { TenantStore } from '../../use-cases/ports.ts';
import type { DB } from '../schema.ts';

/** Tenants (municipalities and the state organisation) in the `tenants` table. */
export function tenantsRepository(db: Kysely<DB>): TenantStore {
  return {
    async get(key) {
      const row = await db.selectFrom('tenants').select(['key', 'name', 'kind']).where('key', '=', key).executeTakeFirst();
      return row ? { ...row } : undefined;
    },
    async list() {
      const rows = await db.selectFrom('tenants').select(['key', 'name', 'kind']).orderBy('key').execute();
      return rows.map((r): Tenant => ({ ...r }));
    },
    async insert(tenant) {
      await db.insertInto('tenants').values({ key: tenant.key, name: tenant.name, kind: tenant.kind }).execute();
    },
    async count() {
      const row = await db
        .selectFrom('tenants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
