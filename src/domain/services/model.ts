/**
 * The service register (Angebote) following Open Referral HSDS 3: organisations (Träger),
 * services, locations and the links between services and locations (service_at_location).
 * Nested HSDS objects that belong to exactly one service or location (schedules, contacts,
 * phones, cost options, funding, languages, accessibility, address) are kept inside it.
 * Planwerk adds: capacity (places), taxonomy term keys, a published flag and an archive mark.
 */

/** HSDS 3 service statuses. */
export const SERVICE_STATUSES = ['active', 'inactive', 'temporarily closed', 'defunct'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** German labels of the statuses. */
export const SERVICE_STATUS_LABELS: Record<ServiceStatus, string> = {
  active: 'aktiv',
  inactive: 'inaktiv',
  'temporarily closed': 'vorübergehend geschlossen',
  defunct: 'eingestellt',
};

/** A provider (Träger). `privatePerson` marks natural persons (e.g. Kindertagespflege): their contact data is never public. */
export interface Organization {
  id: string;
  name: string;
  alternateName: string | null;
  description: string | null;
  email: string | null;
  website: string | null;
  legalStatus: string | null;
  privatePerson: boolean;
}

/** A postal address of a location (HSDS `address`, type physical). */
export interface Address {
  address1: string;
  city: string;
  postalCode: string;
  region: string | null;
  country: string;
}

/** An accessibility statement of a location (HSDS `accessibility`). */
export interface Accessibility {
  description: string;
  details: string | null;
  url: string | null;
}

/** Where coordinates came from: a file, placed by hand on the map, or none (flagged). */
export type CoordinateSource = 'imported' | 'manual' | null;

/** A place where services are delivered; latitude/longitude in WGS84 degrees, null when unknown. */
export interface Location {
  id: string;
  organizationId: string | null;
  name: string;
  description: string | null;
  transportation: string | null;
  latitude: number | null;
  longitude: number | null;
  coordinateSource: CoordinateSource;
  address: Address | null;
  accessibility: Accessibility[];
}

/** A telephone number (HSDS `phone`). */
export interface Phone {
  number: string;
  type: string | null;
  description: string | null;
}

/** A named contact person (HSDS `contact`); never shown to anonymous visitors. */
export interface Contact {
  name: string;
  title: string | null;
  department: string | null;
  email: string | null;
  phones: Phone[];
}

/** RRULE frequencies HSDS allows in `schedule.freq`. */
export const SCHEDULE_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];

/** Weekday codes of RRULE `BYDAY`. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Opening hours as an RRULE-based HSDS schedule: the days are the occurrences of the rule
 * (frequency, interval, BYDAY, BYMONTHDAY from `dtstart`, up to `until`), open from `opensAt`
 * to `closesAt` (local time Europe/Berlin, `HH:MM`; a closing time not after the opening time
 * runs past midnight). `validFrom`/`validTo` (ISO dates, inclusive) bound the schedule.
 */
export interface Schedule {
  freq: ScheduleFrequency | null;
  interval: number | null;
  byday: Weekday[];
  bymonthday: number[];
  dtstart: string | null;
  until: string | null;
  validFrom: string | null;
  validTo: string | null;
  opensAt: string | null;
  closesAt: string | null;
  description: string | null;
}

/** A price (HSDS `cost_option`); amount in `currency` (ISO 4217, e.g. EUR), null = see description. */
export interface CostOption {
  option: string;
  amount: number | null;
  currency: string | null;
  amountDescription: string | null;
}

/** A source of funding, e.g. a state programme (HSDS `funding`). */
export interface Funding {
  source: string;
}

/** A language the service is offered in (HSDS `language`; `code` ISO 639-1). */
export interface Language {
  name: string;
  code: string | null;
  note: string | null;
}

/** The editable content of a service: what planners and providers enter or an import brings. */
export interface ServiceDraft {
  organizationId: string;
  name: string;
  alternateName: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  status: ServiceStatus;
  eligibilityDescription: string | null;
  /** Minimum age in years (inclusive); null = no lower bound. */
  minimumAge: number | null;
  /** Maximum age in years (inclusive); null = no upper bound. */
  maximumAge: number | null;
  /** Places (seats, slots) the service offers; null = unknown. */
  capacity: number | null;
  applicationProcess: string | null;
  feesDescription: string | null;
  /** Date of the last check of the entry (HSDS `assured_date`, „zuletzt geprüft“), ISO date or null = never. */
  assuredDate: string | null;
  /** Keys of taxonomy terms (Lebenslagen, Zielgruppen, Handlungsfelder). */
  termKeys: string[];
  schedules: Schedule[];
  contacts: Contact[];
  phones: Phone[];
  costOptions: CostOption[];
  funding: Funding[];
  languages: Language[];
  /** Ids of the locations where the service is delivered (service_at_location). */
  locationIds: string[];
}

/** A stored service: the draft plus register state. */
export interface Service extends ServiceDraft {
  id: string;
  /** Visible to anonymous visitors (when also active and not archived). */
  published: boolean;
  /** Archived entries are kept for history but left out of lists and the public map. */
  archived: boolean;
  updatedAt: string;
}

/** Whether anonymous visitors may see the service: published, active and not archived. */
export function isPublic(service: Pick<Service, 'published' | 'status' | 'archived'>): boolean {
  return service.published && !service.archived && service.status === 'active';
}

/** An empty draft with every optional field unset (for forms and importers). */
export function emptyDraft(organizationId: string, name: string): ServiceDraft {
  return {
    organizationId,
    name,
    alternateName: null,
    description: null,
    url: null,
    email: null,
    status: 'active',
    eligibilityDescription: null,
    minimumAge: null,
    maximumAge: null,
    capacity: null,
    applicationProcess: null,
    feesDescription: null,
    assuredDate: null,
    termKeys: [],
    schedules: [],
    contacts: [],
    phones: [],
    costOptions: [],
    funding: [],
    languages: [],
    locationIds: [],
  };
}

/** An empty schedule (for forms and importers). */
export function emptySchedule(): Schedule {
  return {
    freq: null,
    interval: null,
    byday: [],
    bymonthday: [],
    dtstart: null,
    until: null,
    validFrom: null,
    validTo: null,
    opensAt: null,
    closesAt: null,
    description: null,
  };
}
