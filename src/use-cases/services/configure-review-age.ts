import { isValidReviewAge } from '../../domain/services/overdue.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, SettingsStore } from '../ports.ts';
import { reviewAgeDays, reviewAgeSettingKey } from './list-overdue-services.ts';

/** Sets after how many days an entry counts as overdue for a check (1–3650; planners). Audited. */
export async function configureReviewAge(
  deps: { settings: SettingsStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; days: number },
): Promise<{ maxAgeDays: number }> {
  requireRole(actor, input.tenantKey, 'planner');
  if (!isValidReviewAge(input.days))
    throw new InvalidError('Die Prüffrist muss eine ganze Zahl von 1 bis 3650 Tagen sein.', 'invalid-review-age', {
      fields: { days: '1 bis 3650 Tage' },
    });
  const before = await reviewAgeDays(deps.settings, input.tenantKey);
  const now = deps.clock.now();
  await deps.settings.set(reviewAgeSettingKey(input.tenantKey), input.days, now);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: 'service-register.configure',
      entityType: 'service-register',
      entityId: input.tenantKey,
      before: { reviewAgeDays: before },
      after: { reviewAgeDays: input.days },
    },
    now,
  );
  return { maxAgeDays: input.days };
}
