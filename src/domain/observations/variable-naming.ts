/**
 * Naming and classifying variables read from table headers: stable keys, units, whether
 * values add up, and the licence of official tables.
 */

/** Licence of the statistical offices' data unless a file says otherwise. */
export const OFFICIAL_LICENCE = 'dl-de/by-2-0';
/** Attribution of the statistical offices' data unless a file says otherwise. */
export const OFFICIAL_ATTRIBUTION = '© Statistische Ämter des Bundes und der Länder';

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue' };

/**
 * A key fragment from a label: lower case, umlauts spelled out (`ä` → `ae`, `ß` → `ss`), other
 * accents dropped, every run of other characters a single `-` (`Gebietsfläche` → `gebietsflaeche`).
 */
export function slugify(text: string): string {
  return text
    .replace(/[äöüßÄÖÜ]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Collapses white space (line breaks in XLSX headers, double spaces) and trims. */
export function cleanLabel(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const COUNT_UNITS = new Set([
  'anzahl',
  'qkm',
  'km²',
  'km2',
  'ha',
  'm²',
  'm2',
  'm³',
  'm3',
  'eur',
  'euro',
  '€',
  'tsd. eur',
  'tsd. euro',
  '1000 eur',
  'mill. eur',
  'mio. eur',
  'mrd. eur',
  'tsd.',
  '1000',
  't',
  'tonnen',
  'kg',
  'persons',
  'personen',
  'people',
  'count',
  'number',
]);

const OTHER_UNITS = new Set([
  '%',
  'prozent',
  'percent',
  '‰',
  'promille',
  'per_1000',
  'jahre',
  'tage',
  'stunden',
  'std.',
  'index',
  'punkte',
  'rate',
  'score',
]);

/**
 * True for text that names a unit as GENESIS prints it in a unit header row or unit column
 * (`Anzahl`, `qkm`, `Tsd. EUR`, `EUR`, `%`, `Prozent`, `Jahre`, `je 1000 Einwohner`, …).
 * `Personen` alone is a content name in GENESIS tables, not a unit.
 */
export function isUnitLabel(text: string): boolean {
  const t = cleanLabel(text).toLowerCase();
  if (t === '' || t === 'personen') return false;
  return COUNT_UNITS.has(t) || OTHER_UNITS.has(t) || /^(?:je|pro)\s\S/.test(t) || /^(?:eur|euro|€)\s+je\s/.test(t);
}

const NON_ADDITIVE_LABEL =
  /\bje\b|\bje(?:km|qkm)|\bpro\b|quote|\banteil|dichte|\bdurchschnitt|durchschnittlich|mittelwert|median|\bindex\b|verhältnis|\brate\b|prozent|\bin %|share|ratio|per[_ ]1000/i;

/**
 * Whether values of a variable add up across regions and categories: true for counts, areas
 * and money totals (`Anzahl`, `qkm`, `EUR`, `Tsd. EUR`, `persons`), false for rates, shares,
 * means, densities, "je …" values and unknown units. `Jahresdurchschnitt` (an annual average
 * of a count, e.g. hospital beds) stays additive; `Durchschnittsalter` does not.
 */
export function isAdditive(unit: string, label: string): boolean {
  const u = cleanLabel(unit).toLowerCase();
  if (!COUNT_UNITS.has(u)) return false;
  return !NON_ADDITIVE_LABEL.test(label);
}

/**
 * Guesses additivity from a label alone (used for suggested mappings when the unit is not
 * known yet): false for rates, shares, means, "je …".
 */
export function looksAdditive(label: string): boolean {
  return !NON_ADDITIVE_LABEL.test(label);
}

/** Licence identifier named in a footer text (`Datenlizenz Deutschland – Namensnennung – Version 2.0` → `dl-de/by-2-0`). */
export function licenceFromText(text: string): string | undefined {
  const t = text.replace(/\s+/g, ' ');
  if (/Datenlizenz Deutschland\W+Namensnennung\W+Version 2\.0/i.test(t)) return 'dl-de/by-2-0';
  if (/Datenlizenz Deutschland\W+Zero\W+Version 2\.0/i.test(t)) return 'dl-de/zero-2-0';
  if (/CC BY 4\.0|Creative Commons Namensnennung 4\.0/i.test(t)) return 'CC-BY-4.0';
  return undefined;
}

/**
 * The attribution sentence of a footer text: from `©` to the end of its first sentence or line,
 * e.g. `© Statistische Ämter des Bundes und der Länder, Deutschland, 2020`.
 */
export function attributionFromText(text: string): string | undefined {
  const start = text.indexOf('©');
  if (start < 0) return undefined;
  const rest = text.slice(start);
  const end = rest.search(/\.\s|\.$|\n/);
  return (end < 0 ? rest : rest.slice(0, end)).trim();
}
