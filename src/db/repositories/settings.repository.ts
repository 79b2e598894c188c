import type { Kysely } from 'kysely';
import type { SettingsStore } from '../../use-cases/ports.ts';
import type { DB } from '../schema.ts';

/** Small platform-wide key/value settings (e.g. when the demo was seeded). */
export function settingsRepository(db: Kysely<DB>): SettingsStore {
  return {
    async get<T>(key: string) {
      const row = await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst();
      return row ? (row.value as T) : undefined;
    },
    async set(key, value, at) {
      await db
        .insertInto('app_settings')
        .values({ key, value: JSON.stringify(value), updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
        .execute();
    },
  };
}
