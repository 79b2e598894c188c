import type { ColumnType, Generated } from 'kysely';
import type { GridSchema } from './grid.schema.ts';
import type { SavedViewsSchema } from './saved-views.schema.ts';
import type { ServiceRemindersSchema } from './service-reminders.schema.ts';

/**
 * Kysely table types. Timestamps are `timestamptz` (returned as Date), dates are returned
 * as ISO strings (`YYYY-MM-DD`), bigint columns as numbers (see the type parsers in
 * database.ts), JSON columns as parsed values.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface TenantsTable {
  key: string;
  name: string;
  kind: 'landkreis' | 'kreisfreie_stadt' | 'state';
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  user_id: string;
  tenant_key: string;
  role: 'admin' | 'planner' | 'contributor' | 'viewer';
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  address: string;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_label: string;
  tenant_key: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json<Record<string, unknown> | null> | null;
  after: Json<Record<string, unknown> | null> | null;
}

export interface RegionsTable {
  key: string;
  level: 'bund' | 'land' | 'regierungsbezirk' | 'kreis' | 'gemeindeverband' | 'gemeinde' | 'planning_area';
  name: string;
  parent_key: string | null;
  /** Tenant that owns the region (planning areas, demo data); null = official, visible to all. */
  owner_tenant_key: string | null;
  geometry: Json<unknown> | null;
  valid_from: ColumnType<string, string, string>;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  area_km2: number | null;
  centroid: Json<[number, number] | null> | null;
  repaired: ColumnType<boolean, boolean | undefined, boolean>;
  simplified: Json<unknown> | null;
  import_id: number | null;
}

export interface ImportsTable {
  id: Generated<number>;
  scope: string;
  file_name: string;
  checksum: string;
  format: string;
  actor_user_id: string | null;
  actor_label: string;
  status: 'running' | 'completed' | 'failed' | 'rolled_back';
  progress: Json<unknown> | null;
  counts: Json<unknown> | null;
  error: string | null;
  started_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface VariablesTable {
  scope: string;
  key: string;
  label: string;
  unit: string;
  source: string;
  licence: string;
  attribution: string;
  additive: boolean;
  import_id: number | null;
}

export interface ObservationsTable {
  scope: string;
  variable_key: string;
  region_key: string;
  period: string;
  value: number | null;
  flag: string | null;
  quality: string | null;
  import_id: number;
}

export interface ObservationsSupersededTable extends ObservationsTable {
  superseded_by: number;
}

export interface RegionSuccessorsTable {
  predecessor_key: string;
  successor_key: string;
  changed_on: ColumnType<string, string, string>;
  weight: number;
  weight_basis: string;
  owner_tenant_key: string | null;
}

export interface RegionsSupersededTable {
  key: string;
  valid_from: ColumnType<string, string, string>;
  name: string;
  geometry: Json<unknown> | null;
  area_km2: number | null;
  centroid: Json<[number, number] | null> | null;
  repaired: boolean;
  simplified: Json<unknown> | null;
  import_id: number | null;
  superseded_by: number;
}

export interface PlanningAreaMembersTable {
  planning_area_key: string;
  member_key: string;
}

export interface AppSettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

export interface IndicatorsTable {
  scope: string;
  key: string;
  label: string;
  unit: string;
  formula: Json<Record<string, unknown>>;
  polarity: string;
  life_domain: string;
  description: string;
  method_notes: string;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Timestamp;
}

export interface CompositeIndexesTable {
  scope: string;
  key: string;
  label: string;
  definition: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface ServiceOrganizationsTable {
  tenant_key: string;
  id: string;
  name: string;
  private_person: boolean;
  data: Json<Record<string, unknown>>;
  import_id: number | null;
  updated_at: Timestamp;
}

export interface ServiceLocationsTable {
  tenant_key: string;
  id: string;
  organization_id: string | null;
  name: string;
  latitude: number | null;
  longitude: number | null;
  data: Json<Record<string, unknown>>;
  import_id: number | null;
  updated_at: Timestamp;
}

export interface ServicesTable {
  tenant_key: string;
  id: string;
  organization_id: string;
  name: string;
  status: string;
  published: boolean;
  archived: boolean;
  assured_date: string | null;
  data: Json<Record<string, unknown>>;
  import_id: number | null;
  updated_at: Timestamp;
}

export interface ServiceAtLocationsTable {
  tenant_key: string;
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
  import_id: number | null;
}

export interface ServiceImportSupersededTable {
  import_id: number;
  tenant_key: string;
  entity: string;
  id: string;
  row: Json<Record<string, unknown>>;
}

export interface ServiceChangeRequestsTable {
  id: string;
  tenant_key: string;
  kind: string;
  service_id: string;
  organization_id: string;
  proposed: Json<Record<string, unknown> | null> | null;
  status: string;
  submitted_by: string;
  submitted_at: Timestamp;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  comment: string | null;
}

export interface ServiceTaxonomyOverridesTable {
  tenant_key: string;
  key: string;
  vocabulary: string;
  label: string;
  description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  hidden: boolean;
  updated_at: Timestamp;
}

export interface ServiceProvidersTable {
  tenant_key: string;
  user_id: string;
  organization_id: string;
  created_at: Timestamp;
}

export interface DB extends SavedViewsSchema, GridSchema, ServiceRemindersSchema {
  tenants: TenantsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  regions: RegionsTable;
  planning_area_members: PlanningAreaMembersTable;
  app_settings: AppSettingsTable;
  imports: ImportsTable;
  variables: VariablesTable;
  observations: ObservationsTable;
  observations_superseded: ObservationsSupersededTable;
  region_successors: RegionSuccessorsTable;
  regions_superseded: RegionsSupersededTable;
  indicators: IndicatorsTable;
  composite_indexes: CompositeIndexesTable;
  service_organizations: ServiceOrganizationsTable;
  service_locations: ServiceLocationsTable;
  services: ServicesTable;
  service_at_locations: ServiceAtLocationsTable;
  service_import_superseded: ServiceImportSupersededTable;
  service_change_requests: ServiceChangeRequestsTable;
  service_taxonomy_overrides: ServiceTaxonomyOverridesTable;
  service_providers: ServiceProvidersTable;
}
