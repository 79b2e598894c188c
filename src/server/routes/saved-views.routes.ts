import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';

/** Gespeicherte Kartenansichten des Atlas (H1) — placeholder registered by the lead; the feature's routes go here. */
export function savedViewRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return (app) => {
    void app;
    void ctx;
    return Promise.resolve();
  };
}
