import type { AuditEntry } from '../../domain/audit/audit-entry.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { AuditLog } from '../ports.ts';

/** The tenant's audit log, newest first, 1–200 entries per page; tenant admins only. */
export async function listAuditLog(
  deps: { audit: AuditLog },
  actor: Actor,
  input: { tenantKey: string; limit?: number | undefined; beforeId?: number | undefined },
): Promise<AuditEntry[]> {
  requireRole(actor, input.tenantKey, 'admin');
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  return deps.audit.list(input.tenantKey, { limit, ...(input.beforeId !== undefined ? { beforeId: input.beforeId } : {}) });
}
