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
  // The journal's progress update runs beside the data transaction and is never awaited inside
  // it: on PGlite (one connection) it can only run once the transaction has ended. At most one
  // update is under way; the last one is awaited before the import is finished in the journal.
  let progressUpdate: Promise<void> | null = null;
  const reportProgress = (done: number) => {
    if (progressUpdate) return;
    progressUpdate = deps.journal
      .progress(importId, done, input.dataset.total)
      .catch(() => {})
      .then(() => {
        progressUpdate = null;
      });
  };
  try {
    const counts = await deps.transaction(async ({ observations, regions, audit }) => {
      const writer = await observations.openImport(scope, importId);
      const seen = new SeenKeys();
      let total = 0;
      let lastReport = 0;
      // Parsing overlaps with writing: the next batch is handed over while the previous one is
      // still being written, so the database always has one waiting; at most two are unsettled.
      const writing: { promise: Promise<void>; rows: number }[] = [];
      const settleOldest = async () => {
        const { promise, rows } = writing.shift()!;
        await promise;
        total += rows;
        input.onProgress?.(total, input.dataset.total);
        if (total - lastReport >= 50_000) {
          lastReport = total;
          reportProgress(total);
        }
      };
      let complete = false;
      try {
        for await (const batch of input.dataset.batches) {
          for (const o of batch) {
            const earlier = seen.add(o.variableKey, o.regionKey, o.period, o.line);
            if (earlier !== undefined) {
              throw new ImportError(
                input.fileName,
                o.line,
                null,
                `Doppelte Angabe für Gebiet ${o.regionKey}, Merkmal „${o.variableKey}“, Zeitraum ${o.period} (schon in Zeile ${earlier}).`,
              );
            }
          }
          const promise = writer.write(batch);
          promise.catch(() => {}); // handled when awaited in settleOldest()
          writing.push({ promise, rows: batch.length });
          if (writing.length > 1) await settleOldest();
        }
        while (writing.length > 0) await settleOldest();
        complete = true;
      } finally {
        // Never leave a write running on the transaction's connection when it ends.
        if (!complete) await writer.abort();
      }
      const { inserted, updated } = await writer.finish();
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
        periods: seen.periods(),
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
    await progressUpdate;
    await deps.journal.finish(importId, 'completed', deps.clock.now(), counts, null);
    return { importId, unchanged: false, counts };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await progressUpdate;
    await deps.journal.finish(importId, 'failed', deps.clock.now(), null, message);
    throw error;
  }
}

/**
 * The (variable, region, period) entries of one import and the line of each, to reject
 * duplicates. Keys are interned to small numbers; per (variable, period) the lines are kept by
 * region number, in a map while few regions have values and in a typed array once most do
 * (a national table, 10,990 Gemeinden × 1,000 variable-periods: about 65 MB, no 11-million-entry map).
 */
class SeenKeys {
  private readonly variableIds = new Map<string, number>();
  private readonly periodIds = new Map<string, number>();
  private readonly regionIds = new Map<string, number>();
  /** [variable][period] → lines by region number. */
  private readonly lines: RegionLines[][] = [];

  /** Records the entry; returns the line of an earlier entry with the same key, if any. */
  add(variable: string, region: string, period: string, line: number): number | undefined {
    const v = intern(this.variableIds, variable);
    const p = intern(this.periodIds, period);
    const r = intern(this.regionIds, region);
    const byPeriod = (this.lines[v] ??= []);
    const lines = (byPeriod[p] ??= new RegionLines());
    return lines.add(r, line, this.regionIds.size);
  }

  /** The periods seen, sorted. */
  periods(): string[] {
    return [...this.periodIds.keys()].sort();
  }
}

function intern(ids: Map<string, number>, key: string): number {
  let id = ids.get(key);
  if (id === undefined) {
    id = ids.size;
    ids.set(key, id);
  }
  return id;
}

/** Lines by region number for one (variable, period): a map while sparse, an array once dense. */
class RegionLines {
  private sparse: Map<number, number> | null = new Map();
  private dense: Uint32Array | null = null;

  /** `regionCount`: regions known so far (all region numbers are below it). */
  add(region: number, line: number, regionCount: number): number | undefined {
    if (this.dense) {
      if (region >= this.dense.length) {
        const grown = new Uint32Array(Math.max(region + 1, this.dense.length * 2));
        grown.set(this.dense);
        this.dense = grown;
      }
      // Stored as line + 1: 0 marks a free slot.
      const earlier = this.dense[region]!;
      if (earlier !== 0) return earlier - 1;
      this.dense[region] = line + 1;
      return undefined;
    }
    const sparse = this.sparse!;
    const earlier = sparse.get(region);
    if (earlier !== undefined) return earlier;
    sparse.set(region, line);
    // Dense once at least a quarter of all regions known so far have a value here.
    if (sparse.size >= 64 && sparse.size * 4 >= regionCount) {
      this.dense = new Uint32Array(regionCount);
      for (const [r, l] of sparse) this.dense[r] = l + 1;
      this.sparse = null;
    }
    return undefined;
  }
}
