import { sql, type Kysely } from 'kysely';

/**
 * The last reminder e-mail each provider account got about each overdue entry (ADR 0016), so
 * that an account is reminded at most once per entry within the configured interval.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_reminders')
    .addColumn('tenant_key', 'text', (c) => c.notNull().references('tenants.key').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reminded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('service_reminders_pk', ['tenant_key', 'service_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('service_reminders').ifExists().execute();
}
