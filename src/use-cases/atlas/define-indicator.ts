import {
  defineIndicator,
  inputsOf,
  LIFE_DOMAINS,
  type Indicator,
  type LifeDomain,
  type Polarity,
} from '../../domain/indicators/indicator.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { ForbiddenError, InvalidError } from '../../domain/shared/errors.ts';
import { hasRoleIn, requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AtlasQueries, AuditLog, IndicatorStore } from '../ports.ts';
import { SHARED_SCOPE } from './import-observations.ts';
import { visibleScopes } from './visible-scopes.ts';

/** What a planner enters for an indicator; the formula is a ratio or an arithmetic expression over variable keys. */
export interface IndicatorInput {
  key: string;
  label: string;
  unit: string;
  formula: { kind: 'ratio'; numerator: string; denominator: string; factor?: number } | { kind: 'expression'; source: string };
  polarity: Polarity;
  lifeDomain: LifeDomain;
  description?: string;
  methodNotes?: string;
  /** Whether anonymous visitors may see it (default false). */
  published?: boolean;
}

function isStatePlanner(actor: Actor): boolean {
  return (
    actor.kind === 'system' ||
    (actor.kind === 'user' && actor.memberships.some((m) => m.tenantKind === 'state' && hasRoleIn(actor, m.tenantKey, 'planner')))
  );
}

/** The definition as recorded, with a fixed key order (stored formulas may come back with their keys reordered). */
function serialise(i: Indicator) {
  const f = i.formula;
  return {
    label: i.label,
    unit: i.unit,
    formula:
      f.kind === 'ratio'
        ? { kind: f.kind, numerator: f.numerator, denominator: f.denominator, factor: f.factor }
        : { kind: f.kind, source: f.source },
    polarity: i.polarity,
    lifeDomain: i.lifeDomain,
    description: i.description,
    methodNotes: i.methodNotes,
  };
}

type Recorded = ReturnType<typeof serialise> & { published: boolean };

/** The audit action: a change of nothing but the publication is recorded as (un)publishing. */
function auditAction(before: Recorded | null, after: Recorded): string {
  if (!before) return 'indicator.create';
  const sameDefinition = JSON.stringify({ ...before, published: null }) === JSON.stringify({ ...after, published: null });
  if (sameDefinition && before.published !== after.published)
    return after.published ? 'indicator.publish' : 'indicator.unpublish';
  return 'indicator.update';
}

/**
 * Creates or changes an indicator of a municipality (planners; `tenantKey` null = state
 * level, for the system and state-organisation planners). Every input variable must exist
 * in the catalogue the municipality sees; the formula is parsed, never evaluated as code.
 * Recorded in the audit log with the definition and publication before and after; a change
 * of the publication alone is recorded as `indicator.publish` / `indicator.unpublish`.
 */
export async function saveIndicator(
  deps: { indicators: IndicatorStore; atlas: AtlasQueries; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: { tenantKey: string | null; indicator: IndicatorInput },
): Promise<Indicator & { published: boolean }> {
  if (input.tenantKey !== null) requireRole(actor, input.tenantKey, 'planner');
  else if (!isStatePlanner(actor))
    throw new ForbiddenError('Indikatoren der Landesebene legen Planer*innen der Landesebene an.', 'forbidden');
  if (!LIFE_DOMAINS.includes(input.indicator.lifeDomain))
    throw new InvalidError(`Unbekannte Lebenslage „${input.indicator.lifeDomain}“.`, 'invalid-life-domain');
  const indicator = defineIndicator({
    ...input.indicator,
    description: input.indicator.description ?? '',
    methodNotes: input.indicator.methodNotes ?? '',
  });
  const scopes = visibleScopes(actor, input.tenantKey);
  const known = new Set((await deps.atlas.variables(scopes)).map((v) => v.key));
  const unknown = inputsOf(indicator).filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw new InvalidError(`Diese Merkmale gibt es nicht: ${unknown.map((k) => `„${k}“`).join(', ')}.`, 'unknown-variable', {
      fields: { formula: 'Unbekanntes Merkmal' },
    });
  const scope = input.tenantKey ?? SHARED_SCOPE;
  const before = (await deps.indicators.list([scope])).find((i) => i.key === indicator.key);
  const published = input.indicator.published ?? false;
  const now = deps.clock.now();
  await deps.indicators.save(scope, indicator, published, now);
  const previous: Recorded | null = before ? { ...serialise(before), published: before.published } : null;
  const next: Recorded = { ...serialise(indicator), published };
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: auditAction(previous, next),
      entityType: 'indicator',
      entityId: indicator.key,
      before: previous,
      after: next,
    },
    now,
  );
  return { ...indicator, published };
}

/** Indicators visible in a municipality (state-level ones plus its own). */
export function listIndicators(deps: { indicators: IndicatorStore }, actor: Actor, tenantKey: string | null) {
  return deps.indicators.list(visibleScopes(actor, tenantKey));
}
