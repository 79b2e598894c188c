import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** How the isolation matrix calls one tenant-scoped route: body and query string (ids are substituted by the test). */
export interface IsolationRequest {
  body?: unknown;
  query?: string;
  /** Values for route parameters other than the tenant, user, import, upload, code and region ids (e.g. an id belonging to B). */
  params?: Record<string, string>;
}

/** What one feature file in this folder contributes to the tenant isolation matrix. */
export interface IsolationPart {
  /** Tenant-scoped routes ("METHOD url" as registered) and how to call them. */
  REQUESTS?: Record<string, IsolationRequest>;
  /** Routes that are deliberately not tenant-scoped, each with the reason. */
  NOT_TENANT_SCOPED?: Record<string, string>;
}

/**
 * Merges the feature files of this folder (every `*.ts` except this one), so that a feature
 * adds its routes to the matrix in a file of its own; a route named twice is an error.
 */
async function loadParts(): Promise<Required<IsolationPart>> {
  const dir = import.meta.dirname;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .sort();
  const merged: Required<IsolationPart> = { REQUESTS: {}, NOT_TENANT_SCOPED: {} };
  for (const file of files) {
    const part = (await import(pathToFileURL(path.join(dir, file)).href)) as IsolationPart;
    for (const kind of ['REQUESTS', 'NOT_TENANT_SCOPED'] as const) {
      for (const [route, value] of Object.entries(part[kind] ?? {})) {
        if (route in merged.REQUESTS || route in merged.NOT_TENANT_SCOPED)
          throw new Error(`${file}: route ${route} is already listed by another isolation file`);
        (merged[kind] as Record<string, unknown>)[route] = value;
      }
    }
  }
  return merged;
}

export const FEATURE_ISOLATION = await loadParts();
