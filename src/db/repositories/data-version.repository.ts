import { sql, type Kysely } from 'kysely';
import { estimateShapeBytes, type RegionShapes } from '../../use-cases/atlas/get-public-region-shapes.ts';
import { PublicValuesCache, VersionedCache, type DataVersionSource } from '../../use-cases/atlas/public-values-cache.ts';
import type { DB } from '../schema.ts';

/** The atlas data version (`data_versions`, raised at the commit of every change to atlas data, migration 0005). */
export function dataVersionRepository(db: Kysely<DB>): DataVersionSource {
  return {
    current: async () => {
      const result = await sql<{ version: string | number }>`
        select version from data_versions where scope_key = 'atlas'`.execute(db);
      return Number(result.rows[0]?.version ?? 0);
    },
  };
}

const caches = new WeakMap<Kysely<DB>, PublicValuesCache>();

/** The public values cache of one database handle (one per process and database, created on first use). */
export function publicValuesCacheFor(db: Kysely<DB>): PublicValuesCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new PublicValuesCache(dataVersionRepository(db))));
  return cache;
}

const shapeCaches = new WeakMap<Kysely<DB>, VersionedCache<RegionShapes>>();

/** The public region shapes cache of one database handle: at most 50 collections or 256 MB. */
export function publicShapesCacheFor(db: Kysely<DB>): VersionedCache<RegionShapes> {
  let cache = shapeCaches.get(db);
  if (!cache)
    shapeCaches.set(
      db,
      (cache = new VersionedCache<RegionShapes>(
        dataVersionRepository(db),
        { maxEntries: 50, maxBytes: 256 * 1024 * 1024 },
        estimateShapeBytes,
      )),
    );
  return cache;
}
