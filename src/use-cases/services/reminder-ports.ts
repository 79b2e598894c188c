import type { ReminderAccount } from '../../domain/services/reminders.ts';
import type { AuditLog, SettingsStore, TenantStore } from '../ports.ts';
import type { ServiceRegisterStore } from './ports.ts';

/** The ports of the reminder e-mails to provider accounts (ADR 0016), beside ../ports.ts and ./ports.ts. */

/** One plain-text e-mail. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail; the sender address is the adapter's business. Rejects with {@link MailDeliveryError}. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * A mail the server did not take. `message` is German and safe to show (no credentials);
 * `connection` says the server could not be reached at all, so further mails of the run would fail too.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly connection: boolean,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/** A reminder an account got about an entry. */
export interface ReminderRecord {
  serviceId: string;
  userId: string;
  at: Date;
}

/** What the last reminder run of a tenant did (kept in the settings). */
export interface ReminderRunSummary {
  at: string;
  mails: number;
  entries: number;
  failedMails: number;
}

/** Provider accounts and the reminders they got; every method is scoped to one tenant. */
export interface ReminderStore {
  /** Members with the role contributor linked to at least one organisation, with their e-mail. */
  providerAccounts(tenantKey: string): Promise<ReminderAccount[]>;
  /** The last reminder per entry and account. */
  lastReminders(tenantKey: string): Promise<ReminderRecord[]>;
  /** Stores `at` as the last reminder of each pair (insert or replace). */
  record(tenantKey: string, pairs: readonly { serviceId: string; userId: string }[], at: Date): Promise<void>;
  /**
   * Takes back reminders recorded at `at` (a mail that failed): each pair gets its previous
   * time again, or none. A pair recorded since by another run is left alone.
   */
  restore(
    tenantKey: string,
    pairs: readonly { serviceId: string; userId: string; previous: Date | null }[],
    at: Date,
  ): Promise<void>;
  /** Waits until no other reminder run of the tenant is planning; held until the transaction ends. */
  lock(tenantKey: string): Promise<void>;
}

/** The stores a reminder run uses inside one transaction. */
export interface ReminderStores {
  register: ServiceRegisterStore;
  settings: SettingsStore;
  tenants: TenantStore;
  reminders: ReminderStore;
  audit: AuditLog;
}

/** Runs `work` in one transaction with the stores bound to it. */
export type ReminderTransaction = <T>(work: (stores: ReminderStores) => Promise<T>) => Promise<T>;
