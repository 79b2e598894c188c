/** Default age after which an entry counts as overdue for a check: 365 days. */
export const DEFAULT_REVIEW_AGE_DAYS = 365;

/** Whole days from `from` to `to` (ISO dates; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether an entry is overdue for a check on `today` (ISO date, Europe/Berlin): never checked
 * (`assuredDate` null), or checked more than `maxAgeDays` days ago. An entry checked exactly
 * `maxAgeDays` days ago is still current.
 */
export function isOverdue(assuredDate: string | null, today: string, maxAgeDays: number = DEFAULT_REVIEW_AGE_DAYS): boolean {
  if (assuredDate === null) return true;
  return daysBetween(assuredDate, today) > maxAgeDays;
}

/** Checks a configured review age: a whole number of days from 1 to 3650. */
export function isValidReviewAge(days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= 3650;
}
