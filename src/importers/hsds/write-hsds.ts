import { strToU8, zipSync } from 'fflate';
import type { RegisterExport } from '../../use-cases/services/export-service-register.ts';
import { writeCsv } from './csv-table.ts';

/**
 * Writes the register as HSDS 3 CSV tables (file name → content). Planwerk's own fields that
 * HSDS has no column for travel as extra columns (`capacity`, `published` in services.csv,
 * `private_person` in organizations.csv); taxonomy terms are linked through attributes.csv,
 * as HSDS 3 does. Text cells are safe against spreadsheet formulas (apostrophe prefix, removed
 * again on import).
 */
export function hsdsCsvFiles(data: RegisterExport): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    'organizations.csv',
    writeCsv(
      ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'legal_status', 'private_person'],
      data.organizations.map((o) => [
        o.id,
        o.name,
        o.alternateName,
        o.description,
        o.email,
        o.website,
        o.legalStatus,
        o.privatePerson,
      ]),
    ),
  );
  files.set(
    'locations.csv',
    writeCsv(
      ['id', 'location_type', 'organization_id', 'name', 'description', 'transportation', 'latitude', 'longitude'],
      data.locations.map((l) => [
        l.id,
        'physical',
        l.organizationId,
        l.name,
        l.description,
        l.transportation,
        l.latitude,
        l.longitude,
      ]),
    ),
  );
  files.set(
    'addresses.csv',
    writeCsv(
      ['id', 'location_id', 'address_1', 'city', 'region', 'postal_code', 'country', 'address_type'],
      data.locations
        .filter((l) => l.address)
        .map((l) => [
          `${l.id}:address`,
          l.id,
          l.address!.address1,
          l.address!.city,
          l.address!.region,
          l.address!.postalCode,
          l.address!.country,
          'physical',
        ]),
    ),
  );
  files.set(
    'accessibility.csv',
    writeCsv(
      ['id', 'location_id', 'description', 'details', 'url'],
      data.locations.flatMap((l) =>
        l.accessibility.map((a, i) => [`${l.id}:accessibility:${i + 1}`, l.id, a.description, a.details, a.url]),
      ),
    ),
  );
  files.set(
    'services.csv',
    writeCsv(
      [
        'id',
        'organization_id',
        'name',
        'alternate_name',
        'description',
        'url',
        'email',
        'status',
        'application_process',
        'fees_description',
        'eligibility_description',
        'minimum_age',
        'maximum_age',
        'assured_date',
        'capacity',
        'published',
      ],
      data.services.map((s) => [
        s.id,
        s.organizationId,
        s.name,
        s.alternateName,
        s.description,
        s.url,
        s.email,
        s.archived ? 'defunct' : s.status,
        s.applicationProcess,
        s.feesDescription,
        s.eligibilityDescription,
        s.minimumAge,
        s.maximumAge,
        s.assuredDate,
        s.capacity,
        s.published,
      ]),
    ),
  );
  files.set(
    'service_at_location.csv',
    writeCsv(
      ['id', 'service_id', 'location_id', 'description'],
      data.services.flatMap((s) => s.locationIds.map((l) => [`${s.id}@${l}`, s.id, l, null])),
    ),
  );
  files.set(
    'schedules.csv',
    writeCsv(
      [
        'id',
        'service_id',
        'valid_from',
        'valid_to',
        'dtstart',
        'until',
        'freq',
        'interval',
        'byday',
        'bymonthday',
        'opens_at',
        'closes_at',
        'description',
      ],
      data.services.flatMap((s) =>
        s.schedules.map((x, i) => [
          `${s.id}:schedule:${i + 1}`,
          s.id,
          x.validFrom,
          x.validTo,
          x.dtstart,
          x.until,
          x.freq,
          x.interval,
          x.byday.join(','),
          x.bymonthday.join(','),
          x.opensAt,
          x.closesAt,
          x.description,
        ]),
      ),
    ),
  );
  files.set(
    'phones.csv',
    writeCsv(
      ['id', 'service_id', 'number', 'type', 'description'],
      data.services.flatMap((s) => s.phones.map((p, i) => [`${s.id}:phone:${i + 1}`, s.id, p.number, p.type, p.description])),
    ),
  );
  files.set(
    'contacts.csv',
    writeCsv(
      ['id', 'service_id', 'name', 'title', 'department', 'email'],
      data.services.flatMap((s) =>
        s.contacts.map((c, i) => [`${s.id}:contact:${i + 1}`, s.id, c.name, c.title, c.department, c.email]),
      ),
    ),
  );
  files.set(
    'cost_options.csv',
    writeCsv(
      ['id', 'service_id', 'option', 'currency', 'amount', 'amount_description'],
      data.services.flatMap((s) =>
        s.costOptions.map((c, i) => [`${s.id}:cost:${i + 1}`, s.id, c.option, c.currency, c.amount, c.amountDescription]),
      ),
    ),
  );
  files.set(
    'funding.csv',
    writeCsv(
      ['id', 'service_id', 'source'],
      data.services.flatMap((s) => s.funding.map((f, i) => [`${s.id}:funding:${i + 1}`, s.id, f.source])),
    ),
  );
  files.set(
    'languages.csv',
    writeCsv(
      ['id', 'service_id', 'name', 'code', 'note'],
      data.services.flatMap((s) => s.languages.map((l, i) => [`${s.id}:language:${i + 1}`, s.id, l.name, l.code, l.note])),
    ),
  );
  files.set(
    'taxonomies.csv',
    writeCsv(
      ['id', 'name', 'description', 'uri', 'version'],
      [['planwerk', 'Planwerk-Systematik', 'Lebenslagen, Zielgruppen, Handlungsfelder', null, '1']],
    ),
  );
  files.set(
    'taxonomy_terms.csv',
    writeCsv(
      ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy', 'language', 'taxonomy_id'],
      data.terms.map((t) => [t.key, t.key, t.label, t.description, null, t.vocabulary, 'deu', 'planwerk']),
    ),
  );
  files.set(
    'attributes.csv',
    writeCsv(
      ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value'],
      data.services.flatMap((s) => s.termKeys.map((k) => [`${s.id}:${k}`, s.id, k, 'service', 'service', null])),
    ),
  );
  return files;
}

/** The HSDS CSV tables as one zip archive. */
export function hsdsZip(data: RegisterExport): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of hsdsCsvFiles(data)) entries[name] = strToU8(content);
  return zipSync(entries);
}

/** The register as HSDS JSON: a list of organisations, each with its services and their locations. */
export function hsdsJson(data: RegisterExport): unknown {
  const locationById = new Map(data.locations.map((l) => [l.id, l]));
  return data.organizations.map((o) => ({
    id: o.id,
    name: o.name,
    alternate_name: o.alternateName,
    description: o.description,
    email: o.email,
    website: o.website,
    legal_status: o.legalStatus,
    private_person: o.privatePerson,
    services: data.services
      .filter((s) => s.organizationId === o.id)
      .map((s) => ({
        id: s.id,
        organization_id: o.id,
        name: s.name,
        alternate_name: s.alternateName,
        description: s.description,
        url: s.url,
        email: s.email,
        status: s.archived ? 'defunct' : s.status,
        application_process: s.applicationProcess,
        fees_description: s.feesDescription,
        eligibility_description: s.eligibilityDescription,
        minimum_age: s.minimumAge,
        maximum_age: s.maximumAge,
        assured_date: s.assuredDate,
        capacity: s.capacity,
        published: s.published,
        phones: s.phones,
        contacts: s.contacts,
        schedules: s.schedules.map((x) => ({
          freq: x.freq,
          interval: x.interval,
          byday: x.byday.join(','),
          bymonthday: x.bymonthday.join(','),
          dtstart: x.dtstart,
          until: x.until,
          valid_from: x.validFrom,
          valid_to: x.validTo,
          opens_at: x.opensAt,
          closes_at: x.closesAt,
          description: x.description,
        })),
        cost_options: s.costOptions.map((c) => ({
          option: c.option,
          amount: c.amount,
          currency: c.currency,
          amount_description: c.amountDescription,
        })),
        funding: s.funding,
        languages: s.languages,
        attributes: s.termKeys.map((k) => ({ taxonomy_term_id: k, taxonomy_term: { id: k, code: k } })),
        service_at_locations: s.locationIds.flatMap((id) => {
          const l = locationById.get(id);
          return l
            ? [
                {
                  id: `${s.id}@${id}`,
                  location: {
                    id: l.id,
                    organization_id: l.organizationId,
                    name: l.name,
                    description: l.description,
                    transportation: l.transportation,
                    latitude: l.latitude,
                    longitude: l.longitude,
                    addresses: l.address
                      ? [
                          {
                            address_1: l.address.address1,
                            city: l.address.city,
                            postal_code: l.address.postalCode,
                            region: l.address.region,
                            country: l.address.country,
                            address_type: 'physical',
                          },
                        ]
                      : [],
                    accessibility: l.accessibility,
                  },
                },
              ]
            : [];
        }),
      })),
  }));
}
