import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { roleAtLeast, type Role } from './roles.ts';
import type { TenantKind } from './tenant.ts';

/** One membership of a user: the tenant, its kind and the user's role in it. */
export interface Membership {
  tenantKey: string;
  tenantKind: TenantKind;
  tenantName: string;
  role: Role;
}

/** Who is acting: an anonymous visitor or a signed-in user with memberships. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; email: string; memberships: readonly Membership[] }
  | { kind: 'system'; label: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** The membership of `actor` in `tenantKey`, if any. */
export function membershipIn(actor: Actor, tenantKey: string): Membership | undefined {
  return actor.kind === 'user' ? actor.memberships.find((m) => m.tenantKey === tenantKey) : undefined;
}

/** True when the actor belongs to the state-level organisation (any role). */
export function isStateMember(actor: Actor): boolean {
  return actor.kind === 'user' && actor.memberships.some((m) => m.tenantKind === 'state');
}

/**
 * Whether the actor may read a tenant's internal data: its own members, members of the
 * state organisation (which reads across municipalities) and the system.
 */
export function canReadTenant(actor: Actor, tenantKey: string): boolean {
  if (actor.kind === 'system') return true;
  return membershipIn(actor, tenantKey) !== undefined || isStateMember(actor);
}

/** Whether the actor holds at least `role` inside the tenant itself (state rights do not count). */
export function hasRoleIn(actor: Actor, tenantKey: string, role: Role): boolean {
  if (actor.kind === 'system') return true;
  const m = membershipIn(actor, tenantKey);
  return m !== undefined && roleAtLeast(m.role, role);
}

/**
 * Throws unless the actor holds `role` in the tenant. Outsiders get NotFound, so that the
 * existence of another tenant's resources is not revealed; members with too little rights
 * get Forbidden.
 */
export function requireRole(actor: Actor, tenantKey: string, role: Role): void {
  if (hasRoleIn(actor, tenantKey, role)) return;
  if (canReadTenant(actor, tenantKey)) {
    throw new ForbiddenError('Für diese Aktion fehlen Ihnen die nötigen Rechte.', 'forbidden', { required: role });
  }
  throw new NotFoundError('Die Gebietskörperschaft wurde nicht gefunden.', 'tenant-not-found');
}

/** Throws NotFound unless the actor may read the tenant's internal data. */
export function requireReadTenant(actor: Actor, tenantKey: string): void {
  if (!canReadTenant(actor, tenantKey)) {
    throw new NotFoundError('Die Gebietskörperschaft wurde nicht gefunden.', 'tenant-not-found');
  }
}
