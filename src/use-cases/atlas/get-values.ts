import { classify, classOf, type BreakSpec, type Classification } from '../../domain/classification/breaks.ts';
import { DEFAULT_RULE, hiddenPartsOfSum } from '../../domain/confidentiality/index.ts';
import {
  aggregateInputs,
  computeIndicator,
  flagReason,
  inputFromObservation,
  type InputValue,
} from '../../domain/indicators/compute.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { inputsOf } from '../../domain/indicators/indicator.ts';
import type { VariableDefinition } from '../../domain/observations/observation.ts';
import { periodEndDate } from '../../domain/observations/period.ts';
import type { RegionLevel } from '../../domain/regions/region.ts';
import { convertCounts, type SuccessorLink } from '../../domain/regions/territorial-version.ts';
import { InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import type { Actor } from '../../domain/tenancy/policy.ts';
import type { AtlasQueries, IndicatorStore } from '../ports.ts';
import { visibleScopes } from './visible-scopes.ts';

/** What to read: a variable (stored counts or measures) or an indicator (computed from variables). */
export type ValuesSubject = { variableKey: string } | { indicatorKey: string };

export interface ValuesInput {
  tenantKey: string | null;
  subject: ValuesSubject;
  /** Period as stored: ISO date (Stichtag) or year. */
  period: string;
  /** Level of the regions; null lists every stored value of a variable as observed (indicators need a level). */
  level: RegionLevel | null;
  /** Gebietsstand (ISO date) to convert counts to; default: the period's own territory. */
  territoryDate?: string | undefined;
  breaks?: BreakSpec | undefined;
  /** Apply statistical confidentiality (primary and secondary suppression of counts below 3). */
  confidential?: boolean | undefined;
}

/** One region's value: `value` is null when `flag` says why (GENESIS special value, `missing`, `suppressed`). */
export interface ValueRow {
  region: string;
  name: string | null;
  value: number | null;
  flag: string | null;
  /** German reason when there is no value. */
  missing?: string;
  /** 0-based class index when breaks were requested. */
  class?: number | null;
  /** `observed` directly, `aggregated` from Gemeinden / planning-area members, or `converted` to another Gebietsstand. */
  origin: 'observed' | 'aggregated' | 'converted';
}

export interface ValuesResult {
  key: string;
  kind: 'variable' | 'indicator';
  label: string;
  unit: string;
  period: string;
  level: RegionLevel | null;
  /** The Gebietsstand the regions are on (ISO date). */
  territoryDate: string;
  rows: ValueRow[];
  classification: Classification | null;
  /** Sources of the variables involved, for the attribution shown with every value. */
  sources: { variable: string; label: string; source: string; licence: string; attribution: string }[];
  /** How many values are hidden for confidentiality. */
  suppressed: number;
}

/** The values of the target regions, one column per input variable (aligned with `keys`). */
interface TargetTable {
  keys: string[];
  names: (string | null)[];
  columns: Column[];
  /** Every value as observed (no sums, no conversion): origins need not be looked at. */
  allObserved: boolean;
}

/** One input variable over the targets: its value, where it came from, and the stored flag of observed values. */
interface Column {
  values: (InputValue | undefined)[];
  origins: ValueRow['origin'][];
  flags: (string | null | undefined)[];
}

/** Levels whose values are never sums of smaller regions. */
const DIRECT_LEVELS: ReadonlySet<RegionLevel> = new Set(['gemeinde', 'gemeindeverband']);

/** Key length of the official levels whose regions contain Gemeinden by key prefix. */
const PREFIX_LEVEL: Partial<Record<RegionLevel, number>> = { land: 2, regierungsbezirk: 3, kreis: 5 };
const KEY_LENGTH: Partial<Record<RegionLevel, number>> = {
  land: 2,
  regierungsbezirk: 3,
  kreis: 5,
  gemeinde: 8,
  gemeindeverband: 9,
};

/**
 * Values of a variable or an indicator for one period on one level. Counts missing on the
 * level are aggregated from the Gemeinden (or the members of a planning area); indicators
 * are computed from the summed numerators and denominators, never by averaging rates. With
 * `territoryDate`, counts are converted along the successor links first. With
 * `confidential`, counts below 3 and the cells that would reveal them are suppressed, and
 * so is every indicator computed from them. Optional class breaks over the resulting values.
 */
export async function getValues(
  deps: { atlas: AtlasQueries; indicators: IndicatorStore },
  actor: Actor,
  input: ValuesInput,
): Promise<ValuesResult> {
  const scopes = visibleScopes(actor, input.tenantKey);
  const [catalogue, indicators] = await Promise.all([
    deps.atlas.variables(scopes),
    'indicatorKey' in input.subject ? deps.indicators.list(scopes) : Promise.resolve([]),
  ]);
  const byKey = new Map(catalogue.map((v) => [v.key, v]));
  let indicator: Indicator | null = null;
  let variable: VariableDefinition | null = null;
  if ('indicatorKey' in input.subject) {
    const key = input.subject.indicatorKey;
    indicator = indicators.find((i) => i.key === key) ?? null;
    if (!indicator) throw new NotFoundError(`Den Indikator „${key}“ gibt es nicht.`, 'indicator-not-found');
  } else {
    const key = input.subject.variableKey;
    variable = byKey.get(key) ?? null;
    if (!variable) throw new NotFoundError(`Das Merkmal „${key}“ gibt es nicht.`, 'variable-not-found');
  }
  const inputKeys = indicator ? inputsOf(indicator) : [variable!.key];
  const inputs = inputKeys.map((key) => {
    const v = byKey.get(key);
    if (!v)
      throw new NotFoundError(
        `Der Indikator „${indicator!.label}“ braucht das Merkmal „${key}“, das es (noch) nicht gibt.`,
        'input-not-found',
      );
    return v;
  });

  if (input.level === null) return observedValues(deps, scopes, variable, indicator, input);
  const level = input.level;

  const observedOn = periodEndDate(input.period);
  const territoryDate = input.territoryDate ?? observedOn;
  const owners = input.tenantKey === null ? [null] : [null, input.tenantKey];
  // Gemeinden have no parts to sum: without a change of Gebietsstand one query brings
  // everything (the map of the whole country is the common, large case).
  const direct = DIRECT_LEVELS.has(level) && territoryDate === observedOn;
  const table = direct
    ? await directTable(deps, { scopes, inputKeys, period: input.period, level, owners, date: territoryDate })
    : await assembledTable(deps, {
        scopes,
        inputs,
        period: input.period,
        level,
        owners,
        tenantKey: input.tenantKey,
        observedOn,
        territoryDate,
      });
  const { keys: targetKeys, names, columns } = table;
  const perTarget = new Map(inputs.map((v, j) => [v.key, columns[j]!]));

  // Regions about which nothing at all is known are left out (they would only be noise).
  const rowsFor: number[] = [];
  for (let i = 0; i < targetKeys.length; i++) {
    for (const column of columns)
      if (column.values[i] !== undefined) {
        rowsFor.push(i);
        break;
      }
  }

  // Confidentiality: counts below the threshold and the cells that would reveal them.
  if (input.confidential) {
    inputs.forEach((v, j) => {
      if (v.additive) suppressSmallCounts(columns[j]!.values, rowsFor, targetKeys, (t) => parentKey(level, t, input.tenantKey));
    });
  }

  let suppressed = 0;
  // One lookup for all rows (no closure per row): the inputs of the row `at`.
  let at = 0;
  const lookup = (key: string) => perTarget.get(key)?.values[at];
  const rows: ValueRow[] = new Array(rowsFor.length);
  for (let r = 0; r < rowsFor.length; r++) {
    const i = rowsFor[r]!;
    const region = targetKeys[i]!;
    const name = names[i] ?? null;
    if (indicator) {
      let origin: ValueRow['origin'] = 'observed';
      if (!table.allObserved)
        for (const column of columns) {
          const o = column.origins[i];
          if (o === 'aggregated' || (o === 'converted' && origin === 'observed')) origin = o;
        }
      at = i;
      const result = computeIndicator(indicator, lookup);
      if (result.value !== null) rows[r] = { region, name, value: result.value, flag: null, origin };
      else {
        if (result.suppressed) suppressed++;
        rows[r] = {
          region,
          name,
          value: null,
          flag: result.suppressed ? 'suppressed' : 'missing',
          missing: result.missing,
          origin,
        };
      }
      continue;
    }
    const own = columns[0]!;
    const c = own.values[i]!;
    const origin = own.origins[i]!;
    const flag = origin === 'observed' ? (own.flags[i] ?? null) : null;
    if (c.value !== null) rows[r] = { region, name, value: c.value, flag, origin };
    else if (c.suppressed) {
      suppressed++;
      rows[r] = { region, name, value: null, flag: 'suppressed', missing: c.missing, origin };
    } else rows[r] = { region, name, value: null, flag: flag ?? 'missing', missing: c.missing, origin };
  }

  const classification = input.breaks ? classifyRows(rows, input.breaks) : null;

  return {
    key: indicator ? indicator.key : variable!.key,
    kind: indicator ? 'indicator' : 'variable',
    label: indicator ? indicator.label : variable!.label,
    unit: indicator ? indicator.unit : variable!.unit,
    period: input.period,
    level: level,
    territoryDate,
    rows,
    classification,
    sources: inputs.map((v) => ({
      variable: v.key,
      label: v.label,
      source: v.source,
      licence: v.licence,
      attribution: v.attribution,
    })),
    suppressed,
  };
}

/** Values of the targets with their parts, sums and conversion: the general way (any level, any Gebietsstand). */
async function assembledTable(
  deps: { atlas: AtlasQueries },
  q: {
    scopes: readonly string[];
    inputs: readonly VariableDefinition[];
    period: string;
    level: RegionLevel;
    owners: (string | null)[];
    tenantKey: string | null;
    observedOn: string;
    territoryDate: string;
  },
): Promise<TargetTable> {
  const { inputs, level, territoryDate, observedOn } = q;
  const inputKeys = inputs.map((v) => v.key);
  const [observations, targets, gemeinden, members, links] = await Promise.all([
    deps.atlas.observations(q.scopes, inputKeys, q.period),
    deps.atlas.regionsOn(level, q.owners, territoryDate),
    PREFIX_LEVEL[level] ? deps.atlas.regionsOn('gemeinde', q.owners, territoryDate) : Promise.resolve([]),
    level === 'planning_area' && q.tenantKey
      ? deps.atlas.planningAreaMembers(q.tenantKey)
      : Promise.resolve(new Map<string, string[]>()),
    territoryDate !== observedOn ? deps.atlas.successors(q.tenantKey) : Promise.resolve([]),
  ]);
  const converting = changesBetween(links, observedOn, territoryDate);
  // Observed values per variable and region (scopes never overlap in a key).
  const observed = new Map<string, Map<string, { value: number | null; flag: string | null }>>();
  const values = new Map<string, Map<string, InputValue>>();
  for (const key of inputKeys) {
    observed.set(key, new Map());
    values.set(key, new Map());
  }
  inputKeys.forEach((key, j) => {
    // The raw flags are shown for a variable's own values only.
    const raw = observed.get(key)!;
    const own = values.get(key)!;
    for (const o of observations) {
      const cell = o.cells[j];
      if (cell === undefined) continue;
      raw?.set(o.region, cell);
      own.set(o.region, inputFromObservation(cell.value, cell.flag));
    }
  });

  // Gebietsstand conversion: counts follow the successor links; other variables cannot.
  if (converting) {
    for (const v of inputs) {
      if (!v.additive)
        throw new InvalidError(
          `„${v.label}“ ist keine Zählgröße und kann nicht auf den Gebietsstand ${territoryDate} umgerechnet werden.`,
          'not-additive',
        );
      const converted = convertCounts(
        [...values.get(v.key)!].map(([regionKey, x]) =>
          x.value === null ? { regionKey, value: null, missing: x.missing } : { regionKey, value: x.value },
        ),
        observedOn,
        territoryDate,
        links,
      );
      values.set(
        v.key,
        new Map(
          converted.map((c): [string, InputValue] => [
            c.regionKey,
            c.value === null ? { value: null, missing: c.missing ?? 'kein Wert' } : { value: c.value },
          ]),
        ),
      );
    }
  }

  // Which regions make up each target when it has no value of its own.
  const groups = new Map<string, { key: string }[]>();
  const prefix = PREFIX_LEVEL[level];
  if (prefix) {
    const known = new Set(gemeinden.map((g) => g.key));
    for (const m of values.values()) for (const k of m.keys()) if (k.length === 8 && /^\d+$/.test(k)) known.add(k);
    for (const g of [...known].sort()) {
      const parent = g.slice(0, prefix);
      let list = groups.get(parent);
      if (!list) groups.set(parent, (list = []));
      list.push({ key: g });
    }
  } else if (level === 'planning_area') {
    for (const [area, list] of members)
      groups.set(
        area,
        list.map((key) => ({ key })),
      );
  }

  // Target regions: those of the level on the Gebietsstand plus observed keys of the level's form.
  const names = new Map<string, string | null>(targets.map((t) => [t.key, t.name]));
  const length = KEY_LENGTH[level];
  let extra = false;
  if (length && !converting) {
    for (const m of values.values())
      for (const k of m.keys())
        if (k.length === length && !names.has(k) && /^\d+$/.test(k)) {
          names.set(k, null);
          extra = true;
        }
  }
  // Parents known only from their Gemeinden' keys (a Kreis without a region record) count too.
  if (prefix && !converting)
    for (const parent of groups.keys())
      if (!names.has(parent) && [...values.values()].some((m) => hasAnyMember(m, groups.get(parent)!))) {
        names.set(parent, null);
        extra = true;
      }
  // The regions arrive sorted; only keys seen in the data alone need a new sort.
  const targetKeys = extra ? [...names.keys()].sort() : targets.map((t) => t.key);

  // Per variable and target: its own value, or the sum of its parts (counts only).
  const origin = converting ? 'converted' : 'observed';
  const columns: Column[] = [];
  for (const v of inputs) {
    const own = values.get(v.key)!;
    const needed = new Map<string, { key: string }[]>();
    if (groups.size > 0) for (const t of targetKeys) if (!own.has(t) && groups.has(t)) needed.set(t, groups.get(t)!);
    const summed = v.additive && needed.size > 0 ? aggregateInputs(own, needed) : null;
    const list: (InputValue | undefined)[] = new Array(targetKeys.length);
    const origins: ValueRow['origin'][] = new Array(targetKeys.length);
    targetKeys.forEach((t, i) => {
      const direct = own.get(t);
      if (direct) {
        list[i] = direct;
        origins[i] = origin;
        return;
      }
      const s = summed?.get(t);
      if (s && (s.value !== null || hasAnyMember(own, groups.get(t) ?? []))) {
        list[i] = s;
        origins[i] = 'aggregated';
      }
    });
    const raw = observed.get(v.key)!;
    columns.push({
      values: list,
      origins,
      flags: targetKeys.map((t, i) => (origins[i] === 'observed' ? raw.get(t)?.flag : undefined)),
    });
  }
  return { keys: targetKeys, names: targetKeys.map((t) => names.get(t) ?? null), columns, allObserved: false };
}

/** One query for a level without parts (Gemeinden) on its own Gebietsstand: regions and values joined by the database. */
async function directTable(
  deps: { atlas: AtlasQueries },
  q: {
    scopes: readonly string[];
    inputKeys: readonly string[];
    period: string;
    level: RegionLevel;
    owners: (string | null)[];
    date: string;
  },
): Promise<TargetTable> {
  const table = await deps.atlas.levelTable(q.scopes, q.inputKeys, q.period, q.level, q.owners, q.date);
  const n = table.keys.length;
  const origins: ValueRow['origin'][] = new Array<ValueRow['origin']>(n).fill('observed');
  const columns: Column[] = table.columns.map(({ values, flags }) => {
    const inputs: (InputValue | undefined)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const value = values[i]!;
      const flag = flags[i]!;
      if (value !== null || flag !== null) inputs[i] = inputFromObservation(value, flag);
    }
    return { values: inputs, origins, flags };
  });
  return { keys: table.keys, names: table.names, columns, allObserved: true };
}

/** Every stored value of one variable for the period, on all levels, as observed. */
async function observedValues(
  deps: { atlas: AtlasQueries },
  scopes: readonly string[],
  variable: VariableDefinition | null,
  indicator: Indicator | null,
  input: ValuesInput,
): Promise<ValuesResult> {
  if (!variable || indicator)
    throw new InvalidError('Für Indikatoren bitte eine Ebene angeben (z. B. kreis oder gemeinde).', 'level-required');
  if (input.territoryDate || input.confidential)
    throw new InvalidError('Gebietsstand und Geheimhaltung brauchen eine Ebene (z. B. kreis oder gemeinde).', 'level-required');
  const stored = await deps.atlas.values(scopes, variable.key, input.period, null);
  const rows: ValueRow[] = stored.map((r) => ({
    region: r.region,
    name: r.name,
    value: r.flag === 'zero' ? 0 : r.value,
    flag: r.flag,
    ...(r.value === null && r.flag !== 'zero' ? { missing: flagReason(r.flag) } : {}),
    origin: 'observed',
  }));
  const classification = input.breaks ? classifyRows(rows, input.breaks) : null;
  return {
    key: variable.key,
    kind: 'variable',
    label: variable.label,
    unit: variable.unit,
    period: input.period,
    level: null,
    territoryDate: periodEndDate(input.period),
    rows,
    classification,
    sources: [
      {
        variable: variable.key,
        label: variable.label,
        source: variable.source,
        licence: variable.licence,
        attribution: variable.attribution,
      },
    ],
    suppressed: 0,
  };
}

const SUPPRESSED: InputValue = { value: null, missing: 'Geheimhaltung: kleine Fallzahl', suppressed: true };

/**
 * Primary and secondary suppression of one count over the listed targets, each a part of its
 * parent's published total. The parents' sums are independent of each other, so each group
 * is protected on its own (and groups without a small count are left alone), which keeps
 * this linear in the number of regions. Suppressed cells are replaced in `values`.
 */
function suppressSmallCounts(
  values: (InputValue | undefined)[],
  indices: readonly number[],
  keys: readonly string[],
  parentOf: (key: string) => string,
): void {
  // Converted counts carry fractions; the decision is taken on whole persons.
  const count = (i: number) => {
    const c = values[i];
    return c && c.value !== null ? Math.round(c.value) : null;
  };
  const groups = new Map<string, number[]>();
  for (const i of indices) {
    const p = parentOf(keys[i]!);
    let list = groups.get(p);
    if (!list) groups.set(p, (list = []));
    list.push(i);
  }
  for (const members of groups.values()) {
    const counts = members.map(count);
    const ids = members.map((i) => keys[i]!);
    for (const j of hiddenPartsOfSum(counts, ids, DEFAULT_RULE)) values[members[j]!] = SUPPRESSED;
  }
}

/** Class breaks over the rows' values; each row gets its class (null without a value). */
function classifyRows(rows: ValueRow[], spec: BreakSpec): Classification {
  const classification = classify(
    rows.map((r) => r.value),
    spec,
  );
  for (const r of rows) r.class = classOf(classification, r.value);
  return classification;
}

function hasAnyMember(values: ReadonlyMap<string, InputValue>, members: readonly { key: string }[]): boolean {
  return members.some((m) => values.has(m.key));
}

/** Whether any successor link takes effect after `from` and on or before `to`. */
function changesBetween(links: readonly SuccessorLink[], from: string, to: string): boolean {
  return links.some((l) => l.changedOn > from && l.changedOn <= to);
}

/** The region whose published total contains `key` (its Kreis, Land, or the planning areas' municipality). */
function parentKey(level: RegionLevel, key: string, tenantKey: string | null): string {
  if (level === 'planning_area') return tenantKey ?? 'alle';
  if (level === 'gemeinde' || level === 'gemeindeverband') return key.slice(0, 5);
  if (level === 'kreis' || level === 'regierungsbezirk') return key.slice(0, 2);
  return 'DG';
}
