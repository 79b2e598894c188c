import { inputsOf, type Indicator } from '../../domain/indicators/indicator.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries, IndicatorStore, StoredIndicator } from '../ports.ts';
import { listIndicators } from './define-indicator.ts';
import { visibleScopes } from './visible-scopes.ts';

/**
 * The periods (ascending) for which an indicator can be computed: those where every input
 * variable has at least one observation in the scopes. One query for all indicators.
 */
export async function indicatorPeriods(
  deps: { atlas: AtlasQueries },
  scopes: readonly string[],
  indicators: readonly Indicator[],
): Promise<Map<string, string[]>> {
  const variables = [...new Set(indicators.flatMap((i) => inputsOf(i)))];
  const byVariable = await deps.atlas.variablePeriods(scopes, variables);
  const out = new Map<string, string[]>();
  for (const indicator of indicators) {
    const [first, ...rest] = inputsOf(indicator).map((k) => byVariable.get(k) ?? []);
    const others = rest.map((periods) => new Set(periods));
    out.set(
      indicator.key,
      (first ?? []).filter((p) => others.every((s) => s.has(p))),
    );
  }
  return out;
}

/** Indicators visible in a municipality (as `listIndicators`), each with the periods it can be computed for. */
export async function listIndicatorsWithPeriods(
  deps: { indicators: IndicatorStore; atlas: AtlasQueries },
  actor: Actor,
  tenantKey: string | null,
): Promise<(StoredIndicator & { periods: string[] })[]> {
  const indicators = await listIndicators(deps, actor, tenantKey);
  const periods = await indicatorPeriods(deps, visibleScopes(actor, tenantKey), indicators);
  return indicators.map((i) => ({ ...i, periods: periods.get(i.key) ?? [] }));
}
