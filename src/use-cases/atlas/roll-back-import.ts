import type { Clock } from '../../domain/shared/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/shared/errors.ts';
import { hasRoleIn, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, ImportJournal, ObservationStore, RegionImportStore } from '../ports.ts';
import { SHARED_SCOPE } from './import-observations.ts';

/**
 * Takes an import back: its observations are deleted, the values it replaced are restored,
 * regions it added are removed. Refused while a later import replaced some of its values
 * (roll that one back first), and for imports that are not completed.
 */
export async function rollBackImport(
  deps: {
    journal: ImportJournal;
    transaction<T>(
      work: (stores: { observations: ObservationStore; regions: RegionImportStore; audit: AuditLog }) => Promise<T>,
    ): Promise<T>;
    clock: Clock;
  },
  actor: Actor,
  importId: number,
): Promise<{ deleted: number; restored: number }> {
  const record = await deps.journal.get(importId);
  const tenantKey = record && record.scope !== SHARED_SCOPE ? record.scope : null;
  const allowed =
    actor.kind === 'system' ||
    (record !== undefined && tenantKey !== null && hasRoleIn(actor, tenantKey, 'planner')) ||
    (record !== undefined &&
      tenantKey === null &&
      actor.kind === 'user' &&
      actor.memberships.some((m) => m.tenantKind === 'state' && hasRoleIn(actor, m.tenantKey, 'planner')));
  if (!record || !allowed) {
    if (record && actor.kind === 'user' && actor.memberships.some((m) => m.tenantKey === record.scope)) {
      throw new ForbiddenError('Für das Zurücknehmen fehlen Ihnen die nötigen Rechte (Rolle Planung).', 'forbidden');
    }
    throw new NotFoundError(`Den Import ${importId} gibt es nicht.`, 'import-not-found');
  }
  if (record.status !== 'completed') {
    throw new ConflictError(
      `Import ${importId} ist nicht abgeschlossen (Status: ${record.status}) und kann nicht zurückgenommen werden.`,
      'import-not-completed',
    );
  }
  const result = await deps.transaction(async ({ observations, regions, audit }) => {
    const later = await observations.supersedingImports(record.scope, importId);
    if (later.length > 0) {
      throw new ConflictError(
        `Spätere Importe (${later.join(', ')}) haben Werte dieses Imports ersetzt. Nehmen Sie zuerst diese zurück.`,
        'import-superseded',
      );
    }
    const changed = await observations.rollback(record.scope, importId);
    await regions.deleteImported(importId);
    await audit.record(
      {
        ...auditActor(actor),
        tenantKey,
        action: 'import.roll-back',
        entityType: 'import',
        entityId: String(importId),
        before: { fileName: record.fileName, status: 'completed' },
        after: { status: 'rolled_back', ...changed },
      },
      deps.clock.now(),
    );
    return changed;
  });
  await deps.journal.finish(importId, 'rolled_back', deps.clock.now(), record.counts, null);
  return result;
}
