/**
 * Roles of a member within one tenant, from most to least privileged:
 * admin (manages members and settings), planner (plans, imports, publishes),
 * contributor (maintains own entries), viewer (reads internal data).
 */
export type Role = 'admin' | 'planner' | 'contributor' | 'viewer';

export const ROLES: readonly Role[] = ['admin', 'planner', 'contributor', 'viewer'];

const RANK: Record<Role, number> = { admin: 4, planner: 3, contributor: 2, viewer: 1 };

/** True when `role` carries at least the rights of `required`. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** Type guard for untrusted input. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
