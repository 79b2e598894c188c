import { CLASS_COUNTS, LEVELS, METHODS, type AtlasLevel, type ClassMethod } from './types.ts';

/** The view of the atlas that the address holds (German parameter names). */
export interface AtlasView {
  tenant: string | null;
  indicator: string | null;
  period: string | null;
  level: AtlasLevel;
  method: ClassMethod;
  classes: number;
  region: string | null;
}

export const DEFAULT_VIEW: AtlasView = {
  tenant: null,
  indicator: null,
  period: null,
  level: 'gemeinde',
  method: 'quantile',
  classes: 5,
  region: null,
};

const PARAMS = {
  tenant: 'kommune',
  indicator: 'indikator',
  period: 'zeitraum',
  level: 'ebene',
  method: 'klassifikation',
  classes: 'klassen',
  region: 'gebiet',
} as const;

const text = (value: string | null, max = 300) => (value && value.length <= max ? value : null);

/** Reads a view from the query string; unknown or malformed values fall back to the defaults. */
export function readView(params: URLSearchParams): AtlasView {
  const level = params.get(PARAMS.level);
  const method = params.get(PARAMS.method);
  const classes = Number(params.get(PARAMS.classes));
  const period = params.get(PARAMS.period);
  return {
    tenant: text(params.get(PARAMS.tenant), 20),
    indicator: text(params.get(PARAMS.indicator)),
    period: period && /^\d{4}(-\d{2}-\d{2})?$/.test(period) ? period : null,
    level: LEVELS.includes(level as AtlasLevel) ? (level as AtlasLevel) : DEFAULT_VIEW.level,
    method: METHODS.includes(method as ClassMethod) ? (method as ClassMethod) : DEFAULT_VIEW.method,
    classes: CLASS_COUNTS.includes(classes) ? classes : DEFAULT_VIEW.classes,
    region: text(params.get(PARAMS.region), 40),
  };
}

/** The query string of a view (stable order; empty values left out). */
export function writeView(view: AtlasView): URLSearchParams {
  const out = new URLSearchParams();
  for (const field of Object.keys(PARAMS) as (keyof AtlasView)[]) {
    const value = view[field];
    if (value !== null && value !== '') out.set(PARAMS[field], String(value));
  }
  return out;
}
