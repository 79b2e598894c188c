import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publicShapesCacheFor, publicValuesCacheFor } from '../../db/repositories/data-version.repository.ts';
import { repositories } from '../../db/repositories/index.ts';
import { parseBreakSpec } from '../../domain/classification/breaks.ts';
import { REGION_LEVELS } from '../../domain/regions/region.ts';
import { getPublicRegionShapes } from '../../use-cases/atlas/get-public-region-shapes.ts';
import { getPublicTimeSeries } from '../../use-cases/atlas/get-public-time-series.ts';
import { getPublicValues } from '../../use-cases/atlas/get-public-values.ts';
import { getRegionProfile } from '../../use-cases/atlas/get-region-profile.ts';
import { listPublicAtlases } from '../../use-cases/atlas/list-public-atlases.ts';
import { listPublicIndicators } from '../../use-cases/atlas/list-public-indicators.ts';
import type { AppContext } from '../context.ts';
import {
  FitParam,
  parseFit,
  RegionProfileSchema,
  TimeSeriesQuery,
  TimeSeriesSchema,
  ValuesResultSchema,
  seriesRegions,
} from './atlas.routes.ts';
import { StringEnum, TenantKeyParam, withProblems } from './schemas.ts';

const TenantParams = Type.Object({ tenantKey: TenantKeyParam });

const SourceSchema = Type.Object({
  variable: Type.String(),
  label: Type.String(),
  source: Type.String(),
  licence: Type.String(),
  attribution: Type.String(),
});

const PublicIndicatorSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  polarity: Type.String(),
  lifeDomain: Type.String(),
  description: Type.String(),
  methodNotes: Type.String(),
  inputs: Type.Array(Type.String(), { description: 'Merkmale, aus denen der Indikator berechnet wird' }),
  periods: Type.Array(Type.String(), {
    description: 'Zeiträume (aufsteigend), für die jedes Merkmal des Indikators mindestens einen Wert hat',
  }),
  sources: Type.Array(SourceSchema),
});

const NotModified = Type.Null({ description: 'Nicht geändert (If-None-Match passt zum ETag)' });

/**
 * The entity tag among `etags` that an If-None-Match header names (weak comparison, as RFC 9110
 * asks for GET), `etags[0]` for `*`, else null.
 */
function matchingEtag(header: string | undefined, etags: readonly string[]): string | null {
  if (!header) return null;
  for (const raw of header.split(',')) {
    const tag = raw.trim();
    if (tag === '*') return etags[0]!;
    const found = etags.find((etag) => etag === tag.replace(/^W\//, ''));
    if (found) return found;
  }
  return null;
}

/** Kept bodies smaller than this are sent as they are: compressing them saves less than it costs. */
const COMPRESS_FROM_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** A body kept per cached result: the bytes, their ETag and, once ready, compressed forms. */
interface KeptBody {
  body: string | Buffer;
  etag: string;
  br?: Buffer;
  gzip?: Buffer;
  compressing?: boolean;
}

/** The content codings the request accepts among br and gzip, by the server's preference (q=0 excluded). */
function acceptedCodings(header: string | string[] | undefined): { br: boolean; gzip: boolean } {
  const accepted = { br: false, gzip: false };
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) continue;
    if (name === 'br') accepted.br = true;
    if (name === 'gzip' || name === '*') accepted.gzip = true;
  }
  return accepted;
}

/**
 * Compresses a kept body in the background (libuv's thread pool), once: until both forms are
 * ready the body goes out uncompressed, so that the first answer after a change never waits.
 */
function compressLater(kept: KeptBody, log: FastifyRequest['log']): void {
  if (kept.compressing || typeof kept.body === 'string' || kept.body.length < COMPRESS_FROM_BYTES) return;
  kept.compressing = true;
  const body = kept.body;
  // Brotli quality 5 and gzip level 6: within a few per cent of the best ratio at a fraction of the time.
  Promise.all([
    brotli(body, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: 5,
        [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: 6 }),
  ]).then(
    ([br, gz]) => {
      kept.br = br;
      kept.gzip = gz;
    },
    (error: unknown) => log.warn({ err: error }, 'Komprimieren einer Antwort fehlgeschlagen'),
  );
}

/**
 * Sends a public, cacheable answer: serialised with the route's schema, an ETag from the hash
 * of the body (so it changes whenever the data does), `Cache-Control: public, max-age=60`,
 * and 304 without a body when the client already has it. A body kept in `memo` (one per
 * cached result) is also sent compressed (brotli, else gzip) when the client accepts it and
 * the compressed form is ready; each coding has its own ETag (`"…-br"`, `"…-gz"`), and any of
 * them revalidates the same body.
 */
function sendCacheable(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  type: string,
  memo?: WeakMap<object, KeptBody>,
) {
  let sent = memo?.get(payload as object);
  if (!sent) {
    const body = reply.serialize(payload) as string;
    // A kept body is kept encoded, so that repeated answers skip the UTF-8 encoding too.
    sent = { body: memo ? Buffer.from(body) : body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    memo?.set(payload as object, sent);
  }
  const base = sent.etag;
  const variants = { br: `${base.slice(0, -1)}-br"`, gzip: `${base.slice(0, -1)}-gz"` };
  let body: string | Buffer = sent.body;
  let etag = base;
  let coding: 'br' | 'gzip' | null = null;
  if (memo) {
    compressLater(sent, request.log);
    reply.header('vary', 'Accept-Encoding');
    const accepted = acceptedCodings(request.headers['accept-encoding']);
    if (accepted.br && sent.br) coding = 'br';
    else if (accepted.gzip && sent.gzip) coding = 'gzip';
    if (coding) {
      body = sent[coding]!;
      etag = variants[coding];
    }
  }
  reply.header('cache-control', 'public, max-age=60');
  // A 304 confirms the representation the client holds, so it carries that one's tag.
  const held = matchingEtag(request.headers['if-none-match'], [base, variants.br, variants.gzip]);
  if (held) return reply.header('etag', held).code(304).send();
  reply.header('etag', etag);
  if (coding) reply.header('content-encoding', coding);
  return reply.type(type).send(body);
}

/**
 * The public atlas: published indicators of municipalities for anonymous visitors, always
 * with confidentiality applied; no variables, no unpublished indicators.
 */
export function publicAtlasRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const valueBodies = new WeakMap<object, KeptBody>();
  const shapeBodies = new WeakMap<object, KeptBody>();
  return async (app) => {
    app.get(
      '/api/public/atlas',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Öffentlicher Atlas'],
          summary: 'Gebietskörperschaften mit öffentlichem Atlas (mindestens ein veröffentlichter Indikator)',
          response: withProblems({ 200: Type.Array(Type.Object({ tenantKey: Type.String(), name: Type.String() })) }, [400]),
        },
      },
      async () => listPublicAtlases(repositories(ctx.db)),
    );

    app.get(
      '/api/public/atlas/:tenantKey/indicators',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Öffentlicher Atlas'],
          summary: 'Veröffentlichte Indikatoren einer Gebietskörperschaft mit Zeiträumen und Quellen',
          params: TenantParams,
          response: withProblems({ 200: Type.Array(PublicIndicatorSchema) }, [400, 404]),
        },
      },
      async (request) => listPublicIndicators(repositories(ctx.db), request.params.tenantKey),
    );

    app.get(
      '/api/public/atlas/:tenantKey/values',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Öffentlicher Atlas'],
          summary: 'Werte eines veröffentlichten Indikators für einen Zeitraum und eine Ebene, immer mit Geheimhaltung; mit ETag',
          params: TenantParams,
          querystring: Type.Object({
            indicator: Type.String({ minLength: 1, maxLength: 300, description: 'Schlüssel des Indikators' }),
            period: Type.String({ pattern: '^\\d{4}(-\\d{2}-\\d{2})?$', description: 'JJJJ oder JJJJ-MM-TT' }),
            level: StringEnum(REGION_LEVELS),
            gebietsstand: Type.Optional(
              Type.String({
                pattern: '^\\d{4}-\\d{2}-\\d{2}$',
                description: 'Gebietsstand, auf den Zählgrößen umgerechnet werden',
              }),
            ),
            breaks: Type.Optional(
              Type.String({
                maxLength: 400,
                description: 'Klassenbildung, z. B. quantile:5, equal_interval:4, jenks:5, standard_deviation:5, manual:10;20;30',
              }),
            ),
          }),
          response: withProblems({ 200: ValuesResultSchema, 304: NotModified }, [400, 404, 422]),
        },
      },
      async (request, reply) => {
        const q = request.query;
        const result = await getPublicValues(
          { ...repositories(ctx.db), cache: publicValuesCacheFor(ctx.db) },
          {
            tenantKey: request.params.tenantKey,
            indicatorKey: q.indicator,
            period: q.period,
            level: q.level,
            territoryDate: q.gebietsstand,
            breaks: q.breaks !== undefined ? parseBreakSpec(q.breaks) : undefined,
          },
        );
        // A cached result is the same object on every hit: its body and ETag are computed once.
        return sendCacheable(request, reply, result, 'application/json; charset=utf-8', valueBodies);
      },
    );

    app.get(
      '/api/public/atlas/:tenantKey/time-series',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Öffentlicher Atlas'],
          summary:
            'Zeitreihe eines veröffentlichten Indikators für einige Gebiete und ihren Kreis über alle Zeiträume, auf einem Gebietsstand, immer mit Geheimhaltung; mit ETag',
          params: TenantParams,
          querystring: Type.Object(TimeSeriesQuery),
          response: withProblems({ 200: TimeSeriesSchema, 304: NotModified }, [400, 404, 422]),
        },
      },
      async (request, reply) => {
        const q = request.query;
        const series = await getPublicTimeSeries(repositories(ctx.db), {
          tenantKey: request.params.tenantKey,
          indicatorKey: q.indicator,
          level: q.level,
          regions: seriesRegions(q.regions),
          territoryDate: q.gebietsstand,
        });
        return sendCacheable(request, reply, series, 'application/json; charset=utf-8');
      },
    );

    app.get(
      '/api/public/atlas/:tenantKey/regions/:region/profile',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Öffentlicher Atlas'],
          summary:
            'Steckbrief eines Gebiets: alle veröffentlichten Indikatoren nach Lebenslage mit Wert, Kreiswert, Rang, Median und Entwicklung; mit ETag',
          params: Type.Object({
            tenantKey: TenantKeyParam,
            region: Type.String({
              pattern: '^[A-Za-z0-9_-]{1,40}$',
              description: 'Gebietsschlüssel (Gemeinde, Planungsraum, Kreis)',
            }),
          }),
          response: withProblems({ 200: RegionProfileSchema, 304: NotModified }, [400, 404]),
        },
      },
      async (request, reply) => {
        const profile = await getRegionProfile(repositories(ctx.db), {
          tenantKey: request.params.tenantKey,
          region: request.params.region,
        });
        return sendCacheable(request, reply, profile, 'application/json; charset=utf-8');
      },
    );

    app.get(
      '/api/public/atlas/:tenantKey/regions.geojson',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Öffentlicher Atlas'],
          summary: 'Gebietsgrenzen einer Ebene im öffentlichen Atlas als GeoJSON (WGS84), vereinfacht je Zoomstufe; mit ETag',
          params: TenantParams,
          querystring: Type.Object({
            level: StringEnum(REGION_LEVELS),
            gebietsstand: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
            bbox: Type.Optional(
              Type.String({ pattern: '^-?[\\d.]+,-?[\\d.]+,-?[\\d.]+,-?[\\d.]+$', description: 'minLon,minLat,maxLon,maxLat' }),
            ),
            zoom: Type.Optional(Type.Integer({ minimum: 0, maximum: 22 })),
            fit: FitParam,
          }),
          response: withProblems(
            { 200: Type.Unknown({ description: 'GeoJSON FeatureCollection' }), 304: NotModified },
            [400, 404],
          ),
        },
      },
      async (request, reply) => {
        const bbox = request.query.bbox?.split(',').map(Number) as [number, number, number, number] | undefined;
        const collection = await getPublicRegionShapes(
          { ...repositories(ctx.db), clock: ctx.clock, cache: publicShapesCacheFor(ctx.db) },
          {
            tenantKey: request.params.tenantKey,
            level: request.query.level,
            date: request.query.gebietsstand,
            bbox,
            zoom: request.query.zoom,
            fit: parseFit(request.query.fit),
          },
        );
        return sendCacheable(request, reply, collection, 'application/geo+json; charset=utf-8', shapeBodies);
      },
    );
  };
}
