import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffWords } from './diff.ts';
import type { Location, Organization, TaxonomyTerm } from './types.ts';

/** Names for ids and labels for codes, for the review diff (unknown ids stay as they are). */
export function useDiffWords(
  organizations: readonly Organization[],
  locations: readonly Location[],
  terms: readonly TaxonomyTerm[],
): DiffWords {
  const { t } = useTranslation();
  return useMemo(() => {
    const orgs = new Map(organizations.map((o) => [o.id, o.name]));
    const locs = new Map(locations.map((l) => [l.id, l.name]));
    const labels = new Map(terms.map((x) => [x.key, x.label]));
    return {
      organization: (id) => orgs.get(id) ?? id,
      location: (id) => locs.get(id) ?? id,
      term: (key) => labels.get(key) ?? key,
      status: (s) => t(`servicesRegister.status.${s}`),
      weekday: (d) => t(`servicesRegister.weekday.${d}`),
    };
  }, [organizations, locations, terms, t]);
}

/** The newest change per service (by submission time). */
export function latestChanges<T extends { change: { serviceId: string; submittedAt: string } }>(entries: readonly T[]) {
  const out = new Map<string, T>();
  for (const e of entries) {
    const seen = out.get(e.change.serviceId);
    if (!seen || seen.change.submittedAt < e.change.submittedAt) out.set(e.change.serviceId, e);
  }
  return out;
}

/** A moment as German (or English) date and time in Europe/Berlin, e.g. „24.11.2026, 10:30“. */
export function dateTimeText(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-GB' : 'de-DE', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Berlin',
  }).format(new Date(iso));
}
