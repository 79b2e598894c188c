import type { Kysely } from 'kysely';
import { inTransaction, repositories } from '../db/repositories/index.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { ImportObservationsDeps } from '../use-cases/atlas/import-observations.ts';

/**
 * Wires the import use cases to the database: the journal writes outside the data
 * transaction (so progress and failures stay visible), the data inside one transaction.
 */
export function importDeps(db: Kysely<DB>, clock: Clock): ImportObservationsDeps {
  return {
    journal: repositories(db).imports,
    transaction: (work) =>
      inTransaction(db, (r) => work({ observations: r.observations, regions: r.regionImports, audit: r.audit })),
    clock,
  };
}
