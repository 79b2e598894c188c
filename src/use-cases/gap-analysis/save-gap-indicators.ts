import {
  gapAtlasDefinitions,
  gapRowKey,
  storedGapValue,
  type GapAtlasDefinition,
} from '../../domain/gap-analysis/gap-indicators.ts';
import { defineIndicator } from '../../domain/indicators/indicator.ts';
import type { ParsedObservation } from '../../domain/observations/observation.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, ImportCounts, ImportJournal, IndicatorStore, ObservationStore, Secrets } from '../ports.ts';
import { analyseGaps, type AnalyseGapsInput } from './analyse-gaps.ts';
import type { GapAnalysisDeps } from './ports.ts';

/** One (variable, period) of saved gap values and the planning areas that have a value now. */
export interface GapValueSet {
  variableKey: string;
  period: string;
  regionKeys: readonly string[];
}

/** Stored gap values of earlier saves: how many there are, and removing those of areas no longer in the result. */
export interface GapValueStore {
  /** Which of these variables exist in the scope, and how many values of these (variable, period) pairs it stores. */
  stored(scope: string, sets: readonly Omit<GapValueSet, 'regionKeys'>[]): Promise<{ variables: string[]; values: number }>;
  /**
   * Removes the stored values of each (variable, period) for regions not in `regionKeys`,
   * keeping them as replaced by `importId` (so that rolling the save back restores them);
   * returns how many were removed.
   */
  removeOthers(scope: string, importId: number, sets: readonly GapValueSet[]): Promise<number>;
}

/** Everything {@link saveGapIndicators} depends on. */
export interface SaveGapIndicatorsDeps {
  /** The ports of the analysis, which is computed again here (numbers from the client are never stored). */
  analysis: GapAnalysisDeps;
  /** Runs the writes in one transaction: all or nothing. */
  transaction<T>(
    work: (stores: {
      journal: ImportJournal;
      observations: ObservationStore;
      gapValues: GapValueStore;
      indicators: IndicatorStore;
      audit: AuditLog;
    }) => Promise<T>,
  ): Promise<T>;
  secrets: Pick<Secrets, 'hashToken'>;
  clock: Clock;
}

/** What was saved. */
export interface SavedGapIndicators {
  tenantKey: string;
  /** Journal entry of the save (it appears among the imports and can be rolled back like one). */
  importId: number;
  /** The atlas level of the values. */
  level: 'planning_area';
  indicators: { key: string; label: string; unit: string; period: string; published: boolean }[];
  /** Values written (one per planning area and indicator); inserted + updated + unchanged. */
  values: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Values of earlier saves removed because their planning area is no longer in the result. */
  removed: number;
}

/** Journal format of a save (shown among the imports). */
export const GAP_IMPORT_FORMAT = 'planwerk-abgleich';

/** The rows with their stable keys derived from the labels; refuses labels without letters and duplicates. */
function keyedRows(input: AnalyseGapsInput): AnalyseGapsInput['rows'] {
  const seen = new Map<string, string>();
  return input.rows.map((row) => {
    const key = gapRowKey(row.label);
    if (key === '')
      throw new InvalidError(
        `Die Bezeichnung „${row.label}“ braucht Buchstaben oder Ziffern, damit der Indikator einen Schlüssel bekommt.`,
        'gap-row-label-invalid',
        { fields: { label: 'Buchstaben oder Ziffern fehlen' } },
      );
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw new InvalidError(
        `Die Zeilen „${earlier}“ und „${row.label}“ ergäben dieselben Indikatoren; bitte unterschiedlich benennen.`,
        'gap-row-duplicate',
        { fields: { label: 'Bezeichnung doppelt' } },
      );
    seen.set(key, row.label);
    return { ...row, key };
  });
}

/**
 * Saves the results of a gap analysis (Abgleich) as atlas indicators of the municipality
 * (planners and admins): the analysis is computed again on the server for the given rows,
 * its values per planning area are stored as observations of `gap:<row>:…` variables for the
 * period of each row's target population (source „Planwerk-Abgleich vom <Datum>“), and one
 * indicator per variable shows it (identity formula, higher is better, Lebenslage from the
 * row's terms). New indicators are not published; published ones stay published. Saving
 * again replaces the values of that period (no duplicates); values of planning areas no longer
 * in the result are removed. One transaction, one journal entry, one audit entry
 * (`gap.save_indicators`).
 */
export async function saveGapIndicators(
  deps: SaveGapIndicatorsDeps,
  actor: Actor,
  input: AnalyseGapsInput,
): Promise<SavedGapIndicators> {
  requireRole(actor, input.tenantKey, 'planner');
  const rows = keyedRows(input);
  const view = await analyseGaps(deps.analysis, actor, { ...input, rows });
  const now = deps.clock.now();
  const date = now.toISOString().slice(0, 10);
  const definitions: GapAtlasDefinition[] = gapAtlasDefinitions(view.indicators, rows, {
    date,
    reachMethod: view.reachMethod,
    population: view.population ? `${view.population.source}; ${view.population.method}` : null,
  });
  const indicators = definitions.map((d) => defineIndicator(d.indicator));
  const observations: ParsedObservation[] = view.indicators.map((v, i) => ({
    regionKey: v.regionKey,
    variableKey: v.key,
    period: v.period,
    value: storedGapValue(v),
    flag: v.flag,
    line: i + 1,
  }));
  const sets = new Map<string, GapValueSet & { regionKeys: string[] }>();
  for (const o of observations) {
    const id = `${o.variableKey}\u0000${o.period}`;
    const set = sets.get(id) ?? { variableKey: o.variableKey, period: o.period, regionKeys: [] };
    set.regionKeys.push(o.regionKey);
    sets.set(id, set);
  }
  const periodOf = new Map([...sets.values()].map((s) => [s.variableKey, s.period]));
  const scope = input.tenantKey;
  const fileName = `Planwerk-Abgleich vom ${date.split('-').reverse().join('.')}`;
  const checksum = deps.secrets.hashToken(`${GAP_IMPORT_FORMAT}\n${JSON.stringify(observations)}`);
  const who = auditActor(actor);

  return deps.transaction(async ({ journal, observations: store, gapValues, indicators: indicatorStore, audit }) => {
    const existing = new Map(
      (await indicatorStore.list([scope])).filter((i) => indicators.some((n) => n.key === i.key)).map((i) => [i.key, i]),
    );
    const before = await gapValues.stored(scope, [...sets.values()]);
    const importId = await journal.start({ scope, fileName, checksum, format: GAP_IMPORT_FORMAT, ...who, at: now });
    const writer = await store.openImport(scope, importId);
    let written: { inserted: number; updated: number };
    try {
      await writer.write(observations);
      written = await writer.finish();
    } catch (error) {
      await writer.abort();
      throw error;
    }
    const removed = await gapValues.removeOthers(scope, importId, [...sets.values()]);
    await store.upsertVariables(
      scope,
      definitions.map((d) => d.variable),
      importId,
    );
    const saved: SavedGapIndicators['indicators'] = [];
    for (const indicator of indicators) {
      const published = existing.get(indicator.key)?.published ?? false;
      await indicatorStore.save(scope, indicator, published, now);
      saved.push({
        key: indicator.key,
        label: indicator.label,
        unit: indicator.unit,
        period: periodOf.get(indicator.key)!,
        published,
      });
    }
    const counts: ImportCounts = {
      variables: definitions.length,
      regions: 0,
      observations: observations.length,
      inserted: written.inserted,
      updated: written.updated,
      unchanged: observations.length - written.inserted - written.updated,
      periods: [...new Set(observations.map((o) => o.period))].sort(),
    };
    await journal.finish(importId, 'completed', now, counts, null);
    await audit.record(
      {
        ...who,
        tenantKey: input.tenantKey,
        action: 'gap.save_indicators',
        entityType: 'gap_indicators',
        entityId: String(importId),
        before: {
          indicators: [...existing.keys()].sort(),
          variables: before.variables,
          values: before.values,
        },
        after: {
          indicators: saved.map((s) => s.key),
          variables: definitions.map((d) => d.variable.key),
          values: observations.length,
          periods: counts.periods,
          rows: rows.map((r) => ({ key: r.key, label: r.label, termKeys: r.termKeys, targetVariableKey: r.targetVariableKey })),
          inserted: counts.inserted,
          updated: counts.updated,
          removed,
          source: fileName,
        },
      },
      now,
    );
    return {
      tenantKey: input.tenantKey,
      importId,
      level: 'planning_area' as const,
      indicators: saved,
      values: observations.length,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      removed,
    };
  });
}
