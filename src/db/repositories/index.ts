import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { auditLogRepository } from './audit-log.repository.ts';
import { loginFailuresRepository } from './login-failures.repository.ts';
import { membershipsRepository } from './memberships.repository.ts';
import { regionImportsRepository, regionsRepository } from './regions.repository.ts';
import { importsRepository } from './imports.repository.ts';
import { indicatorsRepository } from './indicators.repository.ts';
import { observationsRepository } from './observations.repository.ts';
import { atlasQueriesRepository } from './atlas-queries.repository.ts';
import { sessionsRepository } from './sessions.repository.ts';
import { settingsRepository } from './settings.repository.ts';
import { tenantsRepository } from './tenants.repository.ts';
import { usersRepository } from './users.repository.ts';

/** All repositories bound to one connection or transaction. */
export function repositories(db: Kysely<DB>) {
  return {
    tenants: tenantsRepository(db),
    users: usersRepository(db),
    memberships: membershipsRepository(db),
    sessions: sessionsRepository(db),
    loginFailures: loginFailuresRepository(db),
    audit: auditLogRepository(db),
    regions: regionsRepository(db),
    settings: settingsRepository(db),
    imports: importsRepository(db),
    observations: observationsRepository(db),
    regionImports: regionImportsRepository(db),
    atlas: atlasQueriesRepository(db),
    indicators: indicatorsRepository(db),
  };
}

export type Repositories = ReturnType<typeof repositories>;

/**
 * Runs `work` in one database transaction with repositories bound to it: everything it
 * writes (including audit entries) is committed together or not at all.
 */
export function inTransaction<T>(db: Kysely<DB>, work: (r: Repositories, trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(repositories(trx), trx));
}
