import type { Kysely } from 'kysely';
import type { UserRecord, UserStore } from '../../use-cases/ports.ts';
import type { DB } from '../schema.ts';

const COLUMNS = ['id', 'email', 'display_name', 'password_hash', 'created_at'] as const;

function toRecord(row: { id: string; email: string; display_name: string; password_hash: string; created_at: Date }): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

/** User accounts in the `users` table; e-mail addresses are stored normalised. */
export function usersRepository(db: Kysely<DB>): UserStore {
  return {
    async findByEmail(email) {
      const row = await db.selectFrom('users').select(COLUMNS).where('email', '=', email).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async findById(id) {
      const row = await db.selectFrom('users').select(COLUMNS).where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async insert(user) {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          display_name: user.displayName,
          password_hash: user.passwordHash,
          created_at: user.createdAt,
          updated_at: user.createdAt,
        })
        .execute();
    },
    async updatePasswordHash(id, passwordHash, at) {
      await db.updateTable('users').set({ password_hash: passwordHash, updated_at: at }).where('id', '=', id).execute();
    },
  };
}
