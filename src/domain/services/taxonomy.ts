import { InvalidError } from '../shared/errors.ts';

/**
 * The German service taxonomy shipped with Planwerk: three vocabularies (Lebenslagen, which
 * use the atlas's life-domain keys; Zielgruppen with age ranges where they have one;
 * Handlungsfelder). A municipality may rename terms, hide them and add its own; its changes
 * are stored as overrides and merged over the defaults ({@link effectiveTaxonomy}).
 */

export const VOCABULARIES = ['lebenslage', 'zielgruppe', 'handlungsfeld'] as const;
export type Vocabulary = (typeof VOCABULARIES)[number];

/** German names of the vocabularies. */
export const VOCABULARY_LABELS: Record<Vocabulary, string> = {
  lebenslage: 'Lebenslage',
  zielgruppe: 'Zielgruppe',
  handlungsfeld: 'Handlungsfeld',
};

/** One term; `key` is `<vocabulary>.<code>`; ages in years (inclusive) for age-bound target groups. */
export interface TaxonomyTerm {
  key: string;
  vocabulary: Vocabulary;
  label: string;
  description: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  /** Hidden terms stay on existing services but are not offered for new entries or filters. */
  hidden: boolean;
  /** Whether the term comes with Planwerk (false: added by the municipality). */
  builtIn: boolean;
}

const term = (
  vocabulary: Vocabulary,
  code: string,
  label: string,
  ages: [number | null, number | null] = [null, null],
): TaxonomyTerm => ({
  key: `${vocabulary}.${code}`,
  vocabulary,
  label,
  description: null,
  minimumAge: ages[0],
  maximumAge: ages[1],
  hidden: false,
  builtIn: true,
});

/** The shipped taxonomy. */
export const DEFAULT_TAXONOMY: readonly TaxonomyTerm[] = [
  term('lebenslage', 'einkommen_armut', 'Einkommen und Armut'),
  term('lebenslage', 'erwerb_arbeit', 'Erwerbstätigkeit und Arbeit'),
  term('lebenslage', 'bildung', 'Bildung'),
  term('lebenslage', 'gesundheit', 'Gesundheit'),
  term('lebenslage', 'wohnen', 'Wohnen'),
  term('lebenslage', 'demografie', 'Familie und Demografie'),
  term('lebenslage', 'teilhabe', 'Soziale Teilhabe'),
  term('lebenslage', 'migration', 'Migration und Integration'),
  term('zielgruppe', 'kinder_0_6', 'Kinder (0–6 Jahre)', [0, 6]),
  term('zielgruppe', 'schulkinder', 'Schulkinder (6–14 Jahre)', [6, 14]),
  term('zielgruppe', 'jugendliche', 'Jugendliche (14–17 Jahre)', [14, 17]),
  term('zielgruppe', 'junge_erwachsene', 'Junge Erwachsene (18–26 Jahre)', [18, 26]),
  term('zielgruppe', 'familien', 'Familien'),
  term('zielgruppe', 'alleinerziehende', 'Alleinerziehende'),
  term('zielgruppe', 'senioren', 'Senior*innen (ab 65 Jahren)', [65, null]),
  term('zielgruppe', 'menschen_mit_behinderung', 'Menschen mit Behinderung'),
  term('zielgruppe', 'zugewanderte', 'Zugewanderte'),
  term('zielgruppe', 'langzeitarbeitslose', 'Langzeitarbeitslose'),
  term('zielgruppe', 'wohnungslose', 'Wohnungslose'),
  term('zielgruppe', 'pflegende_angehoerige', 'Pflegende Angehörige'),
  term('zielgruppe', 'alle', 'Alle Bürger*innen'),
  term('handlungsfeld', 'kindertagesbetreuung', 'Kindertagesbetreuung'),
  term('handlungsfeld', 'offene_jugendarbeit', 'Offene Kinder- und Jugendarbeit'),
  term('handlungsfeld', 'schulsozialarbeit', 'Schulsozialarbeit'),
  term('handlungsfeld', 'jugendberufshilfe', 'Jugendberufshilfe'),
  term('handlungsfeld', 'familienbildung', 'Familienbildung und -beratung'),
  term('handlungsfeld', 'hilfen_zur_erziehung', 'Hilfen zur Erziehung'),
  term('handlungsfeld', 'beratung', 'Soziale Beratung'),
  term('handlungsfeld', 'schuldnerberatung', 'Schuldner- und Insolvenzberatung'),
  term('handlungsfeld', 'gesundheitsfoerderung', 'Gesundheitsförderung'),
  term('handlungsfeld', 'pflege', 'Pflege und Unterstützung im Alter'),
  term('handlungsfeld', 'seniorenarbeit', 'Offene Seniorenarbeit'),
  term('handlungsfeld', 'eingliederungshilfe', 'Eingliederungshilfe'),
  term('handlungsfeld', 'integration', 'Integration und Migration'),
  term('handlungsfeld', 'arbeitsfoerderung', 'Arbeitsförderung und Qualifizierung'),
  term('handlungsfeld', 'wohnungsnotfallhilfe', 'Wohnungsnotfallhilfe'),
  term('handlungsfeld', 'bildung', 'Bildung und Schule'),
];

/** A municipality's change to one term (rename, describe, age range, hide) or an own term. */
export interface TaxonomyOverride {
  key: string;
  vocabulary: Vocabulary;
  label: string;
  description: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  hidden: boolean;
}

/** Defaults with the municipality's overrides applied, own terms appended; sorted by vocabulary then label. */
export function effectiveTaxonomy(
  overrides: readonly TaxonomyOverride[],
  defaults: readonly TaxonomyTerm[] = DEFAULT_TAXONOMY,
): TaxonomyTerm[] {
  const byKey = new Map<string, TaxonomyTerm>(defaults.map((t) => [t.key, t]));
  for (const o of overrides) {
    const base = byKey.get(o.key);
    byKey.set(o.key, { ...o, builtIn: base?.builtIn ?? false });
  }
  const order = (v: Vocabulary) => VOCABULARIES.indexOf(v);
  return [...byKey.values()].sort((a, b) => order(a.vocabulary) - order(b.vocabulary) || a.label.localeCompare(b.label, 'de'));
}

const CODE = /^[a-z0-9_]{1,60}$/;

/**
 * Checks a term edit: the key is `<vocabulary>.<code>` (lower-case letters, digits,
 * underscore), the label 1–200 characters, the ages 0–120 with minimum ≤ maximum.
 */
export function validateTaxonomyOverride(o: TaxonomyOverride): void {
  const errors: Record<string, string> = {};
  const [vocabulary, code, ...rest] = o.key.split('.');
  if (!VOCABULARIES.includes(o.vocabulary)) errors.vocabulary = `Unbekanntes Verzeichnis „${o.vocabulary}“.`;
  else if (vocabulary !== o.vocabulary || code === undefined || rest.length > 0 || !CODE.test(code))
    errors.key = `Der Schlüssel muss „${o.vocabulary}.<kennung>“ lauten (Kleinbuchstaben, Ziffern, Unterstrich).`;
  if (o.label.trim() === '' || o.label.length > 200) errors.label = 'Die Bezeichnung muss 1 bis 200 Zeichen lang sein.';
  for (const [field, value] of [
    ['minimumAge', o.minimumAge],
    ['maximumAge', o.maximumAge],
  ] as const) {
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 120))
      errors[field] = 'Altersangaben sind ganze Zahlen von 0 bis 120.';
  }
  if (o.minimumAge !== null && o.maximumAge !== null && o.minimumAge > o.maximumAge)
    errors.maximumAge = 'Das Höchstalter liegt unter dem Mindestalter.';
  const entries = Object.values(errors);
  if (entries.length > 0)
    throw new InvalidError(`Der Begriff ist ungültig. ${entries.join(' ')}`, 'invalid-taxonomy-term', { fields: errors });
}
