import { classChanges, compositeIndex, type IndexArea, type IndexResult } from '../../domain/composite-index/composite-index.ts';
import type { RegionLevel } from '../../domain/regions/region.ts';
import { InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries, CompositeIndexDefinition, IndicatorStore } from '../ports.ts';
import { getValues } from './get-values.ts';
import { visibleScopes } from './visible-scopes.ts';

/** The period `years` before `period` (same form: year or ISO date). */
export function periodBefore(period: string, years: number): string {
  const year = Number(period.slice(0, 4)) - years;
  return `${String(year).padStart(4, '0')}${period.slice(4)}`;
}

export interface CompositeIndexView {
  key: string;
  label: string;
  period: string;
  startPeriod: string;
  level: RegionLevel;
  definition: CompositeIndexDefinition;
  results: (IndexResult & { name: string | null })[];
  notes: string[];
  /** With other weights: how many regions change class compared with the stored weights. */
  sensitivity: { changed: number; keys: string[] } | null;
}

/**
 * Computes a stored composite index (Sozialindex) for one period and level: the status from
 * the indicators' values at `period`, the dynamics from their change since `spanYears`
 * before; regions below the population floor are not classified. With `weights` (indicator
 * key → weight) the index is computed with those weights and compared with the stored ones.
 */
export async function computeCompositeIndex(
  deps: { atlas: AtlasQueries; indicators: IndicatorStore },
  actor: Actor,
  input: {
    tenantKey: string | null;
    key: string;
    period: string;
    level: RegionLevel;
    weights?: Record<string, number> | undefined;
  },
): Promise<CompositeIndexView> {
  const definition = (await deps.indicators.compositeIndexes(visibleScopes(actor, input.tenantKey))).find(
    (d) => d.key === input.key,
  );
  if (!definition) throw new NotFoundError(`Den Index „${input.key}“ gibt es nicht.`, 'index-not-found');
  const startPeriod = periodBefore(input.period, definition.spanYears);
  const read = (subject: { indicatorKey: string } | { variableKey: string }, period: string) =>
    getValues(deps, actor, { tenantKey: input.tenantKey, subject, period, level: input.level });

  const population = await read({ variableKey: definition.populationVariable }, input.period);
  const names = new Map(population.rows.map((r) => [r.region, r.name]));
  const areas = new Map<string, IndexArea & { status: Record<string, number | null>; start: Record<string, number | null> }>();
  for (const r of population.rows) areas.set(r.region, { key: r.region, population: r.value, status: {}, start: {} });
  for (const c of definition.components) {
    const [end, start] = await Promise.all([
      read({ indicatorKey: c.indicatorKey }, input.period),
      read({ indicatorKey: c.indicatorKey }, startPeriod),
    ]);
    for (const r of end.rows) {
      if (!areas.has(r.region)) areas.set(r.region, { key: r.region, population: null, status: {}, start: {} });
      if (!names.has(r.region)) names.set(r.region, r.name);
      areas.get(r.region)!.status[c.indicatorKey] = r.value;
    }
    for (const r of start.rows) {
      const area = areas.get(r.region);
      if (area) area.start[c.indicatorKey] = r.value;
    }
  }
  const list = [...areas.values()];
  const options = {
    components: definition.components,
    populationFloor: definition.populationFloor,
    ...(definition.outlierCap !== undefined ? { outlierCap: definition.outlierCap } : {}),
  };
  const stored = compositeIndex(list, options);
  let result = stored;
  let sensitivity: CompositeIndexView['sensitivity'] = null;
  if (input.weights) {
    const unknown = Object.keys(input.weights).filter((k) => !definition.components.some((c) => c.indicatorKey === k));
    if (unknown.length > 0)
      throw new InvalidError(`Diese Indikatoren gehören nicht zum Index: ${unknown.join(', ')}.`, 'unknown-component');
    const components = definition.components.map((c) => ({ ...c, weight: input.weights![c.indicatorKey] ?? c.weight }));
    result = compositeIndex(list, { ...options, components });
    sensitivity = classChanges(stored.results, result.results);
  }
  return {
    key: definition.key,
    label: definition.label,
    period: input.period,
    startPeriod,
    level: input.level,
    definition,
    results: result.results.map((r) => ({ ...r, name: names.get(r.key) ?? null })),
    notes: result.notes,
    sensitivity,
  };
}
