import { describe, expect, it } from 'vitest';
import { emptySchedule, type Schedule } from './model.ts';
import { berlinDate, berlinMoment, occursOn, openState } from './opening-hours.ts';

const weekly = (byday: Schedule['byday'], opensAt: string, closesAt: string, extra: Partial<Schedule> = {}): Schedule => ({
  ...emptySchedule(),
  freq: 'WEEKLY',
  byday,
  opensAt,
  closesAt,
  ...extra,
});

describe('Europe/Berlin wall clock', () => {
  it('reads winter time as UTC+1 and summer time as UTC+2', () => {
    expect(berlinMoment(new Date('2026-11-24T08:30:00Z'))).toEqual({ date: '2026-11-24', minutes: 9 * 60 + 30 });
    expect(berlinMoment(new Date('2026-07-07T07:30:00Z'))).toEqual({ date: '2026-07-07', minutes: 9 * 60 + 30 });
  });
  it('moves to the next day after 23:00 UTC in winter', () => {
    expect(berlinDate(new Date('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
  });
});

describe('occursOn', () => {
  it('weekly on Monday to Wednesday: Tuesday 24 Nov 2026 yes, Friday 27 Nov no', () => {
    const s = weekly(['MO', 'TU', 'WE'], '09:00', '17:00');
    expect(occursOn(s, '2026-11-24')).toBe(true);
    expect(occursOn(s, '2026-11-27')).toBe(false);
  });
  it('every second Monday from 2 Nov 2026: 2 and 16 Nov, not 9 Nov', () => {
    const s = weekly(['MO'], '10:00', '12:00', { interval: 2, dtstart: '2026-11-02' });
    expect(occursOn(s, '2026-11-02')).toBe(true);
    expect(occursOn(s, '2026-11-09')).toBe(false);
    expect(occursOn(s, '2026-11-16')).toBe(true);
  });
  it('monthly on the 1st: 1 Dec 2026 yes, 30 Nov no', () => {
    const s: Schedule = { ...emptySchedule(), freq: 'MONTHLY', bymonthday: [1], opensAt: '14:00', closesAt: '16:00' };
    expect(occursOn(s, '2026-12-01')).toBe(true);
    expect(occursOn(s, '2026-11-30')).toBe(false);
  });
  it('respects validity: nothing after validTo', () => {
    const s = weekly(['TU'], '09:00', '17:00', { validTo: '2026-11-23' });
    expect(occursOn(s, '2026-11-24')).toBe(false);
  });
});

describe('openState', () => {
  const office = [weekly(['MO', 'TU', 'WE'], '09:00', '17:00')];
  it('open on Tuesday 09:30 Berlin (08:30 UTC in winter)', () => {
    expect(openState(office, new Date('2026-11-24T08:30:00Z'))).toBe('open');
  });
  it('closed at 08:30 Berlin and at 17:00 sharp (closing time excluded)', () => {
    expect(openState(office, new Date('2026-11-24T07:30:00Z'))).toBe('closed');
    expect(openState(office, new Date('2026-11-24T16:00:00Z'))).toBe('closed');
  });
  it('uses summer time: 07:30 UTC on 7 July 2026 is 09:30 in Berlin, open', () => {
    expect(openState(office, new Date('2026-07-07T07:30:00Z'))).toBe('open');
  });
  it('a Friday night 22:00–02:00 is still open at 01:00 on Saturday, closed at 03:00', () => {
    const night = [weekly(['FR'], '22:00', '02:00')];
    expect(openState(night, new Date('2026-11-28T00:00:00Z'))).toBe('open'); // Sat 01:00
    expect(openState(night, new Date('2026-11-28T02:00:00Z'))).toBe('closed'); // Sat 03:00
    expect(openState(night, new Date('2026-11-27T21:30:00Z'))).toBe('open'); // Fri 22:30
  });
  it('unknown without opening times', () => {
    expect(openState([], new Date('2026-11-24T08:30:00Z'))).toBe('unknown');
    expect(openState([{ ...emptySchedule(), freq: 'WEEKLY', byday: ['TU'] }], new Date())).toBe('unknown');
  });
});
