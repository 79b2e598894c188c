/** The filters of the Angebotslandkarte that the address holds (German parameter names, permalink). */
export interface ServiceFilters {
  /** Key of the municipality (Gebietskörperschaft), null = the first one offered. */
  tenant: string | null;
  /** Free text (name, description). */
  text: string;
  /** Code of a Zielgruppe term without the vocabulary, e.g. `jugendliche` for `zielgruppe.jugendliche`. */
  zielgruppe: string | null;
  /** Code of a Lebenslage term without the vocabulary, e.g. `bildung`. */
  lebenslage: string | null;
  /** Key of a planning area (Sozialraum). */
  area: string | null;
  /** Age in whole years (0–120). */
  age: number | null;
  /** Only services open at this moment. */
  openNow: boolean;
  /** The service selected in list and map. */
  selected: string | null;
}

export const EMPTY_FILTERS: ServiceFilters = {
  tenant: null,
  text: '',
  zielgruppe: null,
  lebenslage: null,
  area: null,
  age: null,
  openNow: false,
  selected: null,
};

const PARAMS = {
  tenant: 'kommune',
  text: 'suche',
  zielgruppe: 'zielgruppe',
  lebenslage: 'lebenslage',
  area: 'sozialraum',
  age: 'alter',
  openNow: 'geoeffnet',
  selected: 'angebot',
} as const;

const CODE = /^[a-z0-9_]{1,60}$/;
const KEY = /^[A-Za-z0-9._-]{1,60}$/;

const code = (value: string | null) => (value !== null && CODE.test(value) ? value : null);
const key = (value: string | null) => (value !== null && KEY.test(value) ? value : null);

/** Reads the filters from a query string; unknown or malformed values are left out. */
export function readFilters(params: URLSearchParams): ServiceFilters {
  const ageText = params.get(PARAMS.age);
  const age = ageText !== null && /^\d{1,3}$/.test(ageText) ? Number(ageText) : null;
  return {
    tenant: key(params.get(PARAMS.tenant)),
    text: (params.get(PARAMS.text) ?? '').trim().slice(0, 200),
    zielgruppe: code(params.get(PARAMS.zielgruppe)),
    lebenslage: code(params.get(PARAMS.lebenslage)),
    area: key(params.get(PARAMS.area)),
    age: age !== null && age <= 120 ? age : null,
    openNow: params.get(PARAMS.openNow) === 'ja',
    selected: key(params.get(PARAMS.selected)),
  };
}

/** The query string of the filters in a stable order; empty filters are left out. */
export function writeFilters(filters: ServiceFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (filters.tenant) out.set(PARAMS.tenant, filters.tenant);
  if (filters.text.trim()) out.set(PARAMS.text, filters.text.trim());
  if (filters.zielgruppe) out.set(PARAMS.zielgruppe, filters.zielgruppe);
  if (filters.lebenslage) out.set(PARAMS.lebenslage, filters.lebenslage);
  if (filters.area) out.set(PARAMS.area, filters.area);
  if (filters.age !== null) out.set(PARAMS.age, String(filters.age));
  if (filters.openNow) out.set(PARAMS.openNow, 'ja');
  if (filters.selected) out.set(PARAMS.selected, filters.selected);
  return out;
}

/** The search query of the public API (`q`, `terms`, `area`, `age`, `openNow`) for the filters. */
export function apiQuery(filters: ServiceFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (filters.text.trim()) out.set('q', filters.text.trim());
  const terms = [
    ...(filters.zielgruppe ? [`zielgruppe.${filters.zielgruppe}`] : []),
    ...(filters.lebenslage ? [`lebenslage.${filters.lebenslage}`] : []),
  ];
  if (terms.length > 0) out.set('terms', terms.join(','));
  if (filters.area) out.set('area', filters.area);
  if (filters.age !== null) out.set('age', String(filters.age));
  if (filters.openNow) out.set('openNow', 'true');
  return out;
}

/** Whether any search filter (not the municipality or the selection) is set. */
export function hasFilters(filters: ServiceFilters): boolean {
  return Boolean(
    filters.text.trim() || filters.zielgruppe || filters.lebenslage || filters.area || filters.age !== null || filters.openNow,
  );
}
