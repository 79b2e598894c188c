/**
 * Reference periods: an ISO date for a Stichtag (`2018-12-31`), `YYYY-MM` for a month, `YYYY`
 * for a year. Official tables print them in several ways; all end up in these three forms.
 */

const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const YEAR = /^\d{4}$/;
const ISO_MONTH = /^(\d{4})-(\d{1,2})$/;
const GERMAN_MONTH = /^(\d{1,2})[/.](\d{4})$/;

const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function validYear(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function validDate(year: number, month: number, day: number): boolean {
  if (!validYear(year) || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/**
 * Normalises a period: `31.12.2018` → `2018-12-31`, `15.05.2022` → `2022-05-15`, `2022-05-15`
 * (also with a time part) stays, `2021` → `2021`, `2019-12` and `12/2019` → `2019-12`.
 * Returns `undefined` for anything else, including impossible dates like `31.04.2020` and years
 * outside 1800–2199.
 */
export function normalizePeriod(text: string): string | undefined {
  const s = text.trim();
  if (YEAR.test(s)) return validYear(Number(s)) ? s : undefined;
  let m = GERMAN_DATE.exec(s);
  if (m) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    const year = Number(m[3]);
    return validDate(year, month, day) ? `${year}-${pad2(month)}-${pad2(day)}` : undefined;
  }
  m = ISO_DATE.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    return validDate(year, month, day) ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
  }
  m = ISO_MONTH.exec(s) ?? null;
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return validYear(year) && month >= 1 && month <= 12 ? `${m[1]}-${pad2(month)}` : undefined;
  }
  m = GERMAN_MONTH.exec(s);
  if (m) {
    const month = Number(m[1]);
    const year = Number(m[2]);
    return validYear(year) && month >= 1 && month <= 12 ? `${year}-${pad2(month)}` : undefined;
  }
  return undefined;
}

/** The ISO date (`YYYY-MM-DD`) of a calendar date, ignoring the time of day and time zone. */
export function isoDateOf(date: Date): string {
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/**
 * The last day (ISO date) of a stored period, the date whose Gebietsstand it is on: a year is
 * its 31 December, a month its last day, a date itself (`2019-02` → `2019-02-28`).
 */
export function periodEndDate(period: string): string {
  if (YEAR.test(period)) return `${period}-12-31`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return `${m[1]}-${m[2]}-${pad2(last)}`;
  }
  return period;
}
