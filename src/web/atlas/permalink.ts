import { readBoundsParam, writeBoundsParam } from './manual-bounds.ts';
import type { PaletteMode } from './palette.ts';
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
  /** Sequential, or diverging around the value of the whole municipality (`farben=divergierend`). */
  palette?: PaletteMode;
  /** Inner class bounds of the method `manual` (strictly ascending), else null. */
  bounds?: number[] | null;
}

export const DEFAULT_VIEW: AtlasView = {
  tenant: null,
  indicator: null,
  period: null,
  level: 'gemeinde',
  method: 'quantile',
  classes: 5,
  region: null,
  palette: 'sequential',
  bounds: null,
};

const PARAMS = {
  tenant: 'kommune',
  indicator: 'indikator',
  period: 'zeitraum',
  level: 'ebene',
  method: 'klassifikation',
  classes: 'klassen',
  bounds: 'grenzen',
  palette: 'farben',
  region: 'gebiet',
} as const;

const PALETTE_PARAM: Record<PaletteMode, string> = { sequential: 'sequenziell', diverging: 'divergierend' };

const text = (value: string | null, max = 300) => (value && value.length <= max ? value : null);

/** Reads a view from the query string; unknown or malformed values fall back to the defaults. */
export function readView(params: URLSearchParams): AtlasView {
  const level = params.get(PARAMS.level);
  const method = params.get(PARAMS.method);
  const classes = Number(params.get(PARAMS.classes));
  const period = params.get(PARAMS.period);
  const bounds = readBoundsParam(params.get(PARAMS.bounds));
  const known = METHODS.includes(method as ClassMethod) ? (method as ClassMethod) : DEFAULT_VIEW.method;
  // Manual classes need their bounds; without them the default method applies.
  const checkedMethod = known === 'manual' && !bounds ? DEFAULT_VIEW.method : known;
  return {
    tenant: text(params.get(PARAMS.tenant), 20),
    indicator: text(params.get(PARAMS.indicator)),
    period: period && /^\d{4}(-\d{2}-\d{2})?$/.test(period) ? period : null,
    level: LEVELS.includes(level as AtlasLevel) ? (level as AtlasLevel) : DEFAULT_VIEW.level,
    method: checkedMethod,
    classes: checkedMethod === 'manual' ? bounds!.length + 1 : CLASS_COUNTS.includes(classes) ? classes : DEFAULT_VIEW.classes,
    region: text(params.get(PARAMS.region), 40),
    palette: params.get(PARAMS.palette) === PALETTE_PARAM.diverging ? 'diverging' : 'sequential',
    bounds: checkedMethod === 'manual' ? bounds : null,
  };
}

/** The query string of a view (stable order; empty values and the default palette left out). */
export function writeView(view: AtlasView): URLSearchParams {
  const out = new URLSearchParams();
  for (const field of Object.keys(PARAMS) as (keyof typeof PARAMS)[]) {
    const value = view[field];
    if (field === 'bounds') {
      if (view.method === 'manual' && view.bounds && view.bounds.length > 0)
        out.set(PARAMS.bounds, writeBoundsParam(view.bounds));
    } else if (field === 'palette') {
      if (view.palette === 'diverging') out.set(PARAMS.palette, PALETTE_PARAM.diverging);
    } else if (field === 'classes') {
      if (view.method !== 'manual') out.set(PARAMS.classes, String(view.classes));
    } else if (value !== null && value !== undefined && value !== '') {
      out.set(PARAMS[field], String(value));
    }
  }
  return out;
}
