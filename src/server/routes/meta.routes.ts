import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';

/** Public facts the browser UI needs before login (feedback contact, version). */
export function metaRoutes(ctx: AppContext, version: string): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/meta',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Plattform'],
          summary: 'Öffentliche Angaben zur Installation',
          response: { 200: Type.Object({ version: Type.String(), feedbackEmail: Type.String() }) },
        },
      },
      async () => ({ version, feedbackEmail: ctx.config.feedbackEmail }),
    );
  };
}
