import { sql, type Kysely } from 'kysely';
import type { ObservationStore } from '../../use-cases/ports.ts';
import type { DB } from '../schema.ts';

/**
 * Observations with set-based batch writes: a batch is passed as parallel arrays and
 * unnested in SQL, values that change are copied to `observations_superseded` first, and
 * unchanged rows are left alone (so re-importing the same data writes nothing).
 */
export function observationsRepository(db: Kysely<DB>): ObservationStore {
  return {
    async upsertVariables(scope, variables, importId) {
      for (const v of variables) {
        await db
          .insertInto('variables')
          .values({
            scope,
            key: v.key,
            label: v.label,
            unit: v.unit,
            source: v.source,
            licence: v.licence,
            attribution: v.attribution,
            additive: v.additive,
            import_id: importId,
          })
          .onConflict((oc) =>
            oc.columns(['scope', 'key']).doUpdateSet({
              label: v.label,
              unit: v.unit,
              source: v.source,
              licence: v.licence,
              attribution: v.attribution,
              additive: v.additive,
            }),
          )
          .execute();
      }
    },

    async applyBatch(scope, importId, batch) {
      if (batch.length === 0) return { inserted: 0, updated: 0 };
      const variables = batch.map((o) => o.variableKey);
      const regions = batch.map((o) => o.regionKey);
      const periods = batch.map((o) => o.period);
      const values = batch.map((o) => o.value);
      const flags = batch.map((o) => o.flag);
      const qualities = batch.map((o) => o.quality ?? null);
      const incoming = sql`select * from unnest(${variables}::text[], ${regions}::text[], ${periods}::text[], ${values}::float8[], ${flags}::text[], ${qualities}::text[]) as i(variable_key, region_key, period, value, flag, quality)`;
      await sql`
        insert into observations_superseded (scope, variable_key, region_key, period, value, flag, quality, import_id, superseded_by)
        select o.scope, o.variable_key, o.region_key, o.period, o.value, o.flag, o.quality, o.import_id, ${importId}
        from observations o join (${incoming}) i
          on o.variable_key = i.variable_key and o.region_key = i.region_key and o.period = i.period
        where o.scope = ${scope}
          and (o.value is distinct from i.value or o.flag is distinct from i.flag or o.quality is distinct from i.quality)`.execute(
        db,
      );
      const result = await sql<{ inserted: boolean }>`
        insert into observations (scope, variable_key, region_key, period, value, flag, quality, import_id)
        select ${scope}, i.variable_key, i.region_key, i.period, i.value, i.flag, i.quality, ${importId} from (${incoming}) i
        on conflict (scope, variable_key, period, region_key) do update
          set value = excluded.value, flag = excluded.flag, quality = excluded.quality, import_id = excluded.import_id
          where observations.value is distinct from excluded.value
             or observations.flag is distinct from excluded.flag
             or observations.quality is distinct from excluded.quality
        returning (xmax = 0) as inserted`.execute(db);
      const inserted = result.rows.filter((r) => r.inserted).length;
      return { inserted, updated: result.rows.length - inserted };
    },

    async supersedingImports(scope, importId) {
      const rows = await db
        .selectFrom('observations_superseded')
        .select('superseded_by')
        .distinct()
        .where('scope', '=', scope)
        .where('import_id', '=', importId)
        .orderBy('superseded_by')
        .execute();
      return rows.map((r) => Number(r.superseded_by));
    },

    async rollback(scope, importId) {
      const deleted = await db
        .deleteFrom('observations')
        .where('scope', '=', scope)
        .where('import_id', '=', importId)
        .executeTakeFirst();
      const restored = await sql`
        insert into observations (scope, variable_key, region_key, period, value, flag, quality, import_id)
        select scope, variable_key, region_key, period, value, flag, quality, import_id
        from observations_superseded where scope = ${scope} and superseded_by = ${importId}`.execute(db);
      await db.deleteFrom('observations_superseded').where('scope', '=', scope).where('superseded_by', '=', importId).execute();
      // Variables this import introduced and that no longer have any value.
      await sql`
        delete from variables v where v.scope = ${scope} and v.import_id = ${importId}
          and not exists (select 1 from observations o where o.scope = v.scope and o.variable_key = v.key)`.execute(db);
      return { deleted: Number(deleted.numDeletedRows), restored: Number(restored.numAffectedRows ?? 0) };
    },
  };
}
