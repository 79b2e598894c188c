/**
 * The results of a gap analysis as indicator-like values per planning area, in the shape of
 * observations (region, key, period, value, flag), so that they can be stored into the atlas
 * and then appear in maps, profiles and exports like any other values.
 */
import { formatGermanNumber } from '../observations/german-number.ts';
import type { ObservationFlag } from '../observations/observation.ts';
import type { GapCell, GapMatrix, GapRowResult } from './gap-matrix.ts';

/** One value of a gap indicator for one planning area. */
export interface GapIndicatorValue {
  regionKey: string;
  /** `gap:<row>:services`, `gap:<row>:capacity_per_1000` or `gap:<row>:reach_share_<limit>`. */
  key: string;
  /** German label, e.g. „Kapazität je 1.000 Zielbevölkerung – Kinder 0–6“. */
  label: string;
  unit: string;
  /** The period of the row's target population. */
  period: string;
  value: number | null;
  /** Why the value is missing: `not_meaningful` (target population 0), `unknown_or_secret` (an input unknown). */
  flag: Extract<ObservationFlag, 'not_meaningful' | 'unknown_or_secret'> | null;
}

/** Suffix and German wording of a row's reachability limit, e.g. `1000m` / „1.000 m Luftlinie“. */
export function reachLimitLabel(
  row: Pick<GapRowResult, 'reach'>,
  method: string | null,
): { suffix: string; text: string } | null {
  const limit = row.reach;
  if (limit === null) return null;
  const how = method === null || method === 'straight_line' ? 'Luftlinie' : `Netz (${method})`;
  if (limit.kind === 'distance') {
    return { suffix: `${limit.metres}m`, text: `${formatGermanNumber(limit.metres)} m ${how}` };
  }
  return { suffix: `${limit.minutes}min_${limit.mode}`, text: `${formatGermanNumber(limit.minutes)} min ${how}` };
}

function capacityFlag(cell: GapCell): GapIndicatorValue['flag'] {
  if (cell.capacityPer1000 !== null) return null;
  return cell.flags.includes('population_zero') && !cell.flags.includes('capacity_incomplete')
    ? 'not_meaningful'
    : 'unknown_or_secret';
}

/**
 * Indicator values per planning area and row: number of services, capacity per 1,000 of the
 * target population and (for rows with a limit) the reachability share in percent (0–100).
 */
export function gapIndicatorValues(matrix: GapMatrix): GapIndicatorValue[] {
  const out: GapIndicatorValue[] = [];
  for (const row of matrix.rows) {
    const limit = reachLimitLabel(row, row.cells[0]?.reach?.method ?? null);
    for (const cell of row.cells) {
      const regionKey = cell.areaKey!;
      out.push({
        regionKey,
        key: `gap:${row.key}:services`,
        label: `Angebote – ${row.label}`,
        unit: 'Anzahl',
        period: row.period,
        value: cell.services,
        flag: null,
      });
      out.push({
        regionKey,
        key: `gap:${row.key}:capacity_per_1000`,
        label: `Kapazität je 1.000 Zielbevölkerung – ${row.label}`,
        unit: 'je 1.000',
        period: row.period,
        value: cell.capacityPer1000,
        flag: capacityFlag(cell),
      });
      if (limit !== null && cell.reach !== null) {
        out.push({
          regionKey,
          key: `gap:${row.key}:reach_share_${limit.suffix}`,
          label: `Anteil der Bevölkerung mit Angebot in ${limit.text} – ${row.label}`,
          unit: '%',
          period: row.period,
          value: cell.reach.share === null ? null : cell.reach.share * 100,
          flag: cell.reach.share === null ? 'not_meaningful' : null,
        });
      }
    }
  }
  return out;
}
