import type { Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { ImportCounts, RegionShape } from '../ports.ts';
import { requireImportRight, SHARED_SCOPE, type ImportObservationsDeps } from './import-observations.ts';

/** A geometry file read and reprojected: the regions with shapes and measures, and notes on repairs. */
export interface RegionDataset {
  format: string;
  shapes: readonly RegionShape[];
  /** German notes, e.g. which polygons were repaired. */
  warnings: readonly string[];
}

/**
 * Imports region shapes (official boundaries or a municipality's planning areas) as one
 * transaction with a journal entry. The same file again changes nothing; shapes it replaces
 * are restored on rollback.
 */
export async function importRegions(
  deps: ImportObservationsDeps,
  actor: Actor,
  input: {
    tenantKey: string | null;
    fileName: string;
    checksum: string;
    dataset: RegionDataset;
    onStarted?: (importId: number) => void;
  },
): Promise<{ importId: number; unchanged: boolean; counts: ImportCounts }> {
  requireImportRight(actor, input.tenantKey);
  const scope = input.tenantKey ?? SHARED_SCOPE;
  const existing = await deps.journal.findCompleted(scope, input.checksum);
  if (existing?.counts) {
    input.onStarted?.(existing.id);
    return { importId: existing.id, unchanged: true, counts: existing.counts };
  }
  const who = auditActor(actor);
  const importId = await deps.journal.start({
    scope,
    fileName: input.fileName,
    checksum: input.checksum,
    format: input.dataset.format,
    ...who,
    at: deps.clock.now(),
  });
  input.onStarted?.(importId);
  try {
    const counts = await deps.transaction(async ({ regions, audit }) => {
      const result = await regions.upsertShapes(input.dataset.shapes, input.tenantKey, importId);
      const counts: ImportCounts = {
        variables: 0,
        regions: input.dataset.shapes.length,
        observations: 0,
        inserted: result.inserted,
        updated: result.updated,
        unchanged: 0,
        periods: [],
      };
      await audit.record(
        {
          ...who,
          tenantKey: input.tenantKey,
          action: 'import.complete',
          entityType: 'import',
          entityId: String(importId),
          before: null,
          after: {
            fileName: input.fileName,
            checksum: input.checksum,
            regions: input.dataset.shapes.length,
            repaired: input.dataset.shapes.filter((s) => s.repaired).length,
          },
        },
        deps.clock.now(),
      );
      return counts;
    });
    await deps.journal.finish(importId, 'completed', deps.clock.now(), counts, null);
    return { importId, unchanged: false, counts };
  } catch (error) {
    await deps.journal.finish(importId, 'failed', deps.clock.now(), null, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
