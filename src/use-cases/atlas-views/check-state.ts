import { parseViewState, writeViewState } from '../../domain/atlas-views/view-state.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import type { IndicatorStore } from '../ports.ts';
import { visibleScopes } from '../atlas/visible-scopes.ts';

/**
 * Parses a view state for a municipality and returns its canonical form (naming the
 * municipality) with the indicator key. The state must not name another municipality, and
 * its indicator must be one the municipality sees (German 422 otherwise).
 */
export async function checkViewState(
  indicators: IndicatorStore,
  actor: Actor,
  tenantKey: string,
  text: string,
): Promise<{ state: string; indicatorKey: string }> {
  const parsed = parseViewState(text);
  if (parsed.tenant !== null && parsed.tenant !== tenantKey)
    throw new InvalidError(
      'Die Ansicht gehört zu einer anderen Gebietskörperschaft (Parameter „kommune“).',
      'view-other-tenant',
      { fields: { state: 'Andere Gebietskörperschaft' } },
    );
  const known = (await indicators.list(visibleScopes(actor, tenantKey))).some((i) => i.key === parsed.indicator);
  if (!known)
    throw new InvalidError(
      `Den Indikator „${parsed.indicator}“ gibt es in dieser Gebietskörperschaft nicht.`,
      'unknown-indicator',
      { fields: { state: 'Unbekannter Indikator' } },
    );
  return { state: writeViewState({ ...parsed, tenant: tenantKey }), indicatorKey: parsed.indicator };
}
