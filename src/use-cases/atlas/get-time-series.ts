import { GENESIS_SPECIAL_VALUES } from '../../domain/observations/observation.ts';
import { periodEndDate } from '../../domain/observations/period.ts';
import { convertCounts, type ValueOnTerritory } from '../../domain/regions/territorial-version.ts';
import { InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries } from '../ports.ts';
import { visibleScopes } from './visible-scopes.ts';

export interface TimeSeriesPoint {
  period: string;
  region: string;
  value: number | null;
  flag: string | null;
  /** Why a converted value is missing. */
  missing?: string;
}

const FLAG_TEXT: Record<string, string> = Object.fromEntries(
  Object.entries(GENESIS_SPECIAL_VALUES).map(([symbol, flag]) => [flag, `Sonderzeichen „${symbol}“`]),
);

/**
 * The time series of one variable for the given regions, either as observed (each period on
 * its own Gebietsstand) or converted to the Gebietsstand of `territoryDate` (counts only;
 * rates are recomputed from their converted parts by the indicator code).
 */
export async function getTimeSeries(
  deps: { atlas: AtlasQueries },
  actor: Actor,
  input: { tenantKey: string | null; variableKey: string; regions: readonly string[]; territoryDate?: string | undefined },
): Promise<{ territoryDate: string | null; points: TimeSeriesPoint[] }> {
  const scopes = visibleScopes(actor, input.tenantKey);
  const variable = (await deps.atlas.variables(scopes)).find((v) => v.key === input.variableKey);
  if (!variable) throw new NotFoundError(`Das Merkmal „${input.variableKey}“ gibt es nicht.`, 'variable-not-found');
  const rows = await deps.atlas.series(scopes, input.variableKey);
  const wanted = new Set(input.regions);
  if (!input.territoryDate) {
    return { territoryDate: null, points: rows.filter((r) => wanted.size === 0 || wanted.has(r.region)) };
  }
  if (!variable.additive) {
    throw new InvalidError(
      `„${variable.label}“ ist keine Zählgröße und kann nicht auf einen Gebietsstand umgerechnet werden; Quoten werden aus umgerechneten Zählern und Nennern neu berechnet.`,
      'not-additive',
    );
  }
  const links = await deps.atlas.successors(input.tenantKey);
  const byPeriod = new Map<string, ValueOnTerritory[]>();
  for (const r of rows) {
    const list = byPeriod.get(r.period) ?? [];
    list.push({
      regionKey: r.region,
      value: r.flag === 'zero' ? 0 : r.value,
      ...(r.value === null && r.flag !== 'zero' ? { missing: FLAG_TEXT[r.flag ?? ''] ?? 'kein Wert' } : {}),
    });
    byPeriod.set(r.period, list);
  }
  const points: TimeSeriesPoint[] = [];
  for (const [period, values] of [...byPeriod].sort((a, b) => a[0].localeCompare(b[0]))) {
    for (const v of convertCounts(values, periodEndDate(period), input.territoryDate, links)) {
      if (wanted.size > 0 && !wanted.has(v.regionKey)) continue;
      points.push({ period, region: v.regionKey, value: v.value, flag: null, ...(v.missing ? { missing: v.missing } : {}) });
    }
  }
  return { territoryDate: input.territoryDate, points };
}
