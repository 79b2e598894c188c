import type { Clock } from '../../domain/shared/clock.ts';
import { ConflictError, NotFoundError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog } from '../ports.ts';
import type { ServiceImportJournal, ServiceImportStore } from './ports.ts';

/**
 * Takes a register import back: entries it added are deleted, entries it changed get their
 * earlier content back. Only the latest completed import of the municipality can be taken back
 * (a later one may have changed the same entries; take that back first). Planners; audited.
 */
export async function rollBackServiceImport(
  deps: {
    journal: ServiceImportJournal;
    transaction<T>(work: (stores: { imports: ServiceImportStore; audit: AuditLog }) => Promise<T>): Promise<T>;
    clock: Clock;
  },
  actor: Actor,
  input: { tenantKey: string; importId: number },
): Promise<{ deleted: number; restored: number }> {
  requireRole(actor, input.tenantKey, 'planner');
  const record = await deps.journal.get(input.tenantKey, input.importId);
  if (!record) throw new NotFoundError(`Den Import ${input.importId} gibt es nicht.`, 'import-not-found');
  if (record.status !== 'completed')
    throw new ConflictError(
      `Import ${input.importId} ist nicht abgeschlossen (Status: ${record.status}) und kann nicht zurückgenommen werden.`,
      'import-not-completed',
    );
  const later = (await deps.journal.list(input.tenantKey)).filter((r) => r.id > record.id && r.status === 'completed');
  if (later.length > 0)
    throw new ConflictError(
      `Spätere Importe (${later.map((r) => r.id).join(', ')}) können dieselben Einträge geändert haben. Nehmen Sie zuerst diese zurück.`,
      'import-superseded',
    );
  const result = await deps.transaction(async ({ imports, audit }) => {
    const changed = await imports.rollback(input.tenantKey, input.importId);
    await audit.record(
      {
        ...auditActor(actor),
        tenantKey: input.tenantKey,
        action: 'service-import.roll-back',
        entityType: 'service-import',
        entityId: String(input.importId),
        before: { fileName: record.fileName, status: 'completed' },
        after: { status: 'rolled_back', ...changed },
      },
      deps.clock.now(),
    );
    return changed;
  });
  await deps.journal.finish(input.importId, 'rolled_back', deps.clock.now(), record.counts, null);
  return result;
}
