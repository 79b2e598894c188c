import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import type { ServiceImportJournal, ServiceImportRecord } from './ports.ts';

/** The register imports of a municipality, newest first (planners). */
export async function listServiceImports(
  deps: { journal: ServiceImportJournal },
  actor: Actor,
  input: { tenantKey: string },
): Promise<ServiceImportRecord[]> {
  requireRole(actor, input.tenantKey, 'planner');
  return deps.journal.list(input.tenantKey);
}
