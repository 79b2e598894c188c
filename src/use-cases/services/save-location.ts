import type { Location } from '../../domain/services/model.ts';
import { validateLocation } from '../../domain/services/validation.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, Secrets } from '../ports.ts';
import type { ServiceRegisterStore } from './ports.ts';

/** Creates (without id) or changes a location; coordinates given by a person count as placed by hand. Planners; audited. */
export async function saveLocation(
  deps: { register: ServiceRegisterStore; audit: AuditLog; secrets: Secrets; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; location: Omit<Location, 'id' | 'coordinateSource'> & { id?: string | undefined } },
): Promise<Location> {
  requireRole(actor, input.tenantKey, 'planner');
  const before = input.location.id ? await deps.register.getLocation(input.tenantKey, input.location.id) : undefined;
  const moved = before?.latitude !== input.location.latitude || before?.longitude !== input.location.longitude;
  const location: Location = {
    ...input.location,
    id: input.location.id ?? deps.secrets.uuid(),
    coordinateSource: input.location.latitude === null ? null : moved ? 'manual' : (before?.coordinateSource ?? 'manual'),
  };
  validateLocation(location);
  const now = deps.clock.now();
  await deps.register.saveLocation(input.tenantKey, location, now);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: before ? 'service-location.update' : 'service-location.create',
      entityType: 'service-location',
      entityId: location.id,
      before: before ? { name: before.name, latitude: before.latitude, longitude: before.longitude } : null,
      after: { name: location.name, latitude: location.latitude, longitude: location.longitude },
    },
    now,
  );
  return location;
}
