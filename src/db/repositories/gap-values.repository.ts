import { sql, type Kysely } from 'kysely';
import type { GapValueStore } from '../../use-cases/gap-analysis/save-gap-indicators.ts';
import type { DB } from '../schema.ts';

/**
 * Stored values of saved gap analyses (`gap:<row>:…` variables): counts before a save and
 * removal of values of planning areas that a new save no longer has (kept in
 * `observations_superseded`, so that rolling the save back restores them). Runs inside the
 * save's transaction, after its observation writer took the scope's lock.
 */
export function gapValuesRepository(db: Kysely<DB>): GapValueStore {
  return {
    async stored(scope, sets) {
      if (sets.length === 0) return { variables: [], values: 0 };
      const keys = [...new Set(sets.map((s) => s.variableKey))];
      const variables = await db
        .selectFrom('variables')
        .select('key')
        .where('scope', '=', scope)
        .where('key', 'in', keys)
        .orderBy('key')
        .execute();
      let values = 0;
      for (const set of sets) {
        const row = await db
          .selectFrom('observations')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('scope', '=', scope)
          .where('variable_key', '=', set.variableKey)
          .where('period', '=', set.period)
          .executeTakeFirstOrThrow();
        values += Number(row.n);
      }
      return { variables: variables.map((v) => v.key), values };
    },

    async removeOthers(scope, importId, sets) {
      let removed = 0;
      for (const set of sets) {
        const keep = [...set.regionKeys];
        await sql`
          insert into observations_superseded (scope, variable_key, region_key, period, value, flag, quality, import_id, superseded_by)
          select scope, variable_key, region_key, period, value, flag, quality, import_id, ${importId}
          from observations
          where scope = ${scope} and variable_key = ${set.variableKey} and period = ${set.period}
            and not (region_key = any(${keep}::text[]))`.execute(db);
        const result = await sql`
          delete from observations
          where scope = ${scope} and variable_key = ${set.variableKey} and period = ${set.period}
            and not (region_key = any(${keep}::text[]))`.execute(db);
        removed += Number(result.numAffectedRows ?? 0);
      }
      return removed;
    },
  };
}
