import type { ServiceDraft, ServiceStatus, Weekday } from './types.ts';

/** The fields a reviewer compares, in the order of the edit form. */
export const DIFF_FIELDS = [
  'name',
  'organizationId',
  'alternateName',
  'description',
  'status',
  'termKeys',
  'minimumAge',
  'maximumAge',
  'eligibilityDescription',
  'capacity',
  'applicationProcess',
  'feesDescription',
  'costOptions',
  'languages',
  'locationIds',
  'schedules',
  'email',
  'url',
  'phones',
  'contacts',
  'funding',
] as const satisfies readonly (keyof ServiceDraft)[];
export type DiffField = (typeof DIFF_FIELDS)[number];

/** One changed field as readable text; an empty text means „no value“. */
export interface FieldChange {
  field: DiffField;
  before: string;
  after: string;
}

/** How values become text: names for ids and keys, labels for codes. */
export interface DiffWords {
  organization(id: string): string;
  location(id: string): string;
  term(key: string): string;
  status(status: ServiceStatus): string;
  weekday(day: Weekday): string;
}

const WEEK_ORDER: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A field's value as one line of text. */
export function fieldText(draft: ServiceDraft, field: DiffField, words: DiffWords): string {
  switch (field) {
    case 'organizationId':
      return words.organization(draft.organizationId);
    case 'status':
      return words.status(draft.status);
    case 'termKeys':
      return draft.termKeys
        .map((k) => words.term(k))
        .sort((a, b) => a.localeCompare(b, 'de'))
        .join(', ');
    case 'locationIds':
      return draft.locationIds.map((id) => words.location(id)).join('; ');
    case 'languages':
      return draft.languages.map((l) => l.name).join(', ');
    case 'funding':
      return draft.funding.map((f) => f.source).join('; ');
    case 'phones':
      return draft.phones.map((p) => (p.description ? `${p.number} (${p.description})` : p.number)).join('; ');
    case 'contacts':
      return draft.contacts
        .map((c) =>
          [c.title ? `${c.name} (${c.title})` : c.name, c.email, ...c.phones.map((p) => p.number)].filter(Boolean).join(', '),
        )
        .join('; ');
    case 'costOptions':
      return draft.costOptions
        .map((c) => {
          const value = [
            c.amount === null ? null : `${String(c.amount).replace('.', ',')} ${c.currency ?? 'EUR'}`,
            c.amountDescription,
          ]
            .filter(Boolean)
            .join(' – ');
          return value ? `${c.option}: ${value}` : c.option;
        })
        .join('; ');
    case 'schedules':
      return draft.schedules
        .map((s) => {
          const days = [...s.byday]
            .sort((a, b) => WEEK_ORDER.indexOf(a) - WEEK_ORDER.indexOf(b))
            .map((d) => words.weekday(d))
            .join(', ');
          const times = s.opensAt && s.closesAt ? `${s.opensAt.slice(0, 5)}–${s.closesAt.slice(0, 5)}` : '';
          return [days, times, s.description ? `(${s.description})` : ''].filter(Boolean).join(' ');
        })
        .join('; ');
    default: {
      const value = draft[field];
      return value === null ? '' : String(value);
    }
  }
}

/**
 * The fields in which `after` differs from `before` as readable text (before → after). For a
 * new service (`before` null) every field with a value; for an archive request (`after` null) nothing.
 */
export function serviceDiff(before: ServiceDraft | null, after: ServiceDraft | null, words: DiffWords): FieldChange[] {
  if (after === null) return [];
  const out: FieldChange[] = [];
  for (const field of DIFF_FIELDS) {
    const was = before ? fieldText(before, field, words) : '';
    const now = fieldText(after, field, words);
    if (was !== now) out.push({ field, before: was, after: now });
  }
  return out;
}
