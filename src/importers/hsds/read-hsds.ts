import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { ImportError } from '../../domain/observations/import-error.ts';
import {
  SERVICE_STATUSES,
  WEEKDAYS,
  emptyDraft,
  emptySchedule,
  type Location,
  type Organization,
  type Schedule,
  type ServiceStatus,
  type Weekday,
} from '../../domain/services/model.ts';
import {
  coordinateProblem,
  isIsoDate,
  isTimeOfDay,
  validateSchedule,
  validateServiceDraft,
} from '../../domain/services/validation.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import type { ParsedServicePackage, ServicePackage } from '../../use-cases/services/ports.ts';
import { cell, columnOf, readCsvTable, type CsvTable } from './csv-table.ts';

/** The files of an HSDS source: CSV tables by base name (`services.csv` …) or one JSON document. */
export interface HsdsSource {
  kind: 'csv' | 'json';
  name: string;
  files: Map<string, string>;
  /** SHA-256 over the file names and contents (sorted), so that the same package is recognised. */
  checksum: string;
}

/** What parsing an HSDS source gives (see ParsedServicePackage). */
export type ParsedRegister = ParsedServicePackage;

/** Context for validation: today's date (Europe/Berlin) and the term keys of the tenant's taxonomy. */
export interface ParseContext {
  today: string;
  knownTermKeys: ReadonlySet<string>;
  /** Publish every imported service (default false: planners publish after checking). */
  publish?: boolean;
}

function checksumOf(files: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) hash.update(`${name}\n${files.get(name)}\n`);
  return hash.digest('hex');
}

/** True when the path is an HSDS CSV data package: a folder or zip with `services.csv` and `organizations.csv`. */
export function isHsdsPackage(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  if (fs.statSync(file).isDirectory())
    return ['services.csv', 'organizations.csv'].every((f) => fs.existsSync(path.join(file, f)));
  if (file.toLowerCase().endsWith('.zip')) {
    try {
      const names = Object.keys(unzipSync(fs.readFileSync(file), { filter: (f) => f.name.endsWith('.csv') })).map((n) =>
        path.posix.basename(n),
      );
      return names.includes('services.csv') && names.includes('organizations.csv');
    } catch {
      return false;
    }
  }
  return false;
}

/** Reads an HSDS source: a folder or zip of CSV tables, or an HSDS JSON file. */
export function loadHsdsSource(file: string, displayName = path.basename(file)): HsdsSource {
  if (!fs.existsSync(file)) throw new ImportError(displayName, null, null, 'Die Datei oder der Ordner existiert nicht.');
  const files = new Map<string, string>();
  if (fs.statSync(file).isDirectory()) {
    for (const name of fs.readdirSync(file).sort())
      if (name.endsWith('.csv')) files.set(name, fs.readFileSync(path.join(file, name), 'utf8'));
    return { kind: 'csv', name: displayName, files, checksum: checksumOf(files) };
  }
  const bytes = fs.readFileSync(file);
  if (displayName.toLowerCase().endsWith('.zip')) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes);
    } catch {
      throw new ImportError(displayName, null, null, 'Das ZIP-Archiv ist beschädigt.');
    }
    for (const [name, data] of Object.entries(entries))
      if (name.endsWith('.csv') && !name.startsWith('__MACOSX')) files.set(path.posix.basename(name), strFromU8(data));
    return { kind: 'csv', name: displayName, files, checksum: checksumOf(files) };
  }
  files.set(displayName, bytes.toString('utf8'));
  return { kind: 'json', name: displayName, files, checksum: checksumOf(files) };
}

/** Parses an HSDS source into a register package (all or nothing: the first error stops with file, line and column). */
export function parseHsds(source: HsdsSource, context: ParseContext): ParsedRegister {
  return source.kind === 'csv'
    ? parseHsdsCsv(source.files, context)
    : parseHsdsJson(source.name, source.files.get(source.name)!, context);
}

// ---------------------------------------------------------------------------------------------
// CSV data package

interface Field {
  table: CsvTable;
  line: number;
  column: string;
}

const fail = (f: Field, reason: string): never => {
  throw new ImportError(f.table.file, f.line, columnOf(f.table, f.column), reason);
};

function intCell(table: CsvTable, row: CsvTable['rows'][number], column: string): number | null {
  const v = cell(row, column);
  if (v === null) return null;
  if (!/^-?\d+$/.test(v)) fail({ table, line: row.line, column }, `„${v}“ ist keine ganze Zahl.`);
  return Number(v);
}

function numberCell(table: CsvTable, row: CsvTable['rows'][number], column: string): number | null {
  const v = cell(row, column);
  if (v === null) return null;
  const n = Number(v);
  if (!Number.isFinite(n)) fail({ table, line: row.line, column }, `„${v}“ ist keine Zahl.`);
  return n;
}

function dateCell(table: CsvTable, row: CsvTable['rows'][number], column: string): string | null {
  const v = cell(row, column);
  if (v === null) return null;
  const date = v.slice(0, 10);
  if (!isIsoDate(date)) fail({ table, line: row.line, column }, `„${v}“ ist kein gültiges Datum (JJJJ-MM-TT).`);
  return date;
}

function required(table: CsvTable, row: CsvTable['rows'][number], column: string, label: string): string {
  if (columnOf(table, column) === null) throw new ImportError(table.file, null, null, `Die Spalte „${column}“ fehlt.`);
  const v = cell(row, column);
  if (v === null) fail({ table, line: row.line, column }, `${label} fehlt.`);
  return v!;
}

function uniqueIds(table: CsvTable) {
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const id = required(table, row, 'id', 'Die Kennung (id)');
    const earlier = seen.get(id);
    if (earlier !== undefined)
      fail({ table, line: row.line, column: 'id' }, `Die Kennung „${id}“ kommt doppelt vor (schon in Zeile ${earlier}).`);
    seen.set(id, row.line);
  }
}

/** Maps validation field names of a service to HSDS columns, to point errors at the right cell. */
const SERVICE_COLUMNS: Record<string, string> = {
  name: 'name',
  organizationId: 'organization_id',
  description: 'description',
  status: 'status',
  email: 'email',
  url: 'url',
  minimumAge: 'minimum_age',
  maximumAge: 'maximum_age',
  capacity: 'capacity',
  assuredDate: 'assured_date',
};

const SCHEDULE_COLUMNS: Record<string, string> = {
  freq: 'freq',
  interval: 'interval',
  byday: 'byday',
  bymonthday: 'bymonthday',
  dtstart: 'dtstart',
  until: 'until',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  opensAt: 'opens_at',
  closesAt: 'closes_at',
};

function rethrowAt(table: CsvTable, line: number, columns: Record<string, string>, error: unknown): never {
  if (error instanceof DomainError && error.details.fields && typeof error.details.fields === 'object') {
    const [field, message] = Object.entries(error.details.fields as Record<string, string>)[0]!;
    const key = field.split('.').pop()!;
    throw new ImportError(table.file, line, columnOf(table, columns[key] ?? key), message);
  }
  throw error;
}

function scheduleFrom(table: CsvTable, row: CsvTable['rows'][number]): Schedule {
  const list = (column: string) =>
    (cell(row, column) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const freq = cell(row, 'freq')?.toUpperCase() ?? null;
  const byday = list('byday').map((d) => d.toUpperCase().slice(-2));
  const time = (column: string) => {
    const v = cell(row, column);
    if (v !== null && !isTimeOfDay(v)) fail({ table, line: row.line, column }, `„${v}“ ist keine gültige Uhrzeit (SS:MM).`);
    return v === null ? null : v.slice(0, 5);
  };
  const schedule: Schedule = {
    ...emptySchedule(),
    freq: freq as Schedule['freq'],
    interval: intCell(table, row, 'interval'),
    byday: byday as Weekday[],
    bymonthday: list('bymonthday').map((d) => {
      if (!/^\d+$/.test(d)) fail({ table, line: row.line, column: 'bymonthday' }, `„${d}“ ist kein Monatstag.`);
      return Number(d);
    }),
    dtstart: dateCell(table, row, 'dtstart'),
    until: dateCell(table, row, 'until'),
    validFrom: dateCell(table, row, 'valid_from'),
    validTo: dateCell(table, row, 'valid_to'),
    opensAt: time('opens_at'),
    closesAt: time('closes_at'),
    description: cell(row, 'description'),
  };
  const errors = validateSchedule(schedule, 'schedule');
  const first = Object.entries(errors)[0];
  if (first) fail({ table, line: row.line, column: SCHEDULE_COLUMNS[first[0].split('.').pop()!] ?? 'freq' }, first[1]);
  if (byday.some((d) => !WEEKDAYS.includes(d as Weekday)))
    fail({ table, line: row.line, column: 'byday' }, 'Unbekannter Wochentag.');
  return schedule;
}

/** Parses the CSV tables of an HSDS 3 data package (also the older 1.1 names `services_at_location.csv`, `url`). */
export function parseHsdsCsv(files: Map<string, string>, context: ParseContext): ParsedRegister {
  const table = (name: string, ...aliases: string[]): CsvTable | null => {
    for (const n of [name, ...aliases]) {
      const text = files.get(n);
      if (text !== undefined) return readCsvTable(n, text);
    }
    return null;
  };
  const orgTable = table('organizations.csv');
  const serviceTable = table('services.csv');
  if (!orgTable || !serviceTable)
    throw new ImportError('HSDS-Paket', null, null, 'Ein HSDS-Datenpaket braucht mindestens organizations.csv und services.csv.');
  const warnings: string[] = [];

  uniqueIds(orgTable);
  const organizations: Organization[] = orgTable.rows.map((row) => ({
    id: cell(row, 'id')!,
    name: required(orgTable, row, 'name', 'Der Name'),
    alternateName: cell(row, 'alternate_name'),
    description: cell(row, 'description'),
    email: cell(row, 'email'),
    website: cell(row, 'website') ?? cell(row, 'url'),
    legalStatus: cell(row, 'legal_status'),
    // Planwerk's own column (written by its export): the provider is a natural person.
    privatePerson: cell(row, 'private_person') === 'true',
  }));
  const orgIds = new Set(organizations.map((o) => o.id));

  const locTable = table('locations.csv');
  const locations: Location[] = [];
  let withoutCoordinates = 0;
  if (locTable) {
    uniqueIds(locTable);
    for (const row of locTable.rows) {
      let latitude = numberCell(locTable, row, 'latitude');
      let longitude = numberCell(locTable, row, 'longitude');
      const problem = coordinateProblem(latitude, longitude);
      if (problem) {
        warnings.push(
          `${locTable.file}, Zeile ${row.line}: ${problem} Der Standort wird ohne Koordinaten übernommen und ist zum Setzen auf der Karte markiert.`,
        );
        latitude = null;
        longitude = null;
      }
      if (latitude === null) withoutCoordinates++;
      let organizationId = cell(row, 'organization_id');
      if (organizationId !== null && !orgIds.has(organizationId)) {
        warnings.push(
          `${locTable.file}, Zeile ${row.line}: Der Träger „${organizationId}“ ist nicht im Paket; der Standort wird ohne Träger übernommen.`,
        );
        organizationId = null;
      }
      locations.push({
        id: cell(row, 'id')!,
        organizationId,
        name: cell(row, 'name') ?? cell(row, 'id')!,
        description: cell(row, 'description'),
        transportation: cell(row, 'transportation'),
        latitude,
        longitude,
        coordinateSource: latitude === null ? null : 'imported',
        address: null,
        accessibility: [],
      });
    }
  }
  const locById = new Map(locations.map((l) => [l.id, l]));
  const locationRef = (t: CsvTable, row: CsvTable['rows'][number], column = 'location_id') => {
    const id = cell(row, column);
    if (id !== null && !locById.has(id))
      fail({ table: t, line: row.line, column }, `Den Standort „${id}“ gibt es im Paket nicht.`);
    return id === null ? null : locById.get(id)!;
  };
  const addrTable = table('addresses.csv', 'physical_addresses.csv');
  for (const row of addrTable?.rows ?? []) {
    const loc = locationRef(addrTable!, row);
    if (!loc) continue;
    const type = cell(row, 'address_type');
    if (loc.address && type !== 'physical') continue;
    loc.address = {
      address1: [cell(row, 'address_1'), cell(row, 'address_2')].filter(Boolean).join(', '),
      city: cell(row, 'city') ?? '',
      postalCode: cell(row, 'postal_code') ?? '',
      region: cell(row, 'region') ?? cell(row, 'state_province'),
      country: cell(row, 'country') ?? '',
    };
  }
  const accTable = table('accessibility.csv', 'accessibility_for_disabilities.csv');
  for (const row of accTable?.rows ?? []) {
    const loc = locationRef(accTable!, row);
    const description = cell(row, 'description') ?? cell(row, 'accessibility');
    if (loc && description) loc.accessibility.push({ description, details: cell(row, 'details'), url: cell(row, 'url') });
  }

  uniqueIds(serviceTable);
  const services: ServicePackage['services'] = [];
  const serviceLine = new Map<string, number>();
  for (const row of serviceTable.rows) {
    const id = cell(row, 'id')!;
    const organizationId = required(serviceTable, row, 'organization_id', 'Der Träger (organization_id)');
    if (!orgIds.has(organizationId))
      fail(
        { table: serviceTable, line: row.line, column: 'organization_id' },
        `Den Träger „${organizationId}“ gibt es im Paket nicht.`,
      );
    const status = (cell(row, 'status') ?? 'active').toLowerCase();
    if (!SERVICE_STATUSES.includes(status as ServiceStatus))
      fail(
        { table: serviceTable, line: row.line, column: 'status' },
        `Unbekannter Status „${status}“ (erlaubt: active, inactive, temporarily closed, defunct).`,
      );
    serviceLine.set(id, row.line);
    services.push({
      ...emptyDraft(organizationId, required(serviceTable, row, 'name', 'Der Name')),
      id,
      alternateName: cell(row, 'alternate_name'),
      description: cell(row, 'description'),
      url: cell(row, 'url'),
      email: cell(row, 'email'),
      status: status as ServiceStatus,
      eligibilityDescription: cell(row, 'eligibility_description'),
      minimumAge: intCell(serviceTable, row, 'minimum_age'),
      maximumAge: intCell(serviceTable, row, 'maximum_age'),
      capacity: intCell(serviceTable, row, 'capacity'),
      applicationProcess: cell(row, 'application_process'),
      feesDescription: cell(row, 'fees_description') ?? cell(row, 'fees'),
      assuredDate: dateCell(serviceTable, row, 'assured_date'),
      published: (context.publish ?? false) || cell(row, 'published') === 'true',
    });
  }
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const serviceRef = (t: CsvTable, row: CsvTable['rows'][number], column = 'service_id') => {
    const id = cell(row, column);
    if (id !== null && !serviceById.has(id))
      fail({ table: t, line: row.line, column }, `Das Angebot „${id}“ gibt es im Paket nicht.`);
    return id === null ? null : serviceById.get(id)!;
  };

  const linkIds = new Map<string, string>();
  const salService = new Map<string, string>();
  const salTable = table('service_at_location.csv', 'services_at_location.csv', 'service_at_locations.csv');
  if (salTable) {
    uniqueIds(salTable);
    for (const row of salTable.rows) {
      const service = serviceRef(salTable, row);
      const location = locationRef(salTable, row);
      if (!service) fail({ table: salTable, line: row.line, column: 'service_id' }, 'Das Angebot (service_id) fehlt.');
      if (!location) fail({ table: salTable, line: row.line, column: 'location_id' }, 'Der Standort (location_id) fehlt.');
      if (!service!.locationIds.includes(location!.id)) service!.locationIds.push(location!.id);
      linkIds.set(`${service!.id}|${location!.id}`, cell(row, 'id')!);
      salService.set(cell(row, 'id')!, service!.id);
    }
  }
  /** The service a row of a detail table belongs to: service_id, else service_at_location_id. */
  const ownerService = (t: CsvTable, row: CsvTable['rows'][number]) => {
    const direct = serviceRef(t, row);
    if (direct) return direct;
    const sal = cell(row, 'service_at_location_id');
    return sal !== null && salService.has(sal) ? serviceById.get(salService.get(sal)!)! : null;
  };

  const schedTable = table('schedules.csv');
  for (const row of schedTable?.rows ?? []) {
    const service = ownerService(schedTable!, row);
    if (service) service.schedules.push(scheduleFrom(schedTable!, row));
  }
  const phoneTable = table('phones.csv');
  for (const row of phoneTable?.rows ?? []) {
    const service = cell(row, 'contact_id') === null || cell(row, 'service_id') !== null ? ownerService(phoneTable!, row) : null;
    const number = cell(row, 'number');
    if (service && number)
      service.phones.push({
        number: number.replace(/^"+|"+$/g, ''),
        type: cell(row, 'type'),
        description: cell(row, 'description'),
      });
  }
  const contactTable = table('contacts.csv');
  for (const row of contactTable?.rows ?? []) {
    const service = ownerService(contactTable!, row);
    const name = cell(row, 'name');
    if (service && name)
      service.contacts.push({
        name,
        title: cell(row, 'title'),
        department: cell(row, 'department'),
        email: cell(row, 'email'),
        phones: [],
      });
  }
  const costTable = table('cost_options.csv');
  for (const row of costTable?.rows ?? []) {
    const service = serviceRef(costTable!, row);
    if (service)
      service.costOptions.push({
        option: cell(row, 'option') ?? '',
        amount: numberCell(costTable!, row, 'amount'),
        currency: cell(row, 'currency')?.toUpperCase() ?? null,
        amountDescription: cell(row, 'amount_description'),
      });
  }
  const fundTable = table('funding.csv');
  for (const row of fundTable?.rows ?? []) {
    const service = serviceRef(fundTable!, row);
    const source = cell(row, 'source');
    if (service && source) service.funding.push({ source });
  }
  const langTable = table('languages.csv');
  for (const row of langTable?.rows ?? []) {
    const service = serviceRef(langTable!, row);
    const name = cell(row, 'name');
    if (service && name && !service.languages.some((l) => l.name === name))
      service.languages.push({ name, code: cell(row, 'code'), note: cell(row, 'note') });
  }
  // Taxonomy: terms are linked through attributes; a term counts when its code or id is a key of the tenant's taxonomy.
  const termTable = table('taxonomy_terms.csv');
  const termKeyById = new Map<string, string>();
  for (const row of termTable?.rows ?? []) {
    const key = [cell(row, 'code'), cell(row, 'id')].find((k) => k !== null && context.knownTermKeys.has(k));
    if (key) termKeyById.set(cell(row, 'id')!, key);
  }
  const attrTable = table('attributes.csv');
  let unknownTerms = 0;
  for (const row of attrTable?.rows ?? []) {
    const service = serviceById.get(cell(row, 'link_id') ?? '');
    const key = termKeyById.get(cell(row, 'taxonomy_term_id') ?? '');
    if (service && key) {
      if (!service.termKeys.includes(key)) service.termKeys.push(key);
    } else unknownTerms++;
  }
  if (unknownTerms > 0)
    warnings.push(
      `${unknownTerms} Zuordnung(en) in attributes.csv betreffen kein Angebot des Pakets oder keinen Begriff der Planwerk-Systematik und wurden übergangen.`,
    );

  for (const service of services) {
    try {
      validateServiceDraft(service, context);
    } catch (error) {
      rethrowAt(serviceTable, serviceLine.get(service.id)!, SERVICE_COLUMNS, error);
    }
  }
  return { format: 'hsds-csv', pkg: { organizations, locations, services, linkIds }, warnings, withoutCoordinates };
}

// ---------------------------------------------------------------------------------------------
// JSON (API-shaped documents: a service, an organisation with services, or a list page)

type Json = Record<string, unknown>;
const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null;
const num = (v: unknown): number | null =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Json[]) : []);

/**
 * Parses HSDS JSON: a `service` (with `organization`, `service_at_locations`), an
 * `organization` with `services`, a paginated list (`contents`), or an array of those.
 * Errors name the JSON path of the offending value.
 */
export function parseHsdsJson(fileName: string, text: string, context: ParseContext): ParsedRegister {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ImportError(fileName, null, null, `Kein gültiges JSON (${(error as Error).message}).`);
  }
  const organizations = new Map<string, Organization>();
  const locations = new Map<string, Location>();
  const services: ServicePackage['services'] = [];
  const linkIds = new Map<string, string>();
  const warnings: string[] = [];
  const bad = (where: string, reason: string): never => {
    throw new ImportError(fileName, null, null, `${where}: ${reason}`);
  };

  const addOrganization = (o: Json, where: string): string => {
    const id = str(o.id) ?? bad(where, 'Die Kennung (id) fehlt.');
    if (!organizations.has(id))
      organizations.set(id, {
        id,
        name: str(o.name) ?? bad(where, 'Der Name fehlt.'),
        alternateName: str(o.alternate_name),
        description: str(o.description),
        email: str(o.email),
        website: str(o.website) ?? str(o.url),
        legalStatus: str(o.legal_status),
        privatePerson: o.private_person === true,
      });
    return id;
  };
  const addLocation = (l: Json, where: string, organizationId: string | null): string => {
    const id = str(l.id) ?? bad(where, 'Die Kennung (id) fehlt.');
    if (locations.has(id)) return id;
    let latitude = num(l.latitude);
    let longitude = num(l.longitude);
    const problem = coordinateProblem(latitude, longitude);
    if (problem) {
      warnings.push(
        `${where}: ${problem} Der Standort wird ohne Koordinaten übernommen und ist zum Setzen auf der Karte markiert.`,
      );
      latitude = null;
      longitude = null;
    }
    const address = arr(l.addresses).find((a) => str(a.address_type) !== 'postal') ?? arr(l.addresses)[0];
    locations.set(id, {
      id,
      organizationId:
        str(l.organization_id) && organizations.has(str(l.organization_id)!) ? str(l.organization_id) : organizationId,
      name: str(l.name) ?? id,
      description: str(l.description),
      transportation: str(l.transportation),
      latitude,
      longitude,
      coordinateSource: latitude === null ? null : 'imported',
      address: address
        ? {
            address1: [str(address.address_1), str(address.address_2)].filter(Boolean).join(', '),
            city: str(address.city) ?? '',
            postalCode: str(address.postal_code) ?? '',
            region: str(address.region) ?? str(address.state_province),
            country: str(address.country) ?? '',
          }
        : null,
      accessibility: arr(l.accessibility).flatMap((a) =>
        str(a.description) ? [{ description: str(a.description)!, details: str(a.details), url: str(a.url) }] : [],
      ),
    });
    return id;
  };
  const addService = (s: Json, where: string, organizationId: string | null) => {
    const id = str(s.id) ?? bad(where, 'Die Kennung (id) fehlt.');
    if (services.some((x) => x.id === id)) return;
    const org =
      s.organization && typeof s.organization === 'object'
        ? addOrganization(s.organization as Json, `${where}.organization`)
        : null;
    const orgId = org ?? str(s.organization_id) ?? organizationId ?? bad(where, 'Der Träger (organization_id) fehlt.');
    if (!organizations.has(orgId)) bad(where, `Den Träger „${orgId}“ gibt es in der Datei nicht.`);
    const status = (str(s.status) ?? 'active').toLowerCase();
    if (!SERVICE_STATUSES.includes(status as ServiceStatus)) bad(`${where}.status`, `Unbekannter Status „${status}“.`);
    const service = {
      ...emptyDraft(orgId, str(s.name) ?? bad(where, 'Der Name fehlt.')),
      id,
      alternateName: str(s.alternate_name),
      description: str(s.description),
      url: str(s.url),
      email: str(s.email),
      status: status as ServiceStatus,
      eligibilityDescription: str(s.eligibility_description),
      minimumAge: num(s.minimum_age),
      maximumAge: num(s.maximum_age),
      capacity: num(s.capacity),
      applicationProcess: str(s.application_process),
      feesDescription: str(s.fees_description) ?? str(s.fees),
      assuredDate: str(s.assured_date)?.slice(0, 10) ?? null,
      published: (context.publish ?? false) || s.published === true,
    };
    const schedules = [...arr(s.schedules)];
    arr(s.service_at_locations).forEach((sal, i) => {
      const loc = sal.location && typeof sal.location === 'object' ? (sal.location as Json) : null;
      if (!loc) return;
      const locationId = addLocation(loc, `${where}.service_at_locations[${i}].location`, orgId);
      if (!service.locationIds.includes(locationId)) service.locationIds.push(locationId);
      if (str(sal.id)) linkIds.set(`${id}|${locationId}`, str(sal.id)!);
      schedules.push(...arr(sal.schedules));
    });
    schedules.forEach((sc, i) => {
      const schedule: Schedule = {
        ...emptySchedule(),
        freq: (str(sc.freq)?.toUpperCase() ?? null) as Schedule['freq'],
        interval: num(sc.interval),
        byday: (str(sc.byday) ?? '')
          .split(',')
          .map((d) => d.trim().toUpperCase().slice(-2))
          .filter(Boolean) as Weekday[],
        bymonthday: (str(sc.bymonthday) ?? '')
          .split(',')
          .map((d) => Number(d.trim()))
          .filter((d) => d > 0),
        dtstart: str(sc.dtstart)?.slice(0, 10) ?? null,
        until: str(sc.until)?.slice(0, 10) ?? null,
        validFrom: str(sc.valid_from)?.slice(0, 10) ?? null,
        validTo: str(sc.valid_to)?.slice(0, 10) ?? null,
        opensAt: str(sc.opens_at)?.slice(0, 5) ?? null,
        closesAt: str(sc.closes_at)?.slice(0, 5) ?? null,
        description: str(sc.description),
      };
      const first = Object.entries(validateSchedule(schedule, 'schedule'))[0];
      if (first) bad(`${where}.schedules[${i}]`, first[1]);
      service.schedules.push(schedule);
    });
    for (const p of arr(s.phones))
      if (str(p.number))
        service.phones.push({
          number: str(p.number)!.replace(/^"+|"+$/g, ''),
          type: str(p.type),
          description: str(p.description),
        });
    for (const c of arr(s.contacts))
      if (str(c.name))
        service.contacts.push({
          name: str(c.name)!,
          title: str(c.title),
          department: str(c.department),
          email: str(c.email),
          phones: [],
        });
    for (const c of arr(s.cost_options))
      service.costOptions.push({
        option: str(c.option) ?? '',
        amount: num(c.amount),
        currency: str(c.currency)?.toUpperCase() ?? null,
        amountDescription: str(c.amount_description),
      });
    for (const f of arr(s.funding)) if (str(f.source)) service.funding.push({ source: str(f.source)! });
    for (const l of arr(s.languages))
      if (str(l.name)) service.languages.push({ name: str(l.name)!, code: str(l.code), note: str(l.note) });
    for (const a of arr(s.attributes)) {
      const term = a.taxonomy_term && typeof a.taxonomy_term === 'object' ? (a.taxonomy_term as Json) : {};
      const key = [str(term.code), str(term.id), str(a.taxonomy_term_id)].find(
        (k) => k !== null && context.knownTermKeys.has(k!),
      );
      if (key && !service.termKeys.includes(key)) service.termKeys.push(key);
    }
    try {
      validateServiceDraft(service, context);
    } catch (error) {
      if (error instanceof DomainError) bad(where, error.message);
      throw error;
    }
    services.push(service);
  };
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return bad(where, 'Erwartet wird ein HSDS-Objekt (Angebot, Träger oder Liste).');
    const o = node as Json;
    if (Array.isArray(o.contents)) return visit(o.contents, `${where}.contents`);
    if (Array.isArray(o.services) && !('organization_id' in o)) {
      const orgId = addOrganization(o, where);
      arr(o.services).forEach((s, i) => addService(s, `${where}.services[${i}]`, orgId));
      return;
    }
    addService(o, where, null);
  };
  visit(doc, '$');
  const locationList = [...locations.values()];
  return {
    format: 'hsds-json',
    pkg: { organizations: [...organizations.values()], locations: locationList, services, linkIds },
    warnings,
    withoutCoordinates: locationList.filter((l) => l.latitude === null).length,
  };
}
