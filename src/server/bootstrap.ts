import { sql } from 'kysely';
import { argon2Hasher } from '../adapters/password-hasher.ts';
import { cryptoSecrets } from '../adapters/secrets.ts';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { inTransaction } from '../db/repositories/index.ts';
import { gridRepository } from '../db/repositories/grid.repository.ts';
import { savedViewRepositories } from '../db/repositories/saved-views.repository.ts';
import { serviceRepositories } from '../db/repositories/services.repository.ts';
import { equalAreaProjection } from '../importers/geometry/crs.ts';
import { systemClock, type Clock } from '../domain/shared/clock.ts';
import { seedDemo, type SeedDemoResult } from '../use-cases/demo/seed-demo.ts';
import type { PasswordHasher, Secrets } from '../use-cases/ports.ts';
import type { AppContext } from './context.ts';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in the data directory. */
export function openConfiguredDatabase(config: Config, holder: string): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ engine: 'postgres', url: config.databaseUrl })
    : openDatabase({ engine: 'pglite', dataDir: config.dataDir, holder });
}

/**
 * Seeds the demo inside one transaction holding an advisory lock, so that two processes
 * starting at once on an empty PostgreSQL database seed it exactly once.
 */
export async function seedDemoOnce(
  database: Database,
  deps: { hasher: PasswordHasher; secrets: Secrets; clock: Clock },
  demoPassword: string | undefined,
): Promise<SeedDemoResult> {
  return inTransaction(database.db, async (r, trx) => {
    await sql`select pg_advisory_xact_lock(7210001)`.execute(trx);
    return seedDemo(
      {
        ...r,
        ...serviceRepositories(trx),
        ...savedViewRepositories(trx),
        grids: gridRepository(trx),
        plane: equalAreaProjection,
        ...deps,
      },
      demoPassword,
    );
  });
}

/** Opens, migrates and (when configured and empty) seeds; returns the ready context. */
export async function prepareContext(
  config: Config,
  holder: string,
  out: (line: string) => void,
): Promise<{ ctx: AppContext; database: Database; seeded: SeedDemoResult }> {
  const database = await openConfiguredDatabase(config, holder);
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) out(`Datenbank aktualisiert: ${applied.join(', ')}`);
    const ctx: AppContext = {
      db: database.db,
      engine: database.engine,
      config,
      clock: systemClock,
      hasher: argon2Hasher(),
      secrets: cryptoSecrets,
    };
    const seeded: SeedDemoResult = config.seedDemo ? await seedDemoOnce(database, ctx, config.demoPassword) : { seeded: false };
    return { ctx, database, seeded };
  } catch (error) {
    await database.close();
    throw error;
  }
}
