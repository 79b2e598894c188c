import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/repositories/index.ts';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import { gridImportDeps } from '../../server/compose-grid.ts';
import { importPopulationGrid, type PopulationGridImportResult } from '../../use-cases/grid/import-population-grid.ts';
import { openPopulationGridCsv } from './population-grid-csv.ts';

/**
 * Reads a Zensus grid CSV and stores the cells inside the municipality as its population grid,
 * in one transaction (all or nothing); see {@link importPopulationGrid}.
 */
export async function importPopulationGridFile(
  deps: { db: Kysely<DB>; clock: Clock },
  actor: Actor,
  input: { file: string; fileName?: string; tenantKey: string; column?: string; onProgress?: (cellsRead: number) => void },
): Promise<PopulationGridImportResult> {
  const grid = await openPopulationGridCsv(input.file, {
    ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
    ...(input.column !== undefined ? { column: input.column } : {}),
  });
  return inTransaction(deps.db, (_r, trx) =>
    importPopulationGrid(gridImportDeps(trx, deps.clock), actor, {
      tenantKey: input.tenantKey,
      grid,
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    }),
  );
}

/** One German line for an import report, e.g. „Bevölkerungsgitter „Zensus 2011, 1-km-Gitter, Einwohner“ gespeichert: …“. */
export function describePopulationGridImport(result: PopulationGridImportResult): string {
  const d = result.dataset;
  const de = (n: number) => n.toLocaleString('de-DE');
  return (
    `Bevölkerungsgitter „${d.label}“ ${result.replaced ? 'ersetzt' : 'gespeichert'}: ${de(d.cells)} Zellen im Gebiet (${d.territory}), ` +
    `${de(d.population)} Einwohner*innen` +
    (d.secretCells > 0 ? `, ${de(d.secretCells)} Zellen geheim gehalten (ohne Zahl)` : '') +
    `; ${de(result.cellsOutside)} von ${de(result.cellsRead)} Zellen der Datei liegen außerhalb.`
  );
}
