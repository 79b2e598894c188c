import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { TableMapping } from '../../domain/observations/generic-table.ts';
import { InvalidError, NotFoundError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../../domain/tenancy/policy.ts';
import { detectFormat } from '../../importers/detect-format.ts';
import { importFile } from '../../importers/import-file.ts';
import { inspectTable, parseTable } from '../../importers/tables/generic-table.ts';
import type { AppContext } from '../context.ts';
import { TenantKeyParam, withProblems } from './schemas.ts';

const UPLOAD_ID = '^[A-Za-z0-9_-]{20,64}$';
/** Uploads waiting for a mapping are removed after this many milliseconds. */
const UPLOAD_TTL_MS = 60 * 60 * 1000;

interface StoredUpload {
  file: string;
  meta: { tenantKey: string; fileName: string; userId: string; storedAt: number };
}

function uploadPaths(dir: string, uploadId: string) {
  return { file: path.join(dir, `${uploadId}.upload`), meta: path.join(dir, `${uploadId}.json`) };
}

/** A stored upload of this tenant and user; other tenants' and users' uploads are not found. */
function findUpload(dir: string, uploadId: string, tenantKey: string, actor: Actor): StoredUpload {
  const paths = uploadPaths(dir, uploadId);
  try {
    const meta = JSON.parse(fs.readFileSync(paths.meta, 'utf8')) as StoredUpload['meta'];
    const mine = actor.kind === 'user' && meta.userId === actor.userId && meta.tenantKey === tenantKey;
    if (mine && Date.now() - meta.storedAt < UPLOAD_TTL_MS && fs.existsSync(paths.file)) return { file: paths.file, meta };
  } catch {
    // Missing or unreadable: treated as not found.
  }
  throw new NotFoundError('Diese hochgeladene Datei gibt es nicht (mehr). Bitte erneut hochladen.', 'upload-not-found');
}

function removeUpload(dir: string, uploadId: string): void {
  const paths = uploadPaths(dir, uploadId);
  fs.rmSync(paths.file, { force: true });
  fs.rmSync(paths.meta, { force: true });
}

function sweepExpired(dir: string): void {
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const full = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > UPLOAD_TTL_MS) fs.rmSync(full, { force: true });
    } catch {
      // Removed concurrently by another process.
    }
  }
}

const StartedSchema = Type.Object({
  status: Type.Literal('started'),
  importId: Type.Integer(),
  format: Type.String(),
});
const NeedsMappingSchema = Type.Object({
  status: Type.Literal('needs-mapping'),
  uploadId: Type.String(),
  format: Type.String(),
  inspection: Type.Unknown({ description: 'Spalten, Beispielzeilen, erkannte Trennzeichen und vorgeschlagene Zuordnung' }),
});
const MappingBody = Type.Object(
  { mapping: Type.Unknown({ description: 'Spaltenzuordnung (TableMapping)' }) },
  { additionalProperties: false },
);
const UploadParams = Type.Object({ tenantKey: TenantKeyParam, uploadId: Type.String({ pattern: UPLOAD_ID }) });

/**
 * Upload of import files: the file is streamed to the upload directory (size-limited), its
 * format detected; generic tables wait for a column mapping (preview, then confirm), every
 * other format is imported at once in the background. The response carries the import id;
 * progress and the result are read from the import journal.
 */
export function uploadRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const dir = ctx.config.uploadDir;

  /** Starts the import in the background and resolves once its journal entry exists. */
  async function start(
    actor: Actor,
    input: { file: string; fileName: string; tenantKey: string; mapping?: TableMapping; cleanup: (succeeded: boolean) => void },
  ) {
    let onStarted: (id: number) => void = () => {};
    const started = new Promise<number>((resolve) => (onStarted = resolve));
    const run = importFile({ db: ctx.db, clock: ctx.clock }, actor, {
      file: input.file,
      fileName: input.fileName,
      tenantKey: input.tenantKey,
      mapping: input.mapping,
      onStarted,
    });
    run.then(
      () => input.cleanup(true),
      () => input.cleanup(false),
    );
    // Failures after the start are recorded in the journal; before it they answer the request.
    run.catch(() => undefined);
    return Promise.race([started, run.then((s) => s.importId)]);
  }

  return async (app) => {
    app.post(
      '/api/tenants/:tenantKey/imports',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Import'],
          summary: 'Datei hochladen und importieren (multipart/form-data, Feld „file“)',
          consumes: ['multipart/form-data'],
          params: Type.Object({ tenantKey: TenantKeyParam }),
          response: withProblems({ 202: StartedSchema, 200: NeedsMappingSchema }, [400, 401, 403, 404, 413, 422]),
        },
      },
      async (request, reply) => {
        const actor = request.actor;
        const { tenantKey } = request.params;
        requireRole(actor, tenantKey, 'planner');
        if (!request.isMultipart())
          throw new InvalidError('Bitte die Datei als multipart/form-data im Feld „file“ senden.', 'not-multipart');
        const part = await request.file({ limits: { fileSize: ctx.config.uploadLimitBytes, files: 1 } });
        if (!part) throw new InvalidError('Es wurde keine Datei übermittelt.', 'no-file');
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        sweepExpired(dir);
        const uploadId = randomBytes(24).toString('base64url');
        const paths = uploadPaths(dir, uploadId);
        const fileName = path.basename(part.filename || 'upload');
        await pipeline(part.file, fs.createWriteStream(paths.file, { mode: 0o600 }));
        if (part.file.truncated) {
          removeUpload(dir, uploadId);
          const mib = Math.round(ctx.config.uploadLimitBytes / 1024 / 1024);
          return reply
            .code(413)
            .type('application/problem+json; charset=utf-8')
            .send({
              type: 'urn:planwerk:problem:upload-too-large',
              title: 'Anfrage zu groß',
              status: 413,
              detail: `${fileName} ist größer als die erlaubten ${mib} MiB.`,
              code: 'upload-too-large',
            });
        }
        const format = await detectFormat(paths.file, fileName);
        if (format === 'csv' || format === 'xlsx') {
          const inspection = await inspectTable(paths.file, { fileName });
          const meta: StoredUpload['meta'] = {
            tenantKey,
            fileName,
            userId: actor.kind === 'user' ? actor.userId : '',
            storedAt: Date.now(),
          };
          fs.writeFileSync(paths.meta, JSON.stringify(meta), { mode: 0o600 });
          return reply.code(200).send({ status: 'needs-mapping' as const, uploadId, format, inspection });
        }
        try {
          const importId = await start(actor, {
            file: paths.file,
            fileName,
            tenantKey,
            cleanup: () => removeUpload(dir, uploadId),
          });
          return reply.code(202).send({ status: 'started' as const, importId, format: format ?? 'unbekannt' });
        } catch (error) {
          removeUpload(dir, uploadId);
          throw error;
        }
      },
    );

    app.post(
      '/api/tenants/:tenantKey/uploads/:uploadId/preview',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Import'],
          summary: 'Vorschau einer Tabelle mit Spaltenzuordnung (nichts wird gespeichert)',
          params: UploadParams,
          body: MappingBody,
          response: withProblems({
            200: Type.Object({
              variables: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), unit: Type.String() })),
              regions: Type.Integer(),
              observations: Type.Integer(),
              periods: Type.Array(Type.String()),
              sample: Type.Array(
                Type.Object({
                  region: Type.String(),
                  variable: Type.String(),
                  period: Type.String(),
                  value: Type.Union([Type.Number(), Type.Null()]),
                  flag: Type.Union([Type.String(), Type.Null()]),
                }),
              ),
              warnings: Type.Array(Type.String()),
            }),
          }),
        },
      },
      async (request) => {
        requireRole(request.actor, request.params.tenantKey, 'planner');
        const upload = findUpload(dir, request.params.uploadId, request.params.tenantKey, request.actor);
        const table = await parseTable(upload.file, request.body.mapping as TableMapping, { fileName: upload.meta.fileName });
        return {
          variables: table.variables.map((v) => ({ key: v.key, label: v.label, unit: v.unit })),
          regions: table.regions.length,
          observations: table.observations.length,
          periods: table.periods,
          sample: table.observations
            .slice(0, 20)
            .map((o) => ({ region: o.regionKey, variable: o.variableKey, period: o.period, value: o.value, flag: o.flag })),
          warnings: table.warnings,
        };
      },
    );

    app.post(
      '/api/tenants/:tenantKey/uploads/:uploadId/import',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Import'],
          summary: 'Tabelle mit der bestätigten Spaltenzuordnung importieren',
          params: UploadParams,
          body: MappingBody,
          response: withProblems({ 202: StartedSchema }),
        },
      },
      async (request, reply) => {
        const actor = request.actor;
        requireRole(actor, request.params.tenantKey, 'planner');
        const upload = findUpload(dir, request.params.uploadId, request.params.tenantKey, actor);
        const importId = await start(actor, {
          file: upload.file,
          fileName: upload.meta.fileName,
          tenantKey: request.params.tenantKey,
          mapping: request.body.mapping as TableMapping,
          // A failed import keeps the upload, so that the mapping can be corrected without uploading again.
          cleanup: (succeeded) => {
            if (succeeded) removeUpload(dir, request.params.uploadId);
          },
        });
        return reply.code(202).send({ status: 'started' as const, importId, format: 'csv' });
      },
    );
  };
}
