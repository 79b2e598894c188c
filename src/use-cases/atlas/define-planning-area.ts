import { simplifyForZooms } from '../../domain/geometry/simplify.ts';
import { unionGeometries } from '../../domain/geometry/union.ts';
import type { Geometry } from '../../domain/regions/region.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, RegionStore } from '../ports.ts';

/** Area (km², equal-area projection) and representative point of a WGS84 geometry; supplied by an adapter. */
export type MeasureGeometry = (geometry: Geometry) => { areaKm2: number; centroid: [number, number] };

/**
 * Defines a planning area (Sozialraum) of a municipality as a set of current Gemeinden: its
 * shape is their union, its area and centre are measured. Planners only; the code must be
 * new in the municipality; every member must be a current Gemeinde with a shape.
 */
export async function definePlanningArea(
  deps: { regions: RegionStore; audit: AuditLog; clock: Clock; measure: MeasureGeometry },
  actor: Actor,
  input: { tenantKey: string; code: string; name: string; memberKeys: readonly string[] },
) {
  requireRole(actor, input.tenantKey, 'planner');
  const code = input.code.trim();
  if (!/^[A-Za-z0-9_]{1,20}$/.test(code)) {
    throw new InvalidError('Das Kürzel darf nur Buchstaben, Ziffern und _ enthalten (höchstens 20 Zeichen).', 'invalid-code', {
      fields: { code: 'Ungültiges Kürzel' },
    });
  }
  const name = input.name.trim();
  if (name.length < 2 || name.length > 200)
    throw new InvalidError('Der Name muss 2 bis 200 Zeichen lang sein.', 'invalid-name', { fields: { name: 'Ungültiger Name' } });
  const memberKeys = [...new Set(input.memberKeys)].sort();
  if (memberKeys.length === 0)
    throw new InvalidError('Ein Planungsraum braucht mindestens eine Gemeinde.', 'no-members', {
      fields: { members: 'Keine Gemeinde gewählt' },
    });
  const key = `${input.tenantKey}-${code}`;
  const existing = await deps.regions.listForTenant(input.tenantKey, 'planning_area');
  if (existing.some((r) => r.key === key))
    throw new ConflictError(`Den Planungsraum ${code} gibt es schon.`, 'planning-area-exists');
  const shapes = await deps.regions.currentShapes(memberKeys, input.tenantKey);
  const missing = memberKeys.filter((m) => !shapes.some((s) => s.key === m && s.level === 'gemeinde'));
  if (missing.length > 0) {
    throw new NotFoundError(
      `Diese Gemeinden gibt es nicht oder sie haben keine Grenzen: ${missing.join(', ')}.`,
      'members-not-found',
    );
  }
  const geometry = unionGeometries(shapes.map((s) => s.geometry))!;
  const measured = deps.measure(geometry);
  const simplified = Object.fromEntries([...simplifyForZooms([geometry])].map(([zoom, list]) => [String(zoom), list[0]]));
  const now = deps.clock.now();
  const shape = {
    key,
    name,
    level: 'planning_area' as const,
    parentKey: input.tenantKey,
    validFrom: now.toISOString().slice(0, 10),
    geometry,
    areaKm2: Math.round(measured.areaKm2 * 1000) / 1000,
    centroid: measured.centroid,
    repaired: false,
    simplified,
  };
  await deps.regions.insertPlanningArea(shape, input.tenantKey, memberKeys);
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: 'planning-area.define',
      entityType: 'region',
      entityId: key,
      before: null,
      after: { name, members: memberKeys, areaKm2: shape.areaKm2 },
    },
    now,
  );
  return { key, name, members: memberKeys, areaKm2: shape.areaKm2, centroid: shape.centroid };
}

/** Removes a planning area of the municipality (planners only), recorded in the audit log. */
export async function removePlanningArea(
  deps: { regions: RegionStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: { tenantKey: string; code: string },
) {
  requireRole(actor, input.tenantKey, 'planner');
  const key = `${input.tenantKey}-${input.code}`;
  const before = (await deps.regions.listForTenant(input.tenantKey, 'planning_area')).find((r) => r.key === key);
  if (!before || !(await deps.regions.deletePlanningArea(key, input.tenantKey))) {
    throw new NotFoundError(`Den Planungsraum ${input.code} gibt es nicht.`, 'planning-area-not-found');
  }
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: 'planning-area.remove',
      entityType: 'region',
      entityId: key,
      before: { name: before.name },
      after: null,
    },
    deps.clock.now(),
  );
}
