import type { TableMapping } from '../domain/observations/generic-table.ts';
import type { ColumnProfile } from '../domain/observations/table-inspection.ts';
import i18n from './i18n/index.ts';
import type { AtlasIndicator, AtlasTenant, AtlasValues, RegionCollection, RegionProfile } from './atlas/types.ts';

export type { ColumnProfile, TableMapping };

/** RFC 9457 problem details as sent by the Planwerk API (German `detail`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  /** Field name → message, for validation problems. */
  errors?: Record<string, string>;
}

/** A failed API call; `problem.detail` is the message to show. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

export type Role = 'admin' | 'planner' | 'contributor' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'planner', 'contributor', 'viewer'];

export interface Membership {
  tenantKey: string;
  tenantName: string;
  tenantKind: string;
  role: Role;
}

export interface SessionInfo {
  authenticated: boolean;
  sessionExpired: boolean;
  csrfToken: string;
  user?: { id: string; email: string; displayName: string; memberships: Membership[] };
  expiresAt?: string;
}

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  since: string;
}

export interface AddMemberResult {
  userId: string;
  email: string;
  role: Role;
  createdAccount: boolean;
  generatedPassword?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export type ImportStatus = 'running' | 'completed' | 'failed' | 'rolled_back';

/** What a completed import changed. */
export interface ImportCounts {
  variables: number;
  regions: number;
  observations: number;
  inserted: number;
  updated: number;
  unchanged: number;
  periods: string[];
}

/** One entry of the import journal. */
export interface ImportRecord {
  id: number;
  fileName: string;
  format: string;
  checksum: string;
  actorLabel: string;
  status: ImportStatus;
  progress: { done: number; total: number | null } | null;
  counts: ImportCounts | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** What the server found in an uploaded table that needs a column mapping. */
export interface TableInspection {
  format: 'csv' | 'xlsx';
  fileName: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  sheets?: { name: string; rowCount: number }[];
  headerRow: number;
  headerRowCount: number;
  dataStartRow: number;
  columns: ColumnProfile[];
  sampleRows: string[][];
  decimalMark: ',' | '.';
  suggestedMapping: TableMapping;
}

export type UploadResult =
  | { status: 'started'; importId: number; format: string }
  | { status: 'needs-mapping'; uploadId: string; format: string; inspection: TableInspection };

export interface ImportStarted {
  status: 'started';
  importId: number;
  format: string;
}

/** Preview of a mapped table: nothing is stored yet. */
export interface ImportPreview {
  variables: { key: string; label: string; unit: string }[];
  regions: number;
  observations: number;
  periods: string[];
  sample: { region: string; variable: string; period: string; value: number | null; flag: string | null }[];
  warnings: string[];
}

export interface Meta {
  version: string;
  feedbackEmail: string;
}

let csrfToken = '';
let sessionExpiredHandler: ((problem: Problem) => void) | null = null;

/** The token sent as X-CSRF-Token on every state-changing request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called whenever the API answers 401 `session-expired`. */
export function onSessionExpired(handler: ((problem: Problem) => void) | null): void {
  sessionExpiredHandler = handler;
}

function fallbackProblem(status: number, detail: string): Problem {
  return { type: 'about:blank', title: detail, status, detail, code: status === 0 ? 'network-error' : 'unexpected-response' };
}

/**
 * Calls the API: JSON in and out, the CSRF header on every method but GET, and problem+json
 * answers turned into an `ApiError`. A 204 answer resolves to `undefined`.
 */
export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(fallbackProblem(0, i18n.t('errors.network')));
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const isJson = type.includes('json');
  const payload: unknown = isJson ? await response.json().catch(() => null) : null;
  return settle<T>(response.status, isJson, payload);
}

/** The payload of a successful answer, or the `ApiError` for a failed one. */
function settle<T>(status: number, isJson: boolean, payload: unknown): T {
  if (status >= 200 && status < 300) {
    if (!isJson) throw new ApiError(fallbackProblem(status, i18n.t('errors.unexpected')));
    return payload as T;
  }
  const problem =
    payload && typeof payload === 'object' && typeof (payload as Problem).detail === 'string'
      ? (payload as Problem)
      : fallbackProblem(status, i18n.t('errors.unexpected'));
  if (problem.status === 401 && problem.code === 'session-expired') sessionExpiredHandler?.(problem);
  throw new ApiError(problem);
}

/** A running upload: its result and a way to cancel it. */
export interface UploadHandle<T> {
  result: Promise<T>;
  abort(): void;
}

/**
 * Sends one file as `multipart/form-data` (field `file`) with the CSRF header. Uses
 * XMLHttpRequest because only it reports upload progress (`onProgress(sent, total)`).
 * Answers are handled like those of {@link request}.
 */
export function uploadFile<T>(path: string, file: File, onProgress: (sent: number, total: number) => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const result = new Promise<T>((resolve, reject) => {
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => reject(new ApiError(fallbackProblem(0, i18n.t('errors.network'))));
    xhr.onabort = () => reject(new ApiError(fallbackProblem(0, i18n.t('errors.aborted'))));
    xhr.onload = () => {
      const isJson = (xhr.getResponseHeader('content-type') ?? '').includes('json');
      let payload: unknown = null;
      if (isJson) {
        try {
          payload = JSON.parse(xhr.responseText) as unknown;
        } catch {
          payload = null;
        }
      }
      try {
        resolve(settle<T>(xhr.status, isJson, payload));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { result, abort: () => xhr.abort() };
}

const tenantPath = (tenantKey: string) => `/api/tenants/${encodeURIComponent(tenantKey)}`;

/** Where atlas data comes from: the public (published, anonymous) or the tenant (members) API. */
export type AtlasAudience = 'public' | 'tenant';

const atlasPath = (audience: AtlasAudience, tenantKey: string) =>
  audience === 'public' ? `/api/public/atlas/${encodeURIComponent(tenantKey)}` : `${tenantPath(tenantKey)}/atlas`;

/** The query of an atlas values read. */
export interface AtlasValuesQuery {
  indicator: string;
  period: string;
  level: string;
  breaks: string;
}

/** The typed API calls the UI uses. */
export const api = {
  session: () => request<SessionInfo>('GET', '/api/session'),
  logIn: (email: string, password: string) =>
    request<{ csrfToken: string; expiresAt: string }>('POST', '/api/session/login', { email, password }),
  logOut: () => request<void>('POST', '/api/session/logout'),
  logOutEverywhere: () => request<{ endedSessions: number }>('POST', '/api/session/logout-all'),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ endedOtherSessions: number }>('POST', '/api/account/password', { currentPassword, newPassword }),
  meta: () => request<Meta>('GET', '/api/meta'),
  members: (tenantKey: string) => request<Member[]>('GET', `${tenantPath(tenantKey)}/members`),
  addMember: (tenantKey: string, input: { email: string; role: Role; displayName?: string }) =>
    request<AddMemberResult>('POST', `${tenantPath(tenantKey)}/members`, input),
  changeRole: (tenantKey: string, userId: string, role: Role) =>
    request<Member>('PATCH', `${tenantPath(tenantKey)}/members/${encodeURIComponent(userId)}`, { role }),
  removeMember: (tenantKey: string, userId: string) =>
    request<void>('DELETE', `${tenantPath(tenantKey)}/members/${encodeURIComponent(userId)}`),
  audit: (tenantKey: string, options: { limit: number; before?: string }) => {
    const query = new URLSearchParams({ limit: String(options.limit) });
    if (options.before !== undefined) query.set('before', options.before);
    return request<AuditEntry[]>('GET', `${tenantPath(tenantKey)}/audit?${query.toString()}`);
  },
  imports: (tenantKey: string) => request<ImportRecord[]>('GET', `${tenantPath(tenantKey)}/imports`),
  importStatus: (tenantKey: string, importId: number) =>
    request<ImportRecord>('GET', `${tenantPath(tenantKey)}/imports/${importId}`),
  uploadImport: (tenantKey: string, file: File, onProgress: (sent: number, total: number) => void) =>
    uploadFile<UploadResult>(`${tenantPath(tenantKey)}/imports`, file, onProgress),
  previewUpload: (tenantKey: string, uploadId: string, mapping: TableMapping) =>
    request<ImportPreview>('POST', `${tenantPath(tenantKey)}/uploads/${encodeURIComponent(uploadId)}/preview`, { mapping }),
  importUpload: (tenantKey: string, uploadId: string, mapping: TableMapping) =>
    request<ImportStarted>('POST', `${tenantPath(tenantKey)}/uploads/${encodeURIComponent(uploadId)}/import`, { mapping }),
  rollBackImport: (tenantKey: string, importId: number) =>
    request<{ deleted: number; restored: number }>('POST', `${tenantPath(tenantKey)}/imports/${importId}/rollback`),
  atlasTenants: () => request<AtlasTenant[]>('GET', '/api/public/atlas'),
  atlasIndicators: (audience: AtlasAudience, tenantKey: string) =>
    request<AtlasIndicator[]>('GET', `${atlasPath(audience, tenantKey)}/indicators`),
  atlasValues: (audience: AtlasAudience, tenantKey: string, query: AtlasValuesQuery) =>
    request<AtlasValues>('GET', `${atlasPath(audience, tenantKey)}/values?${new URLSearchParams({ ...query }).toString()}`),
  regionProfile: (tenantKey: string, region: string) =>
    request<RegionProfile>('GET', `${atlasPath('public', tenantKey)}/regions/${encodeURIComponent(region)}/profile`),
  atlasRegions: (audience: AtlasAudience, tenantKey: string, level: string) =>
    request<RegionCollection>(
      'GET',
      `${atlasPath(audience, tenantKey)}/regions.geojson?${new URLSearchParams({ level }).toString()}`,
    ),
};

/** The message to show for any error thrown by an API call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail;
  return i18n.t('errors.unexpected');
}

/** Field messages of a validation problem (empty when there are none). */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? (error.problem.errors ?? {}) : {};
}
