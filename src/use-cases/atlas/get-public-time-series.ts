import { periodEndDate } from '../../domain/observations/period.ts';
import type { RegionLevel } from '../../domain/regions/region.ts';
import { InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries, IndicatorStore, TenantStore } from '../ports.ts';
import { getValues, type ValueRow, type ValuesResult } from './get-values.ts';
import { indicatorPeriods } from './indicator-periods.ts';
import { PUBLIC_ATLAS_READER, requirePublicAtlas } from './public-atlas.ts';
import { visibleScopes } from './visible-scopes.ts';

/** The most regions one time-series request may name (the chart shows about five). */
export const MAX_SERIES_REGIONS = 10;

/** One period of a series; `value` is null when `flag` says why (`suppressed`, `missing`, a GENESIS flag). */
export interface SeriesPoint {
  period: string;
  value: number | null;
  flag: string | null;
  /** German reason when there is no value. */
  missing?: string;
}

/** The series of one region: a selected region, or the parent (Kreis / kreisfreie Stadt) of selected regions. */
export interface RegionSeries {
  region: string;
  name: string | null;
  role: 'region' | 'parent';
  /** For a selected region: the key of its parent series, null when it has none (the Kreis level). */
  parent: string | null;
  points: SeriesPoint[];
}

/** An indicator over all its periods for some regions of one level, with their parents. */
export interface IndicatorTimeSeries {
  key: string;
  label: string;
  unit: string;
  level: RegionLevel;
  /**
   * The Gebietsstand every period was converted to (the end of the latest period unless one was
   * asked for); null when an input is not a count, which cannot follow a territorial change,
   * so each period stays on its own.
   */
  territoryDate: string | null;
  /** All periods of the indicator, ascending. */
  periods: string[];
  /** The requested regions in request order, then their parents. */
  series: RegionSeries[];
  sources: ValuesResult['sources'];
  /** Points hidden for confidentiality. */
  suppressed: number;
}

export interface TimeSeriesInput {
  tenantKey: string;
  indicatorKey: string;
  level: RegionLevel;
  regions: readonly string[];
  /** Gebietsstand (ISO date) for all periods; default: the end of the latest period (ignored when an input is no count). */
  territoryDate?: string | undefined;
  confidential: boolean;
}

type Deps = { atlas: AtlasQueries; indicators: IndicatorStore; tenants: TenantStore };

/** The parent whose total a region's value is part of: the Kreis (or kreisfreie Stadt); none on the Kreis level. */
function parentOf(level: RegionLevel, region: string, tenantKey: string): string | null {
  if (level === 'gemeinde' || level === 'gemeindeverband') return region.slice(0, 5);
  if (level === 'planning_area') return tenantKey;
  return null;
}

function pointOf(period: string, row: ValueRow | undefined): SeriesPoint {
  if (!row) return { period, value: null, flag: 'missing', missing: 'kein Wert' };
  // A suppressed value never travels as a number.
  if (row.value === null || row.flag === 'suppressed')
    return { period, value: null, flag: row.flag ?? 'missing', ...(row.missing ? { missing: row.missing } : {}) };
  return { period, value: row.value, flag: row.flag };
}

/**
 * The time series of an indicator for some regions of a level and their parents (the Kreis or
 * kreisfreie Stadt, computed like any value from summed numerators and denominators): one
 * `getValues` per period, so each point equals the values read of that period on the same
 * Gebietsstand. All periods are converted to one Gebietsstand (default: the end of the latest
 * period) so that merged Gemeinden form one line; an indicator with inputs that are not counts
 * stays on each period's own Gebietsstand (`territoryDate` null), also when a Gebietsstand was
 * asked for. Unknown regions are a German 404.
 */
export async function getIndicatorTimeSeries(deps: Deps, actor: Actor, input: TimeSeriesInput): Promise<IndicatorTimeSeries> {
  const regions = [...new Set(input.regions)];
  if (regions.length === 0) throw new InvalidError('Bitte mindestens ein Gebiet angeben.', 'regions-required');
  if (regions.length > MAX_SERIES_REGIONS)
    throw new InvalidError(`Höchstens ${MAX_SERIES_REGIONS} Gebiete auf einmal.`, 'too-many-regions');
  const scopes = visibleScopes(actor, input.tenantKey);
  const indicator = (await deps.indicators.list(scopes)).find((i) => i.key === input.indicatorKey);
  if (!indicator) throw new NotFoundError(`Den Indikator „${input.indicatorKey}“ gibt es nicht.`, 'indicator-not-found');
  const periods = (await indicatorPeriods(deps, scopes, [indicator])).get(indicator.key) ?? [];
  const last = periods.at(-1);

  const parents = new Map(regions.map((r) => [r, parentOf(input.level, r, input.tenantKey)]));
  const parentKeys = [...new Set([...parents.values()].filter((p): p is string => p !== null))];

  const read = (period: string, level: RegionLevel, territoryDate: string | undefined) =>
    getValues(deps, actor, {
      tenantKey: input.tenantKey,
      subject: { indicatorKey: indicator.key },
      period,
      level,
      territoryDate,
      confidential: input.confidential,
    });
  const readAll = (territoryDate: string | undefined) =>
    Promise.all(
      periods.map(async (period) => ({
        own: await read(period, input.level, territoryDate),
        parent: parentKeys.length > 0 ? await read(period, 'kreis', territoryDate) : null,
      })),
    );

  let territoryDate: string | null = input.territoryDate ?? (last ? periodEndDate(last) : null);
  let results: Awaited<ReturnType<typeof readAll>>;
  try {
    results = await readAll(territoryDate ?? undefined);
  } catch (error) {
    // Rates of measures (not counts) cannot follow a territorial change: keep each period's own territory.
    if (!(error instanceof InvalidError && error.code === 'not-additive')) throw error;
    territoryDate = null;
    results = await readAll(undefined);
  }

  // A kreisfreie Stadt often has no region record of its own on the Kreis level: name it like the tenant.
  const tenantName = parentKeys.includes(input.tenantKey) ? ((await deps.tenants.get(input.tenantKey))?.name ?? null) : null;
  const seriesOf = (region: string, role: RegionSeries['role'], pick: (r: (typeof results)[number]) => ValuesResult | null) => {
    let name: string | null = role === 'parent' && region === input.tenantKey ? tenantName : null;
    let seen = false;
    const points = periods.map((period, i) => {
      const row = pick(results[i]!)?.rows.find((r) => r.region === region);
      if (row) {
        seen = true;
        name = row.name ?? name;
      }
      return pointOf(period, row);
    });
    return { seen, series: { region, name, role, parent: role === 'region' ? parents.get(region)! : null, points } };
  };

  const series: RegionSeries[] = [];
  for (const region of regions) {
    const { seen, series: s } = seriesOf(region, 'region', (r) => r.own);
    if (!seen && periods.length > 0)
      throw new NotFoundError(`Das Gebiet „${region}“ gibt es auf dieser Ebene nicht.`, 'region-not-found');
    series.push(s);
  }
  for (const parent of parentKeys) series.push(seriesOf(parent, 'parent', (r) => r.parent).series);

  const sources = new Map<string, ValuesResult['sources'][number]>();
  for (const r of results) for (const s of r.own.sources) sources.set(s.variable, s);
  return {
    key: indicator.key,
    label: indicator.label,
    unit: indicator.unit,
    level: input.level,
    territoryDate,
    periods,
    series,
    sources: [...sources.values()],
    suppressed: series.reduce((n, s) => n + s.points.filter((p) => p.flag === 'suppressed').length, 0),
  };
}

/**
 * The time series of a published indicator for anonymous visitors, always with
 * confidentiality applied, exactly as the public values read of each period.
 */
export async function getPublicTimeSeries(
  deps: Deps,
  input: Omit<TimeSeriesInput, 'confidential'>,
): Promise<IndicatorTimeSeries> {
  const published = await requirePublicAtlas(deps, input.tenantKey);
  if (!published.some((i) => i.key === input.indicatorKey))
    throw new NotFoundError('Diesen Indikator gibt es nicht oder er ist nicht veröffentlicht.', 'indicator-not-found');
  return getIndicatorTimeSeries(deps, PUBLIC_ATLAS_READER, { ...input, confidential: true });
}
