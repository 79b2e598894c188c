/**
 * Observations: (region, variable, period) → value with a flag. Values are never invented:
 * a GENESIS special value keeps its meaning as a flag and the value stays null, except `-`
 * ("nothing"), which is an observed zero.
 */

/** GENESIS special values and what they mean. */
export type ObservationFlag =
  /** `-`: nothing (an observed zero). */
  | 'zero'
  /** `.`: unknown or kept secret. */
  | 'unknown_or_secret'
  /** `x`: not meaningful. */
  | 'not_meaningful'
  /** `/`: not reliable enough. */
  | 'unreliable'
  /** `...`: available later. */
  | 'later'
  /** Zensus grid `-9` / statistical confidentiality. */
  | 'secret'
  /** Zensus grid `-1`: no value (e.g. unpopulated cell). */
  | 'no_value';

export const GENESIS_SPECIAL_VALUES: Readonly<Record<string, ObservationFlag>> = {
  '-': 'zero',
  '.': 'unknown_or_secret',
  x: 'not_meaningful',
  '/': 'unreliable',
  '...': 'later',
};

/** Region levels as they appear in official key columns. */
export type KeyLevel = 'staat' | 'land' | 'regierungsbezirk' | 'kreis' | 'gemeindeverband' | 'gemeinde' | 'ars';

/** A counted or measured quantity with its metadata. */
export interface VariableDefinition {
  /** Stable key, e.g. `11111-01-01-4:gebietsflaeche` or a user-chosen key. */
  key: string;
  label: string;
  /** Unit as printed in the source, e.g. `Anzahl`, `qkm`, `EUR`, `%`. */
  unit: string;
  source: string;
  licence: string;
  attribution: string;
  /** Whether values add up across regions and categories (counts, areas: yes; rates, means: no). */
  additive: boolean;
}

/** One observation as read from a file, before it is stored. */
export interface ParsedObservation {
  /** Official key as a string (`16`, `16051`, `16051000`, `DG` for Germany). */
  regionKey: string;
  variableKey: string;
  /** ISO date (`2018-12-31`) for a reference date, or `YYYY` for a year. */
  period: string;
  value: number | null;
  flag: ObservationFlag | null;
  /** Source quality flag (e.g. Zensus `e`), kept verbatim. */
  quality?: string;
  /** 1-based line in the source file, for messages. */
  line: number;
}

/** A region mentioned in a file: its key, name as printed (trimmed) and detected level. */
export interface ParsedRegion {
  key: string;
  name: string;
  level: KeyLevel;
}

/** Detects the level of an official key by its length; `DG` is Germany. */
export function keyLevel(key: string): KeyLevel | undefined {
  if (key === 'DG') return 'staat';
  if (!/^\d+$/.test(key)) return undefined;
  switch (key.length) {
    case 2:
      return 'land';
    case 3:
      return 'regierungsbezirk';
    case 5:
      return 'kreis';
    case 8:
      return 'gemeinde';
    case 9:
      return 'gemeindeverband';
    case 12:
      return 'ars';
    default:
      return undefined;
  }
}
