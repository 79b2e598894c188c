import { describe, expect, it } from 'vitest';
import { apportion, DEMO_VARIABLES, DEMO_YEARS, generateMusterlandObservations } from './musterland-data.ts';

const observations = generateMusterlandObservations();
const value = (region: string, variable: string, year: number) =>
  observations.find((o) => o.regionKey === region && o.variableKey === `demo.${variable}` && o.period === `${year}-12-31`)?.value;

describe('Musterland demo statistics', () => {
  it('covers 22 variables over 9 years', () => {
    expect(DEMO_VARIABLES).toHaveLength(22);
    expect(DEMO_YEARS).toHaveLength(9);
    expect(new Set(observations.map((o) => o.period)).size).toBe(9);
  });

  it('adds up: age groups and sexes to the population, Gemeinden to the Kreis and to planning areas', () => {
    for (const year of DEMO_YEARS) {
      const total = value('99001', 'bevoelkerung', year)!;
      const ages = ['alter_0_5', 'alter_6_14', 'alter_15_17', 'alter_18_24', 'alter_25_64', 'alter_65_79', 'alter_80_plus'];
      expect(ages.reduce((sum, a) => sum + value('99001', a, year)!, 0)).toBe(total);
      expect(value('99001', 'bevoelkerung_maennlich', year)! + value('99001', 'bevoelkerung_weiblich', year)!).toBe(total);
      const gemeinden = observations.filter(
        (o) => /^99001\d{3}$/.test(o.regionKey) && o.variableKey === 'demo.bevoelkerung' && o.period === `${year}-12-31`,
      );
      expect(gemeinden.reduce((sum, o) => sum + o.value!, 0)).toBe(total);
      const areas = observations.filter(
        (o) => o.regionKey.startsWith('99001-SR') && o.variableKey === 'demo.bevoelkerung' && o.period === `${year}-12-31`,
      );
      expect(areas).toHaveLength(4);
      expect(areas.reduce((sum, o) => sum + o.value!, 0)).toBe(total);
    }
  });

  it('keeps the population balance from one year to the next', () => {
    for (const key of ['99001001', '99001005', '99001-SR2', '99001']) {
      for (const year of DEMO_YEARS.slice(0, -1)) {
        const next =
          value(key, 'bevoelkerung', year)! +
          value(key, 'geburten', year)! -
          value(key, 'sterbefaelle', year)! +
          value(key, 'zuzuege', year)! -
          value(key, 'fortzuege', year)!;
        expect(next).toBe(value(key, 'bevoelkerung', year + 1));
      }
    }
  });

  it('reports the merged Gemeinden separately until 2022 and as their successor from 2023', () => {
    expect(value('99001011', 'bevoelkerung', 2022)).toBeGreaterThan(0);
    expect(value('99001011', 'bevoelkerung', 2023)).toBeUndefined();
    expect(value('99001016', 'bevoelkerung', 2022)).toBeUndefined();
    expect(value('99001016', 'bevoelkerung', 2023)).toBeGreaterThan(value('99001011', 'bevoelkerung', 2022)!);
    // Musterstadt is the largest place, with more SGB II recipients relative to its size.
    expect(value('99001001', 'bevoelkerung', 2024)).toBeGreaterThan(20_000);
  });
});

describe('apportion', () => {
  it('splits an integer total exactly by the largest remainder', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [0.5, 0.25, 0.25])).toEqual([50, 25, 25]);
  });
});
