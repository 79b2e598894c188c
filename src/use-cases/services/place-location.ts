import type { Location } from '../../domain/services/model.ts';
import { coordinateProblem } from '../../domain/services/validation.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog } from '../ports.ts';
import type { ServiceRegisterStore } from './ports.ts';

/**
 * Places a location on the map by hand (there is no geocoder): sets its WGS84 coordinates
 * and marks them as placed manually. Planners only; audited with the old and new point.
 */
export async function placeLocation(
  deps: { register: ServiceRegisterStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; locationId: string; latitude: number; longitude: number },
): Promise<Location> {
  requireRole(actor, input.tenantKey, 'planner');
  const current = await deps.register.getLocation(input.tenantKey, input.locationId);
  if (!current) throw new NotFoundError('Der Standort wurde nicht gefunden.', 'location-not-found');
  const problem = coordinateProblem(input.latitude, input.longitude);
  if (problem) throw new InvalidError(problem, 'invalid-coordinates', { fields: { latitude: problem } });
  const now = deps.clock.now();
  const location: Location = { ...current, latitude: input.latitude, longitude: input.longitude, coordinateSource: 'manual' };
  await deps.register.saveLocation(input.tenantKey, location, now);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: 'service-location.place',
      entityType: 'service-location',
      entityId: location.id,
      before: { latitude: current.latitude, longitude: current.longitude, coordinateSource: current.coordinateSource },
      after: { latitude: location.latitude, longitude: location.longitude, coordinateSource: 'manual' },
    },
    now,
  );
  return location;
}
