import { daysBetween } from './overdue.ts';

/**
 * Reminder e-mails to provider accounts about their organisations' overdue entries (ADR 0016):
 * who gets a mail now, and its German text. Pure: dates are ISO days in Europe/Berlin.
 */

/** An overdue entry as a reminder lists it. */
export interface OverdueEntry {
  id: string;
  name: string;
  organizationId: string;
  /** Last check (ISO date) or null when never checked. */
  assuredDate: string | null;
}

/** A provider account (role contributor) with the organisations it maintains. */
export interface ReminderAccount {
  userId: string;
  email: string;
  displayName: string;
  organizationIds: readonly string[];
}

/** The last reminder an account got about an entry (`day`: ISO date in Europe/Berlin). */
export interface LastReminder {
  serviceId: string;
  userId: string;
  day: string;
}

/** One mail to send: the account and the overdue entries it has not been reminded of within the interval. */
export interface PlannedReminder {
  account: ReminderAccount;
  entries: OverdueEntry[];
}

/** Who would be reminded now, plus how many overdue entries have (no) provider account at all. */
export interface ReminderPlan {
  mails: PlannedReminder[];
  overdue: number;
  overdueWithProvider: number;
  overdueWithoutProvider: number;
}

/**
 * Plans a reminder run on `today`: every provider account gets one mail listing the overdue
 * entries of its organisations that it was not reminded of in the last `intervalDays` days
 * (a reminder `intervalDays` days ago is due again). Accounts with nothing due get no mail.
 */
export function planReminders(input: {
  overdue: readonly OverdueEntry[];
  accounts: readonly ReminderAccount[];
  lastReminders: readonly LastReminder[];
  today: string;
  intervalDays: number;
}): ReminderPlan {
  const last = new Map(input.lastReminders.map((r) => [`${r.serviceId}|${r.userId}`, r.day]));
  const maintained = new Set(input.accounts.flatMap((a) => a.organizationIds));
  const mails: PlannedReminder[] = [];
  for (const account of [...input.accounts].sort((a, b) => a.email.localeCompare(b.email))) {
    const orgs = new Set(account.organizationIds);
    const entries = input.overdue.filter((s) => {
      if (!orgs.has(s.organizationId)) return false;
      const day = last.get(`${s.id}|${account.userId}`);
      return day === undefined || daysBetween(day, input.today) >= input.intervalDays;
    });
    if (entries.length > 0) mails.push({ account, entries });
  }
  const withProvider = input.overdue.filter((s) => maintained.has(s.organizationId)).length;
  return {
    mails,
    overdue: input.overdue.length,
    overdueWithProvider: withProvider,
    overdueWithoutProvider: input.overdue.length - withProvider,
  };
}

/** `2025-06-30` → `30.06.2025`. */
function germanDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/**
 * The German reminder mail for one provider account: the entries grouped by organisation (in
 * the order of `organizationNames`, then by name), each with its last check, and the link to
 * the register page where the provider confirms or changes them.
 */
export function reminderMail(input: {
  reminder: PlannedReminder;
  tenantName: string;
  organizationNames: ReadonlyMap<string, string>;
  maxAgeDays: number;
  intervalDays: number;
  registerUrl: string;
}): { subject: string; text: string } {
  const { reminder } = input;
  const count = reminder.entries.length;
  const subject = `Bitte prüfen: ${count} ${count === 1 ? 'Angebot' : 'Angebote'} im Angebotsverzeichnis ${input.tenantName}`;
  const byOrg = new Map<string, OverdueEntry[]>();
  for (const e of reminder.entries) byOrg.set(e.organizationId, [...(byOrg.get(e.organizationId) ?? []), e]);
  const orgName = (id: string) => input.organizationNames.get(id) ?? id;
  const blocks = [...byOrg.entries()]
    .sort(([a], [b]) => orgName(a).localeCompare(orgName(b), 'de'))
    .map(([orgId, entries]) =>
      [
        orgName(orgId),
        ...[...entries]
          .sort((a, b) => a.name.localeCompare(b.name, 'de'))
          .map(
            (e) =>
              `- ${e.name} (${e.assuredDate === null ? 'noch nie geprüft' : `zuletzt geprüft am ${germanDate(e.assuredDate)}`})`,
          ),
      ].join('\n'),
    );
  const lines = [
    `Guten Tag ${reminder.account.displayName},`,
    '',
    count === 1
      ? `im Angebotsverzeichnis ${input.tenantName} wurde dieses Angebot seit mehr als ${input.maxAgeDays} Tagen nicht geprüft:`
      : `im Angebotsverzeichnis ${input.tenantName} wurden diese ${count} Angebote seit mehr als ${input.maxAgeDays} Tagen nicht geprüft:`,
    '',
    blocks.join('\n\n'),
    '',
    'Bitte sehen Sie die Angaben durch und bestätigen oder ändern Sie sie hier:',
    input.registerUrl,
    '',
    `Solange ein Angebot überfällig ist, erinnern wir Sie höchstens alle ${input.intervalDays} Tage daran.`,
    '',
    `Diese Nachricht hat Planwerk im Auftrag von ${input.tenantName} automatisch versendet.`,
  ];
  return { subject, text: `${lines.join('\n')}\n` };
}
