import type { IndexComponentChoice } from './types.ts';

/** Levels the index can be computed on (areas of one municipality). */
export const INDEX_LEVELS = ['gemeinde', 'planning_area'] as const;
export type IndexLevel = (typeof INDEX_LEVELS)[number];

/** The view of the index page that the address holds (German parameter names); null = the saved index's setting. */
export interface IndexView {
  tenant: string | null;
  period: string | null;
  level: IndexLevel;
  components: IndexComponentChoice[] | null;
  /** Years between the start and the end of the dynamics (1–20). */
  span: number | null;
  /** Inhabitants below which a region is not classified. */
  floor: number | null;
  region: string | null;
}

export const DEFAULT_INDEX_VIEW: IndexView = {
  tenant: null,
  period: null,
  level: 'gemeinde',
  components: null,
  span: null,
  floor: null,
  region: null,
};

const PARAMS = {
  tenant: 'kommune',
  period: 'zeitraum',
  level: 'ebene',
  components: 'indikatoren',
  span: 'dynamik',
  floor: 'mindesteinwohner',
  region: 'gebiet',
} as const;

const MAX_COMPONENTS = 20;
const COMPONENT = /^([A-Za-z0-9_.-]{1,100}):(\d{1,6}(?:\.\d{1,6})?):(worse|better)$/;

/** `key:weight:worse|better`, comma-separated: the form of the address and of the API's `components`. */
export function componentsParam(components: readonly IndexComponentChoice[]): string {
  return components
    .map((c) => `${c.indicatorKey}:${String(c.weight)}:${c.polarity === 'higher_is_better' ? 'better' : 'worse'}`)
    .join(',');
}

/** Parses {@link componentsParam}; malformed or repeated entries are dropped, null when nothing valid is left. */
export function parseComponents(text: string | null): IndexComponentChoice[] | null {
  if (!text) return null;
  const out: IndexComponentChoice[] = [];
  for (const part of text.split(',')) {
    const m = COMPONENT.exec(part.trim());
    if (!m || out.some((c) => c.indicatorKey === m[1]) || out.length >= MAX_COMPONENTS) continue;
    out.push({ indicatorKey: m[1]!, weight: Number(m[2]), polarity: m[3] === 'better' ? 'higher_is_better' : 'higher_is_worse' });
  }
  return out.length > 0 ? out : null;
}

const text = (value: string | null, max: number) => (value && value.length <= max ? value : null);

function integer(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\d{1,8}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** Reads the view from the query string; unknown or malformed values fall back to the defaults (null). */
export function readIndexView(params: URLSearchParams): IndexView {
  const period = params.get(PARAMS.period);
  const level = params.get(PARAMS.level);
  return {
    tenant: text(params.get(PARAMS.tenant), 20),
    period: period && /^\d{4}(-\d{2}-\d{2})?$/.test(period) ? period : null,
    level: INDEX_LEVELS.includes(level as IndexLevel) ? (level as IndexLevel) : DEFAULT_INDEX_VIEW.level,
    components: parseComponents(params.get(PARAMS.components)),
    span: integer(params.get(PARAMS.span), 1, 20),
    floor: integer(params.get(PARAMS.floor), 0, 10_000_000),
    region: text(params.get(PARAMS.region), 40),
  };
}

/** The query string of a view (stable order; defaults left out). */
export function writeIndexView(view: IndexView): URLSearchParams {
  const out = new URLSearchParams();
  if (view.tenant) out.set(PARAMS.tenant, view.tenant);
  if (view.period) out.set(PARAMS.period, view.period);
  out.set(PARAMS.level, view.level);
  if (view.components && view.components.length > 0) out.set(PARAMS.components, componentsParam(view.components));
  if (view.span !== null) out.set(PARAMS.span, String(view.span));
  if (view.floor !== null) out.set(PARAMS.floor, String(view.floor));
  if (view.region) out.set(PARAMS.region, view.region);
  return out;
}
