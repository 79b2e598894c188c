import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { emptySchedule, type Schedule } from '../../domain/services/model.ts';
import { TEXTS } from '../i18n/resources.ts';
import { calendarDate, hoursOn, intervalsText, todayState, todayText, upcomingHours, weekdayName } from './opening-text.ts';

const de = i18next.createInstance();
void de.init({
  lng: 'de',
  resources: { de: { translation: TEXTS.de } },
  initAsync: false,
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});
const t = de.t.bind(de) as (key: string, options?: Record<string, unknown>) => string;

const weekly = (byday: Schedule['byday'], opensAt: string, closesAt: string, extra: Partial<Schedule> = {}): Schedule => ({
  ...emptySchedule(),
  freq: 'WEEKLY',
  byday,
  opensAt,
  closesAt,
  ...extra,
});

// Tuesday 24 November 2026; Berlin is UTC+1 in winter.
const at = (localTime: string, date = '2026-11-24') => new Date(`${date}T${localTime}:00+01:00`);
const weekdays = weekly(['MO', 'TU', 'WE', 'TH', 'FR'], '08:00', '16:00');

describe('Angebote: opening hours in German', () => {
  it('says „Heute geöffnet bis 16:00“ while open and „von … bis …“ before opening', () => {
    expect(todayText(todayState([weekdays], at('10:30')), t)).toBe('Heute geöffnet bis 16:00');
    expect(todayText(todayState([weekdays], at('07:15')), t)).toBe('Heute geöffnet von 08:00 bis 16:00');
    expect(todayText(todayState([weekdays], at('16:00')), t)).toBe('Heute nicht mehr geöffnet');
  });

  it('reads the time in Europe/Berlin, also across the change to summer time', () => {
    // 14:30 UTC is 15:30 in winter (open) and 16:30 in summer (closed).
    expect(todayState([weekdays], new Date('2026-11-24T14:30:00Z')).kind).toBe('open');
    expect(todayState([weekdays], new Date('2026-06-23T14:30:00Z')).kind).toBe('no-more');
  });

  it('says „Heute geschlossen“ on a day without hours and names missing hours', () => {
    expect(todayText(todayState([weekdays], at('10:00', '2026-11-28')), t)).toBe('Heute geschlossen');
    expect(todayText(todayState([], at('10:00')), t)).toBe('Keine Öffnungszeiten angegeben');
    expect(todayText(todayState([{ ...emptySchedule(), description: 'nach Vereinbarung' }], at('10:00')), t)).toBe(
      'Keine Öffnungszeiten angegeben',
    );
  });

  it('takes the later closing time of a split day and the next interval of the day', () => {
    const split = [weekly(['TU'], '14:00', '18:00'), weekly(['TU'], '09:00', '12:00')];
    expect(hoursOn(split, '2026-11-24').map((i) => `${i.opens}-${i.closes}`)).toEqual(['09:00-12:00', '14:00-18:00']);
    expect(todayText(todayState(split, at('12:30')), t)).toBe('Heute geöffnet von 14:00 bis 18:00');
    expect(todayText(todayState(split, at('17:59')), t)).toBe('Heute geöffnet bis 18:00');
    expect(intervalsText(hoursOn(split, '2026-11-24'), t)).toBe('09:00–12:00, 14:00–18:00');
  });

  it('handles hours past midnight from the evening and from the day before', () => {
    const night = [weekly(['FR'], '20:00', '02:00')];
    expect(todayText(todayState(night, at('23:00', '2026-11-27')), t)).toBe('Geöffnet bis morgen 02:00');
    expect(todayText(todayState(night, at('01:00', '2026-11-28')), t)).toBe('Heute geöffnet bis 02:00');
    expect(todayState(night, at('02:00', '2026-11-28')).kind).toBe('closed');
    expect(intervalsText(hoursOn(night, '2026-11-27'), t)).toBe('20:00–02:00 (bis zum Folgetag)');
  });

  it('lists the next seven days with German weekday names; closed days say „geschlossen“', () => {
    const week = upcomingHours([weekdays, weekly(['SA'], '10:00', '12:00', { validTo: '2026-11-28' })], at('09:00'));
    const lines = week.map(
      (d) => `${weekdayName(d.date, 'de')}, ${calendarDate(d.date, 'de')}: ${intervalsText(d.intervals, t)}`,
    );
    expect(lines).toEqual([
      'Dienstag, 24.11.2026: 08:00–16:00',
      'Mittwoch, 25.11.2026: 08:00–16:00',
      'Donnerstag, 26.11.2026: 08:00–16:00',
      'Freitag, 27.11.2026: 08:00–16:00',
      'Samstag, 28.11.2026: 10:00–12:00',
      'Sonntag, 29.11.2026: geschlossen',
      'Montag, 30.11.2026: 08:00–16:00',
    ]);
  });

  it('writes „zuletzt geprüft“ dates as 24.11.2026 whatever the time zone of the reader', () => {
    expect(calendarDate('2026-03-01', 'de')).toBe('01.03.2026');
    expect(calendarDate('2026-03-01T00:00:00.000Z', 'de')).toBe('01.03.2026');
    expect(weekdayName('2026-03-01', 'de')).toBe('Sonntag');
  });
});
