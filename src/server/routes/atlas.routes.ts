import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { inTransaction, repositories } from '../../db/repositories/index.ts';
import { REGION_LEVELS } from '../../domain/regions/region.ts';
import { requireReadTenant } from '../../domain/tenancy/policy.ts';
import { getValues, type ValuesInput } from '../../use-cases/atlas/get-values.ts';
import { computeCompositeIndex } from '../../use-cases/atlas/compute-composite-index.ts';
import { saveIndicator } from '../../use-cases/atlas/define-indicator.ts';
import { listIndicatorsWithPeriods } from '../../use-cases/atlas/indicator-periods.ts';
import { parseBreakSpec } from '../../domain/classification/breaks.ts';
import { inputsOf, LIFE_DOMAINS } from '../../domain/indicators/indicator.ts';
import type { RegionLevel } from '../../domain/regions/region.ts';
import type { StoredIndicator } from '../../use-cases/ports.ts';
import { getTimeSeries } from '../../use-cases/atlas/get-time-series.ts';
import { getIndicatorTimeSeries, MAX_SERIES_REGIONS } from '../../use-cases/atlas/get-public-time-series.ts';
import { getRegionShapes } from '../../use-cases/atlas/get-region-shapes.ts';
import { getRegionProfile } from '../../use-cases/atlas/get-region-profile.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import { csvDocument } from '../present/csv.ts';
import { jsonStatDataset } from '../present/json-stat.ts';
import { listVariables } from '../../use-cases/atlas/list-variables.ts';
import type { AppContext } from '../context.ts';
import { StringEnum, TenantKeyParam, withProblems } from './schemas.ts';

const TenantParams = Type.Object({ tenantKey: TenantKeyParam });

const VariableSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  source: Type.String(),
  licence: Type.String(),
  attribution: Type.String(),
  additive: Type.Boolean(),
  scope: Type.String({ description: '„shared“ für Landesdaten, sonst der Kreisschlüssel' }),
});

const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

const ValueRowSchema = Type.Object({
  region: Type.String(),
  name: Nullable(Type.String()),
  value: Nullable(Type.Number()),
  flag: Nullable(
    Type.String({ description: 'Sonderzeichen der amtlichen Statistik, „missing“ oder „suppressed“ (Geheimhaltung)' }),
  ),
  missing: Type.Optional(Type.String({ description: 'Warum es keinen Wert gibt' })),
  class: Type.Optional(Nullable(Type.Integer({ description: 'Klasse (ab 0), wenn Klassengrenzen angefragt wurden' }))),
  origin: StringEnum(['observed', 'aggregated', 'converted'] as const),
});

const ClassificationSchema = Type.Object({
  method: Type.String(),
  requested: Type.Integer(),
  bounds: Type.Array(Type.Number()),
  classes: Type.Array(Type.Object({ index: Type.Integer(), lower: Type.Number(), upper: Type.Number(), count: Type.Integer() })),
  missing: Type.Integer(),
  notes: Type.Array(Type.String()),
});

export const ValuesResultSchema = Type.Object({
  key: Type.String(),
  kind: StringEnum(['variable', 'indicator'] as const),
  label: Type.String(),
  unit: Type.String(),
  period: Type.String(),
  level: Nullable(Type.String()),
  territoryDate: Type.String({ description: 'Gebietsstand (Stichtag)' }),
  rows: Type.Array(ValueRowSchema),
  classification: Nullable(ClassificationSchema),
  sources: Type.Array(
    Type.Object({
      variable: Type.String(),
      label: Type.String(),
      source: Type.String(),
      licence: Type.String(),
      attribution: Type.String(),
    }),
  ),
  suppressed: Type.Integer({ description: 'Anzahl der wegen Geheimhaltung verborgenen Werte' }),
});

/** Query parameters shared by the values read and the export. */
const ValuesQuery = {
  variable: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'Merkmal (oder indicator)' })),
  indicator: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'Indikator (oder variable)' })),
  period: Type.String({ pattern: '^\\d{4}(-\\d{2}-\\d{2})?$', description: 'JJJJ oder JJJJ-MM-TT' }),
  level: Type.Optional(StringEnum(REGION_LEVELS)),
  gebietsstand: Type.Optional(
    Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Gebietsstand, auf den Zählgrößen umgerechnet werden' }),
  ),
  breaks: Type.Optional(
    Type.String({
      maxLength: 400,
      description: 'Klassenbildung, z. B. quantile:5, equal_interval:4, jenks:5, standard_deviation:5, manual:10;20;30',
    }),
  ),
  geheimhaltung: Type.Optional(
    Type.Boolean({ description: 'Geheimhaltung anwenden (Fallzahlen unter 3 und rückrechenbare Werte sperren)' }),
  ),
};

type ValuesQueryType = {
  variable?: string | undefined;
  indicator?: string | undefined;
  period: string;
  level?: RegionLevel | undefined;
  gebietsstand?: string | undefined;
  breaks?: string | undefined;
  geheimhaltung?: boolean | undefined;
};

/** Validates the query combination and builds the use-case input. */
function valuesInput(tenantKey: string, q: ValuesQueryType): ValuesInput {
  if ((q.variable === undefined) === (q.indicator === undefined))
    throw new InvalidError('Bitte genau eines angeben: variable (Merkmal) oder indicator (Indikator).', 'subject-required');
  return {
    tenantKey,
    subject: q.indicator !== undefined ? { indicatorKey: q.indicator } : { variableKey: q.variable! },
    period: q.period,
    level: q.level ?? null,
    territoryDate: q.gebietsstand,
    breaks: q.breaks !== undefined ? parseBreakSpec(q.breaks) : undefined,
    confidential: q.geheimhaltung ?? false,
  };
}

const SeriesPointSchema = Type.Object({
  period: Type.String(),
  value: Nullable(Type.Number()),
  flag: Nullable(Type.String({ description: '„suppressed“ (Geheimhaltung), „missing“ oder Sonderzeichen' })),
  missing: Type.Optional(Type.String({ description: 'Warum es keinen Wert gibt' })),
});

/** An indicator over all its periods for some regions and their parents (Kreis / kreisfreie Stadt). */
export const TimeSeriesSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  level: Type.String(),
  territoryDate: Nullable(
    Type.String({ description: 'Gebietsstand aller Zeiträume; null: jeder Zeitraum auf seinem eigenen Gebietsstand' }),
  ),
  periods: Type.Array(Type.String()),
  series: Type.Array(
    Type.Object({
      region: Type.String(),
      name: Nullable(Type.String()),
      role: StringEnum(['region', 'parent'] as const),
      parent: Nullable(Type.String({ description: 'Schlüssel der Reihe des Kreises' })),
      points: Type.Array(SeriesPointSchema),
    }),
  ),
  sources: ValuesResultSchema.properties.sources,
  suppressed: Type.Integer({ description: 'Anzahl der wegen Geheimhaltung verborgenen Werte' }),
});

/** Query parameters of the indicator time series (tenant and public API). */
export const TimeSeriesQuery = {
  indicator: Type.String({ minLength: 1, maxLength: 300, description: 'Schlüssel des Indikators' }),
  level: StringEnum(REGION_LEVELS),
  regions: Type.String({
    pattern: '^[A-Za-z0-9_-]{1,40}(,[A-Za-z0-9_-]{1,40})*$',
    maxLength: 41 * MAX_SERIES_REGIONS,
    description: `Gebietsschlüssel, durch Komma getrennt (höchstens ${MAX_SERIES_REGIONS})`,
  }),
  gebietsstand: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'Gebietsstand (Standard: Ende des letzten Zeitraums); ohne Wirkung, wenn ein Merkmal keine Zählgröße ist',
    }),
  ),
};

/** The region keys of a `regions` parameter. */
export function seriesRegions(text: string): string[] {
  return text
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
}

const IndicatorSchema = Type.Object({
  key: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,100}$' }),
  label: Type.String({ minLength: 1, maxLength: 300 }),
  unit: Type.String({ maxLength: 50 }),
  formula: Type.Union([
    Type.Object({
      kind: Type.Literal('ratio'),
      numerator: Type.String({ minLength: 1, maxLength: 300 }),
      denominator: Type.String({ minLength: 1, maxLength: 300 }),
      factor: Type.Optional(Type.Number()),
    }),
    Type.Object({ kind: Type.Literal('expression'), source: Type.String({ minLength: 1, maxLength: 2000 }) }),
  ]),
  polarity: StringEnum(['higher_is_better', 'higher_is_worse', 'neutral'] as const),
  lifeDomain: StringEnum(LIFE_DOMAINS),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  methodNotes: Type.Optional(Type.String({ maxLength: 5000 })),
  published: Type.Optional(Type.Boolean()),
});

const StoredIndicatorSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  formula: Type.Unknown({ description: 'ratio (numerator, denominator, factor) oder expression (source)' }),
  polarity: Type.String(),
  lifeDomain: Type.String(),
  description: Type.String(),
  methodNotes: Type.String(),
  published: Type.Boolean(),
  scope: Type.String(),
  inputs: Type.Array(Type.String()),
});

/** An indicator as the API shows it: the formula as entered, with the variables it reads. */
function presentIndicator(i: StoredIndicator) {
  return {
    key: i.key,
    label: i.label,
    unit: i.unit,
    formula: i.formula.kind === 'ratio' ? { ...i.formula } : { kind: 'expression', source: i.formula.source },
    polarity: i.polarity,
    lifeDomain: i.lifeDomain,
    description: i.description,
    methodNotes: i.methodNotes,
    published: i.published,
    scope: i.scope,
    inputs: inputsOf(i),
  };
}

const NullableNumber = Nullable(Type.Number());

/** A region profile (Steckbrief); `published` on each indicator only in the members' (internal) profile. */
export const RegionProfileSchema = Type.Object({
  region: Type.Object({ key: Type.String(), name: Type.String(), level: StringEnum(REGION_LEVELS) }),
  parent: Type.Union([Type.Object({ key: Type.String(), name: Type.String() }), Type.Null()], {
    description: 'Der Kreis, zu dem eine Gemeinde oder ein Planungsraum gehört',
  }),
  groups: Type.Array(
    Type.Object({
      lifeDomain: Type.String({ description: 'Lebenslage' }),
      indicators: Type.Array(
        Type.Object({
          key: Type.String(),
          label: Type.String(),
          unit: Type.String(),
          polarity: Type.String(),
          period: Type.Union([Type.String(), Type.Null()], { description: 'Letzter Zeitraum mit Wert' }),
          value: NullableNumber,
          flag: Nullable(Type.String()),
          missing: Type.Optional(Type.String({ description: 'Warum es keinen Wert gibt' })),
          parentValue: NullableNumber,
          rank: Type.Union([Type.Integer(), Type.Null()], { description: '1 = höchster Wert unter den Gebieten der Ebene' }),
          of: Type.Integer({ description: 'Gebiete der Ebene mit Wert' }),
          median: NullableNumber,
          trend: Type.Array(Type.Object({ period: Type.String(), value: NullableNumber, flag: Nullable(Type.String()) })),
          published: Type.Optional(Type.Boolean({ description: 'Nur im internen Steckbrief: ob Besucher*innen ihn sehen' })),
        }),
      ),
    }),
  ),
  sources: ValuesResultSchema.properties.sources,
});

/** Query parameter `fit` of the region shapes: the size of the map that will show the whole level. */
export const FitParam = Type.Optional(
  Type.String({
    pattern: '^\\d{1,5}x\\d{1,5}$',
    description:
      'Größe der Karte in CSS-Pixeln (BREITExHÖHE), die die ganze Ebene zeigt: Grenzen vereinfacht für die passende Zoomstufe (ohne zoom)',
  }),
);

/** `fit` as width and height in CSS pixels (at least 1 each), or undefined. */
export function parseFit(fit: string | undefined): { width: number; height: number } | undefined {
  if (fit === undefined) return undefined;
  const [width, height] = fit.split('x').map(Number) as [number, number];
  return { width: Math.max(1, width), height: Math.max(1, height) };
}

/** Atlas data of a tenant: variable catalogue and values (state-level data plus the tenant's own). */
export function atlasRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/tenants/:tenantKey/atlas/variables',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Merkmale mit Einheit, Quelle, Lizenz und Quellenvermerk',
          params: TenantParams,
          response: withProblems({ 200: Type.Array(VariableSchema) }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        return listVariables(repositories(ctx.db), request.actor, request.params.tenantKey);
      },
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/values',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary:
            'Werte eines Merkmals oder Indikators für einen Zeitraum und eine Ebene, wahlweise auf einem Gebietsstand, mit Klassen und Geheimhaltung',
          params: TenantParams,
          querystring: Type.Object(ValuesQuery),
          response: withProblems({ 200: ValuesResultSchema }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        return getValues(repositories(ctx.db), request.actor, valuesInput(request.params.tenantKey, request.query));
      },
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/indicators',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Indikatoren mit Formel, Polarität, Lebenslage und Methodenhinweisen',
          params: TenantParams,
          response: withProblems({
            200: Type.Array(
              Type.Object({
                ...StoredIndicatorSchema.properties,
                periods: Type.Array(Type.String(), {
                  description: 'Zeiträume (aufsteigend), für die jedes Merkmal des Indikators mindestens einen Wert hat',
                }),
              }),
            ),
          }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const list = await listIndicatorsWithPeriods(repositories(ctx.db), request.actor, request.params.tenantKey);
        return list.map((i) => ({ ...presentIndicator(i), periods: i.periods }));
      },
    );

    app.put(
      '/api/tenants/:tenantKey/atlas/indicators/:key',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Indikator anlegen oder ändern (Planung); die Formel wird geprüft, nie als Code ausgeführt',
          params: Type.Object({ tenantKey: TenantKeyParam, key: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,100}$' }) }),
          body: Type.Omit(IndicatorSchema, ['key']),
          response: withProblems({ 200: StoredIndicatorSchema }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const saved = await inTransaction(ctx.db, (r) =>
          saveIndicator({ ...r, clock: ctx.clock }, request.actor, {
            tenantKey: request.params.tenantKey,
            indicator: { ...request.body, key: request.params.key },
          }),
        );
        return presentIndicator({ ...saved, scope: request.params.tenantKey });
      },
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/composite-index',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary:
            'Sozialindex: Status und Dynamik aus gewichteten z-Werten, Klassen Status × Dynamik; mit weights die Empfindlichkeit gegenüber den Gewichten',
          params: TenantParams,
          querystring: Type.Object({
            key: Type.String({ minLength: 1, maxLength: 100 }),
            period: Type.String({ pattern: '^\\d{4}(-\\d{2}-\\d{2})?$' }),
            level: StringEnum(REGION_LEVELS),
            weights: Type.Optional(
              Type.String({ maxLength: 2000, description: 'andere Gewichte: indikator:gewicht, durch Komma getrennt' }),
            ),
          }),
          response: withProblems({
            200: Type.Unknown({ description: 'Ergebnis je Gebiet mit Klassen, Hinweise, Empfindlichkeit' }),
          }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        return computeCompositeIndex(repositories(ctx.db), request.actor, {
          tenantKey: request.params.tenantKey,
          key: request.query.key,
          period: request.query.period,
          level: request.query.level,
          weights: request.query.weights !== undefined ? parseWeights(request.query.weights) : undefined,
        });
      },
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/series',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Zeitreihe eines Merkmals, wahlweise auf einen Gebietsstand umgerechnet (nur Zählgrößen)',
          params: TenantParams,
          querystring: Type.Object({
            variable: Type.String({ minLength: 1, maxLength: 300 }),
            regions: Type.Optional(
              Type.String({ description: 'Gebietsschlüssel, durch Komma getrennt; leer: alle', maxLength: 20000 }),
            ),
            gebietsstand: Type.Optional(
              Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Stichtag des Gebietsstands (JJJJ-MM-TT)' }),
            ),
          }),
          response: withProblems({
            200: Type.Object({
              territoryDate: Type.Union([Type.String(), Type.Null()]),
              points: Type.Array(
                Type.Object({
                  period: Type.String(),
                  region: Type.String(),
                  value: Type.Union([Type.Number(), Type.Null()]),
                  flag: Type.Union([Type.String(), Type.Null()]),
                  missing: Type.Optional(Type.String()),
                }),
              ),
            }),
          }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        return getTimeSeries(repositories(ctx.db), request.actor, {
          tenantKey: request.params.tenantKey,
          variableKey: request.query.variable,
          regions: (request.query.regions ?? '')
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
          territoryDate: request.query.gebietsstand,
        });
      },
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/time-series',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary:
            'Zeitreihe eines Indikators für einige Gebiete und ihren Kreis über alle Zeiträume, auf einem Gebietsstand, wahlweise mit Geheimhaltung',
          params: TenantParams,
          querystring: Type.Object({
            ...TimeSeriesQuery,
            geheimhaltung: Type.Optional(Type.Boolean({ description: 'Geheimhaltung anwenden' })),
          }),
          response: withProblems({ 200: TimeSeriesSchema }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const q = request.query;
        return getIndicatorTimeSeries(repositories(ctx.db), request.actor, {
          tenantKey: request.params.tenantKey,
          indicatorKey: q.indicator,
          level: q.level,
          regions: seriesRegions(q.regions),
          territoryDate: q.gebietsstand,
          confidential: q.geheimhaltung ?? false,
        });
      },
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/regions/:region/profile',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary:
            'Interner Steckbrief eines Gebiets für Mitglieder: alle Indikatoren (nicht veröffentlichte gekennzeichnet) nach Lebenslage, mit Geheimhaltung',
          params: Type.Object({
            tenantKey: TenantKeyParam,
            region: Type.String({
              pattern: '^[A-Za-z0-9_-]{1,40}$',
              description: 'Gebietsschlüssel (Gemeinde, Planungsraum, Kreis)',
            }),
          }),
          response: withProblems({ 200: RegionProfileSchema }),
        },
      },
      async (request) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        return getRegionProfile(repositories(ctx.db), {
          tenantKey: request.params.tenantKey,
          region: request.params.region,
          member: request.actor,
        });
      },
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/regions.geojson',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Gebietsgrenzen einer Ebene als GeoJSON (WGS84), vereinfacht je Zoomstufe, auf einem Gebietsstand',
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
          response: withProblems({ 200: Type.Unknown({ description: 'GeoJSON FeatureCollection' }) }),
        },
      },
      async (request, reply) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const bbox = request.query.bbox?.split(',').map(Number) as [number, number, number, number] | undefined;
        const collection = await getRegionShapes({ ...repositories(ctx.db), clock: ctx.clock }, request.actor, {
          tenantKey: request.params.tenantKey,
          level: request.query.level,
          date: request.query.gebietsstand,
          bbox,
          zoom: request.query.zoom,
          fit: parseFit(request.query.fit),
        });
        return reply.type('application/geo+json; charset=utf-8').send(collection);
      },
    );

    app.get(
      '/api/tenants/:tenantKey/atlas/export',
      {
        config: { access: 'tenant' },
        schema: {
          tags: ['Atlas'],
          summary: 'Werte eines Merkmals als CSV (mit Quelle und Quellenvermerk, sicher gegen Formeln) oder JSON-stat 2.0',
          params: TenantParams,
          querystring: Type.Object({ ...ValuesQuery, format: StringEnum(['csv', 'json-stat'] as const) }),
          response: withProblems({ 200: Type.Unknown() }),
        },
      },
      async (request, reply) => {
        requireReadTenant(request.actor, request.params.tenantKey);
        const result = await getValues(repositories(ctx.db), request.actor, valuesInput(request.params.tenantKey, request.query));
        const rows = result.rows;
        const base = `${result.key.replace(/[^A-Za-z0-9_-]+/g, '_')}_${request.query.period}`;
        const source = result.sources
          .map((x) => x.source)
          .filter((v, k, all) => all.indexOf(v) === k)
          .join('; ');
        const attribution = result.sources
          .map((x) => x.attribution)
          .filter((v, k, all) => all.indexOf(v) === k)
          .join('; ');
        const licence = result.sources
          .map((x) => x.licence)
          .filter((v, k, all) => all.indexOf(v) === k)
          .join('; ');
        if (request.query.format === 'json-stat') {
          return reply
            .type('application/json; charset=utf-8')
            .header('content-disposition', `attachment; filename="${base}.json"`)
            .send(
              jsonStatDataset({
                label: result.label,
                unit: result.unit,
                source,
                licence,
                attribution,
                period: request.query.period,
                rows,
                updated: ctx.clock.now(),
              }),
            );
        }
        const symbols: Record<string, string> = {
          zero: '-',
          unknown_or_secret: '.',
          not_meaningful: 'x',
          unreliable: '/',
          later: '...',
          secret: '.',
          no_value: '',
          suppressed: '.',
          missing: '',
        };
        const document = csvDocument([
          ['Schlüssel', 'Gebiet', `${result.label} (${result.unit})`, 'Zeichen', 'Hinweis'],
          ...rows.map((row) => [
            row.region,
            row.name,
            row.flag === 'zero' ? 0 : row.value,
            row.flag ? (symbols[row.flag] ?? row.flag) : '',
            row.missing ?? '',
          ]),
          [],
          ['Zeitraum', request.query.period],
          ['Gebietsstand', result.territoryDate],
          ['Quelle', source],
          ['Quellenvermerk', attribution],
          ['Lizenz', licence],
          ...(result.suppressed > 0 ? [['Geheimhaltung', `${result.suppressed} Werte gesperrt (.)`]] : []),
        ]);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${base}.csv"`)
          .send(document);
      },
    );
  };
}

/** Parses "a:2,b:0.5" into weights; German error for anything else. */
function parseWeights(text: string): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.lastIndexOf(':');
    const weight = Number(part.slice(at + 1));
    if (at <= 0 || !Number.isFinite(weight) || weight < 0)
      throw new InvalidError(
        `„${part}“ ist keine Gewichtung (erwartet: indikator:gewicht, z. B. demo.sgb2_quote:2).`,
        'invalid-weights',
      );
    weights[part.slice(0, at)] = weight;
  }
  return weights;
}
