/**
 * The results of a gap analysis as indicator-like values per planning area, in the shape of
 * observations (region, key, period, value, flag), so that they can be stored into the atlas
 * and then appear in maps, profiles and exports like any other values.
 */
import { LIFE_DOMAINS, type LifeDomain, type Polarity } from '../indicators/indicator.ts';
import { formatGermanNumber } from '../observations/german-number.ts';
import type { ObservationFlag, VariableDefinition } from '../observations/observation.ts';
import { InvalidError } from '../shared/errors.ts';
import type { GapCell, GapMatrix, GapRowResult } from './gap-matrix.ts';

/** One value of a gap indicator for one planning area. */
export interface GapIndicatorValue {
  regionKey: string;
  /** `gap:<row>:services`, `gap:<row>:capacity_per_1000` or `gap:<row>:reach_share_<limit>`. */
  key: string;
  /** German label, e.g. „Kapazität je 1.000 Zielbevölkerung – Kinder 0–6“. */
  label: string;
  unit: string;
  /** The period of the row's target population. */
  period: string;
  value: number | null;
  /** Why the value is missing: `not_meaningful` (target population 0), `unknown_or_secret` (an input unknown). */
  flag: Extract<ObservationFlag, 'not_meaningful' | 'unknown_or_secret'> | null;
}

/** Suffix and German wording of a row's reachability limit, e.g. `1000m` / „1.000 m Luftlinie“. */
export function reachLimitLabel(
  row: Pick<GapRowResult, 'reach'>,
  method: string | null,
): { suffix: string; text: string } | null {
  const limit = row.reach;
  if (limit === null) return null;
  const how = method === null || method === 'straight_line' ? 'Luftlinie' : `Netz (${method})`;
  if (limit.kind === 'distance') {
    return { suffix: `${limit.metres}m`, text: `${formatGermanNumber(limit.metres)} m ${how}` };
  }
  return { suffix: `${limit.minutes}min_${limit.mode}`, text: `${formatGermanNumber(limit.minutes)} min ${how}` };
}

function capacityFlag(cell: GapCell): GapIndicatorValue['flag'] {
  if (cell.capacityPer1000 !== null) return null;
  return cell.flags.includes('population_zero') && !cell.flags.includes('capacity_incomplete')
    ? 'not_meaningful'
    : 'unknown_or_secret';
}

/**
 * Indicator values per planning area and row: number of services, capacity per 1,000 of the
 * target population and (for rows with a limit) the reachability share in percent (0–100).
 */
export function gapIndicatorValues(matrix: GapMatrix): GapIndicatorValue[] {
  const out: GapIndicatorValue[] = [];
  for (const row of matrix.rows) {
    const limit = reachLimitLabel(row, row.cells[0]?.reach?.method ?? null);
    for (const cell of row.cells) {
      const regionKey = cell.areaKey!;
      out.push({
        regionKey,
        key: `gap:${row.key}:services`,
        label: `Angebote – ${row.label}`,
        unit: 'Anzahl',
        period: row.period,
        value: cell.services,
        flag: null,
      });
      out.push({
        regionKey,
        key: `gap:${row.key}:capacity_per_1000`,
        label: `Kapazität je 1.000 Zielbevölkerung – ${row.label}`,
        unit: 'je 1.000',
        period: row.period,
        value: cell.capacityPer1000,
        flag: capacityFlag(cell),
      });
      if (limit !== null && cell.reach !== null) {
        out.push({
          regionKey,
          key: `gap:${row.key}:reach_share_${limit.suffix}`,
          label: `Anteil der Bevölkerung mit Angebot in ${limit.text} – ${row.label}`,
          unit: '%',
          period: row.period,
          value: cell.reach.share === null ? null : cell.reach.share * 100,
          flag: cell.reach.share === null ? 'not_meaningful' : null,
        });
      }
    }
  }
  return out;
}

/** Decimals kept when a rate (capacity per 1,000, reach share in %) is stored in the atlas. */
export const STORED_RATE_DECIMALS = 2;

/** A rate rounded to {@link STORED_RATE_DECIMALS} decimals, as stored in the atlas; counts and null stay as they are. */
export function storedGapValue(value: GapIndicatorValue): number | null {
  if (value.value === null || value.unit === 'Anzahl') return value.value;
  const factor = 10 ** STORED_RATE_DECIMALS;
  return Math.round(value.value * factor) / factor;
}

const MAX_ROW_KEY = 48;

/**
 * The stable key of a row for its atlas indicators, from its label: lower case, umlauts
 * transliterated (ä → ae, ß → ss), every other run of characters an underscore, at most 48
 * characters; e.g. „Kinder 0–6: Kindertagesbetreuung“ → `kinder_0_6_kindertagesbetreuung`.
 * Empty when the label has no letter or digit.
 */
export function gapRowKey(label: string): string {
  const text = label
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return text.slice(0, MAX_ROW_KEY).replace(/_+$/, '');
}

/** Lebenslage of the atlas for the built-in Handlungsfelder and Zielgruppen of the service taxonomy. */
const TERM_LIFE_DOMAIN: Readonly<Record<string, LifeDomain>> = {
  'handlungsfeld.kindertagesbetreuung': 'bildung',
  'handlungsfeld.offene_jugendarbeit': 'teilhabe',
  'handlungsfeld.schulsozialarbeit': 'bildung',
  'handlungsfeld.jugendberufshilfe': 'erwerb_arbeit',
  'handlungsfeld.familienbildung': 'demografie',
  'handlungsfeld.hilfen_zur_erziehung': 'demografie',
  'handlungsfeld.beratung': 'teilhabe',
  'handlungsfeld.schuldnerberatung': 'einkommen_armut',
  'handlungsfeld.gesundheitsfoerderung': 'gesundheit',
  'handlungsfeld.pflege': 'gesundheit',
  'handlungsfeld.seniorenarbeit': 'teilhabe',
  'handlungsfeld.eingliederungshilfe': 'teilhabe',
  'handlungsfeld.integration': 'migration',
  'handlungsfeld.arbeitsfoerderung': 'erwerb_arbeit',
  'handlungsfeld.wohnungsnotfallhilfe': 'wohnen',
  'handlungsfeld.bildung': 'bildung',
  'zielgruppe.familien': 'demografie',
  'zielgruppe.alleinerziehende': 'einkommen_armut',
  'zielgruppe.senioren': 'demografie',
  'zielgruppe.menschen_mit_behinderung': 'teilhabe',
  'zielgruppe.zugewanderte': 'migration',
  'zielgruppe.langzeitarbeitslose': 'erwerb_arbeit',
  'zielgruppe.wohnungslose': 'wohnen',
};

/**
 * The atlas Lebenslage of a row from its terms: a `lebenslage.<domain>` term first (the
 * taxonomy's Lebenslagen use the atlas keys), else the first term with a known Lebenslage
 * (Kindertagesbetreuung → Bildung), else Soziale Teilhabe.
 */
export function gapLifeDomain(termKeys: readonly string[]): LifeDomain {
  for (const key of termKeys) {
    const [vocabulary, code] = key.split('.');
    if (vocabulary === 'lebenslage' && (LIFE_DOMAINS as readonly string[]).includes(code ?? '')) return code as LifeDomain;
  }
  for (const key of termKeys) {
    const domain = TERM_LIFE_DOMAIN[key];
    if (domain) return domain;
  }
  return 'teilhabe';
}

/** What the atlas needs to know about one row when its values are saved. */
export interface GapRowInfo {
  key: string;
  label: string;
  termKeys: readonly string[];
  targetVariableKey: string;
  period: string;
}

/** A variable and the indicator that shows it, for one gap value key. */
export interface GapAtlasDefinition {
  variable: VariableDefinition;
  indicator: {
    key: string;
    label: string;
    unit: string;
    /** The identity expression `[<variable key>]`: the indicator shows the stored value. */
    formula: { kind: 'expression'; source: string };
    polarity: Polarity;
    lifeDomain: LifeDomain;
    description: string;
    methodNotes: string;
  };
}

/** „24.11.2026“ for `2026-11-24`. */
function germanDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}

/**
 * The atlas variables and indicators for the values of a saved gap analysis, one per value key:
 * services are an additive count, capacity per 1,000 and reach share are not additive;
 * higher is better for all three; the Lebenslage comes from the row's terms. `date` is the
 * ISO date of the analysis (the source says „Planwerk-Abgleich vom 24.11.2026“).
 */
export function gapAtlasDefinitions(
  values: readonly GapIndicatorValue[],
  rows: readonly GapRowInfo[],
  options: { date: string; reachMethod: string | null; population: string | null },
): GapAtlasDefinition[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const source = `Planwerk-Abgleich vom ${germanDate(options.date)}`;
  const out = new Map<string, GapAtlasDefinition>();
  for (const value of values) {
    if (out.has(value.key)) continue;
    const [, rowKey, measure = ''] = value.key.split(':');
    const row = byKey.get(rowKey ?? '');
    if (!row) throw new InvalidError(`Zum Wert „${value.key}“ gibt es keine Zeile.`, 'gap-row-unknown');
    const counted = `Angebote mit den Begriffen ${row.termKeys.map((k) => `„${k}“`).join(', ')}, je Standort im Sozialraum gezählt (nur aktive, nicht archivierte)`;
    const target = `Zielbevölkerung „${row.targetVariableKey}“, Zeitraum ${row.period}`;
    const method =
      measure === 'services'
        ? `${counted}.`
        : measure === 'capacity_per_1000'
          ? `Summe der Plätze der ${counted} je 1.000 der ${target}; ohne Wert, wenn ein Angebot keine Platzzahl hat oder die Zielbevölkerung fehlt oder 0 ist. Auf ${STORED_RATE_DECIMALS} Nachkommastellen gerundet.`
          : `Anteil der Bevölkerung im Sozialraum (Bevölkerungspunkte: ${options.population ?? 'unbekannt'}), für den ein Angebot der Zeile innerhalb der Grenze liegt (${options.reachMethod ?? 'straight_line'}), in Prozent. Auf ${STORED_RATE_DECIMALS} Nachkommastellen gerundet.`;
    out.set(value.key, {
      variable: {
        key: value.key,
        label: value.label,
        unit: value.unit,
        source,
        licence: '',
        attribution: `Eigene Berechnung (${source}) aus dem Angebotsverzeichnis und den Daten des Atlas`,
        additive: measure === 'services',
      },
      indicator: {
        key: value.key,
        label: value.label,
        unit: value.unit,
        formula: { kind: 'expression', source: `[${value.key}]` },
        polarity: 'higher_is_better',
        lifeDomain: gapLifeDomain(row.termKeys),
        description: `Ergebnis des Abgleichs „${row.label}“ je Sozialraum (${source}).`,
        methodNotes: method,
      },
    });
  }
  return [...out.values()];
}
