import type { PublicServiceEntry } from '../../use-cases/services/search-public-services.ts';
import type { TaxonomyTerm } from '../../domain/services/taxonomy.ts';

export type { PublicServiceEntry, TaxonomyTerm };

/** A planning area (Sozialraum) offered as a filter. */
export interface ServiceArea {
  key: string;
  name: string;
}

/** The answer of the public service search: the municipality's planning areas and the matching services. */
export interface ServiceSearchResult {
  areas: ServiceArea[];
  services: PublicServiceEntry[];
}

/** A municipality whose Angebotslandkarte can be shown. */
export interface ServiceTenant {
  tenantKey: string;
  name: string;
}
