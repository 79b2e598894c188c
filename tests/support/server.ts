import type { FastifyInstance } from 'fastify';
import { argon2Hasher } from '../../src/adapters/password-hasher.ts';
import { cryptoSecrets } from '../../src/adapters/secrets.ts';
import { configFor } from '../../src/config.ts';
import type { Database, Engine } from '../../src/db/database.ts';
import { systemClock, type Clock } from '../../src/domain/shared/clock.ts';
import { buildApp, type BuiltApp } from '../../src/server/app.ts';
import { seedDemoOnce } from '../../src/server/bootstrap.ts';
import type { AppContext } from '../../src/server/context.ts';
import { createTestDatabase } from './database.ts';

/** The demo password used in tests. */
export const DEMO_PASSWORD = 'Musterland-Demo-2026';

/** Cheap argon2id parameters for tests (the production defaults cost ~50 ms per hash). */
export const testHasher = argon2Hasher({ memoryCost: 4096, timeCost: 1 });

export interface TestApp extends BuiltApp {
  ctx: AppContext;
  database: Database;
  close(): Promise<void>;
}

/** Builds the app on a fresh test database seeded with the Musterland demo. */
export async function createTestApp(
  engine: Engine,
  options: { env?: NodeJS.ProcessEnv; clock?: Clock; database?: Database } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(engine));
  // PLANWERK_WEB_DIR lets parallel work build the browser UI into a directory of its own.
  const webDir = process.env.PLANWERK_WEB_DIR ? { PLANWERK_WEB_DIR: process.env.PLANWERK_WEB_DIR } : {};
  const config = configFor({ PLANWERK_DEMO_PASSWORD: DEMO_PASSWORD, ...webDir, ...options.env });
  const ctx: AppContext = {
    db: database.db,
    engine: database.engine,
    config,
    clock: options.clock ?? systemClock,
    hasher: testHasher,
    secrets: cryptoSecrets,
  };
  await seedDemoOnce(database, ctx, DEMO_PASSWORD);
  const built = await buildApp(ctx);
  return {
    ...built,
    ctx,
    database,
    close: async () => {
      await built.app.close();
      if (!options.database) await database.close();
    },
  };
}

/** Starts the app listening on a free port of 127.0.0.1; returns its base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}`;
}
