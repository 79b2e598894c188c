import { berlinDate } from '../../domain/services/opening-hours.ts';
import { planReminders, reminderMail, type ReminderPlan } from '../../domain/services/reminders.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { ConflictError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import { listOverdueServices } from './list-overdue-services.ts';
import {
  MailDeliveryError,
  type Mailer,
  type ReminderRunSummary,
  type ReminderStores,
  type ReminderTransaction,
} from './reminder-ports.ts';

/** Settings key of the summary of a tenant's last reminder run. */
export const lastReminderRunKey = (tenantKey: string) => `services.reminders.last-run.${tenantKey}`;

/** Settings key of the day (ISO, Europe/Berlin) of a tenant's last daily run by the server. */
export const dailyReminderDayKey = (tenantKey: string) => `services.reminders.daily-day.${tenantKey}`;

/** Options of the reminder e-mails from the configuration. */
export interface ReminderOptions {
  /** At most one reminder per entry and account within this many days. */
  intervalDays: number;
  /** The installation's address without trailing slash (links in the mail). */
  publicUrl: string;
}

/** What a reminder run did; `errors` are German reasons of failed mails (no addresses). */
export interface ReminderRunResult {
  /** A daily run that found today's run already done (by this or another process). */
  skipped?: boolean;
  mails: number;
  entries: number;
  failedMails: number;
  failedEntries: number;
  errors: string[];
}

/** Path of the providers' register page the mail links to. */
export const REGISTER_PAGE_PATH = '/angebote/register';

const SMTP_MISSING =
  'Es ist kein E-Mail-Server eingerichtet (PLANWERK_SMTP_URL, PLANWERK_MAIL_FROM und PLANWERK_PUBLIC_URL). Ohne ihn werden keine Erinnerungen versendet.';

/** The reminder plan of a tenant on the clock's day (inside a transaction's stores). */
export async function currentReminderPlan(
  stores: Pick<ReminderStores, 'register' | 'settings' | 'reminders'>,
  actor: Actor,
  input: { tenantKey: string; intervalDays: number; now: Date },
): Promise<ReminderPlan & { maxAgeDays: number; today: string; organizationNames: Map<string, string> }> {
  const clock: Clock = { now: () => input.now };
  const overdue = await listOverdueServices({ register: stores.register, settings: stores.settings, clock }, actor, {
    tenantKey: input.tenantKey,
  });
  const accounts = await stores.reminders.providerAccounts(input.tenantKey);
  const lastReminders = (await stores.reminders.lastReminders(input.tenantKey)).map((r) => ({
    serviceId: r.serviceId,
    userId: r.userId,
    day: berlinDate(r.at),
  }));
  const plan = planReminders({
    overdue: overdue.services,
    accounts,
    lastReminders,
    today: overdue.today,
    intervalDays: input.intervalDays,
  });
  const organizationNames = new Map((await stores.register.listOrganizations(input.tenantKey)).map((o) => [o.id, o.name]));
  return { ...plan, maxAgeDays: overdue.maxAgeDays, today: overdue.today, organizationNames };
}

/**
 * Sends one German e-mail per provider account listing the overdue entries of its organisations
 * it was not reminded of within the interval (planners and admins; system for the CLI).
 * Reminders are claimed under a per-tenant lock before sending, so two runs at once never mail
 * twice; a mail the server refuses is taken back (sent again next run). Audited with counts only.
 * Throws Conflict when no mail server is configured. A `daily` run (the server's timer) runs
 * once per tenant and day across all processes and is audited only when it had mail to send.
 */
export async function sendReviewReminders(
  deps: { mailer: Mailer | null; options: ReminderOptions | null; transaction: ReminderTransaction; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; daily?: boolean },
): Promise<ReminderRunResult> {
  requireRole(actor, input.tenantKey, 'planner');
  const { mailer, options } = deps;
  if (mailer === null || options === null) throw new ConflictError(SMTP_MISSING, 'smtp-not-configured');
  const now = deps.clock.now();

  const claimed = await deps.transaction(async (stores) => {
    await stores.reminders.lock(input.tenantKey);
    if (input.daily) {
      const today = berlinDate(now);
      if ((await stores.settings.get<string>(dailyReminderDayKey(input.tenantKey))) === today) return null;
      await stores.settings.set(dailyReminderDayKey(input.tenantKey), today, now);
    }
    const plan = await currentReminderPlan(stores, actor, { ...input, intervalDays: options.intervalDays, now });
    const previous = new Map(
      (await stores.reminders.lastReminders(input.tenantKey)).map((r) => [`${r.serviceId}|${r.userId}`, r.at]),
    );
    const pairs = plan.mails.flatMap((m) => m.entries.map((e) => ({ serviceId: e.id, userId: m.account.userId })));
    await stores.reminders.record(input.tenantKey, pairs, now);
    const tenant = await stores.tenants.get(input.tenantKey);
    return { plan, previous, tenantName: tenant?.name ?? input.tenantKey };
  });

  if (claimed === null) return { skipped: true, mails: 0, entries: 0, failedMails: 0, failedEntries: 0, errors: [] };
  const result: ReminderRunResult = { mails: 0, entries: 0, failedMails: 0, failedEntries: 0, errors: [] };
  const failed: { serviceId: string; userId: string; previous: Date | null }[] = [];
  // Once the server cannot be reached at all, the remaining mails would only wait for the same timeout.
  let unreachable: string | null = null;
  for (const reminder of claimed.plan.mails) {
    const mail = reminderMail({
      reminder,
      tenantName: claimed.tenantName,
      organizationNames: claimed.plan.organizationNames,
      maxAgeDays: claimed.plan.maxAgeDays,
      intervalDays: options.intervalDays,
      registerUrl: `${options.publicUrl}${REGISTER_PAGE_PATH}`,
    });
    let error: string | null = unreachable;
    if (error === null) {
      try {
        await mailer.send({ to: reminder.account.email, ...mail });
      } catch (e) {
        error = e instanceof MailDeliveryError ? e.message : 'Der E-Mail-Server hat die Nachricht nicht angenommen.';
        if (e instanceof MailDeliveryError && e.connection) unreachable = error;
      }
    }
    if (error === null) {
      result.mails += 1;
      result.entries += reminder.entries.length;
      continue;
    }
    if (!result.errors.includes(error)) result.errors.push(error);
    result.failedMails += 1;
    result.failedEntries += reminder.entries.length;
    for (const e of reminder.entries) {
      const key = `${e.id}|${reminder.account.userId}`;
      failed.push({ serviceId: e.id, userId: reminder.account.userId, previous: claimed.previous.get(key) ?? null });
    }
  }

  if (input.daily && claimed.plan.mails.length === 0) return result;
  await deps.transaction(async (stores) => {
    await stores.reminders.restore(input.tenantKey, failed, now);
    const summary: ReminderRunSummary = {
      at: now.toISOString(),
      mails: result.mails,
      entries: result.entries,
      failedMails: result.failedMails,
    };
    await stores.settings.set(lastReminderRunKey(input.tenantKey), summary, now);
    // Counts only: which account got which entry is in the reminder table, not personal data in the audit log.
    await stores.audit.record(
      {
        ...auditActor(actor),
        tenantKey: input.tenantKey,
        action: 'service.reminders_sent',
        entityType: 'service-register',
        entityId: input.tenantKey,
        before: null,
        after: {
          mails: result.mails,
          entries: result.entries,
          recipients: result.mails,
          failedMails: result.failedMails,
          failedEntries: result.failedEntries,
          intervalDays: options.intervalDays,
        },
      },
      now,
    );
  });
  return result;
}
