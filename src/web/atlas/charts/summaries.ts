import { formatPeriod, formatWithUnit, ranks } from '../format.ts';
import type { Translate } from '../summary.ts';
import { hasValue, type AtlasRow } from '../types.ts';
import type { RegionSeries } from './types.ts';

/** A region's name for texts (the key when it has none). */
export const nameOf = (item: { name: string | null; region: string }): string => item.name ?? item.region;

/** The first and the last point of a line with a number, or null when it has none. */
export function seriesEnds(
  series: RegionSeries,
): { first: { period: string; value: number }; last: { period: string; value: number } } | null {
  const valued = series.points.filter((p): p is typeof p & { value: number } => p.value !== null && Number.isFinite(p.value));
  if (valued.length === 0) return null;
  return { first: valued[0]!, last: valued[valued.length - 1]! };
}

/**
 * The text summary of a time-series chart, one sentence per line: „Erfurt: gestiegen von
 * 12,5 % (2016) auf 14 % (2024).“; a line whose ends are equal is „unverändert“, a line with
 * a single value names it, a line without any value says so. Texts from `atlasCharts.timeSeries.*`.
 */
export function timeSeriesSummary(series: readonly RegionSeries[], unit: string, language: string, t: Translate): string {
  const f = (v: number) => formatWithUnit(v, unit, language);
  const p = (period: string) => formatPeriod(period, language);
  const sentences = series.map((s) => {
    const name = s.role === 'parent' ? t('atlasCharts.timeSeries.parentName', { name: nameOf(s) }) : nameOf(s);
    const ends = seriesEnds(s);
    if (!ends) return t('atlasCharts.timeSeries.noValue', { name });
    const { first, last } = ends;
    const values = { name, from: f(first.value), fromPeriod: p(first.period), to: f(last.value), toPeriod: p(last.period) };
    if (first.period === last.period) return t('atlasCharts.timeSeries.single', values);
    if (last.value > first.value) return t('atlasCharts.timeSeries.rose', values);
    if (last.value < first.value) return t('atlasCharts.timeSeries.fell', values);
    return t('atlasCharts.timeSeries.unchanged', values);
  });
  return sentences.join(' ');
}

/** The rows with a value, highest first (ties in name order): the order of the ranking chart. */
export function rankingOrder(rows: readonly AtlasRow[]): (AtlasRow & { value: number })[] {
  return rows.filter(hasValue).sort((a, b) => b.value - a.value || nameOf(a).localeCompare(nameOf(b), 'de'));
}

/**
 * The text summary of a ranking chart: the first and last rank, the selected region's rank,
 * and how many regions have no value. Texts from `atlasCharts.ranking.*`.
 */
export function rankingSummary(
  rows: readonly AtlasRow[],
  selected: string | null,
  unit: string,
  language: string,
  t: Translate,
): string {
  const order = rankingOrder(rows);
  const missing = rows.length - order.length;
  if (order.length === 0) return t('atlasCharts.ranking.none', { missing });
  const f = (v: number) => formatWithUnit(v, unit, language);
  const top = order[0]!;
  const bottom = order[order.length - 1]!;
  const parts = [
    t('atlasCharts.ranking.text', {
      first: nameOf(top),
      firstValue: f(top.value),
      last: nameOf(bottom),
      lastValue: f(bottom.value),
      count: order.length,
    }),
  ];
  const row = selected ? rows.find((r) => r.region === selected) : undefined;
  const rank = row ? ranks(rows).get(row.region) : undefined;
  if (row && rank !== undefined) parts.push(t('atlasCharts.ranking.selected', { name: nameOf(row), rank, count: order.length }));
  if (missing > 0) parts.push(t('atlasCharts.ranking.missing', { count: missing }));
  return parts.join(' ');
}

/** A region in the scatter plot: both values present. */
export interface ScatterPoint {
  region: string;
  name: string | null;
  x: number;
  y: number;
}

/** A region left out of the scatter plot, with the reason for each missing value. */
export interface ScatterOmission {
  region: string;
  name: string | null;
  /** Why the first (x) or the second (y) indicator has no value; null when it has one. */
  x: string | null;
  y: string | null;
}

/** Why a row (or its absence) gives no number: the server's reason, else by flag. */
function reasonOf(row: AtlasRow | undefined, t: Translate): string | null {
  if (row && hasValue(row)) return null;
  if (!row) return t('atlasCharts.scatter.noRow');
  if (row.flag === 'suppressed') return row.missing ?? t('atlasCharts.scatter.suppressed');
  return row.missing ?? t('atlasCharts.scatter.noValue');
}

/**
 * Pairs the regions of two value reads of the same period and level: points where both
 * indicators have a number, and the regions left out (missing or suppressed in either), in
 * the order of the first read.
 */
export function pairRows(
  first: readonly AtlasRow[],
  second: readonly AtlasRow[],
  t: Translate,
): { points: ScatterPoint[]; omitted: ScatterOmission[] } {
  const byRegion = new Map(second.map((r) => [r.region, r]));
  const points: ScatterPoint[] = [];
  const omitted: ScatterOmission[] = [];
  const seen = new Set<string>();
  for (const a of first) {
    seen.add(a.region);
    const b = byRegion.get(a.region);
    if (hasValue(a) && b && hasValue(b)) points.push({ region: a.region, name: a.name ?? b.name, x: a.value, y: b.value });
    else omitted.push({ region: a.region, name: a.name ?? b?.name ?? null, x: reasonOf(a, t), y: reasonOf(b, t) });
  }
  for (const b of second)
    if (!seen.has(b.region)) omitted.push({ region: b.region, name: b.name, x: reasonOf(undefined, t), y: reasonOf(b, t) });
  return { points, omitted };
}

/** Pearson's correlation coefficient of the points, null with fewer than 3 points or no spread. */
export function pearson(points: readonly { x: number; y: number }[]): number | null {
  const n = points.length;
  if (n < 3) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** The strength of a correlation in words (key under `atlasCharts.scatter.strength`). */
export function correlationStrength(r: number): 'none' | 'weak' | 'moderate' | 'strong' {
  const a = Math.abs(r);
  if (a < 0.1) return 'none';
  if (a < 0.3) return 'weak';
  if (a < 0.5) return 'moderate';
  return 'strong';
}

/**
 * The text summary of a scatter plot: how many regions are compared, Pearson's r with its
 * strength and direction in words, and how many were left out. Texts from `atlasCharts.scatter.*`.
 */
export function scatterSummary(
  points: readonly ScatterPoint[],
  omitted: number,
  labels: { x: string; y: string },
  language: string,
  t: Translate,
): string {
  const parts = [t('atlasCharts.scatter.count', { count: points.length, x: labels.x, y: labels.y })];
  const r = pearson(points);
  if (r === null) parts.push(t('atlasCharts.scatter.noCorrelation'));
  else {
    const strength = correlationStrength(r);
    const relation = strength === 'none' ? 'none' : `${strength}_${r > 0 ? 'positive' : 'negative'}`;
    const number = new Intl.NumberFormat(language.startsWith('en') ? 'en-GB' : 'de-DE', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(r);
    parts.push(t('atlasCharts.scatter.correlation', { r: number, relation: t(`atlasCharts.scatter.relation.${relation}`) }));
  }
  if (omitted > 0) parts.push(t('atlasCharts.scatter.omittedCount', { count: omitted }));
  return parts.join(' ');
}
