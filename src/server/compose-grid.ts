import type { Kysely } from 'kysely';
import { auditLogRepository } from '../db/repositories/audit-log.repository.ts';
import { gridRepository, territoryRepository } from '../db/repositories/grid.repository.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../domain/shared/clock.ts';
import { equalAreaProjection } from '../importers/geometry/crs.ts';

/** The ports of the population grid import over one database (or transaction). */
export function gridImportDeps(db: Kysely<DB>, clock: Clock) {
  return {
    grids: gridRepository(db),
    territory: territoryRepository(db),
    audit: auditLogRepository(db),
    clock,
    plane: equalAreaProjection,
  };
}
