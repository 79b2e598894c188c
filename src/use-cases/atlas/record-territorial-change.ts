import type { Clock } from '../../domain/shared/clock.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import { auditActor } from '../actor-label.ts';
import type { AuditLog, RegionStore } from '../ports.ts';
import { requireImportRight } from './import-observations.ts';

/**
 * Records a territorial change (Gebietsänderung): on `date` the predecessor's counts go to
 * the successors with the given weights (shares that add up to 1 for each predecessor, e.g.
 * Eisenach 16056 → Wartburgkreis 16063 with weight 1 on 2021-07-01). A predecessor that passes
 * everything on ends its validity on that date. State level (`tenantKey` null) or a
 * municipality's own regions; planners only.
 */
export async function recordTerritorialChange(
  deps: { regions: RegionStore; audit: AuditLog; clock: Clock },
  actor: Actor,
  input: {
    tenantKey: string | null;
    date: string;
    predecessorKey: string;
    successors: readonly { key: string; weight: number }[];
  },
): Promise<{ endedValidity: boolean }> {
  requireImportRight(actor, input.tenantKey);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date))
    throw new InvalidError('Das Datum muss die Form JJJJ-MM-TT haben.', 'invalid-date');
  if (input.successors.length === 0) throw new InvalidError('Mindestens ein Nachfolger ist nötig.', 'no-successor');
  for (const s of input.successors) {
    if (!(s.weight > 0 && s.weight <= 1))
      throw new InvalidError(`Das Gewicht für ${s.key} muss größer als 0 und höchstens 1 sein.`, 'invalid-weight');
    if (s.key === input.predecessorKey)
      throw new InvalidError('Ein Gebiet kann nicht sein eigener Nachfolger sein.', 'invalid-successor');
  }
  const total = input.successors.reduce((sum, s) => sum + s.weight, 0);
  if (total > 1 + 1e-9)
    throw new InvalidError(
      `Die Gewichte ergeben zusammen ${total.toLocaleString('de-DE')}; mehr als 1 ist nicht möglich.`,
      'weights-exceed-one',
    );
  await deps.regions.addSuccessors(
    input.successors.map((s) => ({
      predecessorKey: input.predecessorKey,
      successorKey: s.key,
      changedOn: input.date,
      weight: s.weight,
    })),
    'Gebietsänderung',
    input.tenantKey,
  );
  // A predecessor that hands on all of its counts no longer exists after the change.
  const endedValidity =
    Math.abs(total - 1) < 1e-9 && (await deps.regions.endValidity(input.predecessorKey, input.date, input.tenantKey)) > 0;
  await deps.audit.record(
    {
      ...auditActor(actor),
      tenantKey: input.tenantKey,
      action: 'region.territorial-change',
      entityType: 'region',
      entityId: input.predecessorKey,
      before: null,
      after: { date: input.date, successors: input.successors.map((s) => `${s.key} (${s.weight})`), endedValidity },
    },
    deps.clock.now(),
  );
  return { endedValidity };
}
