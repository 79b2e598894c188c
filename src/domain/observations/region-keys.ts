/**
 * Official region keys in statistics files: recognising them, repairing keys that lost their
 * leading zero, building an AGS from its parts and shortening 12-digit ARS.
 *
 * ARS rule (Zensus 2022 and other tables keyed by the 12-digit Regionalschlüssel
 * `LL R KK VVVV GGG`): the key we store is the region's natural key – Land `LL`, Regierungsbezirk
 * `LLR`, Kreis `LLRKK`, Gemeindeverband `LLRKKVVVV`, Gemeinde the 8-digit AGS
 * `ARS[0:5] + ARS[9:12]`. When the table says which level its rows are (the GENESIS flat
 * format's `GEO…` variable code, or an explicit option), that level is used. Otherwise:
 * * `GGG` ≠ `000` → Gemeinde (`160610045045` → `16061045`);
 * * `GGG` = `000`, `VVVV` ≠ `0000` → Gemeindeverband (`160615001000` → `160615001`);
 * * all zeros after `LLRKK`, `LLR` or `LL` is ambiguous: `160510000000` is both the Kreis Erfurt
 *   and the Gemeinde Erfurt (a kreisfreie Stadt; likewise Berlin and Hamburg). Such a key is a
 *   Gemeinde when the same table also has Gemeinde-level keys (`GGG` ≠ `000`) – a Gemeinde table –
 *   and keeps its natural Kreis/Regierungsbezirk/Land length otherwise ({@link ArsResolver}).
 */
import { agsFromArs } from '../regions/region.ts';
import { keyLevel, type KeyLevel } from './observation.ts';

const DIGITS = /^\d+$/;
const KEY_LENGTHS = new Set([2, 3, 5, 8, 9, 12]);

/** True for `DG` and digit strings of an official key length (2, 3, 5, 8, 9 or 12). */
export function isRegionKey(text: string): boolean {
  return text === 'DG' || (KEY_LENGTHS.has(text.length) && DIGITS.test(text));
}

/**
 * Restores a leading zero that a spreadsheet dropped: digit strings of length 1, 4, 7 and 11
 * that do not start with `0` (Land, Kreis, AGS, ARS of Länder 01–09 stored as numbers) get one
 * `0` in front; `0811` (a Baden-Württemberg Region) stays. Other text is returned trimmed.
 */
export function repairRegionKey(text: string): { key: string; repaired: boolean } {
  const key = text.trim();
  if ((key.length === 1 || key.length === 4 || key.length === 7 || key.length === 11) && DIGITS.test(key) && key[0] !== '0') {
    return { key: `0${key}`, repaired: true };
  }
  return { key, repaired: false };
}

/**
 * The 8-digit AGS from the Gemeindeverzeichnis key parts Land (2), Regierungsbezirk (1),
 * Kreis (2) and Gemeinde (3), padding each with leading zeros (Excel drops them); the
 * Gemeindeverband part (`vb`) belongs to the ARS, not the AGS. `undefined` if a part is
 * empty, not digits or too long.
 */
export function agsFromParts(land: string, regierungsbezirk: string, kreis: string, gemeinde: string): string | undefined {
  return keyFromParts([
    [land, 2],
    [regierungsbezirk, 1],
    [kreis, 2],
    [gemeinde, 3],
  ]);
}

/** Concatenates key parts, each left-padded with zeros to its width; `undefined` if one is invalid. */
export function keyFromParts(parts: readonly (readonly [string, number])[]): string | undefined {
  let key = '';
  for (const [raw, width] of parts) {
    const part = raw.trim();
    if (part === '' || part.length > width || !DIGITS.test(part)) return undefined;
    key += part.padStart(width, '0');
  }
  return key;
}

/** The region level that a GENESIS regional variable code stands for (`GEOGM4` → Gemeinde, `KREISE` → Kreis). */
export function levelOfGenesisRegionCode(code: string): KeyLevel | undefined {
  const c = code.trim().toUpperCase();
  if (c.startsWith('GEODL') || c === 'DINSG') return 'staat';
  if (c.startsWith('GEOBL') || c === 'DLAND') return 'land';
  if (c.startsWith('GEORB') || c === 'REGBEZ') return 'regierungsbezirk';
  if (c.startsWith('GEOLK') || c.startsWith('GEOKR') || c === 'KREISE') return 'kreis';
  if (c.startsWith('GEOVB') || c.startsWith('GEOGV') || c === 'GEMVB') return 'gemeindeverband';
  if (c.startsWith('GEOGM') || c === 'GEMEIN') return 'gemeinde';
  return undefined;
}

const NATURAL_LENGTH: Partial<Record<KeyLevel, number>> = {
  land: 2,
  regierungsbezirk: 3,
  kreis: 5,
  gemeindeverband: 9,
};

/** Shortens a 12-digit ARS to the natural key of `level` (Gemeinde → 8-digit AGS). */
export function regionKeyFromArs(ars: string, level: KeyLevel): string {
  if (level === 'staat') return 'DG';
  if (level === 'gemeinde') return agsFromArs(ars);
  if (level === 'ars') return ars;
  return ars.slice(0, NATURAL_LENGTH[level]);
}

/** The level a 12-digit ARS has by its trailing zeros alone (see the module comment). */
export function naturalLevelOfArs(ars: string): KeyLevel {
  if (!ars.endsWith('000')) return 'gemeinde';
  if (ars.slice(5, 9) !== '0000') return 'gemeindeverband';
  if (ars.slice(3, 5) !== '00') return 'kreis';
  if (ars[2] !== '0') return 'regierungsbezirk';
  return 'land';
}

/** True for an ARS whose level cannot be told from the key alone (all zeros after the Kreis part). */
export function isAmbiguousArs(ars: string): boolean {
  return ars.endsWith('0000000');
}

/** A region key as read from a file, resolved to its stored form and level. */
export interface ResolvedKey {
  key: string;
  level: KeyLevel;
}

/**
 * Resolves keys of one table, 12-digit ARS included, by the rule in the module comment.
 * `resolve` returns `undefined` for an ambiguous ARS while the table's level is still open; the
 * caller holds such rows back until {@link ArsResolver.isGemeindeTable} turns true (then they are
 * Gemeinden) or the table ends (then {@link ArsResolver.resolveNatural} applies).
 */
export class ArsResolver {
  private gemeindeTable = false;

  /** `level` forces the level of every 12-digit key; `auto` applies the rule. */
  constructor(private readonly level: KeyLevel | 'auto' = 'auto') {}

  /** True once a Gemeinde-level ARS (`GGG` ≠ `000`) was seen. */
  get isGemeindeTable(): boolean {
    return this.gemeindeTable;
  }

  /** The stored key and level of `key` (already validated by {@link isRegionKey}), or `undefined` while undecidable. */
  resolve(key: string): ResolvedKey | undefined {
    if (key.length !== 12) return { key, level: keyLevel(key) ?? 'ars' };
    if (this.level !== 'auto') return { key: regionKeyFromArs(key, this.level), level: this.level };
    const natural = naturalLevelOfArs(key);
    if (natural === 'gemeinde') this.gemeindeTable = true;
    if (natural === 'gemeinde' || natural === 'gemeindeverband') return { key: regionKeyFromArs(key, natural), level: natural };
    if (this.gemeindeTable) return { key: agsFromArs(key), level: 'gemeinde' };
    return undefined;
  }

  /** The final resolution of an ARS held back by {@link ArsResolver.resolve}. */
  resolveHeld(ars: string): ResolvedKey {
    if (this.gemeindeTable) return { key: agsFromArs(ars), level: 'gemeinde' };
    return ArsResolver.resolveNatural(ars);
  }

  /** An ARS at its natural level by trailing zeros. */
  static resolveNatural(ars: string): ResolvedKey {
    const level = naturalLevelOfArs(ars);
    return { key: regionKeyFromArs(ars, level), level };
  }
}
