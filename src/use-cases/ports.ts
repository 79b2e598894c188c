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
