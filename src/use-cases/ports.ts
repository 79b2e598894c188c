import type { AuditEntry, AuditEntryInput } from '../domain/audit/audit-entry.ts';
import type { Region } from '../domain/regions/region.ts';
import type { Membership } from '../domain/tenancy/policy.ts';
import type { Role } from '../domain/tenancy/roles.ts';
import type { Tenant } from '../domain/tenancy/tenant.ts';

/**
 * The narrow interfaces use cases depend on. Adapters (database repositories, the
 * password hasher, randomness) implement them; each use case names only the ones it needs.
 */

export interface TenantStore {
  get(key: string): Promise<Tenant | undefined>;
  list(): Promise<Tenant[]>;
  insert(tenant: Tenant): Promise<void>;
  count(): Promise<number>;
}

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  createdAt: Date;
}

export interface UserStore {
  findByEmail(email: string): Promise<UserRecord | undefined>;
  findById(id: string): Promise<UserRecord | undefined>;
  insert(user: UserRecord): Promise<void>;
  updatePasswordHash(id: string, passwordHash: string, at: Date): Promise<void>;
}

export interface MemberRecord {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  since: Date;
}

export interface MembershipStore {
  ofUser(userId: string): Promise<Membership[]>;
  ofTenant(tenantKey: string): Promise<MemberRecord[]>;
  get(userId: string, tenantKey: string): Promise<MemberRecord | undefined>;
  upsert(userId: string, tenantKey: string, role: Role, at: Date): Promise<void>;
  remove(userId: string, tenantKey: string): Promise<void>;
  countAdmins(tenantKey: string): Promise<number>;
}

export interface SessionRecord {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
}

export interface SessionStore {
  insert(session: SessionRecord): Promise<void>;
  findByHash(idHash: string): Promise<SessionRecord | undefined>;
  touch(idHash: string, at: Date): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Deletes every session of the user except `keepIdHash`; returns how many were deleted. */
  deleteAllOfUser(userId: string, keepIdHash?: string): Promise<number>;
  deleteExpired(now: Date, idleSince: Date): Promise<number>;
}

export interface LoginFailureStore {
  /** Failure timestamps (ms) since `since`, for the e-mail and for the client address. */
  recent(email: string, address: string, since: Date): Promise<{ email: number[]; address: number[] }>;
  record(email: string, address: string, at: Date): Promise<void>;
  clear(email: string): Promise<void>;
}

export interface AuditLog {
  record(entry: AuditEntryInput, at: Date): Promise<void>;
  /** Newest first; `beforeId` pages backwards. */
  list(tenantKey: string, options: { limit: number; beforeId?: number }): Promise<AuditEntry[]>;
}

export interface RegionStore {
  insertMany(regions: readonly Region[], ownerTenantKey: string | null): Promise<void>;
  setPlanningAreaMembers(planningAreaKey: string, memberKeys: readonly string[]): Promise<void>;
  /** Records territorial successor links (weights = share of the predecessor's counts). */
  addSuccessors(
    links: readonly { predecessorKey: string; successorKey: string; changedOn: string; weight: number }[],
    basis: string,
    ownerTenantKey: string | null,
  ): Promise<void>;
  /** Ends the validity of a region's current version on `date` (exclusive); returns how many rows changed. */
  endValidity(key: string, date: string, ownerTenantKey: string | null): Promise<number>;
  /** Current shapes (valid today, with geometry) of the given keys visible to the tenant. */
  currentShapes(
    keys: readonly string[],
    tenantKey: string,
  ): Promise<{ key: string; level: string; geometry: import('../domain/regions/region.ts').Geometry }[]>;
  /** Stores a planning area of the tenant with its member regions. */
  insertPlanningArea(shape: RegionShape, ownerTenantKey: string, memberKeys: readonly string[]): Promise<void>;
  /** Removes a planning area of the tenant; returns whether it existed. */
  deletePlanningArea(key: string, ownerTenantKey: string): Promise<boolean>;
  /** Regions visible in a tenant: official ones and those the tenant owns. */
  listForTenant(tenantKey: string, level?: Region['level']): Promise<Region[]>;
}

export interface SettingsStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, at: Date): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Cryptographic randomness: url-safe tokens, raw bytes, UUIDs and a one-way token hash. */
export interface Secrets {
  token(bytes?: number): string;
  bytes(n: number): Uint8Array;
  uuid(): string;
  hashToken(token: string): string;
}

/** An import as recorded: file, checksum, who, counts, status. */
export interface ImportRecord {
  id: number;
  scope: string;
  fileName: string;
  checksum: string;
  format: string;
  actorLabel: string;
  status: 'running' | 'completed' | 'failed' | 'rolled_back';
  counts: ImportCounts | null;
  progress: { done: number; total: number | null } | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** What an import changed. */
export interface ImportCounts {
  variables: number;
  regions: number;
  observations: number;
  inserted: number;
  updated: number;
  unchanged: number;
  periods: string[];
}

/** The import journal; writes here are outside the data transaction so progress is visible. */
export interface ImportJournal {
  findCompleted(scope: string, checksum: string): Promise<ImportRecord | undefined>;
  start(input: {
    scope: string;
    fileName: string;
    checksum: string;
    format: string;
    actorUserId: string | null;
    actorLabel: string;
    at: Date;
  }): Promise<number>;
  progress(id: number, done: number, total: number | null): Promise<void>;
  finish(
    id: number,
    status: 'completed' | 'failed' | 'rolled_back',
    at: Date,
    counts: ImportCounts | null,
    error: string | null,
  ): Promise<void>;
  get(id: number): Promise<ImportRecord | undefined>;
  list(scope: string): Promise<ImportRecord[]>;
}

/** Stored variable metadata and observations, per scope (tenant key or `shared`). */
export interface ObservationStore {
  upsertVariables(
    scope: string,
    variables: readonly import('../domain/observations/observation.ts').VariableDefinition[],
    importId: number,
  ): Promise<void>;
  /**
   * Starts writing the observations of one import (inside its transaction; takes the scope's
   * lock, so that imports and rollbacks of one scope run one after the other).
   */
  openImport(scope: string, importId: number): Promise<ObservationImportWriter>;
  /** Inserts or updates a batch; values it replaces are kept for rollback. Unchanged rows are not touched. */
  applyBatch(
    scope: string,
    importId: number,
    batch: readonly import('../domain/observations/observation.ts').ParsedObservation[],
  ): Promise<{ inserted: number; updated: number }>;
  /** Import ids that replaced values written by `importId` (they must be rolled back first). */
  supersedingImports(scope: string, importId: number): Promise<number[]>;
  rollback(scope: string, importId: number): Promise<{ deleted: number; restored: number }>;
}

/**
 * Writes the observations of one import. Batches must be free of duplicate (variable, region,
 * period) entries across the whole import (the caller checks that).
 */
export interface ObservationImportWriter {
  /**
   * Writes a batch; batches are written in the order of the calls. The caller may hand over the
   * next batch before the previous one settled (so that the database never waits for it) and
   * keeps the number of unsettled writes small; the batch must not change until it settled.
   */
  write(batch: readonly import('../domain/observations/observation.ts').ParsedObservation[]): Promise<void>;
  /**
   * Completes the import: values it replaces are kept for rollback, unchanged rows are not
   * touched. Returns how many observations were inserted and how many changed.
   */
  finish(): Promise<{ inserted: number; updated: number }>;
  /** Stops writing after a failure, before the transaction is rolled back (waits for unsettled writes). */
  abort(): Promise<void>;
}

/** Regions named in imported tables or geometry files. */
export interface RegionImportStore {
  /** Adds regions that do not exist yet (official keys, shared scope when `owner` is null); returns how many were new. */
  addMissing(
    regions: readonly { key: string; name: string; level: import('../domain/regions/region.ts').RegionLevel }[],
    owner: string | null,
    importId: number,
  ): Promise<number>;
  /**
   * Inserts regions with shape and measures, or updates the shape of an existing region with
   * the same key and start of validity (keeping the old shape for rollback).
   */
  upsertShapes(
    regions: readonly RegionShape[],
    owner: string | null,
    importId: number,
  ): Promise<{ inserted: number; updated: number }>;
  /** Removes regions the import added and restores shapes it replaced. */
  deleteImported(importId: number): Promise<number>;
}

/** A region with its geometry (WGS84) and measures, as produced by a geometry import. */
export interface RegionShape {
  key: string;
  name: string;
  level: import('../domain/regions/region.ts').RegionLevel;
  parentKey: string | null;
  validFrom: string;
  geometry: import('../domain/regions/region.ts').Geometry;
  areaKm2: number;
  centroid: [number, number];
  repaired: boolean;
  /** Simplified geometries per zoom level (`{ "6": geometry, … }`). */
  simplified: Record<string, unknown>;
}

/** Read side of the atlas: catalogue, regions with measures, values. `scopes` = tenant keys and/or `shared`. */
export interface AtlasQueries {
  variables(
    scopes: readonly string[],
  ): Promise<(import('../domain/observations/observation.ts').VariableDefinition & { scope: string })[]>;
  regions(
    level: import('../domain/regions/region.ts').RegionLevel,
    owners: readonly (string | null)[],
  ): Promise<
    { key: string; name: string; level: string; areaKm2: number | null; centroid: [number, number] | null; repaired: boolean }[]
  >;
  /**
   * Shapes of one level valid on `date` (ISO), visible to the owners, optionally inside a
   * bounding box `[minLon, minLat, maxLon, maxLat]`; `zoom` picks the simplified version.
   */
  shapes(
    level: import('../domain/regions/region.ts').RegionLevel,
    owners: readonly (string | null)[],
    options: { date: string; bbox?: [number, number, number, number] | undefined; zoom?: number | undefined },
  ): Promise<{ key: string; name: string; areaKm2: number | null; geometry: unknown }[]>;
  /** All periods of one variable, for all regions or the given ones. */
  series(
    scopes: readonly string[],
    variableKey: string,
  ): Promise<{ region: string; period: string; value: number | null; flag: string | null }[]>;
  /** Territorial successor links visible in the scopes (official ones and the tenant's own). */
  successors(tenantKey: string | null): Promise<import('../domain/regions/territorial-version.ts').SuccessorLink[]>;
  values(
    scopes: readonly string[],
    variableKey: string,
    period: string,
    level: import('../domain/regions/region.ts').RegionLevel | null,
  ): Promise<{ region: string; name: string | null; value: number | null; flag: string | null }[]>;
  /**
   * All observations of the given variables for one period, on every level, one entry per
   * region with a cell per variable (in the order of `variableKeys`; undefined when absent).
   */
  observations(
    scopes: readonly string[],
    variableKeys: readonly string[],
    period: string,
  ): Promise<{ region: string; cells: ({ value: number | null; flag: string | null } | undefined)[] }[]>;
  /**
   * Regions of one level visible to the owners and valid on `date` (ISO), sorted by key;
   * planning areas are returned regardless of date (a planning construct, not a territorial version).
   */
  regionsOn(
    level: import('../domain/regions/region.ts').RegionLevel,
    owners: readonly (string | null)[],
    date: string,
  ): Promise<{ key: string; name: string }[]>;
  /**
   * The regions of one level valid on `date` with their observations of the given variables for
   * one period, as columns aligned with `keys` (value and flag both null where a region has no
   * observation), plus observed keys of the level's form without a region record (name null);
   * sorted by key.
   */
  levelTable(
    scopes: readonly string[],
    variableKeys: readonly string[],
    period: string,
    level: import('../domain/regions/region.ts').RegionLevel,
    owners: readonly (string | null)[],
    date: string,
  ): Promise<LevelTable>;
  /** Member regions (Gemeinden) of the tenant's planning areas. */
  planningAreaMembers(tenantKey: string): Promise<Map<string, string[]>>;
  /**
   * The periods with at least one observation, per variable (ascending); variables without
   * any observation in the scopes are absent from the map.
   */
  variablePeriods(scopes: readonly string[], variableKeys: readonly string[]): Promise<Map<string, string[]>>;
}

/** An indicator definition as stored for a scope, with whether anonymous visitors may see it. */
export type StoredIndicator = import('../domain/indicators/indicator.ts').Indicator & { scope: string; published: boolean };

/** A stored composite index (Sozialindex): components, population variable and floor, dynamics span. */
export interface CompositeIndexDefinition {
  key: string;
  label: string;
  components: readonly { indicatorKey: string; weight: number; polarity: 'higher_is_worse' | 'higher_is_better' }[];
  /** Variable whose value is compared with the floor. */
  populationVariable: string;
  populationFloor: number;
  /** Years between the start and the end of the dynamics. */
  spanYears: number;
  outlierCap?: number;
}

/** Indicator and composite-index definitions per scope. */
export interface IndicatorStore {
  list(scopes: readonly string[]): Promise<StoredIndicator[]>;
  save(
    scope: string,
    indicator: import('../domain/indicators/indicator.ts').Indicator,
    published: boolean,
    at: Date,
  ): Promise<void>;
  remove(scope: string, key: string): Promise<boolean>;
  compositeIndexes(scopes: readonly string[]): Promise<(CompositeIndexDefinition & { scope: string })[]>;
  saveCompositeIndex(scope: string, definition: CompositeIndexDefinition, at: Date): Promise<void>;
}

/** Regions of a level with one column per variable (see `AtlasQueries.levelTable`). */
export interface LevelTable {
  keys: string[];
  names: (string | null)[];
  columns: { values: (number | null)[]; flags: (string | null)[] }[];
}
