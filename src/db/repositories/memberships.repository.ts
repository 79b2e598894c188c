import type { Kysely } from 'kysely';
import type { MembershipStore } from '../../use-cases/ports.ts';
import type { DB } from '../schema.ts';

/** Memberships (user × tenant × role) joined with tenant and user data. */
export function membershipsRepository(db: Kysely<DB>): MembershipStore {
  const members = () =>
    db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select([
        'users.id as userId',
        'users.email',
        'users.display_name as displayName',
        'memberships.role',
        'memberships.created_at as since',
      ]);
  return {
    async ofUser(userId) {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('tenants', 'tenants.key', 'memberships.tenant_key')
        .select(['tenants.key as tenantKey', 'tenants.kind as tenantKind', 'tenants.name as tenantName', 'memberships.role'])
        .where('memberships.user_id', '=', userId)
        .orderBy('tenants.key')
        .execute();
      return rows.map((r) => ({ ...r }));
    },
    async ofTenant(tenantKey) {
      const rows = await members().where('memberships.tenant_key', '=', tenantKey).orderBy('users.email').execute();
      return rows.map((r) => ({ ...r }));
    },
    async get(userId, tenantKey) {
      const row = await members()
        .where('memberships.tenant_key', '=', tenantKey)
        .where('memberships.user_id', '=', userId)
        .executeTakeFirst();
      return row ? { ...row } : undefined;
    },
    async upsert(userId, tenantKey, role, at) {
      await db
        .insertInto('memberships')
        .values({ user_id: userId, tenant_key: tenantKey, role, created_at: at })
        .onConflict((oc) => oc.columns(['user_id', 'tenant_key']).doUpdateSet({ role }))
        .execute();
    },
    async remove(userId, tenantKey) {
      await db.deleteFrom('memberships').where('user_id', '=', userId).where('tenant_key', '=', tenantKey).execute();
    },
    async countAdmins(tenantKey) {
      const row = await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_key', '=', tenantKey)
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
