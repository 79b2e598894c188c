import type { Schedule } from '../../domain/services/model.ts';
import { berlinMoment, occursOn } from '../../domain/services/opening-hours.ts';

/** Opening hours on one day: local times `HH:MM` (Europe/Berlin); `overnight` when closing is on the next day. */
export interface Interval {
  opens: string;
  closes: string;
  overnight: boolean;
}

/** The state of a service today at an instant (Europe/Berlin), for the line „heute geöffnet bis 16:00“. */
export type TodayState =
  | { kind: 'unknown' }
  | { kind: 'open'; until: string; overnight: boolean }
  | { kind: 'later'; opens: string; closes: string }
  | { kind: 'no-more' }
  | { kind: 'closed' };

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const timed = (schedules: readonly Schedule[]) => schedules.filter((s) => s.opensAt !== null && s.closesAt !== null);

/** The intervals that begin on a local date (ISO), sorted by opening time; none when no schedule has times. */
export function hoursOn(schedules: readonly Schedule[], date: string): Interval[] {
  const out: Interval[] = [];
  for (const s of timed(schedules)) {
    if (!occursOn(s, date)) continue;
    const opens = s.opensAt!.slice(0, 5);
    const closes = s.closesAt!.slice(0, 5);
    out.push({ opens, closes, overnight: minutes(closes) <= minutes(opens) });
  }
  const unique = new Map(out.map((i) => [`${i.opens}-${i.closes}`, i]));
  return [...unique.values()].sort((a, b) => minutes(a.opens) - minutes(b.opens));
}

/**
 * Whether the service is open at the instant and until when, or when it opens later today.
 * An interval of yesterday that runs past midnight counts as open until its closing time.
 */
export function todayState(schedules: readonly Schedule[], instant: Date): TodayState {
  if (timed(schedules).length === 0) return { kind: 'unknown' };
  const now = berlinMoment(instant);
  const today = hoursOn(schedules, now.date);
  // Candidates: [closing time, runs into tomorrow, minutes from today's midnight to closing].
  const open: [string, boolean, number][] = [];
  for (const i of hoursOn(schedules, shiftDate(now.date, -1)))
    if (i.overnight && now.minutes < minutes(i.closes)) open.push([i.closes, false, minutes(i.closes)]);
  for (const i of today) {
    if (now.minutes < minutes(i.opens)) continue;
    if (i.overnight) open.push([i.closes, true, 24 * 60 + minutes(i.closes)]);
    else if (now.minutes < minutes(i.closes)) open.push([i.closes, false, minutes(i.closes)]);
  }
  if (open.length > 0) {
    const [until, overnight] = open.reduce((a, b) => (b[2] > a[2] ? b : a));
    return { kind: 'open', until, overnight };
  }
  const next = today.find((i) => minutes(i.opens) > now.minutes);
  if (next) return { kind: 'later', opens: next.opens, closes: next.closes };
  return today.length > 0 ? { kind: 'no-more' } : { kind: 'closed' };
}

/** One day of the week overview: the local date and its intervals. */
export interface DayHours {
  date: string;
  intervals: Interval[];
}

/** The opening hours of the `days` days from the local date of the instant on (Europe/Berlin). */
export function upcomingHours(schedules: readonly Schedule[], instant: Date, days = 7): DayHours[] {
  const start = berlinMoment(instant).date;
  return Array.from({ length: days }, (_, index) => {
    const date = shiftDate(start, index);
    return { date, intervals: hoursOn(schedules, date) };
  });
}

const locale = (language: string) => (language.startsWith('en') ? 'en-GB' : 'de-DE');

/** The weekday name of a local ISO date, e.g. „Montag“. */
export function weekdayName(date: string, language: string): string {
  // The date is a floating calendar day: read it in UTC so that no offset shifts it.
  return new Intl.DateTimeFormat(locale(language), { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** A local ISO date as `24.11.2026` (English `24/11/2026`). */
export function calendarDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date.slice(0, 10)}T00:00:00Z`),
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The line about today, e.g. „Heute geöffnet bis 16:00“ (texts below `services.hours`). */
export function todayText(state: TodayState, t: Translate): string {
  switch (state.kind) {
    case 'open':
      return state.overnight
        ? t('services.hours.openUntilTomorrow', { time: state.until })
        : t('services.hours.openUntil', { time: state.until });
    case 'later':
      return t('services.hours.opensLater', { opens: state.opens, closes: state.closes });
    case 'no-more':
      return t('services.hours.noMore');
    case 'closed':
      return t('services.hours.closedToday');
    case 'unknown':
      return t('services.hours.unknown');
  }
}

/** The intervals of a day as text, e.g. „08:00–12:00, 14:00–18:00“, or „geschlossen“. */
export function intervalsText(intervals: readonly Interval[], t: Translate): string {
  if (intervals.length === 0) return t('services.hours.closed');
  return intervals
    .map((i) => (i.overnight ? t('services.hours.intervalOvernight', { ...i }) : t('services.hours.interval', { ...i })))
    .join(', ');
}
