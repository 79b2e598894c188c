import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { repositories } from '../../db/repositories/index.ts';
import type { IndexComponent } from '../../domain/composite-index/composite-index.ts';
import { REGION_LEVELS } from '../../domain/regions/region.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import {
  computeMemberCompositeIndex,
  computePublicCompositeIndex,
  type CompositeIndexRequest,
} from '../../use-cases/atlas/compute-public-composite-index.ts';
import type { AppContext } from '../context.ts';
import { StringEnum, TenantKeyParam, withProblems } from './schemas.ts';

const TenantParams = Type.Object({ tenantKey: TenantKeyParam });
const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Polarity = StringEnum(['higher_is_worse', 'higher_is_better'] as const);
const ComponentSchema = Type.Object({ indicatorKey: Type.String(), weight: Type.Number(), polarity: Polarity });

const Query = Type.Object({
  period: Type.Optional(
    Type.String({
      pattern: '^\\d{4}(-\\d{2}-\\d{2})?$',
      description: 'Endzeitraum (JJJJ oder JJJJ-MM-TT); Standard: der letzte gemeinsame',
    }),
  ),
  level: StringEnum(REGION_LEVELS),
  key: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'gespeicherter Index, dessen Einstellungen gelten' }),
  ),
  components: Type.Optional(
    Type.String({
      maxLength: 4000,
      description:
        'Indikatoren: indikator:gewicht[:worse|better], durch Komma getrennt (worse = hoher Wert ist ungünstig); Standard: der gespeicherte Index',
    }),
  ),
  span: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'Jahre zwischen Anfang und Ende der Dynamik' })),
  floor: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000, description: 'Mindesteinwohnerzahl' })),
});

const ResultSchema = Type.Object({
  tenantKey: Type.String(),
  saved: Nullable(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      components: Type.Array(ComponentSchema),
      spanYears: Type.Integer(),
      populationFloor: Type.Number(),
    }),
  ),
  period: Type.String(),
  startPeriod: Type.String(),
  level: Type.String(),
  spanYears: Type.Integer(),
  populationFloor: Type.Number(),
  components: Type.Array(Type.Object({ ...ComponentSchema.properties, label: Type.String(), unit: Type.String() })),
  periods: Type.Array(Type.String()),
  confidential: Type.Boolean({ description: 'Geheimhaltung auf die Eingangswerte angewandt' }),
  results: Type.Array(
    Type.Object({
      key: Type.String(),
      name: Nullable(Type.String()),
      status: Nullable(Type.Number({ description: 'standardisierter Statusindex (hoch = benachteiligt)' })),
      dynamics: Nullable(Type.Number({ description: 'standardisierter Dynamikindex (hoch = Verschlechterung)' })),
      statusClass: Nullable(StringEnum(['hoch', 'mittel', 'niedrig', 'sehr_niedrig'] as const)),
      dynamicsClass: Nullable(StringEnum(['positiv', 'stabil', 'negativ'] as const)),
      reason: Type.Optional(Type.String()),
      outlier: Type.Boolean(),
    }),
  ),
  notes: Type.Array(Type.String()),
  sensitivity: Type.Array(
    Type.Object({
      indicatorKey: Type.String(),
      variants: Type.Array(
        Type.Object({
          change: StringEnum(['plus50', 'minus50', 'zero'] as const),
          weight: Type.Number(),
          changed: Nullable(Type.Integer({ description: 'Gebiete mit anderer Status- oder Dynamikklasse' })),
          keys: Type.Array(Type.String()),
        }),
      ),
    }),
  ),
});

/** Parses `indikator:gewicht[:worse|better]`, comma-separated (German 422 for anything else). */
export function parseComponents(text: string): CompositeIndexRequest['components'] {
  const out: NonNullable<CompositeIndexRequest['components']>[number][] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([^:]+):([0-9]+(?:\.[0-9]+)?)(?::(worse|better))?$/.exec(part);
    if (!m)
      throw new InvalidError(
        `„${part}“ ist keine Angabe eines Indikators (erwartet: indikator:gewicht oder indikator:gewicht:worse|better).`,
        'invalid-index-components',
      );
    const polarity: IndexComponent['polarity'] | undefined =
      m[3] === 'worse' ? 'higher_is_worse' : m[3] === 'better' ? 'higher_is_better' : undefined;
    out.push({ indicatorKey: m[1]!, weight: Number(m[2]), polarity });
  }
  return out;
}

function request(tenantKey: string, q: import('typebox').Static<typeof Query>): CompositeIndexRequest {
  return {
    tenantKey,
    level: q.level,
    period: q.period,
    key: q.key,
    components: q.components !== undefined ? parseComponents(q.components) : undefined,
    spanYears: q.span,
    populationFloor: q.floor,
  };
}

const SUMMARY =
  'Sozialindex mit frei gewählten Indikatoren, Gewichten, Dynamikzeitraum und Mindesteinwohnerzahl: Klassen Status × Dynamik und die Empfindlichkeit je Gewicht (+50 %, −50 %, 0)';

/**
 * The composite index with the visitor's own choice of indicators and weights: published
 * indicators with confidentiality for everyone (`/api/public/atlas/…`), every indicator of
 * the municipality for its members (`/api/tenants/…`).
 */
export function publicCompositeIndexRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/public/atlas/:tenantKey/composite-index',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Öffentlicher Atlas'],
          summary: `${SUMMARY}; nur veröffentlichte Indikatoren, immer mit Geheimhaltung`,
          params: TenantParams,
          querystring: Query,
          response: withProblems({ 200: ResultSchema }, [400, 404, 422]),
        },
      },
      async (request_) => computePublicCompositeIndex(repositories(ctx.db), request(request_.params.tenantKey, request_.query)),
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/composite-index/explore',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: `${SUMMARY}; alle Indikatoren der Gebietskörperschaft`,
          params: TenantParams,
          querystring: Query,
          response: withProblems({ 200: ResultSchema }),
        },
      },
      async (request_) =>
        computeMemberCompositeIndex(repositories(ctx.db), request_.actor, request(request_.params.tenantKey, request_.query)),
    );
  };
}
