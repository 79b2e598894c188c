import * as rruleModule from 'rrule';
import type { Schedule, Weekday } from './model.ts';

// rrule ships CommonJS for Node (its classes under `default`) and ESM for bundlers (named
// exports); the key is looked up at run time so that the bundler does not flag a missing default.
const rrule = (Reflect.get(rruleModule, 'default') ?? rruleModule) as typeof rruleModule;
const { RRule } = rrule;

/** The time zone opening hours are read in. */
export const SERVICE_TIME_ZONE = 'Europe/Berlin';

/** A wall-clock moment in a time zone: ISO date, minutes since midnight. */
export interface LocalMoment {
  date: string;
  minutes: number;
}

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: SERVICE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The date and time of day in Europe/Berlin at an instant (daylight saving time included). */
export function berlinMoment(instant: Date): LocalMoment {
  const parts = Object.fromEntries(PARTS.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** The ISO date in Europe/Berlin at an instant. */
export function berlinDate(instant: Date): string {
  return berlinMoment(instant).date;
}

const RRULE_DAY = { MO: RRule.MO, TU: RRule.TU, WE: RRule.WE, TH: RRule.TH, FR: RRule.FR, SA: RRule.SA, SU: RRule.SU };
const FREQ = { DAILY: RRule.DAILY, WEEKLY: RRule.WEEKLY, MONTHLY: RRule.MONTHLY };

function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

function previousDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Whether the schedule's rule has an occurrence on the local date. Dates are handled as
 * "floating" UTC days (the rrule convention for local time), so no offset can shift a day.
 * A schedule without a frequency but with weekdays counts as weekly; with neither, as daily.
 */
export function occursOn(schedule: Schedule, date: string): boolean {
  if (schedule.validFrom && date < schedule.validFrom) return false;
  if (schedule.validTo && date > schedule.validTo) return false;
  if (schedule.until && date > schedule.until) return false;
  const freq = schedule.freq ?? (schedule.byday.length > 0 ? 'WEEKLY' : 'DAILY');
  const dtstart = schedule.dtstart ?? schedule.validFrom ?? '2000-01-03';
  if (date < dtstart) return false;
  const rule = new RRule({
    freq: FREQ[freq],
    interval: schedule.interval ?? 1,
    dtstart: new Date(`${dtstart}T00:00:00Z`),
    ...(schedule.byday.length > 0 ? { byweekday: schedule.byday.map((d: Weekday) => RRULE_DAY[d]) } : {}),
    ...(schedule.bymonthday.length > 0 ? { bymonthday: schedule.bymonthday } : {}),
  });
  const day = new Date(`${date}T00:00:00Z`);
  return rule.between(day, new Date(day.getTime() + 86_399_999), true).length > 0;
}

/** `open`, `closed`, or `unknown` when no schedule has opening times. */
export type OpenState = 'open' | 'closed' | 'unknown';

/**
 * Whether a service is open at an instant, read in Europe/Berlin: open when some schedule has
 * an occurrence today and the local time is in [opensAt, closesAt), or when a schedule running
 * past midnight (closesAt ≤ opensAt) began yesterday and has not closed yet.
 */
export function openState(schedules: readonly Schedule[], instant: Date): OpenState {
  const timed = schedules.filter((s) => s.opensAt !== null && s.closesAt !== null);
  if (timed.length === 0) return 'unknown';
  const now = berlinMoment(instant);
  for (const s of timed) {
    const opens = minutesOf(s.opensAt!);
    const closes = minutesOf(s.closesAt!);
    if (closes > opens) {
      if (now.minutes >= opens && now.minutes < closes && occursOn(s, now.date)) return 'open';
    } else {
      if (now.minutes >= opens && occursOn(s, now.date)) return 'open';
      if (now.minutes < closes && occursOn(s, previousDate(now.date))) return 'open';
    }
  }
  return 'closed';
}
