import { sql, type Kysely } from 'kysely';
import type { AtlasQueries, LevelTable } from '../../use-cases/ports.ts';
import type { DB } from '../schema.ts';

const LEVEL_KEY_LENGTH: Record<string, number> = { land: 2, regierungsbezirk: 3, kreis: 5, gemeinde: 8, gemeindeverband: 9 };

/** Read queries of the atlas (catalogue, regions, values). */
export function atlasQueriesRepository(db: Kysely<DB>): AtlasQueries {
  return {
    async variables(scopes) {
      if (scopes.length === 0) return [];
      const rows = await db.selectFrom('variables').selectAll().where('scope', 'in', scopes).orderBy('key').execute();
      return rows.map((r) => ({
        scope: r.scope,
        key: r.key,
        label: r.label,
        unit: r.unit,
        source: r.source,
        licence: r.licence,
        attribution: r.attribution,
        additive: r.additive,
      }));
    },
    async regions(level, owners) {
      const shared = owners.includes(null);
      const tenants = owners.filter((o): o is string => o !== null);
      // One row per key: the version with a shape and the latest start of validity wins over
      // a placeholder that a statistics table created.
      const rows = await db
        .selectFrom('regions')
        .select(['key', 'name', 'level', 'area_km2', 'centroid', 'repaired'])
        .distinctOn('key')
        .where('level', '=', level)
        .where('valid_to', 'is', null)
        .where((eb) => {
          const parts = [];
          if (shared) parts.push(eb('owner_tenant_key', 'is', null));
          if (tenants.length > 0) parts.push(eb('owner_tenant_key', 'in', tenants));
          return parts.length > 0 ? eb.or(parts) : eb.val(false);
        })
        .orderBy('key')
        .orderBy(sql`geometry is null`)
        .orderBy('valid_from', 'desc')
        .execute();
      return rows.map((r) => ({
        key: r.key,
        name: r.name,
        level: r.level,
        areaKm2: r.area_km2,
        centroid: (r.centroid as [number, number] | null) ?? null,
        repaired: r.repaired,
      }));
    },
    async shapes(level, owners, { date, bbox, zoom }) {
      const shared = owners.includes(null);
      const tenants = owners.filter((o): o is string => o !== null);
      const rows = await db
        .selectFrom('regions')
        .select(['key', 'name', 'area_km2', 'geometry', 'centroid'])
        // The simplified shapes of every zoom are read only when a zoom asks for one of them.
        .$if(zoom !== undefined, (q) => q.select('simplified'))
        .where('level', '=', level)
        .where('geometry', 'is not', null)
        .where('valid_from', '<=', date)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
        .where((eb) => {
          const parts = [];
          if (shared) parts.push(eb('owner_tenant_key', 'is', null));
          if (tenants.length > 0) parts.push(eb('owner_tenant_key', 'in', tenants));
          return parts.length > 0 ? eb.or(parts) : eb.val(false);
        })
        .orderBy('key')
        .execute();
      const zooms = (simplified: unknown) =>
        Object.keys((simplified as Record<string, unknown> | null) ?? {})
          .map(Number)
          .sort((a, b) => a - b);
      return rows
        .filter((r) => {
          if (!bbox) return true;
          const c = r.centroid as [number, number] | null;
          // Regions whose representative point lies in the box; enough for map tiles at region scale.
          return c !== null && c[0] >= bbox[0] && c[0] <= bbox[2] && c[1] >= bbox[1] && c[1] <= bbox[3];
        })
        .map((r) => {
          let geometry = r.geometry;
          if (zoom !== undefined) {
            // The most detailed simplification not finer than needed for the zoom; full shape beyond.
            const simplified = 'simplified' in r ? r.simplified : null;
            const available = zooms(simplified).filter((z) => z >= zoom);
            if (available.length > 0) geometry = (simplified as Record<string, unknown>)[String(available[0])];
          }
          return { key: r.key, name: r.name, areaKm2: r.area_km2, geometry };
        });
    },
    async series(scopes, variableKey) {
      if (scopes.length === 0) return [];
      return db
        .selectFrom('observations')
        .select(['region_key as region', 'period', 'value', 'flag'])
        .where('scope', 'in', scopes)
        .where('variable_key', '=', variableKey)
        .orderBy('period')
        .orderBy('region_key')
        .execute();
    },
    async successors(tenantKey) {
      const rows = await db
        .selectFrom('region_successors')
        .selectAll()
        .where((eb) =>
          tenantKey === null
            ? eb('owner_tenant_key', 'is', null)
            : eb.or([eb('owner_tenant_key', 'is', null), eb('owner_tenant_key', '=', tenantKey)]),
        )
        .execute();
      return rows.map((r) => ({
        predecessorKey: r.predecessor_key,
        successorKey: r.successor_key,
        changedOn: r.changed_on,
        weight: r.weight,
      }));
    },
    async observations(scopes, variableKeys, period) {
      if (scopes.length === 0 || variableKeys.length === 0) return [];
      // One row per region with a value and a flag column per variable: half the rows of a
      // plain select for a ratio, which is what the driver spends its time on.
      const columns = variableKeys.flatMap((key, i) => [
        sql`max(value) filter (where variable_key = ${key}) as ${sql.ref(`v${i}`)}`,
        sql`max(flag) filter (where variable_key = ${key}) as ${sql.ref(`f${i}`)}`,
      ]);
      const result = await sql<Record<string, string | number | null>>`
        select region_key, ${sql.join(columns)}
        from observations
        where scope in (${sql.join(scopes)}) and variable_key in (${sql.join(variableKeys)}) and period = ${period}
        group by region_key`.execute(db);
      return result.rows.map((row) => {
        const region = row.region_key as string;
        // A stored observation has a value or a flag; both null means the region has none of this variable.
        const cells: ({ value: number | null; flag: string | null } | undefined)[] = variableKeys.map((_, i) => {
          const value = row[`v${i}`] as number | null;
          const flag = row[`f${i}`] as string | null;
          return value === null && flag === null ? undefined : { value, flag };
        });
        return { region, cells };
      });
    },
    async regionsOn(level, owners, date) {
      const shared = owners.includes(null);
      const tenants = owners.filter((o): o is string => o !== null);
      let query = db
        .selectFrom('regions')
        .select(['key', 'name'])
        .where('level', '=', level)
        .where((eb) => {
          const parts = [];
          if (shared) parts.push(eb('owner_tenant_key', 'is', null));
          if (tenants.length > 0) parts.push(eb('owner_tenant_key', 'in', tenants));
          return parts.length > 0 ? eb.or(parts) : eb.val(false);
        });
      if (level === 'planning_area') query = query.where('valid_to', 'is', null);
      else
        query = query
          .where('valid_from', '<=', date)
          .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]));
      // Sorted by key and start of validity: of several versions of a key the last one wins.
      const rows = await query.orderBy('key').orderBy('valid_from').execute();
      const out: { key: string; name: string }[] = [];
      for (const r of rows) {
        if (out.length > 0 && out[out.length - 1]!.key === r.key) out[out.length - 1] = r;
        else out.push(r);
      }
      return out;
    },
    async levelTable(scopes, variableKeys, period, level, owners, date) {
      const keyLength = LEVEL_KEY_LENGTH[level];
      const empty = { keys: [], names: [], columns: variableKeys.map(() => ({ values: [], flags: [] })) };
      if (scopes.length === 0 || variableKeys.length === 0 || !keyLength) return empty;
      const shared = owners.includes(null);
      const tenants = owners.filter((o): o is string => o !== null);
      const ownerFilter = sql.join(
        [
          ...(shared ? [sql`owner_tenant_key is null`] : []),
          ...(tenants.length > 0 ? [sql`owner_tenant_key in (${sql.join(tenants)})`] : []),
          sql`false`,
        ],
        sql` or `,
      );
      // One query for the regions and one per variable, side by side (a pool runs them in
      // parallel). Each reads an index in key order and hands over whole columns as JSON
      // texts: JSON.parse reads them far faster than the driver would build one object per
      // row. The order is checked below, not relied upon.
      const [regionColumns, ...variableColumns] = await Promise.all([
        sql<{ k: string | null; n: string | null }>`
          select json_agg(key)::text as k, json_agg(name)::text as n from (
            select key, name from regions
            where level = ${level} and (${ownerFilter}) and valid_from <= ${date} and (valid_to is null or valid_to > ${date})
            order by key, valid_from
          ) s`.execute(db),
        ...variableKeys.map((key) =>
          sql<{ k: string | null; v: string | null; f: string | null }>`
            select json_agg(region_key)::text as k, json_agg(value)::text as v, json_agg(flag)::text as f from (
              select region_key, value, flag from observations
              where scope in (${sql.join(scopes)}) and variable_key = ${key} and period = ${period}
              order by region_key
            ) s`.execute(db),
        ),
      ]);
      const r = regionColumns.rows[0];
      const regionKeys = r?.k ?? '[]';
      return alignLevelTable(
        { keys: parseJsonArray<string>(regionKeys), names: parseJsonArray<string>(r?.n) },
        variableColumns.map((c) => {
          const row = c.rows[0];
          const values = parseJsonArray<number | null>(row?.v);
          const flags = parseJsonArray<string | null>(row?.f);
          // The common case, a value for every region in the same order: the JSON texts of the
          // keys are equal and the values need no alignment (nor the keys a second parse).
          if ((row?.k ?? '[]') === regionKeys) return { aligned: true, keys: [], values, flags };
          return { aligned: false, keys: parseJsonArray<string>(row?.k), values, flags };
        }),
        new RegExp(`^[0-9]{${keyLength}}$`),
      );
    },
    async planningAreaMembers(tenantKey) {
      const rows = await db
        .selectFrom('planning_area_members as m')
        .innerJoin('regions as r', 'r.key', 'm.planning_area_key')
        .select(['m.planning_area_key as area', 'm.member_key as member'])
        .where('r.owner_tenant_key', '=', tenantKey)
        .where('r.level', '=', 'planning_area')
        .where('r.valid_to', 'is', null)
        .orderBy('m.planning_area_key')
        .orderBy('m.member_key')
        .execute();
      const members = new Map<string, string[]>();
      for (const r of rows) members.set(r.area, [...(members.get(r.area) ?? []), r.member]);
      return members;
    },
    async variablePeriods(scopes, variableKeys) {
      const out = new Map<string, string[]>();
      if (scopes.length === 0 || variableKeys.length === 0) return out;
      // One row per variable and period, read from the primary key (scope, variable, period, region).
      const rows = await db
        .selectFrom('observations')
        .select(['variable_key', 'period'])
        .where('scope', 'in', scopes)
        .where('variable_key', 'in', variableKeys)
        .groupBy(['variable_key', 'period'])
        .execute();
      // Sorted here: periods are ISO dates or years, compared as plain strings (no collation).
      rows.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
      for (const r of rows) {
        const list = out.get(r.variable_key);
        if (list) list.push(r.period);
        else out.set(r.variable_key, [r.period]);
      }
      return out;
    },
    async values(scopes, variableKey, period, level) {
      if (scopes.length === 0) return [];
      const keyLength = level ? LEVEL_KEY_LENGTH[level] : undefined;
      const rows = await sql<{ region: string; name: string | null; value: number | null; flag: string | null }>`
        select o.region_key as region, r.name, o.value, o.flag
        from observations o
        left join lateral (
          select name from regions where key = o.region_key order by valid_from desc limit 1
        ) r on true
        where o.scope in (${sql.join(scopes)}) and o.variable_key = ${variableKey} and o.period = ${period}
          ${level === 'bund' ? sql`and o.region_key = 'DG'` : keyLength ? sql`and length(o.region_key) = ${keyLength} and o.region_key ~ '^[0-9]+$'` : sql``}
        order by o.region_key`.execute(db);
      return rows.rows;
    },
  };
}

function parseJsonArray<T>(text: string | null | undefined): T[] {
  return text ? (JSON.parse(text) as T[]) : [];
}

function isAscending(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

function isStrictlyAscending(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! >= keys[i]!) return false;
  return true;
}

/** Indices of `keys` in ascending key order, stable (so later versions of one key stay later). */
function ascendingOrder(keys: readonly string[]): number[] {
  const order = keys.map((_, i) => i);
  if (!isAscending(keys)) order.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  return order;
}

/**
 * The regions of a level (several versions of a key: the latest, which comes last, wins)
 * with the observed values of each variable aligned to them; observed keys of the level's
 * form without a region record join with name null. Sorted by key (code units, as the keys
 * are digits).
 */
function alignLevelTable(
  regions: { keys: string[]; names: (string | null)[] },
  variables: { aligned: boolean; keys: string[]; values: (number | null)[]; flags: (string | null)[] }[],
  levelForm: RegExp,
): LevelTable {
  // The regions in order, unique: aligned variables can take their columns as they are.
  if (isStrictlyAscending(regions.keys) && variables.every((v) => v.aligned))
    return { keys: regions.keys, names: regions.names, columns: variables.map((v) => ({ values: v.values, flags: v.flags })) };
  let keys: string[] = [];
  let names: (string | null)[] = [];
  for (const i of ascendingOrder(regions.keys)) {
    const key = regions.keys[i]!;
    if (keys.length > 0 && keys[keys.length - 1] === key) names[names.length - 1] = regions.names[i] ?? null;
    else {
      keys.push(key);
      names.push(regions.names[i] ?? null);
    }
  }
  const observed = variables.map((v) => (v.aligned ? { ...v, keys: regions.keys } : v));
  // Values of keys without a region record: those of the level's form are regions too.
  const known = new Set(keys);
  const extra = new Set<string>();
  for (const v of observed) for (const key of v.keys) if (!known.has(key) && levelForm.test(key)) extra.add(key);
  if (extra.size > 0) {
    const merged = [...keys.map((key, i) => ({ key, name: names[i]! })), ...[...extra].map((key) => ({ key, name: null }))];
    merged.sort((a, b) => (a.key < b.key ? -1 : 1));
    keys = merged.map((m) => m.key);
    names = merged.map((m) => m.name);
  }
  const index = new Map(keys.map((key, i) => [key, i]));
  const columns = observed.map((v) => {
    const values: (number | null)[] = new Array<number | null>(keys.length).fill(null);
    const flags: (string | null)[] = new Array<string | null>(keys.length).fill(null);
    v.keys.forEach((key, i) => {
      const at = index.get(key);
      if (at !== undefined) {
        values[at] = v.values[i] ?? null;
        flags[at] = v.flags[i] ?? null;
      }
    });
    return { values, flags };
  });
  return { keys, names, columns };
}
