import {
  classChanges,
  compositeIndex,
  type DynamicsClass,
  type IndexArea,
  type IndexComponent,
  type IndexResult,
  type StatusClass,
} from '../../domain/composite-index/composite-index.ts';
import type { RegionLevel } from '../../domain/regions/region.ts';
import { InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries, CompositeIndexDefinition, IndicatorStore, StoredIndicator, TenantStore } from '../ports.ts';
import { periodBefore } from './compute-composite-index.ts';
import { getValues } from './get-values.ts';
import { indicatorPeriods } from './indicator-periods.ts';
import { PUBLIC_ATLAS_READER, publicScopes, requirePublicAtlas } from './public-atlas.ts';
import { visibleScopes } from './visible-scopes.ts';

/** What a visitor asks for: everything but the tenant and the level is optional (defaults: the saved index). */
export interface CompositeIndexRequest {
  tenantKey: string;
  level: RegionLevel;
  /** End period of the status (year or ISO date); default: the latest period every component can be computed for. */
  period?: string | undefined;
  /** Key of the saved index whose settings are the defaults; default: the first saved index. */
  key?: string | undefined;
  /** Indicators with weight and direction (default direction: the indicator's, 'neutral' counts as higher is worse); default: the saved index's components. */
  components?: readonly (Omit<IndexComponent, 'polarity'> & { polarity?: IndexComponent['polarity'] | undefined })[] | undefined;
  /** Years between the start and the end of the dynamics (1–20); default: the saved index's span. */
  spanYears?: number | undefined;
  /** Inhabitants below which a region is not classified; default: the saved index's floor. */
  populationFloor?: number | undefined;
}

/** How the class of the regions reacts to one weight change of one indicator. */
export interface WeightVariant {
  change: 'plus50' | 'minus50' | 'zero';
  weight: number;
  /** Regions whose status or dynamics class differs from the current weighting; null when the variant cannot be computed (no weight left). */
  changed: number | null;
  keys: string[];
}

/** One region of the index as the atlas shows it (no population, no z-scores). */
export interface CompositeIndexRow {
  key: string;
  name: string | null;
  status: number | null;
  dynamics: number | null;
  statusClass: StatusClass | null;
  dynamicsClass: DynamicsClass | null;
  reason?: string;
  outlier: boolean;
}

/** The index computed with the requested (or saved) settings, with the sensitivity to each weight. */
export interface CompositeIndexExploration {
  tenantKey: string;
  /** The saved index the defaults come from (null when the municipality has none visible). */
  saved: { key: string; label: string; components: IndexComponent[]; spanYears: number; populationFloor: number } | null;
  period: string;
  startPeriod: string;
  level: RegionLevel;
  spanYears: number;
  populationFloor: number;
  components: (IndexComponent & { label: string; unit: string })[];
  /** Periods (ascending) for which every component can be computed. */
  periods: string[];
  /** Whether statistical confidentiality was applied to the inputs (always for the public). */
  confidential: boolean;
  results: CompositeIndexRow[];
  notes: string[];
  /** Per component with a weight above 0: the class changes for +50 %, −50 % and weight 0. */
  sensitivity: { indicatorKey: string; variants: WeightVariant[] }[];
}

const VARIANTS = [
  { change: 'plus50', factor: 1.5 },
  { change: 'minus50', factor: 0.5 },
  { change: 'zero', factor: 0 },
] as const;

const MAX_COMPONENTS = 20;

interface Reader {
  actor: Actor;
  tenantKey: string;
  /** The indicators the reader may put into the index, one per key. */
  indicators: readonly StoredIndicator[];
  definitions: readonly CompositeIndexDefinition[];
  confidential: boolean;
  /** Refusal of an indicator the reader may not use. */
  refuse(key: string): Error;
  scopes: readonly string[];
}

function firstPerKey(list: readonly StoredIndicator[]): StoredIndicator[] {
  const seen = new Set<string>();
  return list.filter((i) => (seen.has(i.key) ? false : (seen.add(i.key), true)));
}

async function explore(
  deps: { atlas: AtlasQueries; indicators: IndicatorStore },
  reader: Reader,
  input: CompositeIndexRequest,
): Promise<CompositeIndexExploration> {
  const saved = input.key !== undefined ? reader.definitions.find((d) => d.key === input.key) : reader.definitions[0];
  if (input.key !== undefined && !saved) throw new NotFoundError(`Den Index „${input.key}“ gibt es nicht.`, 'index-not-found');
  if (!saved)
    throw new NotFoundError(
      'Für diese Gebietskörperschaft ist kein Sozialindex angelegt (er legt das Einwohnermerkmal fest).',
      'index-not-found',
    );
  const byKey = new Map(reader.indicators.map((i) => [i.key, i]));
  // The saved components the reader may not use are left out of the defaults (and never named).
  const savedComponents = saved.components.filter((c) => byKey.has(c.indicatorKey));
  const notes: string[] = [];
  if (savedComponents.length < saved.components.length && input.components === undefined)
    notes.push('Nicht alle Indikatoren des gespeicherten Index sind veröffentlicht; hier fehlen sie.');
  const requested = input.components ?? savedComponents;
  for (const c of requested) if (!byKey.has(c.indicatorKey)) throw reader.refuse(c.indicatorKey);
  const components: IndexComponent[] = requested.map((c) => ({
    indicatorKey: c.indicatorKey,
    weight: c.weight,
    polarity: c.polarity ?? (byKey.get(c.indicatorKey)!.polarity === 'higher_is_better' ? 'higher_is_better' : 'higher_is_worse'),
  }));
  if (components.length === 0)
    throw new InvalidError('Der Index braucht mindestens einen Indikator.', 'invalid-index-components');
  if (components.length > MAX_COMPONENTS)
    throw new InvalidError(`Der Index kann höchstens ${MAX_COMPONENTS} Indikatoren haben.`, 'invalid-index-components');
  const spanYears = input.spanYears ?? saved.spanYears;
  if (!Number.isInteger(spanYears) || spanYears < 1 || spanYears > 20)
    throw new InvalidError('Der Zeitraum der Dynamik muss eine ganze Zahl von 1 bis 20 Jahren sein.', 'invalid-index-options');
  const populationFloor = input.populationFloor ?? saved.populationFloor;

  const used = components.map((c) => byKey.get(c.indicatorKey)!);
  const periodsByIndicator = await indicatorPeriods(deps, reader.scopes, used);
  const [first, ...rest] = used.map((i) => periodsByIndicator.get(i.key) ?? []);
  const periods = (first ?? []).filter((p) => rest.every((list) => list.includes(p)));
  const period = input.period ?? periods[periods.length - 1];
  if (period === undefined)
    throw new NotFoundError('Für diese Indikatoren gibt es keinen gemeinsamen Zeitraum mit Werten.', 'index-no-period');
  const startPeriod = periodBefore(period, spanYears);

  const read = (subject: { indicatorKey: string } | { variableKey: string }, at: string) =>
    getValues(deps, reader.actor, {
      tenantKey: reader.tenantKey,
      subject,
      period: at,
      level: input.level,
      confidential: reader.confidential,
    });
  const [population, ...reads] = await Promise.all([
    read({ variableKey: saved.populationVariable }, period),
    ...components.flatMap((c) => [
      read({ indicatorKey: c.indicatorKey }, period),
      read({ indicatorKey: c.indicatorKey }, startPeriod),
    ]),
  ]);
  const names = new Map(population!.rows.map((r) => [r.region, r.name]));
  const areas = new Map<string, IndexArea & { status: Record<string, number | null>; start: Record<string, number | null> }>();
  for (const r of population!.rows) areas.set(r.region, { key: r.region, population: r.value, status: {}, start: {} });
  components.forEach((c, j) => {
    for (const r of reads[2 * j]!.rows) {
      if (!areas.has(r.region)) areas.set(r.region, { key: r.region, population: null, status: {}, start: {} });
      if (!names.has(r.region)) names.set(r.region, r.name);
      areas.get(r.region)!.status[c.indicatorKey] = r.value;
    }
    for (const r of reads[2 * j + 1]!.rows) {
      const area = areas.get(r.region);
      if (area) area.start[c.indicatorKey] = r.value;
    }
  });
  const list = [...areas.values()];
  const options = {
    populationFloor,
    ...(saved.outlierCap !== undefined ? { outlierCap: saved.outlierCap } : {}),
  };
  const current = compositeIndex(list, { ...options, components });

  const sensitivity = components
    .filter((c) => c.weight > 0)
    .map((c) => ({
      indicatorKey: c.indicatorKey,
      variants: VARIANTS.map(({ change, factor }): WeightVariant => {
        const weight = c.weight * factor;
        const varied = components.map((x) => (x.indicatorKey === c.indicatorKey ? { ...x, weight } : x));
        if (!varied.some((x) => x.weight > 0)) return { change, weight, changed: null, keys: [] };
        const other = compositeIndex(list, { ...options, components: varied });
        return { change, weight, ...classChanges(current.results, other.results) };
      }),
    }));

  const floorOnly = (r: IndexResult, area: IndexArea) =>
    // The public never reads population counts: the reason names the floor, not the count.
    reader.confidential && area.population !== null && area.population < populationFloor
      ? `Weniger als ${String(populationFloor).replace('.', ',')} Einwohner: nicht klassifiziert.`
      : r.reason;
  return {
    tenantKey: reader.tenantKey,
    saved: {
      key: saved.key,
      label: saved.label,
      components: savedComponents.map((c) => ({ ...c })),
      spanYears: saved.spanYears,
      populationFloor: saved.populationFloor,
    },
    period,
    startPeriod,
    level: input.level,
    spanYears,
    populationFloor,
    components: components.map((c) => ({
      indicatorKey: c.indicatorKey,
      weight: c.weight,
      polarity: c.polarity,
      label: byKey.get(c.indicatorKey)!.label,
      unit: byKey.get(c.indicatorKey)!.unit,
    })),
    periods,
    confidential: reader.confidential,
    results: current.results.map((r, i) => {
      const reason = floorOnly(r, list[i]!);
      return {
        key: r.key,
        name: names.get(r.key) ?? null,
        status: r.status,
        dynamics: r.dynamics,
        statusClass: r.statusClass,
        dynamicsClass: r.dynamicsClass,
        ...(reason !== undefined ? { reason } : {}),
        outlier: r.outlier,
      };
    }),
    notes: [...notes, ...current.notes],
    sensitivity,
  };
}

/**
 * The composite index (Sozialindex) of a municipality's public atlas for anonymous visitors:
 * only published indicators (an unpublished or unknown one is a German 404), inputs always
 * with confidentiality, population counts never shown; the defaults are the saved index's
 * published components (its population variable only sets the floor, it is never shown).
 */
export async function computePublicCompositeIndex(
  deps: { tenants: TenantStore; indicators: IndicatorStore; atlas: AtlasQueries },
  input: CompositeIndexRequest,
): Promise<CompositeIndexExploration> {
  const published = await requirePublicAtlas(deps, input.tenantKey);
  const scopes = publicScopes(input.tenantKey);
  const definitions = await deps.indicators.compositeIndexes(scopes);
  return explore(
    deps,
    {
      actor: PUBLIC_ATLAS_READER,
      tenantKey: input.tenantKey,
      indicators: published,
      definitions,
      confidential: true,
      scopes,
      refuse: () => new NotFoundError('Diesen Indikator gibt es nicht oder er ist nicht veröffentlicht.', 'indicator-not-found'),
    },
    input,
  );
}

/**
 * The same for members of the municipality: every indicator they can see (published or not),
 * inputs without confidentiality, as the members' values read. Outsiders get a German 404.
 */
export async function computeMemberCompositeIndex(
  deps: { indicators: IndicatorStore; atlas: AtlasQueries },
  actor: Actor,
  input: CompositeIndexRequest,
): Promise<CompositeIndexExploration> {
  requireReadTenant(actor, input.tenantKey);
  const scopes = visibleScopes(actor, input.tenantKey);
  const [indicators, definitions] = await Promise.all([deps.indicators.list(scopes), deps.indicators.compositeIndexes(scopes)]);
  return explore(
    deps,
    {
      actor,
      tenantKey: input.tenantKey,
      indicators: firstPerKey(indicators),
      definitions,
      confidential: false,
      scopes,
      refuse: (key) => new NotFoundError(`Den Indikator „${key}“ gibt es nicht.`, 'indicator-not-found'),
    },
    input,
  );
}
