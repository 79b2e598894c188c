import type { Membership } from './api.ts';

/** Memberships that may import data: Planung or Administration in a municipality (not the state level). */
export function importTenants(memberships: readonly Membership[]): Membership[] {
  return memberships.filter((m) => (m.role === 'planner' || m.role === 'admin') && m.tenantKind !== 'state');
}
