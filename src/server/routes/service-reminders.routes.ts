import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';

/** Erinnerungen an Anbieter per E-Mail (H5) — placeholder registered by the lead; the feature's routes go here. */
export function serviceReminderRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return (app) => {
    void app;
    void ctx;
    return Promise.resolve();
  };
}
