import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The last reminder e-mail a provider account got about one service of a tenant. */
export interface ServiceRemindersTable {
  tenant_key: string;
  service_id: string;
  user_id: string;
  reminded_at: Timestamp;
}

/** The table of reminder e-mails (merged into the database schema `DB`). */
export interface ServiceRemindersSchema {
  service_reminders: ServiceRemindersTable;
}
