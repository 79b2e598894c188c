import type { ParsedObservation, VariableDefinition } from '../observations/observation.ts';
import { generateMusterlandGeography, MERGER, MUSTERLAND_KREIS_KEY } from './musterland.ts';
import { seededRandom } from './random.ts';

/**
 * Fictional statistics for the Musterland demo, 2016–2024 (reference date 31 December),
 * on Gemeinde, planning-area and Kreis level. Counts are internally consistent: age groups
 * and sexes add up to the population, and each year's population follows from the previous
 * one plus births, minus deaths, plus in-migration, minus out-migration. After the 2023
 * merger the successor Gemeinde carries the sum of its predecessors.
 */
export const DEMO_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024] as const;

const DEMO_SOURCE = {
  source: 'Planwerk-Demo (fiktive Daten)',
  licence: 'CC0-1.0',
  attribution: 'Fiktive Demo-Daten „Landkreis Musterland“',
};

const VARIABLE_LABELS: [key: string, label: string][] = [
  ['bevoelkerung', 'Bevölkerung insgesamt'],
  ['bevoelkerung_maennlich', 'Bevölkerung männlich'],
  ['bevoelkerung_weiblich', 'Bevölkerung weiblich'],
  ['alter_0_5', 'Bevölkerung unter 6 Jahren'],
  ['alter_6_14', 'Bevölkerung 6 bis unter 15 Jahre'],
  ['alter_15_17', 'Bevölkerung 15 bis unter 18 Jahre'],
  ['alter_18_24', 'Bevölkerung 18 bis unter 25 Jahre'],
  ['alter_25_64', 'Bevölkerung 25 bis unter 65 Jahre'],
  ['alter_65_79', 'Bevölkerung 65 bis unter 80 Jahre'],
  ['alter_80_plus', 'Bevölkerung 80 Jahre und älter'],
  ['geburten', 'Lebendgeborene im Jahr'],
  ['sterbefaelle', 'Gestorbene im Jahr'],
  ['zuzuege', 'Zuzüge im Jahr'],
  ['fortzuege', 'Fortzüge im Jahr'],
  ['sgb2_personen', 'Personen in SGB-II-Bedarfsgemeinschaften'],
  ['sgb2_kinder_u15', 'Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften'],
  ['arbeitslose', 'Arbeitslose'],
  ['langzeitarbeitslose', 'Langzeitarbeitslose'],
  ['auslaender', 'Ausländerinnen und Ausländer'],
  ['haushalte', 'Privathaushalte'],
  ['haushalte_alleinerziehend', 'Haushalte von Alleinerziehenden'],
  ['schueler', 'Schülerinnen und Schüler an allgemeinbildenden Schulen (Wohnort)'],
];

/** The demo variables (all counts, additive), prefixed `demo.` so they never clash with official keys. */
export const DEMO_VARIABLES: readonly VariableDefinition[] = VARIABLE_LABELS.map(([key, label]) => ({
  key: `demo.${key}`,
  label,
  unit: 'Anzahl',
  additive: true,
  ...DEMO_SOURCE,
}));

type Series = Record<string, number>;

const AGE_KEYS = [
  'alter_0_5',
  'alter_6_14',
  'alter_15_17',
  'alter_18_24',
  'alter_25_64',
  'alter_65_79',
  'alter_80_plus',
] as const;

/** Splits `total` into integer parts proportional to `shares` (largest remainder), so they add up exactly. */
export function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    parts[i]! += 1;
    rest -= 1;
  }
  return parts;
}

/** Generates one series per original Gemeinde and year (before any merger). */
function generateGemeindeSeries(keys: readonly string[]): Map<string, Map<number, Series>> {
  const random = seededRandom(0xdea7a);
  const out = new Map<string, Map<number, Series>>();
  keys.forEach((key, index) => {
    const isTown = index === 0;
    let population = isTown ? 24_500 : Math.round(1_200 + random() * 5_300);
    const growth = isTown ? -0.002 : -0.012 + random() * 0.014;
    const femaleShare = 0.5 + random() * 0.015;
    const sgb2Rate = isTown ? 0.115 : 0.045 + random() * 0.06;
    const foreignBase = isTown ? 0.055 : 0.015 + random() * 0.03;
    const householdSize = isTown ? 1.95 : 2.05 + random() * 0.2;
    const ageOffset = (random() - 0.5) * 0.04;
    const years = new Map<number, Series>();
    DEMO_YEARS.forEach((year, t) => {
      const aging = t * 0.0025 + ageOffset;
      const shares = [0.048, 0.074, 0.025, 0.058, 0.52 - aging, 0.185 + aging * 0.7, 0.09 + aging * 0.3];
      const ages = apportion(population, shares);
      const s: Series = { bevoelkerung: population };
      AGE_KEYS.forEach((k, i) => (s[k] = ages[i]!));
      s.bevoelkerung_weiblich = Math.round(population * femaleShare);
      s.bevoelkerung_maennlich = population - s.bevoelkerung_weiblich;
      const u15 = s.alter_0_5! + s.alter_6_14!;
      const working = s.alter_18_24! + s.alter_25_64!;
      const trend = 1 - t * 0.03;
      s.sgb2_personen = Math.round(population * sgb2Rate * trend);
      s.sgb2_kinder_u15 = Math.min(u15, Math.round(u15 * sgb2Rate * 1.45 * trend));
      s.arbeitslose = Math.round(working * (0.055 + sgb2Rate * 0.25) * trend);
      s.langzeitarbeitslose = Math.round(s.arbeitslose * (0.33 + random() * 0.06));
      s.auslaender = Math.round(population * (foreignBase + t * 0.003));
      s.haushalte = Math.round(population / (householdSize - t * 0.01));
      s.haushalte_alleinerziehend = Math.round(s.haushalte * (0.055 + random() * 0.015));
      s.schueler = Math.round(s.alter_6_14! * 0.98 + s.alter_15_17! * 0.55);
      // Population balance to the next year.
      s.geburten = Math.round(population * (0.0068 + random() * 0.0015));
      s.sterbefaelle = Math.round(population * (0.0115 + (s.alter_65_79! + s.alter_80_plus!) / population / 20));
      const next = Math.round(population * (1 + growth + (random() - 0.5) * 0.004));
      s.zuzuege = Math.round(population * (0.04 + random() * 0.015));
      s.fortzuege = population + s.geburten - s.sterbefaelle + s.zuzuege - next;
      years.set(year, s);
      population = next;
    });
    out.set(key, years);
  });
  return out;
}

function add(a: Series, b: Series): Series {
  const out: Series = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** All demo observations: Gemeinden (on the Gebietsstand of each year), planning areas and the Kreis. */
export function generateMusterlandObservations(): ParsedObservation[] {
  const geography = generateMusterlandGeography();
  const original = geography.regions.filter((r) => r.level === 'gemeinde' && r.validFrom < MERGER.date).map((r) => r.key);
  const series = generateGemeindeSeries(original);
  const observations: ParsedObservation[] = [];
  const push = (regionKey: string, year: number, s: Series) => {
    for (const [key] of VARIABLE_LABELS) {
      observations.push({
        regionKey,
        variableKey: `demo.${key}`,
        period: `${year}-12-31`,
        value: s[key]!,
        flag: null,
        line: observations.length + 1,
      });
    }
  };
  for (const year of DEMO_YEARS) {
    const date = `${year}-12-31`;
    const merged = date >= MERGER.date;
    const of = (key: string) => series.get(key)!.get(year)!;
    for (const key of original) {
      if (merged && (MERGER.predecessors as readonly string[]).includes(key)) continue;
      push(key, year, of(key));
    }
    if (merged) push(MERGER.successor.key, year, MERGER.predecessors.map(of).reduce(add));
    push(MUSTERLAND_KREIS_KEY, year, original.map(of).reduce(add));
    for (const [planningArea, members] of Object.entries(geography.planningAreaMembers)) {
      // Members are current Gemeinden; the successor stands for its predecessors in earlier years.
      const originals = members.flatMap((m) => (m === MERGER.successor.key ? [...MERGER.predecessors] : [m]));
      push(planningArea, year, originals.map(of).reduce(add));
    }
  }
  return observations;
}
