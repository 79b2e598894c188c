import type { Service } from '../../domain/services/model.ts';
import { berlinDate } from '../../domain/services/opening-hours.ts';
import { DEFAULT_REVIEW_AGE_DAYS, daysBetween, isOverdue } from '../../domain/services/overdue.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { SettingsStore } from '../ports.ts';
import type { ServiceRegisterStore } from './ports.ts';

/** Settings key of a tenant's review age (days). */
export const reviewAgeSettingKey = (tenantKey: string) => `services.review-age-days.${tenantKey}`;

/** The tenant's configured review age in days (default 365). */
export async function reviewAgeDays(settings: SettingsStore, tenantKey: string): Promise<number> {
  return (await settings.get<number>(reviewAgeSettingKey(tenantKey))) ?? DEFAULT_REVIEW_AGE_DAYS;
}

/**
 * Services (not archived) whose last check is older than the tenant's review age, or that were
 * never checked; oldest first, with the age in days (null = never checked). Planners only.
 */
export async function listOverdueServices(
  deps: { register: ServiceRegisterStore; settings: SettingsStore; clock: Clock },
  actor: Actor,
  input: { tenantKey: string },
): Promise<{ maxAgeDays: number; today: string; services: (Service & { ageDays: number | null })[] }> {
  requireRole(actor, input.tenantKey, 'planner');
  const maxAgeDays = await reviewAgeDays(deps.settings, input.tenantKey);
  const today = berlinDate(deps.clock.now());
  const services = (await deps.register.listServices(input.tenantKey))
    .filter((s) => isOverdue(s.assuredDate, today, maxAgeDays))
    .map((s) => ({ ...s, ageDays: s.assuredDate === null ? null : daysBetween(s.assuredDate, today) }))
    .sort((a, b) => (b.ageDays ?? Infinity) - (a.ageDays ?? Infinity) || a.name.localeCompare(b.name, 'de'));
  return { maxAgeDays, today, services };
}
