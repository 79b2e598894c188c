import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.ts';

/** Abgleich-Ergebnisse als Atlas-Indikatoren speichern (H4) — placeholder registered by the lead; the feature's routes go here. */
export function gapIndicatorRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return (app) => {
    void app;
    void ctx;
    return Promise.resolve();
  };
}
