import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { repositories } from '../../db/repositories/index.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { getImport, listImports } from '../../use-cases/atlas/list-imports.ts';
import { rollBackImport } from '../../use-cases/atlas/roll-back-import.ts';
import type { ImportRecord } from '../../use-cases/ports.ts';
import { importDeps } from '../compose.ts';
import type { AppContext } from '../context.ts';
import { TenantKeyParam, withProblems } from './schemas.ts';

const ImportSchema = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  format: Type.String(),
  checksum: Type.String(),
  actorLabel: Type.String(),
  status: Type.String(),
  progress: Type.Union([Type.Object({ done: Type.Integer(), total: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
  counts: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

function present(r: ImportRecord) {
  return {
    id: r.id,
    fileName: r.fileName,
    format: r.format,
    checksum: r.checksum,
    actorLabel: r.actorLabel,
    status: r.status,
    progress: r.progress,
    counts: r.counts as Record<string, unknown> | null,
    error: r.error,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
  };
}

const Params = Type.Object({ tenantKey: TenantKeyParam });
const ImportParams = Type.Object({ tenantKey: TenantKeyParam, importId: Type.Integer({ minimum: 1 }) });

/** Import history, status with progress, and rollback. */
export function importRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/tenants/:tenantKey/imports',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Import'],
          summary: 'Importverlauf (neueste zuerst)',
          params: Params,
          response: withProblems({ 200: Type.Array(ImportSchema) }),
        },
      },
      async (request) =>
        (await listImports({ journal: repositories(ctx.db).imports }, request.actor, request.params.tenantKey)).map(present),
    );

    app.get(
      '/api/tenants/:tenantKey/imports/:importId',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Import'],
          summary: 'Ein Import mit Fortschritt',
          params: ImportParams,
          response: withProblems({ 200: ImportSchema }),
        },
      },
      async (request) => present(await getImport({ journal: repositories(ctx.db).imports }, request.actor, request.params)),
    );

    app.post(
      '/api/tenants/:tenantKey/imports/:importId/rollback',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Import'],
          summary: 'Import zurücknehmen (Werte werden gelöscht, ersetzte Werte wiederhergestellt)',
          params: ImportParams,
          response: withProblems(
            { 200: Type.Object({ deleted: Type.Integer(), restored: Type.Integer() }) },
            [400, 401, 403, 404, 409],
          ),
        },
      },
      async (request) => {
        // Only imports of this tenant are reachable through its URL.
        const record = await repositories(ctx.db).imports.get(request.params.importId);
        if (!record || record.scope !== request.params.tenantKey) {
          throw new NotFoundError(`Den Import ${request.params.importId} gibt es nicht.`, 'import-not-found');
        }
        return rollBackImport(importDeps(ctx.db, ctx.clock), request.actor, request.params.importId);
      },
    );
  };
}
