/**
 * Decides whether another login attempt is allowed, from the failed attempts recorded for
 * the same e-mail address and client address within the window. Times in seconds.
 */
export interface ThrottleRule {
  maxFailuresPerEmail: number;
  /** Limit per client address is higher: many people may share one office address. */
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * `failures` are the timestamps of failed attempts (for the e-mail, resp. the address) in
 * milliseconds. An attempt is refused while the count inside the window reaches the limit;
 * it is allowed again once the oldest counted failure leaves the window.
 */
export function decideLogin(
  rule: ThrottleRule,
  now: Date,
  emailFailures: readonly number[],
  addressFailures: readonly number[],
): ThrottleDecision {
  const windowStart = now.getTime() - rule.windowSeconds * 1000;
  const wait = (failures: readonly number[], limit: number): number => {
    const recent = failures.filter((t) => t > windowStart).sort((a, b) => b - a);
    if (recent.length < limit) return 0;
    // The attempt becomes possible when the limit-th most recent failure expires.
    const expiring = recent[limit - 1]!;
    return Math.max(1, Math.ceil((expiring + rule.windowSeconds * 1000 - now.getTime()) / 1000));
  };
  const retry = Math.max(wait(emailFailures, rule.maxFailuresPerEmail), wait(addressFailures, rule.maxFailuresPerAddress));
  return retry > 0 ? { allowed: false, retryAfterSeconds: retry } : { allowed: true };
}
