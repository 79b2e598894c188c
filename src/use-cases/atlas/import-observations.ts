import { ImportError } from '../../domain/observations/import-error.ts';
import type { ParsedObservation, ParsedRegion, VariableDefinition } from '../../domain/observations/observation.ts';
import type { RegionLevel } from '../../domain/regions/region.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { hasRoleIn, type Actor } from '../../domain/tenancy/policy.ts';
import { ForbiddenError } from '../../domain/shared/errors.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, ImportCounts, ImportJournal, ObservationStore, RegionImportStore } from '../ports.ts';

/**
 * A file being parsed: observations in batches, then (once all batches are read) the
 * variables and regions the file described. Streaming parsers know these only at the end.
 */
export interface ObservationDataset {
  format: string;
  batches: AsyncIterable<readonly ParsedObservation[]>;
  /** Variables and regions of the file; called after the last batch. */
  described(): { variables: readonly VariableDefinition[]; regions: readonly ParsedRegion[] };
  /** Total observations when known in advance (for progress). */
  total: number | null;
}

export interface ImportObservationsDeps {
  journal: ImportJournal;
  /** Runs the data writes in one transaction: all or nothing. */
  transaction<T>(
    work: (stores: { observations: ObservationStore; regions: RegionImportStore; audit: AuditLog }) => Promise<T>,
  ): Promise<T>;
  clock: Clock;
}

export interface ImportObservationsInput {
  /** Owning tenant key, or null to import at state level (visible to all municipalities). */
  tenantKey: string | null;
  fileName: string;
  /** SHA-256 of the file bytes. */
  checksum: string;
  dataset: ObservationDataset;
  onProgress?: (done: number, total: number | null) => void;
  /** Called once the journal entry exists (or the file is recognised as already imported). */
  onStarted?: (importId: number) => void;
}

export type ImportObservationsResult = { importId: number; unchanged: boolean; counts: ImportCounts };

/** Shared-scope name for data imported at state level. */
export const SHARED_SCOPE = 'shared';

const REGION_LEVEL: Record<ParsedRegion['level'], RegionLevel | null> = {
  staat: 'bund',
  land: 'land',
  regierungsbezirk: 'regierungsbezirk',
  kreis: 'kreis',
  gemeindeverband: 'gemeindeverband',
  gemeinde: 'gemeinde',
  ars: null,
};

/** Who may import: planners of the tenant; state-level imports need the system or a state-organisation planner. */
export function requireImportRight(actor: Actor, tenantKey: string | null): void {
  if (actor.kind === 'system') return;
  if (tenantKey !== null && hasRoleIn(actor, tenantKey, 'planner')) return;
  if (
    tenantKey === null &&
    actor.kind === 'user' &&
    actor.memberships.some((m) => m.tenantKind === 'state' && hasRoleIn(actor, m.tenantKey, 'planner'))
  )
    return;
  throw new ForbiddenError('Für den Import fehlen Ihnen die nötigen Rechte (Rolle Planung).', 'forbidden');
}

/**
 * Imports observations from one file as one transaction. A file whose checksum was already
 * imported into the same scope changes nothing (the earlier import is returned). Duplicate
 * (region, variable, period) entries in one file are rejected with both line numbers.
 * The journal records the import (file, checksum, actor, counts) whether it succeeds or fails.
 */
export async function importObservations(
  deps: ImportObservationsDeps,
  actor: Actor,
  input: ImportObservationsInput,
): Promise<ImportObservationsResult> {
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
    const counts = await deps.transaction(async ({ observations, regions, audit }) => {
      const seen = new Map<string, number>();
      const periods = new Set<string>();
      let total = 0;
      let inserted = 0;
      let updated = 0;
      let lastReport = 0;
      for await (const batch of input.dataset.batches) {
        for (const o of batch) {
          const id = `${o.variableKey}\u0000${o.regionKey}\u0000${o.period}`;
          const earlier = seen.get(id);
          if (earlier !== undefined) {
            throw new ImportError(
              input.fileName,
              o.line,
              null,
              `Doppelte Angabe für Gebiet ${o.regionKey}, Merkmal „${o.variableKey}“, Zeitraum ${o.period} (schon in Zeile ${earlier}).`,
            );
          }
          seen.set(id, o.line);
          periods.add(o.period);
        }
        const result = await observations.applyBatch(scope, importId, batch);
        inserted += result.inserted;
        updated += result.updated;
        total += batch.length;
        input.onProgress?.(total, input.dataset.total);
        if (total - lastReport >= 50_000) {
          lastReport = total;
          await deps.journal.progress(importId, total, input.dataset.total);
        }
      }
      const { variables, regions: named } = input.dataset.described();
      await observations.upsertVariables(scope, variables, importId);
      const regionRows = named
        .map((r) => ({ key: r.key, name: r.name, level: REGION_LEVEL[r.level] }))
        .filter((r): r is { key: string; name: string; level: RegionLevel } => r.level !== null);
      const newRegions = await regions.addMissing(regionRows, input.tenantKey, importId);
      const counts: ImportCounts = {
        variables: variables.length,
        regions: newRegions,
        observations: total,
        inserted,
        updated,
        unchanged: total - inserted - updated,
        periods: [...periods].sort(),
      };
      await audit.record(
        {
          ...who,
          tenantKey: input.tenantKey,
          action: 'import.complete',
          entityType: 'import',
          entityId: String(importId),
          before: null,
          after: { fileName: input.fileName, checksum: input.checksum, ...counts, periods: counts.periods.length },
        },
        deps.clock.now(),
      );
      return counts;
    });
    await deps.journal.finish(importId, 'completed', deps.clock.now(), counts, null);
    return { importId, unchanged: false, counts };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await deps.journal.finish(importId, 'failed', deps.clock.now(), null, message);
    throw error;
  }
}
