import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import type { AppContext } from '../context.ts';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers). */
export function healthRoutes(ctx: AppContext, state: { shuttingDown: boolean }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/healthz',
      { config: { access: 'public' }, schema: { hide: true, response: { 200: Type.Object({ status: Type.String() }) } } },
      async () => ({ status: 'ok' }),
    );
    app.get(
      '/readyz',
      {
        config: { access: 'public' },
        schema: {
          hide: true,
          response: {
            200: Type.Object({ status: Type.String(), database: Type.String() }),
            503: Type.Object({ status: Type.String(), database: Type.String() }),
          },
        },
      },
      async (_request, reply) => {
        if (state.shuttingDown) return reply.code(503).send({ status: 'shutting-down', database: ctx.engine });
        try {
          await sql`select 1`.execute(ctx.db);
          return { status: 'ready', database: ctx.engine };
        } catch {
          return reply.code(503).send({ status: 'database-unavailable', database: ctx.engine });
        }
      },
    );
  };
}
