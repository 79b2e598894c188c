import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';

/** Public facts the browser UI needs before login (feedback contact, version, optional basemap). */
export function metaRoutes(ctx: AppContext, version: string): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/meta',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Plattform'],
          summary: 'Öffentliche Angaben zur Installation',
          response: {
            200: Type.Object({
              version: Type.String(),
              feedbackEmail: Type.String(),
              basemapStyleUrl: Type.Optional(
                Type.String({ description: 'MapLibre-Stil der zuschaltbaren Hintergrundkarte (fehlt: keine Hintergrundkarte)' }),
              ),
              basemapAttribution: Type.Optional(Type.String({ description: 'Quellenvermerk der Hintergrundkarte' })),
            }),
          },
        },
      },
      async () => ({
        version,
        feedbackEmail: ctx.config.feedbackEmail,
        ...(ctx.config.basemapStyleUrl ? { basemapStyleUrl: ctx.config.basemapStyleUrl } : {}),
        ...(ctx.config.basemapStyleUrl && ctx.config.basemapAttribution
          ? { basemapAttribution: ctx.config.basemapAttribution }
          : {}),
      }),
    );
  };
}
