import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';

/** Zensus-Gitterzellen als Bevölkerungspunkte (H6) — placeholder registered by the lead; the feature's routes go here. */
export function gridRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return (app) => {
    void app;
    void ctx;
    return Promise.resolve();
  };
}
