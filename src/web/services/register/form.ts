import type { Schedule, Service, ServiceBody, ServiceDraft, ServiceStatus, Weekday } from './types.ts';

/** One row of opening hours in the form: weekly days and times; other RRULE details of a loaded schedule are kept. */
export interface ScheduleRow {
  days: Weekday[];
  opensAt: string;
  closesAt: string;
  description: string;
  /** The schedule the row came from (null for a new row): frequency, validity etc. stay as they were. */
  original: Schedule | null;
}

/** A named contact person in the form (department and further phones of a loaded contact are kept). */
export interface ContactRow {
  name: string;
  title: string;
  email: string;
  phone: string;
  original: ServiceDraft['contacts'][number] | null;
}

/** A telephone number of the service. */
export interface PhoneRow {
  number: string;
  description: string;
}

/** A price: what it is for, the amount in euros as typed (German decimal comma allowed) and a note. */
export interface CostRow {
  option: string;
  amount: string;
  amountDescription: string;
  currency: string | null;
}

/** Everything the edit form holds, as the inputs show it (numbers as typed text). */
export interface ServiceForm {
  organizationId: string;
  name: string;
  alternateName: string;
  description: string;
  status: ServiceStatus;
  url: string;
  email: string;
  eligibilityDescription: string;
  minimumAge: string;
  maximumAge: string;
  capacity: string;
  applicationProcess: string;
  feesDescription: string;
  termKeys: string[];
  /** Language names separated by commas, e.g. „Deutsch, Arabisch“. */
  languages: string;
  locationIds: string[];
  schedules: ScheduleRow[];
  contacts: ContactRow[];
  phones: PhoneRow[];
  costOptions: CostRow[];
  /** Planners only: shown on the public map. */
  published: boolean;
  /** Planners only: the save counts as a check („zuletzt geprüft“ = today). */
  assured: boolean;
}

const text = (value: string | null | undefined) => value ?? '';
const numberText = (value: number | null) => (value === null ? '' : String(value));

/** An empty form for a new service of `organizationId`. */
export function emptyForm(organizationId: string): ServiceForm {
  return {
    organizationId,
    name: '',
    alternateName: '',
    description: '',
    status: 'active',
    url: '',
    email: '',
    eligibilityDescription: '',
    minimumAge: '',
    maximumAge: '',
    capacity: '',
    applicationProcess: '',
    feesDescription: '',
    termKeys: [],
    languages: '',
    locationIds: [],
    schedules: [],
    contacts: [],
    phones: [],
    costOptions: [],
    published: false,
    assured: true,
  };
}

/** The form for a stored service or a proposed draft. */
export function formFromService(service: ServiceDraft & Partial<Pick<Service, 'published'>>): ServiceForm {
  return {
    organizationId: service.organizationId,
    name: service.name,
    alternateName: text(service.alternateName),
    description: text(service.description),
    status: service.status,
    url: text(service.url),
    email: text(service.email),
    eligibilityDescription: text(service.eligibilityDescription),
    minimumAge: numberText(service.minimumAge),
    maximumAge: numberText(service.maximumAge),
    capacity: numberText(service.capacity),
    applicationProcess: text(service.applicationProcess),
    feesDescription: text(service.feesDescription),
    termKeys: [...service.termKeys],
    languages: service.languages.map((l) => l.name).join(', '),
    locationIds: [...service.locationIds],
    schedules: service.schedules.map((s) => ({
      days: [...s.byday],
      opensAt: text(s.opensAt).slice(0, 5),
      closesAt: text(s.closesAt).slice(0, 5),
      description: text(s.description),
      original: s,
    })),
    contacts: service.contacts.map((c) => ({
      name: c.name,
      title: text(c.title),
      email: text(c.email),
      phone: c.phones[0]?.number ?? '',
      original: c,
    })),
    phones: service.phones.map((p) => ({ number: p.number, description: text(p.description) })),
    costOptions: service.costOptions.map((c) => ({
      option: c.option,
      amount: c.amount === null ? '' : String(c.amount).replace('.', ','),
      amountDescription: text(c.amountDescription),
      currency: c.currency,
    })),
    published: service.published ?? false,
    assured: true,
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** Field key → message key (below `servicesRegister.form`) for input the browser can already tell is not a number. */
export type LocalErrors = Record<string, string>;

function wholeNumber(value: string, field: string, errors: LocalErrors): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (!/^-?\d+$/.test(trimmed)) {
    errors[field] = 'notWholeNumber';
    return null;
  }
  return Number(trimmed);
}

function amount(value: string, field: string, errors: LocalErrors): number | null {
  const trimmed = value.trim().replace(/\s|€/g, '');
  if (trimmed === '') return null;
  // German input: „1.234,50“ or „12,5“; a plain „12.50“ is read as a decimal point too.
  const normal = trimmed.includes(',') ? trimmed.replace(/\./g, '').replace(',', '.') : trimmed;
  if (!/^\d+(\.\d+)?$/.test(normal)) {
    errors[field] = 'notAmount';
    return null;
  }
  return Number(normal);
}

/**
 * The API body for the form. Numbers that are not numbers at all are reported in `errors`
 * (the API checks everything else); `original` keeps what the form does not show (funding,
 * schedule details, language codes, a contact's department and further phones).
 */
export function bodyFromForm(
  form: ServiceForm,
  original: ServiceDraft | null,
  mode: 'planner' | 'provider',
): { body: ServiceBody; errors: LocalErrors } {
  const errors: LocalErrors = {};
  const previousLanguages = original?.languages ?? [];
  const languages = form.languages
    .split(/[,;]/)
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => previousLanguages.find((l) => l.name === name) ?? { name, code: null, note: null });
  const body: ServiceBody = {
    organizationId: form.organizationId,
    name: form.name.trim(),
    alternateName: orNull(form.alternateName),
    description: orNull(form.description),
    url: orNull(form.url),
    email: orNull(form.email),
    status: form.status,
    eligibilityDescription: orNull(form.eligibilityDescription),
    minimumAge: wholeNumber(form.minimumAge, 'minimumAge', errors),
    maximumAge: wholeNumber(form.maximumAge, 'maximumAge', errors),
    capacity: wholeNumber(form.capacity, 'capacity', errors),
    applicationProcess: orNull(form.applicationProcess),
    feesDescription: orNull(form.feesDescription),
    termKeys: [...form.termKeys],
    schedules: form.schedules.map((row) => ({
      ...(row.original ?? {
        freq: 'WEEKLY' as const,
        interval: 1,
        bymonthday: [],
        dtstart: null,
        until: null,
        validFrom: null,
        validTo: null,
      }),
      byday: [...row.days],
      opensAt: orNull(row.opensAt),
      closesAt: orNull(row.closesAt),
      description: orNull(row.description),
    })),
    contacts: form.contacts.map((row) => ({
      name: row.name.trim(),
      title: orNull(row.title),
      department: row.original?.department ?? null,
      email: orNull(row.email),
      phones: row.phone.trim()
        ? [
            { number: row.phone.trim(), type: row.original?.phones[0]?.type ?? null, description: null },
            ...(row.original?.phones.slice(1) ?? []),
          ]
        : (row.original?.phones.slice(1) ?? []),
    })),
    phones: form.phones
      .filter((p) => p.number.trim() !== '')
      .map((p) => ({ number: p.number.trim(), type: null, description: orNull(p.description) })),
    costOptions: form.costOptions
      .filter((c) => c.option.trim() !== '' || c.amount.trim() !== '')
      .map((c, i) => ({
        option: c.option.trim(),
        amount: amount(c.amount, `costOptions.${i + 1}.amount`, errors),
        currency: c.currency ?? 'EUR',
        amountDescription: orNull(c.amountDescription),
      })),
    funding: original?.funding ?? [],
    languages,
    locationIds: [...form.locationIds],
  };
  if (mode === 'planner') {
    body.published = form.published;
    body.assured = form.assured;
  }
  return { body, errors };
}

/** The API body that saves a stored service unchanged (used to mark it as checked); extra list fields such as `ageDays` are left out. */
export function bodyFromService(service: Service & { ageDays?: number | null }): ServiceBody {
  const { id: _id, archived: _archived, updatedAt: _updatedAt, assuredDate: _assuredDate, ageDays: _ageDays, ...draft } = service;
  return { ...draft, assured: true };
}
