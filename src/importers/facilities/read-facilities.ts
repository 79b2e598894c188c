import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ImportError } from '../../domain/observations/import-error.ts';
import { emptyDraft, type Location, type Organization } from '../../domain/services/model.ts';
import { coordinateProblem, validateServiceDraft } from '../../domain/services/validation.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import type { ServicePackage } from '../../use-cases/services/ports.ts';
import { readCsvTable } from '../hsds/csv-table.ts';
import type { ParseContext, ParsedRegister } from '../hsds/read-hsds.ts';

/** A rule on one column: when its value equals `equals` (compared as text, trimmed). */
export interface ColumnRule {
  column: string;
  equals: string;
}

/**
 * How the columns of a facility list become register entries. Column names are those of the
 * file (CSV header or GeoJSON properties). `source` prefixes every id, so that lists from
 * different sources never collide and a re-import of the same list updates its own entries.
 */
export interface FacilityMapping {
  source: string;
  /** Column with a stable id of the facility. */
  id: string;
  /** Column(s) with the name; the first non-empty one is used. */
  name: string | string[];
  /** Column with the provider's name; entries without one belong to `defaultOrganization`. */
  organization?: string;
  defaultOrganization?: string;
  description?: string | string[];
  street?: string;
  houseNumber?: string;
  postalCode?: string;
  city?: string;
  phone?: string;
  email?: string;
  url?: string;
  /** CSV only: coordinate columns (WGS84 degrees, decimal point or comma). */
  latitude?: string;
  longitude?: string;
  capacity?: string;
  /** Term keys for every entry, and extra ones where a rule matches. */
  termKeys?: string[];
  termRules?: (ColumnRule & { termKeys: string[] })[];
  minimumAge?: number;
  maximumAge?: number;
  /** Entries whose provider is a natural person (their contact data is never public). */
  privatePerson?: ColumnRule;
  /** Entries that are accessible (barrierefrei). */
  accessible?: ColumnRule;
}

interface Record_ {
  /** Where the record is, for messages: line (CSV) or feature number (GeoJSON). */
  line: number | null;
  where: string;
  values: Record<string, unknown>;
  point: [number, number] | null;
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const t = String(v).trim().replace(/\s+/g, ' ');
  return t === '' ? null : t;
};

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/** Reads CSV or GeoJSON facility records with the position of each (line or feature number). */
function readRecords(fileName: string, content: string, mapping: FacilityMapping): { records: Record_[]; columns: Set<string> } {
  const trimmed = content.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) {
    let doc: { type?: string; features?: unknown[] };
    try {
      doc = JSON.parse(trimmed) as typeof doc;
    } catch (error) {
      throw new ImportError(fileName, null, null, `Kein gültiges GeoJSON (${(error as Error).message}).`);
    }
    if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features))
      throw new ImportError(fileName, null, null, 'Erwartet wird eine GeoJSON-FeatureCollection mit Punkten.');
    const columns = new Set<string>();
    const records = doc.features.map((f, i) => {
      const feature = f as {
        properties?: Record<string, unknown> | null;
        geometry?: { type?: string; coordinates?: unknown } | null;
      };
      const values = feature.properties ?? {};
      for (const k of Object.keys(values)) columns.add(k);
      const where = `Objekt ${i + 1}`;
      let point: [number, number] | null = null;
      if (feature.geometry) {
        const c = feature.geometry.coordinates;
        if (feature.geometry.type !== 'Point' || !Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number')
          throw new ImportError(
            fileName,
            null,
            null,
            `${where}: Die Geometrie ist kein Punkt (${String(feature.geometry.type)}).`,
          );
        point = [c[0], c[1]];
      }
      return { line: null, where, values, point };
    });
    return { records, columns };
  }
  const sample = trimmed.split('\n', 1)[0] ?? '';
  const delimiter = (sample.match(/;/g)?.length ?? 0) > (sample.match(/,/g)?.length ?? 0) ? ';' : ',';
  const table = readCsvTable(fileName, trimmed, delimiter);
  const records = table.rows.map((row) => {
    const lat = mapping.latitude ? text(row.values[mapping.latitude]) : null;
    const lon = mapping.longitude ? text(row.values[mapping.longitude]) : null;
    const parse = (v: string | null, column: string) => {
      if (v === null) return null;
      const n = Number(v.replace(',', '.'));
      if (!Number.isFinite(n))
        throw new ImportError(fileName, row.line, table.header.indexOf(column) + 1, `„${v}“ ist keine Koordinate.`);
      return n;
    };
    const la = parse(lat, mapping.latitude ?? '');
    const lo = parse(lon, mapping.longitude ?? '');
    return {
      line: row.line,
      where: `Zeile ${row.line}`,
      values: row.values as Record<string, unknown>,
      point: la === null || lo === null ? null : ([lo, la] as [number, number]),
    };
  });
  return { records, columns: new Set(table.header) };
}

/**
 * Turns a facility list (CSV with coordinate columns, or GeoJSON points in WGS84) into a
 * register package by a column mapping: one organisation per provider name, one location and
 * one service per record. Records without (valid) coordinates are flagged. Missing columns,
 * empty names or ids and duplicate ids stop the import with the line (CSV) or object number.
 */
export function readFacilities(
  fileName: string,
  content: string,
  mapping: FacilityMapping,
  context: ParseContext,
): ParsedRegister {
  const { records, columns } = readRecords(fileName, content, mapping);
  const named = [
    mapping.id,
    ...[mapping.name].flat(),
    mapping.organization,
    ...[mapping.description ?? []].flat(),
    mapping.street,
    mapping.houseNumber,
    mapping.postalCode,
    mapping.city,
    mapping.phone,
    mapping.email,
    mapping.url,
    mapping.capacity,
    mapping.privatePerson?.column,
    mapping.accessible?.column,
    ...(mapping.termRules ?? []).map((r) => r.column),
  ];
  for (const c of named)
    if (c !== undefined && records.length > 0 && !columns.has(c))
      throw new ImportError(fileName, null, null, `Die Spalte „${c}“ der Zuordnung gibt es in der Datei nicht.`);
  if (!/^[a-z0-9-]{1,40}$/.test(mapping.source))
    throw new InvalidError(
      'Die Quelle (source) besteht aus 1 bis 40 Kleinbuchstaben, Ziffern oder Bindestrichen.',
      'invalid-mapping',
    );
  const unknownTerms = [...(mapping.termKeys ?? []), ...(mapping.termRules ?? []).flatMap((r) => r.termKeys)].filter(
    (k) => !context.knownTermKeys.has(k),
  );
  if (unknownTerms.length > 0)
    throw new InvalidError(`Unbekannte Begriffe in der Zuordnung: ${unknownTerms.join(', ')}.`, 'invalid-mapping');

  const columnNo = (c: string | undefined) => (c === undefined ? null : [...columns].indexOf(c) + 1 || null);
  const fail = (r: Record_, column: string | undefined, reason: string): never => {
    if (r.line !== null) throw new ImportError(fileName, r.line, columnNo(column), reason);
    throw new ImportError(fileName, null, null, `${r.where}${column ? `, Feld „${column}“` : ''}: ${reason}`);
  };
  const matches = (r: Record_, rule: ColumnRule | undefined) => rule !== undefined && text(r.values[rule.column]) === rule.equals;
  const first = (r: Record_, cols: string | string[] | undefined) =>
    [cols ?? []]
      .flat()
      .map((c) => text(r.values[c]))
      .find((v) => v !== null) ?? null;

  const organizations = new Map<string, Organization>();
  const locations: Location[] = [];
  const services: ServicePackage['services'] = [];
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  let withoutCoordinates = 0;
  for (const r of records) {
    const rawId = text(r.values[mapping.id]) ?? fail(r, mapping.id, 'Die Kennung fehlt.');
    const earlier = seen.get(rawId);
    if (earlier) fail(r, mapping.id, `Die Kennung „${rawId}“ kommt doppelt vor (schon ${earlier}).`);
    seen.set(rawId, r.where);
    const name = first(r, mapping.name) ?? fail(r, [mapping.name].flat()[0], 'Der Name fehlt.');
    const privatePerson = matches(r, mapping.privatePerson);
    const orgName =
      (mapping.organization ? text(r.values[mapping.organization]) : null) ?? mapping.defaultOrganization ?? 'Unbekannter Träger';
    const orgId = `${mapping.source}:org:${slug(orgName) || 'unbekannt'}`;
    if (!organizations.has(orgId))
      organizations.set(orgId, {
        id: orgId,
        name: orgName,
        alternateName: null,
        description: null,
        email: null,
        website: null,
        legalStatus: null,
        privatePerson,
      });
    else if (privatePerson) organizations.get(orgId)!.privatePerson = true;
    let point = r.point;
    if (point) {
      const problem = coordinateProblem(point[1], point[0]);
      if (problem) {
        warnings.push(`${fileName}, ${r.where}: ${problem} Ohne Koordinaten übernommen.`);
        point = null;
      }
    }
    if (!point) withoutCoordinates++;
    const street = [
      text(mapping.street ? r.values[mapping.street] : null),
      text(mapping.houseNumber ? r.values[mapping.houseNumber] : null),
    ]
      .filter(Boolean)
      .join(' ');
    const id = `${mapping.source}:${rawId}`;
    const location: Location = {
      id: `${id}:loc`,
      organizationId: orgId,
      name,
      description: null,
      transportation: null,
      latitude: point ? point[1] : null,
      longitude: point ? point[0] : null,
      coordinateSource: point ? 'imported' : null,
      address:
        street || mapping.postalCode || mapping.city
          ? {
              address1: street,
              city: text(mapping.city ? r.values[mapping.city] : null) ?? '',
              postalCode: text(mapping.postalCode ? r.values[mapping.postalCode] : null) ?? '',
              region: null,
              country: 'DE',
            }
          : null,
      accessibility: matches(r, mapping.accessible) ? [{ description: 'Barrierefrei zugänglich', details: null, url: null }] : [],
    };
    locations.push(location);
    const capacityText = mapping.capacity ? text(r.values[mapping.capacity]) : null;
    const capacity = capacityText === null ? null : Number(capacityText);
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0))
      fail(r, mapping.capacity, `„${capacityText}“ ist keine Platzzahl.`);
    const termKeys = [...(mapping.termKeys ?? [])];
    for (const rule of mapping.termRules ?? [])
      if (matches(r, rule)) for (const k of rule.termKeys) if (!termKeys.includes(k)) termKeys.push(k);
    const phone = mapping.phone ? text(r.values[mapping.phone]) : null;
    // Facility lists are maintained by hand: a malformed web or e-mail address is dropped with a note, not fatal.
    let url = mapping.url ? text(r.values[mapping.url]) : null;
    if (url !== null && !/^https?:\/\//i.test(url)) url = `https://${url}`;
    if (url !== null && !/^https?:\/\/[^\s]+$/i.test(url)) {
      warnings.push(
        `${fileName}, ${r.where}, Feld „${mapping.url}“: „${url}“ ist keine gültige Webadresse und wurde weggelassen.`,
      );
      url = null;
    }
    let email = mapping.email ? text(r.values[mapping.email]) : null;
    if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      warnings.push(
        `${fileName}, ${r.where}, Feld „${mapping.email}“: „${email}“ ist keine gültige E-Mail-Adresse und wurde weggelassen.`,
      );
      email = null;
    }
    const service = {
      ...emptyDraft(orgId, name),
      id,
      description: first(r, mapping.description),
      email,
      url,
      minimumAge: mapping.minimumAge ?? null,
      maximumAge: mapping.maximumAge ?? null,
      capacity,
      termKeys,
      phones: phone ? [{ number: phone, type: 'voice', description: null }] : [],
      locationIds: [location.id],
      published: context.publish ?? false,
    };
    try {
      validateServiceDraft(service, context);
    } catch (error) {
      if (error instanceof InvalidError) {
        const [field, message] = Object.entries((error.details.fields ?? {}) as Record<string, string>)[0] ?? ['', error.message];
        const column = (
          { email: mapping.email, url: mapping.url, name: [mapping.name].flat()[0] } as Record<string, string | undefined>
        )[field];
        fail(r, column, message);
      }
      throw error;
    }
    services.push(service);
  }
  return {
    format: fileName.toLowerCase().endsWith('json') ? 'facilities-geojson' : 'facilities-csv',
    pkg: { organizations: [...organizations.values()], locations, services, linkIds: new Map() },
    warnings,
    withoutCoordinates,
  };
}

/** Reads a facility file from disk (see {@link readFacilities}); also returns its SHA-256 combined with the mapping. */
export function loadFacilities(file: string, mapping: FacilityMapping, context: ParseContext, displayName = path.basename(file)) {
  if (!fs.existsSync(file)) throw new ImportError(displayName, null, null, 'Die Datei gibt es nicht.');
  const content = fs.readFileSync(file, 'utf8');
  const checksum = createHash('sha256').update(content).update(JSON.stringify(mapping)).digest('hex');
  return { parsed: () => readFacilities(displayName, content, mapping, context), checksum };
}
