import { InvalidError } from '../shared/errors.ts';
import {
  SCHEDULE_FREQUENCIES,
  SERVICE_STATUSES,
  WEEKDAYS,
  type Location,
  type Organization,
  type Schedule,
  type ServiceDraft,
} from './model.ts';

/** Field path → German message; empty when everything is valid. */
export type FieldErrors = Record<string, string>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_PATTERN = /^https?:\/\/[^\s]+$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/** True for a real calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** True for `HH:MM` or `HH:MM:SS` (24 h). */
export function isTimeOfDay(value: string): boolean {
  return TIME.test(value);
}

function text(errors: FieldErrors, field: string, value: string | null, max: number, label: string, required = false) {
  if (value === null || value.trim() === '') {
    if (required) errors[field] = `${label} fehlt.`;
    return;
  }
  if (value.length > max) errors[field] = `${label} ist zu lang (höchstens ${max} Zeichen).`;
}

function email(errors: FieldErrors, field: string, value: string | null) {
  if (value !== null && value !== '' && !EMAIL.test(value)) errors[field] = `„${value}“ ist keine gültige E-Mail-Adresse.`;
}

function url(errors: FieldErrors, field: string, value: string | null) {
  if (value !== null && value !== '' && !URL_PATTERN.test(value))
    errors[field] = `„${value}“ ist keine gültige Webadresse (http:// oder https://).`;
}

function age(errors: FieldErrors, field: string, value: number | null, label: string) {
  if (value === null) return;
  if (!Number.isInteger(value) || value < 0 || value > 120) errors[field] = `${label} muss eine ganze Zahl von 0 bis 120 sein.`;
}

/** Checks one schedule; messages name the schedule by its position (1-based). */
export function validateSchedule(schedule: Schedule, prefix: string, errors: FieldErrors = {}): FieldErrors {
  const n = prefix;
  if (schedule.freq !== null && !SCHEDULE_FREQUENCIES.includes(schedule.freq))
    errors[`${n}.freq`] = `Unbekannte Häufigkeit „${schedule.freq}“ (erlaubt: DAILY, WEEKLY, MONTHLY).`;
  if (schedule.interval !== null && (!Number.isInteger(schedule.interval) || schedule.interval < 1))
    errors[`${n}.interval`] = 'Das Intervall muss eine ganze Zahl ab 1 sein.';
  for (const day of schedule.byday)
    if (!WEEKDAYS.includes(day)) errors[`${n}.byday`] = `Unbekannter Wochentag „${day}“ (erlaubt: MO, TU, WE, TH, FR, SA, SU).`;
  for (const day of schedule.bymonthday)
    if (!Number.isInteger(day) || day < 1 || day > 31) errors[`${n}.bymonthday`] = 'Monatstage liegen zwischen 1 und 31.';
  for (const key of ['dtstart', 'until', 'validFrom', 'validTo'] as const) {
    const value = schedule[key];
    if (value !== null && !isIsoDate(value)) errors[`${n}.${key}`] = `„${value}“ ist kein gültiges Datum (JJJJ-MM-TT).`;
  }
  if (schedule.validFrom && schedule.validTo && schedule.validFrom > schedule.validTo)
    errors[`${n}.validTo`] = 'Das Ende der Gültigkeit liegt vor ihrem Beginn.';
  for (const key of ['opensAt', 'closesAt'] as const) {
    const value = schedule[key];
    if (value !== null && !isTimeOfDay(value)) errors[`${n}.${key}`] = `„${value}“ ist keine gültige Uhrzeit (SS:MM).`;
  }
  if ((schedule.opensAt === null) !== (schedule.closesAt === null))
    errors[`${n}.closesAt`] = 'Öffnungs- und Schließzeit gehören zusammen.';
  return errors;
}

/**
 * Checks a service draft: required name and organisation, status, ages (0–120, minimum not
 * above maximum), capacity (whole number ≥ 0), e-mail and web address, `assuredDate` (a date
 * not after `today`), schedules, and that every term key is known. Throws an InvalidError
 * with German messages per field (`details.fields`).
 */
export function validateServiceDraft(draft: ServiceDraft, context: { today: string; knownTermKeys: ReadonlySet<string> }): void {
  const errors: FieldErrors = {};
  text(errors, 'name', draft.name, 300, 'Der Name', true);
  if (!draft.organizationId) errors.organizationId = 'Der Träger fehlt.';
  text(errors, 'description', draft.description, 10_000, 'Die Beschreibung');
  if (!SERVICE_STATUSES.includes(draft.status))
    errors.status = `Unbekannter Status „${String(draft.status)}“ (erlaubt: active, inactive, temporarily closed, defunct).`;
  email(errors, 'email', draft.email);
  url(errors, 'url', draft.url);
  age(errors, 'minimumAge', draft.minimumAge, 'Das Mindestalter');
  age(errors, 'maximumAge', draft.maximumAge, 'Das Höchstalter');
  if (draft.minimumAge !== null && draft.maximumAge !== null && draft.minimumAge > draft.maximumAge && !errors.minimumAge)
    errors.maximumAge = `Das Höchstalter (${draft.maximumAge}) liegt unter dem Mindestalter (${draft.minimumAge}).`;
  if (draft.capacity !== null && (!Number.isInteger(draft.capacity) || draft.capacity < 0))
    errors.capacity = 'Die Kapazität muss eine ganze Zahl ab 0 sein.';
  if (draft.assuredDate !== null) {
    if (!isIsoDate(draft.assuredDate)) errors.assuredDate = `„${draft.assuredDate}“ ist kein gültiges Datum (JJJJ-MM-TT).`;
    else if (draft.assuredDate > context.today) errors.assuredDate = 'Das Prüfdatum liegt in der Zukunft.';
  }
  const unknown = draft.termKeys.filter((k) => !context.knownTermKeys.has(k));
  if (unknown.length > 0) errors.termKeys = `Unbekannte Begriffe der Systematik: ${unknown.map((k) => `„${k}“`).join(', ')}.`;
  if (new Set(draft.locationIds).size !== draft.locationIds.length) errors.locationIds = 'Ein Standort ist doppelt genannt.';
  draft.schedules.forEach((s, i) => validateSchedule(s, `schedules.${i + 1}`, errors));
  draft.contacts.forEach((c, i) => {
    text(errors, `contacts.${i + 1}.name`, c.name, 300, 'Der Name der Kontaktperson', true);
    email(errors, `contacts.${i + 1}.email`, c.email);
  });
  draft.costOptions.forEach((c, i) => {
    if (c.amount !== null && (!Number.isFinite(c.amount) || c.amount < 0))
      errors[`costOptions.${i + 1}.amount`] = 'Der Betrag muss eine Zahl ab 0 sein.';
  });
  throwIfAny(errors, 'Das Angebot ist nicht vollständig oder enthält ungültige Angaben.');
}

/** Checks an organisation (name required, e-mail, web address). */
export function validateOrganization(org: Organization): void {
  const errors: FieldErrors = {};
  if (!org.id) errors.id = 'Die Kennung fehlt.';
  text(errors, 'name', org.name, 300, 'Der Name', true);
  email(errors, 'email', org.email);
  url(errors, 'website', org.website);
  throwIfAny(errors, 'Der Träger enthält ungültige Angaben.');
}

/** Error text for coordinates outside WGS84 bounds, or null when they are valid (or both absent). */
export function coordinateProblem(latitude: number | null, longitude: number | null): string | null {
  if (latitude === null && longitude === null) return null;
  if (latitude === null || longitude === null) return 'Es ist nur eine der beiden Koordinaten angegeben.';
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90)
    return `Die geografische Breite ${latitude} liegt nicht zwischen -90 und 90.`;
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180)
    return `Die geografische Länge ${longitude} liegt nicht zwischen -180 und 180.`;
  return null;
}

/** Checks a location (name, coordinates in WGS84 bounds). */
export function validateLocation(location: Location): void {
  const errors: FieldErrors = {};
  if (!location.id) errors.id = 'Die Kennung fehlt.';
  text(errors, 'name', location.name, 300, 'Der Name', true);
  const problem = coordinateProblem(location.latitude, location.longitude);
  if (problem) errors.latitude = problem;
  throwIfAny(errors, 'Der Standort enthält ungültige Angaben.');
}

function throwIfAny(errors: FieldErrors, summary: string): void {
  const entries = Object.entries(errors);
  if (entries.length === 0) return;
  throw new InvalidError(`${summary} ${entries.map(([, m]) => m).join(' ')}`, 'invalid-service', { fields: errors });
}
