import type { Clock } from '../../domain/shared/clock.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { ReminderRunSummary, ReminderStores } from './reminder-ports.ts';
import { currentReminderPlan, lastReminderRunKey } from './send-review-reminders.ts';

/** Whether reminders can be sent and what a run now would do. */
export interface ReminderStatus {
  smtpConfigured: boolean;
  intervalDays: number;
  maxAgeDays: number;
  overdue: number;
  /** Overdue entries whose organisation has at least one provider account (they can be reminded). */
  overdueWithProvider: number;
  overdueWithoutProvider: number;
  /** Provider accounts that would get a mail now, and how many entries those mails would list. */
  dueProviders: number;
  dueEntries: number;
  lastRun: ReminderRunSummary | null;
}

/** The reminder status of a tenant for its planners (and admins): read only, nothing is sent. */
export async function getReminderStatus(
  deps: {
    stores: Pick<ReminderStores, 'register' | 'settings' | 'reminders'>;
    smtpConfigured: boolean;
    intervalDays: number;
    clock: Clock;
  },
  actor: Actor,
  input: { tenantKey: string },
): Promise<ReminderStatus> {
  requireRole(actor, input.tenantKey, 'planner');
  const plan = await currentReminderPlan(deps.stores, actor, {
    tenantKey: input.tenantKey,
    intervalDays: deps.intervalDays,
    now: deps.clock.now(),
  });
  return {
    smtpConfigured: deps.smtpConfigured,
    intervalDays: deps.intervalDays,
    maxAgeDays: plan.maxAgeDays,
    overdue: plan.overdue,
    overdueWithProvider: plan.overdueWithProvider,
    overdueWithoutProvider: plan.overdueWithoutProvider,
    dueProviders: plan.mails.length,
    dueEntries: plan.mails.reduce((n, m) => n + m.entries.length, 0),
    lastRun: (await deps.stores.settings.get<ReminderRunSummary>(lastReminderRunKey(input.tenantKey))) ?? null,
  };
}
