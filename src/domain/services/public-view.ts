import type { Address, Location, Organization, Service } from './model.ts';

/**
 * What anonymous visitors see of a service. Named contact persons are never public. For a
 * provider who is a private person (e.g. Kindertagespflege) nothing that reaches the person is
 * public: no e-mail, telephone, web address or street, and the point is coarsened to 0.01°
 * (about 1 km) so that the home address cannot be read off the map.
 */
export interface PublicService {
  id: string;
  name: string;
  alternateName: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  status: Service['status'];
  eligibilityDescription: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  capacity: number | null;
  applicationProcess: string | null;
  feesDescription: string | null;
  assuredDate: string | null;
  termKeys: string[];
  schedules: Service['schedules'];
  phones: Service['phones'];
  costOptions: Service['costOptions'];
  funding: Service['funding'];
  languages: Service['languages'];
  organization: { id: string; name: string; website: string | null; privatePerson: boolean };
  locations: PublicLocation[];
}

/** A location as visitors see it. */
export interface PublicLocation {
  id: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  address: Address | null;
  accessibility: Location['accessibility'];
  transportation: string | null;
}

const coarse = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/** The public view of a service with its organisation and locations (see {@link PublicService}). */
export function publicView(service: Service, organization: Organization, locations: readonly Location[]): PublicService {
  const privatePerson = organization.privatePerson;
  return {
    id: service.id,
    name: service.name,
    alternateName: service.alternateName,
    description: service.description,
    url: privatePerson ? null : service.url,
    email: privatePerson ? null : service.email,
    status: service.status,
    eligibilityDescription: service.eligibilityDescription,
    minimumAge: service.minimumAge,
    maximumAge: service.maximumAge,
    capacity: service.capacity,
    applicationProcess: service.applicationProcess,
    feesDescription: service.feesDescription,
    assuredDate: service.assuredDate,
    termKeys: [...service.termKeys],
    schedules: service.schedules,
    phones: privatePerson ? [] : service.phones,
    costOptions: service.costOptions,
    funding: service.funding,
    languages: service.languages,
    organization: {
      id: organization.id,
      name: organization.name,
      website: privatePerson ? null : organization.website,
      privatePerson,
    },
    locations: locations.map((l) => ({
      id: l.id,
      name: l.name,
      latitude: privatePerson ? coarse(l.latitude) : l.latitude,
      longitude: privatePerson ? coarse(l.longitude) : l.longitude,
      address: l.address && privatePerson ? { ...l.address, address1: '' } : l.address,
      accessibility: l.accessibility,
      transportation: l.transportation,
    })),
  };
}
