import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Engine } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { PasswordHasher, Secrets } from '../use-cases/ports.ts';

/** What the HTTP layer needs to run use cases: the database and the injected services. */
export interface AppContext {
  db: Kysely<DB>;
  engine: Engine;
  config: Config;
  clock: Clock;
  hasher: PasswordHasher;
  secrets: Secrets;
}
