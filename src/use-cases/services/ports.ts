import type { Location, Organization, Service } from '../../domain/services/model.ts';
import type { ChangeRequest, ChangeStatus } from '../../domain/services/review.ts';
import type { TaxonomyOverride } from '../../domain/services/taxonomy.ts';

/**
 * The ports of the service register use cases (beside the shared ones in ../ports.ts).
 * Every method is scoped to one tenant: nothing of another municipality is ever read or written.
 */

/** Organisations, locations and services of a tenant. */
export interface ServiceRegisterStore {
  getOrganization(tenantKey: string, id: string): Promise<Organization | undefined>;
  listOrganizations(tenantKey: string): Promise<Organization[]>;
  saveOrganization(tenantKey: string, organization: Organization, at: Date): Promise<void>;
  getLocation(tenantKey: string, id: string): Promise<Location | undefined>;
  listLocations(tenantKey: string): Promise<Location[]>;
  saveLocation(tenantKey: string, location: Location, at: Date): Promise<void>;
  getService(tenantKey: string, id: string): Promise<Service | undefined>;
  /** All services, archived ones only when asked. */
  listServices(tenantKey: string, options?: { includeArchived?: boolean }): Promise<Service[]>;
  /** Inserts or replaces a service and its location links. */
  saveService(tenantKey: string, service: Service, at: Date): Promise<void>;
}

/** The review queue. */
export interface ChangeRequestStore {
  get(tenantKey: string, id: string): Promise<ChangeRequest | undefined>;
  list(tenantKey: string, filter: { status?: ChangeStatus; organizationIds?: readonly string[] }): Promise<ChangeRequest[]>;
  save(tenantKey: string, change: ChangeRequest): Promise<void>;
}

/** The municipality's taxonomy overrides. */
export interface TaxonomyStore {
  overrides(tenantKey: string): Promise<TaxonomyOverride[]>;
  save(tenantKey: string, override: TaxonomyOverride, at: Date): Promise<void>;
}

/** Links of provider accounts (role contributor) to the organisations they maintain. */
export interface ProviderLinkStore {
  organizationsOf(tenantKey: string, userId: string): Promise<string[]>;
  link(tenantKey: string, userId: string, organizationId: string, at: Date): Promise<void>;
}

/** A parsed register package (HSDS or facility list) ready to be written by an import. */
export interface ServicePackage {
  organizations: Organization[];
  locations: Location[];
  services: (Omit<Service, 'updatedAt' | 'archived'> & { archived?: boolean })[];
  /** Ids of the service_at_location links, keyed `serviceId|locationId` (generated when absent). */
  linkIds: Map<string, string>;
}

/** What an import of the register changed, per entity. */
export interface ServiceImportCounts {
  organizations: number;
  locations: number;
  services: number;
  links: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Locations without (valid) coordinates, flagged for placing by hand. */
  withoutCoordinates: number;
  warnings: string[];
}

/** Writes and takes back register imports (rows remember the import; replaced rows are kept). */
export interface ServiceImportStore {
  apply(
    tenantKey: string,
    importId: number,
    pkg: ServicePackage,
    at: Date,
  ): Promise<{ inserted: number; updated: number; unchanged: number }>;
  rollback(tenantKey: string, importId: number): Promise<{ deleted: number; restored: number }>;
}

/** A register import as the journal records it. */
export interface ServiceImportRecord {
  id: number;
  tenantKey: string;
  fileName: string;
  checksum: string;
  format: string;
  actorLabel: string;
  status: 'running' | 'completed' | 'failed' | 'rolled_back';
  counts: ServiceImportCounts | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** The journal of register imports (the shared `imports` table, scope `services:<tenant>`). */
export interface ServiceImportJournal {
  findCompleted(tenantKey: string, checksum: string): Promise<ServiceImportRecord | undefined>;
  start(input: {
    tenantKey: string;
    fileName: string;
    checksum: string;
    format: string;
    actorUserId: string | null;
    actorLabel: string;
    at: Date;
  }): Promise<number>;
  finish(
    id: number,
    status: 'completed' | 'failed' | 'rolled_back',
    at: Date,
    counts: ServiceImportCounts | null,
    error: string | null,
  ): Promise<void>;
  get(tenantKey: string, id: number): Promise<ServiceImportRecord | undefined>;
  list(tenantKey: string): Promise<ServiceImportRecord[]>;
}

/** A register file after parsing: the package, notes for the user, locations without coordinates. */
export interface ParsedServicePackage {
  format: string;
  pkg: ServicePackage;
  warnings: string[];
  withoutCoordinates: number;
}
