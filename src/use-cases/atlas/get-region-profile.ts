import type { RegionLevel } from '../../domain/regions/region.ts';
import { DomainError, NotFoundError } from '../../domain/shared/errors.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries, IndicatorStore, StoredIndicator, TenantStore } from '../ports.ts';
import { getValues, type ValueRow, type ValuesResult } from './get-values.ts';
import { indicatorPeriods } from './indicator-periods.ts';
import { PUBLIC_ATLAS_READER, publicScopes, publishedIndicators, requirePublicAtlas } from './public-atlas.ts';
import { visibleScopes } from './visible-scopes.ts';

type Source = ValuesResult['sources'][number];

/** One period of a region's trend; `value` is null when `flag` says why (never a suppressed number). */
export interface ProfileTrendPoint {
  period: string;
  value: number | null;
  flag: string | null;
}

/** One indicator in a region profile (published ones only in the public profile). */
export interface ProfileIndicator {
  key: string;
  label: string;
  unit: string;
  polarity: string;
  /** The latest period in which the region has a value (else the latest period). */
  period: string | null;
  value: number | null;
  flag: string | null;
  missing?: string;
  /** The value of the parent (the Kreis) in the same period, null when there is none. */
  parentValue: number | null;
  /** Rank among the regions of the same level with a value (1 = highest value); null without a value. */
  rank: number | null;
  /** How many regions of the level have a value in that period. */
  of: number;
  /** Median of the values of the regions of the same level in that period. */
  median: number | null;
  trend: ProfileTrendPoint[];
  /** Only in the members' (internal) profile: whether anonymous visitors see this indicator. */
  published?: boolean;
}

export interface RegionProfile {
  region: { key: string; name: string; level: RegionLevel };
  parent: { key: string; name: string } | null;
  groups: { lifeDomain: string; indicators: ProfileIndicator[] }[];
  sources: Source[];
}

/** The levels a profile can be about, in the order they are tried. */
const PROFILE_LEVELS: readonly RegionLevel[] = ['gemeinde', 'planning_area', 'kreis'];

/** Median of a non-empty list of numbers. */
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function hasValue(row: ValueRow | undefined): row is ValueRow & { value: number } {
  return row !== undefined && row.value !== null && Number.isFinite(row.value) && row.flag !== 'suppressed';
}

/** The indicators of the internal profile: one definition per key (the one the values read uses), with its publication state. */
async function internalIndicators(
  deps: { tenants: TenantStore; indicators: IndicatorStore },
  member: Actor,
  tenantKey: string,
): Promise<{ list: StoredIndicator[]; published: Set<string> }> {
  requireReadTenant(member, tenantKey);
  const [all, open] = await Promise.all([
    deps.indicators.list(visibleScopes(member, tenantKey)),
    publishedIndicators(deps, tenantKey),
  ]);
  const seen = new Set<string>();
  const list = all.filter((i) => {
    if (seen.has(i.key)) return false;
    seen.add(i.key);
    return true;
  });
  return { list, published: new Set(open.map((i) => i.key)) };
}

/**
 * The profile ("Steckbrief") of one region in a municipality's public atlas: every published
 * indicator with its latest value, the parent's value, rank and median among the regions of
 * the same level, and the trend over all periods, grouped by Lebenslage. Confidentiality is
 * always applied; suppressed values are passed on as flags only. German 404 for an unknown
 * municipality or region. With `member`, the internal profile for a member of the
 * municipality: unpublished indicators included and marked (`published`), confidentiality
 * applied all the same; outsiders get the German 404 of the tenant routes.
 */
export async function getRegionProfile(
  deps: { tenants: TenantStore; indicators: IndicatorStore; atlas: AtlasQueries },
  input: { tenantKey: string; region: string; member?: Actor },
): Promise<RegionProfile> {
  const { tenantKey, region, member } = input;
  const internal = member ? await internalIndicators(deps, member, tenantKey) : null;
  const shown = internal ? internal.list : await requirePublicAtlas(deps, tenantKey);
  const reader = member ?? PUBLIC_ATLAS_READER;
  const periods = await indicatorPeriods(deps, member ? visibleScopes(member, tenantKey) : publicScopes(tenantKey), shown);

  // One getValues per (indicator, period, level), shared by value, rank, median and trend.
  const cache = new Map<string, Promise<ValuesResult | null>>();
  const values = (indicatorKey: string, period: string, level: RegionLevel): Promise<ValuesResult | null> => {
    const id = `${indicatorKey}\u0000${period}\u0000${level}`;
    let hit = cache.get(id);
    if (!hit) {
      hit = getValues(deps, reader, {
        tenantKey,
        subject: { indicatorKey },
        period,
        level,
        confidential: true,
      }).catch((error: unknown) => {
        if (error instanceof DomainError) return null;
        throw error;
      });
      cache.set(id, hit);
    }
    return hit;
  };
  const rowOf = (result: ValuesResult | null, key: string) => result?.rows.find((r) => r.region === key);

  // The region's level: the first level on which some indicator has a row for it.
  const probe = shown.find((i) => (periods.get(i.key) ?? []).length > 0);
  const notFound = () =>
    new NotFoundError(
      internal ? 'Dieses Gebiet gibt es im Atlas nicht.' : 'Dieses Gebiet gibt es im öffentlichen Atlas nicht.',
      'region-not-found',
    );
  if (!probe) throw notFound();
  const probePeriod = periods.get(probe.key)!.at(-1)!;
  let level: RegionLevel | null = null;
  let name = region;
  for (const candidate of PROFILE_LEVELS) {
    const row = rowOf(await values(probe.key, probePeriod, candidate), region);
    if (row) {
      level = candidate;
      name = row.name ?? region;
      break;
    }
  }
  if (!level) throw notFound();

  const parentKey = level === 'gemeinde' ? region.slice(0, 5) : level === 'planning_area' ? tenantKey : null;
  let parentName: string | null = null;
  const sources = new Map<string, Source>();

  const indicators = await Promise.all(
    shown.map(async (indicator): Promise<ProfileIndicator & { lifeDomain: string }> => {
      const list = periods.get(indicator.key) ?? [];
      const results = await Promise.all(list.map((p) => values(indicator.key, p, level)));
      for (const result of results) for (const s of result?.sources ?? []) sources.set(s.variable, s);
      const rows = results.map((r) => rowOf(r, region));
      const trend = list.map((period, i) => {
        const row = rows[i];
        return { period, value: hasValue(row) ? row.value : null, flag: row ? row.flag : 'missing' };
      });
      let at = rows.findLastIndex((row) => hasValue(row));
      if (at < 0) at = list.length - 1;
      const row = at >= 0 ? rows[at] : undefined;
      const result = at >= 0 ? results[at] : null;
      const others = (result?.rows ?? []).filter(hasValue).map((r) => r.value);
      const value = hasValue(row) ? row.value : null;
      let parentValue: number | null = null;
      if (parentKey && at >= 0) {
        const parentRow = rowOf(await values(indicator.key, list[at]!, 'kreis'), parentKey);
        if (parentRow) parentName ??= parentRow.name;
        parentValue = hasValue(parentRow) ? parentRow.value : null;
      }
      return {
        key: indicator.key,
        label: indicator.label,
        unit: indicator.unit,
        polarity: indicator.polarity,
        lifeDomain: indicator.lifeDomain,
        period: at >= 0 ? list[at]! : null,
        value,
        flag: row ? (value === null ? (row.flag ?? 'missing') : row.flag) : 'missing',
        ...(value === null ? { missing: row?.missing ?? 'kein Wert' } : {}),
        parentValue,
        rank: value === null ? null : 1 + others.filter((v) => v > value).length,
        of: others.length,
        median: median(others),
        trend,
        ...(internal ? { published: internal.published.has(indicator.key) } : {}),
      };
    }),
  );

  const groups: RegionProfile['groups'] = [];
  for (const { lifeDomain, ...indicator } of indicators) {
    let group = groups.find((g) => g.lifeDomain === lifeDomain);
    if (!group) groups.push((group = { lifeDomain, indicators: [] }));
    group.indicators.push(indicator);
  }
  return {
    region: { key: region, name, level },
    parent: parentKey ? { key: parentKey, name: parentName ?? parentKey } : null,
    groups,
    sources: [...sources.values()],
  };
}
