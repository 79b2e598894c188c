import { sql, type Kysely } from 'kysely';
import type { ReminderAccount } from '../../domain/services/reminders.ts';
import type { ReminderStore, ReminderStores, ReminderTransaction } from '../../use-cases/services/reminder-ports.ts';
import type { DB } from '../schema.ts';
import { repositories } from './index.ts';
import { serviceRegisterRepository } from './services.repository.ts';

// First key of the advisory locks of reminder runs; the second is the tenant's hash.
const REMINDER_LOCK = 7210016;

/** Provider accounts of a tenant and the reminders they got (table service_reminders). */
export function serviceRemindersRepository(db: Kysely<DB>): ReminderStore {
  return {
    async providerAccounts(tenantKey) {
      // Only current contributors of the same tenant: a link of a removed member mails no one.
      const rows = await db
        .selectFrom('service_providers as p')
        .innerJoin('memberships as m', (j) => j.onRef('m.user_id', '=', 'p.user_id').onRef('m.tenant_key', '=', 'p.tenant_key'))
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select(['p.user_id', 'p.organization_id', 'u.email', 'u.display_name'])
        .where('p.tenant_key', '=', tenantKey)
        .where('m.role', '=', 'contributor')
        .orderBy('u.email')
        .orderBy('p.organization_id')
        .execute();
      const accounts = new Map<string, ReminderAccount & { organizationIds: string[] }>();
      for (const r of rows) {
        const account = accounts.get(r.user_id) ?? {
          userId: r.user_id,
          email: r.email,
          displayName: r.display_name,
          organizationIds: [],
        };
        account.organizationIds.push(r.organization_id);
        accounts.set(r.user_id, account);
      }
      return [...accounts.values()];
    },
    async lastReminders(tenantKey) {
      const rows = await db
        .selectFrom('service_reminders')
        .select(['service_id', 'user_id', 'reminded_at'])
        .where('tenant_key', '=', tenantKey)
        .execute();
      return rows.map((r) => ({ serviceId: r.service_id, userId: r.user_id, at: r.reminded_at }));
    },
    async record(tenantKey, pairs, at) {
      if (pairs.length === 0) return;
      await db
        .insertInto('service_reminders')
        .values(pairs.map((p) => ({ tenant_key: tenantKey, service_id: p.serviceId, user_id: p.userId, reminded_at: at })))
        .onConflict((oc) => oc.columns(['tenant_key', 'service_id', 'user_id']).doUpdateSet({ reminded_at: at }))
        .execute();
    },
    async restore(tenantKey, pairs, at) {
      for (const p of pairs) {
        // Only the claim of this run (reminded_at = at); a newer reminder of another run stays.
        const ours = { tenant_key: tenantKey, service_id: p.serviceId, user_id: p.userId, reminded_at: at } as const;
        if (p.previous === null) {
          await db
            .deleteFrom('service_reminders')
            .where((eb) => eb.and(ours))
            .execute();
        } else {
          await db
            .updateTable('service_reminders')
            .set({ reminded_at: p.previous })
            .where((eb) => eb.and(ours))
            .execute();
        }
      }
    },
    async lock(tenantKey) {
      await sql`select pg_advisory_xact_lock(${REMINDER_LOCK}, hashtext(${tenantKey}))`.execute(db);
    },
  };
}

/** The stores of a reminder run bound to one transaction (a {@link ReminderTransaction} over `db`). */
export function reminderTransaction(db: Kysely<DB>): ReminderTransaction {
  return <T>(work: (stores: ReminderStores) => Promise<T>) => db.transaction().execute((trx) => work(reminderStores(trx)));
}

/** The stores of a reminder run on one connection or transaction. */
export function reminderStores(db: Kysely<DB>): ReminderStores {
  const r = repositories(db);
  return {
    register: serviceRegisterRepository(db),
    settings: r.settings,
    tenants: r.tenants,
    reminders: serviceRemindersRepository(db),
    audit: r.audit,
  };
}
