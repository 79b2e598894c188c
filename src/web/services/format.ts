import type { PublicServiceEntry, TaxonomyTerm } from './types.ts';

type Address = NonNullable<PublicServiceEntry['locations'][number]['address']>;
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** An address on one line, e.g. „Lindenstraße 3, 99001 Musterstadt“; an empty street (private persons) is left out. */
export function addressLine(address: Address | null): string | null {
  if (!address) return null;
  const place = [address.postalCode, address.city].filter((x) => x && x.trim()).join(' ');
  const line = [address.address1, place].filter((x) => x && x.trim()).join(', ');
  return line || null;
}

/** The age range as text, e.g. „6 bis 14 Jahre“, „ab 65 Jahren“ (texts below `services.detail`). */
export function ageRangeText(min: number | null, max: number | null, t: Translate): string {
  if (min !== null && max !== null) return t('services.detail.ageFromTo', { min, max });
  if (min !== null) return t('services.detail.ageFrom', { min });
  if (max !== null) return t('services.detail.ageTo', { max });
  return t('services.detail.ageAny');
}

/** The labels of a service's terms of one vocabulary, in the taxonomy's order (unknown keys by their code). */
export function termLabels(termKeys: readonly string[], vocabulary: string, terms: readonly TaxonomyTerm[]): string[] {
  const known = terms.filter((term) => term.vocabulary === vocabulary && termKeys.includes(term.key)).map((term) => term.label);
  const unknown = termKeys
    .filter((key) => key.startsWith(`${vocabulary}.`) && !terms.some((term) => term.key === key))
    .map((key) => key.slice(vocabulary.length + 1));
  return [...known, ...unknown];
}

/** A price as text, e.g. „Monatsbeitrag: 12,50 €“ or the description of the amount. */
export function costText(cost: PublicServiceEntry['costOptions'][number], language: string): string {
  const amount =
    cost.amount === null
      ? null
      : new Intl.NumberFormat(language.startsWith('en') ? 'en-GB' : 'de-DE', {
          style: 'currency',
          currency: cost.currency ?? 'EUR',
        }).format(cost.amount);
  const value = [amount, cost.amountDescription].filter(Boolean).join(' – ');
  return value ? `${cost.option}: ${value}` : cost.option;
}
