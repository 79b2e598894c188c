/**
 * The planner's settings of the gap analysis (Abgleich) page, their place in the address
 * (permalink) and the request body they stand for.
 */

/** One row of the matrix as the planner sets it (distance in km, reach share in percent). */
export interface GapRowSettings {
  label: string;
  termKeys: string[];
  variableKey: string;
  /** Period of the target population (JJJJ or JJJJ-MM-TT). */
  period: string;
  /** Straight-line distance in kilometres; null = no reachability. */
  reachKm: number | null;
  /** Minimum places per 1,000 of the target population; null = not checked. */
  minPer1000: number | null;
  /** Minimum share (0–100 %) of the population within the distance; null = not checked. */
  minReachPercent: number | null;
}

/**
 * The demo's example row: Kindertagesbetreuung for children under 6, 300 places per 1,000,
 * reach within 3 km shown but not checked: from the demo's Gemeinde centroids only 0–65 % of
 * each Sozialraum lie within 3 km, so a reach threshold of 80 % would flag every Sozialraum.
 */
export const DEMO_ROW: Omit<GapRowSettings, 'period'> = {
  label: 'Kinder 0–6: Kindertagesbetreuung',
  termKeys: ['handlungsfeld.kindertagesbetreuung'],
  variableKey: 'demo.alter_0_5',
  reachKm: 3,
  minPer1000: 300,
  minReachPercent: null,
};

/** Address parameter of one row (repeatable). */
export const ROW_PARAM = 'zeile';

function numberOrNull(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** One row as the value of a `zeile=` parameter (itself a small query string). */
export function encodeRow(row: GapRowSettings): string {
  const p = new URLSearchParams();
  p.set('t', row.label);
  p.set('b', row.termKeys.join(','));
  p.set('m', row.variableKey);
  p.set('p', row.period);
  if (row.reachKm !== null) p.set('km', String(row.reachKm));
  if (row.minPer1000 !== null) p.set('q', String(row.minPer1000));
  if (row.minReachPercent !== null) p.set('e', String(row.minReachPercent));
  return p.toString();
}

/** The row of a `zeile=` value; null when a required part (label, terms, variable, period) is missing. */
export function decodeRow(value: string): GapRowSettings | null {
  const p = new URLSearchParams(value);
  const label = (p.get('t') ?? '').trim();
  const termKeys = (p.get('b') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  const variableKey = (p.get('m') ?? '').trim();
  const period = (p.get('p') ?? '').trim();
  if (!label || termKeys.length === 0 || !variableKey || !/^\d{4}(-\d{2}-\d{2})?$/.test(period)) return null;
  const percent = numberOrNull(p.get('e'));
  return {
    label,
    termKeys,
    variableKey,
    period,
    reachKm: numberOrNull(p.get('km')),
    minPer1000: numberOrNull(p.get('q')),
    minReachPercent: percent === null ? null : Math.min(percent, 100),
  };
}

/** The rows in the address (invalid ones left out). */
export function readRows(params: URLSearchParams): GapRowSettings[] {
  return params
    .getAll(ROW_PARAM)
    .map(decodeRow)
    .filter((r): r is GapRowSettings => r !== null);
}

/** The address parameters for a municipality and rows (other parameters are kept). */
export function writeRows(params: URLSearchParams, tenantKey: string, rows: readonly GapRowSettings[]): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set('kommune', tenantKey);
  next.delete(ROW_PARAM);
  for (const row of rows) next.append(ROW_PARAM, encodeRow(row));
  return next;
}

/** The body of `POST /api/tenants/:tenantKey/gap-analysis`; reachability from Gemeinde centroids weighted by the first row's target population. */
export function requestBody(rows: readonly GapRowSettings[]) {
  const withReach = rows.find((r) => r.reachKm !== null);
  return {
    rows: rows.map((row, i) => ({
      key: `zeile-${i + 1}`,
      label: row.label,
      termKeys: row.termKeys,
      targetVariableKey: row.variableKey,
      period: row.period,
      ...(row.reachKm !== null ? { reachMetres: Math.max(1, Math.round(row.reachKm * 1000)) } : {}),
      ...(row.minPer1000 !== null ? { minCapacityPer1000: row.minPer1000 } : {}),
      ...(row.minReachPercent !== null ? { minReachShare: row.minReachPercent / 100 } : {}),
    })),
    ...(withReach
      ? { population: { level: 'gemeinde' as const, variableKey: withReach.variableKey, period: withReach.period } }
      : {}),
  };
}

/** The latest period (periods as JJJJ or JJJJ-MM-TT, compared as text), or null. */
export function latestPeriod(periods: readonly string[]): string | null {
  return periods.length === 0 ? null : [...periods].sort().at(-1)!;
}
