import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerAuth } from './auth.ts';
import type { AppContext } from './context.ts';
import { problem, sendProblem, toProblem } from './problem.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { metaRoutes } from './routes/meta.routes.ts';
import { ProblemSchema } from './routes/schemas.ts';
import { sessionRoutes } from './routes/session.routes.ts';
import { tenantRoutes } from './routes/tenants.routes.ts';
import { atlasRoutes } from './routes/atlas.routes.ts';
import { publicAtlasRoutes } from './routes/public-atlas.routes.ts';
import { publicCompositeIndexRoutes } from './routes/public-composite-index.routes.ts';
import { importRoutes } from './routes/imports.routes.ts';
import { uploadRoutes } from './routes/uploads.routes.ts';
import { planningAreaRoutes } from './routes/planning-areas.routes.ts';
import { serviceRoutes } from './routes/services.routes.ts';
import { publicServiceRoutes } from './routes/public-services.routes.ts';
import { gapAnalysisRoutes } from './routes/gap-analysis.routes.ts';
import { savedViewRoutes } from './routes/saved-views.routes.ts';
import { gapIndicatorRoutes } from './routes/gap-indicators.routes.ts';
import { serviceReminderRoutes } from './routes/service-reminders.routes.ts';
import { gridRoutes } from './routes/grid.routes.ts';
import { pageHtml } from './web-page.ts';
import multipart from '@fastify/multipart';

/** Everything the tenant isolation test needs to know about a registered route. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: 'public' | 'user' | 'tenant';
}

export interface BuiltApp {
  app: FastifyInstance;
  routes: RegisteredRoute[];
  /** Set during graceful shutdown: /readyz then answers 503. */
  state: { shuttingDown: boolean };
}

/**
 * Logger settings: JSON lines (pino) at the given level; cookies, CSRF tokens and
 * passwords are censored should they ever appear in a logged object.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
      ],
      censor: '[verborgen]',
    },
  };
}

const VERSION = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

/**
 * Builds the HTTP application: security headers, cookies, session and CSRF handling,
 * the API routes with their OpenAPI description, problem+json errors and the browser UI.
 */
export async function buildApp(ctx: AppContext, logger: FastifyServerOptions['logger'] = false): Promise<BuiltApp> {
  const app = Fastify({
    logger,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: ctx.config.bodyLimitBytes,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routes: RegisteredRoute[] = [];
  const state = { shuttingDown: false };
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api/')) return;
    const access = route.config?.access;
    // Forgetting to declare who may call a route is a programming error caught at start-up.
    if (access === undefined) throw new Error(`Route ${String(route.method)} ${url} declares no config.access`);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method, url, access });
    }
  });

  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Planwerk API',
        version: VERSION,
        description:
          'Programmierschnittstelle von Planwerk. Ändernde Anfragen brauchen das Sitzungs-Cookie und den Kopf X-CSRF-Token (aus GET /api/session). Fehler folgen RFC 9457 (application/problem+json).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'planwerk_session' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string | undefined) ?? `def-${i}` },
  });

  // A configured basemap (style, tiles, glyphs, sprites on the style's host) is the only foreign origin the UI may load.
  const basemapOrigin = ctx.config.basemapStyleUrl ? [new URL(ctx.config.basemapStyleUrl).origin] : [];
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...basemapOrigin],
        styleSrc: ["'self'", "'unsafe-inline'"],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", ...basemapOrigin],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.uploadLimitBytes, files: 1, fields: 10 } });
  registerAuth(app, ctx);

  app.setErrorHandler((error, request, reply) => {
    const { problem: p, expected, retryAfter } = toProblem(error);
    if (expected) request.log.info({ code: p.code, status: p.status }, p.detail);
    else request.log.error({ err: error }, 'Unerwarteter Fehler');
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
    return sendProblem(reply, request, p);
  });

  await app.register(healthRoutes(ctx, state));
  await app.register(metaRoutes(ctx, VERSION));
  await app.register(sessionRoutes(ctx));
  await app.register(tenantRoutes(ctx));
  await app.register(atlasRoutes(ctx));
  await app.register(publicAtlasRoutes(ctx));
  await app.register(publicCompositeIndexRoutes(ctx));
  await app.register(importRoutes(ctx));
  await app.register(uploadRoutes(ctx));
  await app.register(planningAreaRoutes(ctx));
  await app.register(serviceRoutes(ctx));
  await app.register(publicServiceRoutes(ctx));
  await app.register(gapAnalysisRoutes(ctx));
  await app.register(savedViewRoutes(ctx));
  await app.register(gapIndicatorRoutes(ctx));
  await app.register(serviceReminderRoutes(ctx));
  await app.register(gridRoutes(ctx));

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const indexFile = path.join(ctx.config.webDir, 'index.html');
  const hasWeb = fs.existsSync(indexFile);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: ctx.config.webDir,
      wildcard: false,
      index: false,
      // The build writes brotli and gzip copies of the assets (scripts/vite/precompress.ts).
      preCompressed: true,
      // Our own Cache-Control only (send's default `max-age=0` would replace the one set here):
      // hashed assets are kept for a year, other files (favicon) are revalidated.
      cacheControl: false,
      setHeaders: (res, filePath) => {
        res.setHeader(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const wantsHtml = request.method === 'GET' && !url.startsWith('/api') && !path.extname(url);
    if (wantsHtml) {
      // Client-side routes (/atlas, /konto, …) all load the single-page application.
      if (hasWeb) {
        return pageHtml(ctx.config.webDir, url).then((html) =>
          reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html),
        );
      }
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Planwerk</title></head><body><main><h1>Planwerk</h1><p>Die Browser-Oberfläche wurde noch nicht gebaut. Bitte <code>npm run build:web</code> ausführen oder Planwerk mit <code>npm start</code> starten.</p></main></body></html>',
        );
    }
    return sendProblem(reply, request, problem(404, 'not-found', `Die Adresse ${url} gibt es nicht.`));
  });

  await app.ready();
  return { app: app as unknown as FastifyInstance, routes, state };
}
