import { describe, expect, it } from 'vitest';
import { isoDateOf, normalizePeriod, periodEndDate } from './period.ts';

describe('normalizePeriod', () => {
  it.each([
    ['31.12.2018', '2018-12-31'],
    ['15.05.2022', '2022-05-15'],
    ['1.1.2021', '2021-01-01'],
    ['2022-05-15', '2022-05-15'],
    ['2022-05-15T00:00:00Z', '2022-05-15'],
    ['2021', '2021'],
    [' 2023 ', '2023'],
    ['2019-12', '2019-12'],
    ['12/2019', '2019-12'],
    ['29.02.2024', '2024-02-29'],
  ])('%j → %j', (text, period) => {
    expect(normalizePeriod(text)).toBe(period);
  });

  it.each(['', 'Stichtag', '31.04.2020', '29.02.2023', '2019-13', '1799', '2200', '12345', '31.12.18', '2022/23'])(
    'rejects %j',
    (text) => {
      expect(normalizePeriod(text)).toBeUndefined();
    },
  );

  it('takes the calendar date of a Date', () => {
    expect(isoDateOf(new Date(Date.UTC(2018, 11, 31)))).toBe('2018-12-31');
  });
});

describe('periodEndDate', () => {
  it('gives the last day of a year, a month (leap years included) and keeps a date', () => {
    expect(periodEndDate('2021')).toBe('2021-12-31');
    expect(periodEndDate('2019-12')).toBe('2019-12-31');
    expect(periodEndDate('2019-02')).toBe('2019-02-28');
    expect(periodEndDate('2020-02')).toBe('2020-02-29');
    expect(periodEndDate('2022-05-15')).toBe('2022-05-15');
  });
});
