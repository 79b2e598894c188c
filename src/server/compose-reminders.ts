import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { repositories } from '../db/repositories/index.ts';
import { reminderTransaction } from '../db/repositories/service-reminders.repository.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { Actor } from '../domain/tenancy/policy.ts';
import type { Mailer } from '../use-cases/services/reminder-ports.ts';
import { sendReviewReminders, type ReminderRunResult } from '../use-cases/services/send-review-reminders.ts';

/** German one-line summary of a run, e.g. „3 Erinnerungen an 2 Anbieter gesendet.“ */
export function describeSentRun(result: ReminderRunResult): string {
  if (result.mails === 0 && result.failedMails === 0) return 'Keine Erinnerungen fällig.';
  return `${result.entries} ${result.entries === 1 ? 'Erinnerung' : 'Erinnerungen'} an ${result.mails} Anbieter gesendet.`;
}

/** German problem detail for a run in which the mail server refused or could not be reached. */
export function describeFailedRun(result: ReminderRunResult): string {
  const total = result.mails + result.failedMails;
  return (
    `${result.errors.join(' ')} ${result.mails} von ${total} Erinnerungs-E-Mails wurden versendet; ` +
    'die übrigen gelten nicht als erinnert und werden beim nächsten Lauf erneut versucht.'
  );
}

/** Runs the reminders of one tenant with the configured mail server (shared by the HTTP route and the CLI). */
export function runReminders(
  deps: { db: Kysely<DB>; config: Config; clock: Clock; mailer: Mailer | null },
  actor: Actor,
  tenantKey: string,
  daily = false,
): Promise<ReminderRunResult> {
  const { config } = deps;
  return sendReviewReminders(
    {
      mailer: deps.mailer,
      options:
        config.smtp && config.publicUrl ? { intervalDays: config.reminderIntervalDays, publicUrl: config.publicUrl } : null,
      transaction: reminderTransaction(deps.db),
      clock: deps.clock,
    },
    actor,
    { tenantKey, daily },
  );
}

const DAILY_ACTOR: Actor = { kind: 'system', label: 'System (tägliche Erinnerungen)' };

/**
 * The server's daily run: from `config.reminderHour` (Europe/Berlin) on, each tenant's reminders
 * are sent once a day; with several app processes the first one does it (see sendReviewReminders).
 * Errors of one tenant are reported and do not stop the others.
 */
export async function runDailyReminders(
  deps: { db: Kysely<DB>; config: Config; clock: Clock; mailer: Mailer | null },
  report: (tenantKey: string, outcome: ReminderRunResult | Error) => void,
): Promise<void> {
  const hour = deps.config.reminderHour;
  if (deps.mailer === null || hour === undefined) return;
  if (berlinHour(deps.clock.now()) < hour) return;
  for (const tenant of await repositories(deps.db).tenants.list()) {
    try {
      const result = await runReminders(deps, DAILY_ACTOR, tenant.key, true);
      if (!result.skipped && result.mails + result.failedMails > 0) report(tenant.key, result);
    } catch (error) {
      report(tenant.key, error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** The hour of the day (0–23) in Europe/Berlin. */
function berlinHour(instant: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Berlin' }).format(instant),
  );
}
