import { NotFoundError } from '../../domain/shared/errors.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { ImportJournal, ImportRecord } from '../ports.ts';

/** The import history of a tenant, newest first (members and the state organisation). */
export async function listImports(deps: { journal: ImportJournal }, actor: Actor, tenantKey: string): Promise<ImportRecord[]> {
  requireReadTenant(actor, tenantKey);
  return deps.journal.list(tenantKey);
}

/** One import of a tenant with its progress; other tenants' imports are not found. */
export async function getImport(
  deps: { journal: ImportJournal },
  actor: Actor,
  input: { tenantKey: string; importId: number },
): Promise<ImportRecord> {
  requireReadTenant(actor, input.tenantKey);
  const record = await deps.journal.get(input.importId);
  if (!record || record.scope !== input.tenantKey)
    throw new NotFoundError(`Den Import ${input.importId} gibt es nicht.`, 'import-not-found');
  return record;
}
