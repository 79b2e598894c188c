import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ImportError } from '../domain/observations/import-error.ts';
import type { ParsedObservation, VariableDefinition } from '../domain/observations/observation.ts';
import type { Geometry } from '../domain/regions/region.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { Actor } from '../domain/tenancy/policy.ts';
import { importDeps } from '../server/compose.ts';
import { importObservations } from '../use-cases/atlas/import-observations.ts';
import type { ImportSummary } from './import-file.ts';
import { aggregateGridFile, type GridTargetRegion } from './grid/zensus-grid-csv.ts';

/** Currently valid shapes of one level visible to the tenant (official ones and its own). */
async function targetRegions(
  db: Kysely<DB>,
  level: 'gemeinde' | 'planning_area',
  tenantKey: string | null,
): Promise<GridTargetRegion[]> {
  const rows = await db
    .selectFrom('regions')
    .select(['key', 'geometry'])
    .where('level', '=', level)
    .where('valid_to', 'is', null)
    .where('geometry', 'is not', null)
    .where((eb) =>
      tenantKey === null
        ? eb('owner_tenant_key', 'is', null)
        : eb.or([eb('owner_tenant_key', 'is', null), eb('owner_tenant_key', '=', tenantKey)]),
    )
    .orderBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key, geometry: r.geometry as Geometry }));
}

/**
 * Imports a Zensus grid CSV as observations of the Gemeinden (and the tenant's planning
 * areas) that contain the cell centres. Needs boundaries in the database first.
 */
export async function importGrid(
  deps: { db: Kysely<DB>; clock: Clock },
  actor: Actor,
  input: {
    file: string;
    fileName: string;
    checksum: string;
    tenantKey: string | null;
    onStarted?: ((id: number) => void) | undefined;
  },
): Promise<ImportSummary> {
  const gemeinden = await targetRegions(deps.db, 'gemeinde', input.tenantKey);
  const planningAreas = input.tenantKey ? await targetRegions(deps.db, 'planning_area', input.tenantKey) : [];
  if (gemeinden.length === 0 && planningAreas.length === 0) {
    throw new ImportError(
      input.fileName,
      null,
      null,
      'Für die Zuordnung der Gitterzellen fehlen Gebietsgrenzen. Bitte zuerst Gemeindegrenzen (z. B. VG250) oder Planungsräume importieren.',
    );
  }
  const parts = [];
  if (gemeinden.length > 0) parts.push(await aggregateGridFile(input.file, gemeinden, { fileName: input.fileName }));
  if (planningAreas.length > 0) parts.push(await aggregateGridFile(input.file, planningAreas, { fileName: input.fileName }));
  const variables: VariableDefinition[] = parts[0]!.variables;
  const observations: ParsedObservation[] = parts.flatMap((p) => p.observations);
  const result = await importObservations(importDeps(deps.db, deps.clock), actor, {
    tenantKey: input.tenantKey,
    fileName: input.fileName,
    checksum: input.checksum,
    ...(input.onStarted ? { onStarted: input.onStarted } : {}),
    dataset: {
      format: 'zensus-grid',
      total: observations.length,
      batches: (async function* () {
        for (let i = 0; i < observations.length; i += 10_000) yield observations.slice(i, i + 10_000);
      })(),
      described: () => ({ variables, regions: [] }),
    },
  });
  const summary = parts[0]!.summary;
  return {
    format: 'zensus-grid',
    importId: result.importId,
    unchanged: result.unchanged,
    variables: variables.map((v) => ({ key: v.key, label: v.label, unit: v.unit })),
    regions: gemeinden.length + planningAreas.length,
    observations: result.counts.observations,
    periods: result.counts.periods,
    counts: result.counts,
    warnings: [
      `${summary.cellsRead} Gitterzellen gelesen, ${summary.cellsAssigned} Gemeinden zugeordnet, ${summary.cellsUnassigned} außerhalb aller Gemeinden (Zuordnung nach Zellmittelpunkt).`,
      ...(summary.ignoredColumns.length > 0
        ? [`Nicht übernommen (ohne passenden Nenner): ${summary.ignoredColumns.join(', ')}.`]
        : []),
    ],
  };
}
