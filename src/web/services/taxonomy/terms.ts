import type { TaxonomyTerm } from '../register/types.ts';

/** The three vocabularies in the order the page shows them. */
export const TAXONOMY_VOCABULARIES = ['lebenslage', 'zielgruppe', 'handlungsfeld'] as const;
export type TaxonomyVocabulary = (typeof TAXONOMY_VOCABULARIES)[number];

/** The body of `PUT /api/tenants/:tenantKey/service-taxonomy/:termKey`. */
export interface TermBody {
  vocabulary: TaxonomyVocabulary;
  label: string;
  description: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  hidden: boolean;
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * A term code derived from a German label: lower case, umlauts spelled out, other accents
 * dropped, every run of other characters one underscore, at most 60 characters
 * (e.g. „Geflüchtete Frauen“ → `gefluechtete_frauen`); empty when nothing usable is left.
 */
export function codeFromLabel(label: string): string {
  return label
    .toLocaleLowerCase('de')
    .replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
}

/** The full key `<vocabulary>.<code>` of a term. */
export function termKey(vocabulary: TaxonomyVocabulary, code: string): string {
  return `${vocabulary}.${code}`;
}

/** The code of a key without its vocabulary (`zielgruppe.familien` → `familien`). */
export function termCode(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(dot + 1);
}

/** Terms of one vocabulary in the server's order (by label). */
export function termsOf(terms: readonly TaxonomyTerm[], vocabulary: TaxonomyVocabulary): TaxonomyTerm[] {
  return terms.filter((t) => t.vocabulary === vocabulary);
}

/** The PUT body that writes `term` with the given changes (keeps description and ages). */
export function termBody(term: TaxonomyTerm, change: Partial<Pick<TermBody, 'label' | 'hidden'>>): TermBody {
  return {
    vocabulary: term.vocabulary,
    label: change.label ?? term.label,
    description: term.description,
    minimumAge: term.minimumAge,
    maximumAge: term.maximumAge,
    hidden: change.hidden ?? term.hidden,
  };
}

/** Problems of a new own term found before asking the server (i18n keys below `servicesTaxonomy.errors`). */
export interface NewTermProblems {
  label?: 'labelRequired' | 'labelTooLong';
  key?: 'codeMissing' | 'keyTaken';
}

/**
 * Checks a new own term in the browser: a label is needed (at most 200 characters), the key
 * is the typed code or else the one derived from the label, and must not be taken already —
 * the server would otherwise overwrite that term. The code's spelling is checked by the server.
 */
export function checkNewTerm(
  input: { vocabulary: TaxonomyVocabulary; label: string; code: string },
  existing: readonly TaxonomyTerm[],
): { key: string; problems: NewTermProblems } {
  const label = input.label.trim();
  const code = input.code.trim() || codeFromLabel(label);
  const key = termKey(input.vocabulary, code);
  const problems: NewTermProblems = {};
  if (label === '') problems.label = 'labelRequired';
  else if (label.length > 200) problems.label = 'labelTooLong';
  if (code === '') {
    if (label !== '') problems.key = 'codeMissing';
  } else if (existing.some((t) => t.key === key)) problems.key = 'keyTaken';
  return { key, problems };
}

/** Replaces the term with the same key or appends it, keeping the list sorted by vocabulary then label. */
export function withTerm(terms: readonly TaxonomyTerm[], term: TaxonomyTerm): TaxonomyTerm[] {
  const next = terms.some((t) => t.key === term.key) ? terms.map((t) => (t.key === term.key ? term : t)) : [...terms, term];
  const order = (v: string) => TAXONOMY_VOCABULARIES.indexOf(v as TaxonomyVocabulary);
  return next.sort((a, b) => order(a.vocabulary) - order(b.vocabulary) || a.label.localeCompare(b.label, 'de'));
}
