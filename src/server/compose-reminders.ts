import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
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
    { tenantKey },
  );
}
