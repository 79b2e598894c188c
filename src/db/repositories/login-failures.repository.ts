import type { Kysely } from 'kysely';
import type { LoginFailureStore } from '../../use-cases/ports.ts';
import type { DB } from '../schema.ts';

/** Failed login attempts, shared by all app processes through the database. */
export function loginFailuresRepository(db: Kysely<DB>): LoginFailureStore {
  return {
    async recent(email, address, since) {
      const rows = await db
        .selectFrom('login_failures')
        .select(['email', 'address', 'at'])
        .where('at', '>', since)
        .where((eb) => eb.or([eb('email', '=', email), eb('address', '=', address)]))
        .execute();
      return {
        email: rows.filter((r) => r.email === email).map((r) => r.at.getTime()),
        address: rows.filter((r) => r.address === address).map((r) => r.at.getTime()),
      };
    },
    async record(email, address, at) {
      await db.insertInto('login_failures').values({ email, address, at }).execute();
    },
    async clear(email) {
      await db.deleteFrom('login_failures').where('email', '=', email).execute();
    },
  };
}
