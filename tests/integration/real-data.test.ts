import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { inTransaction, repositories } from '../../src/db/repositories/index.ts';
import { systemClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { importFile } from '../../src/importers/import-file.ts';
import { getValues } from '../../src/use-cases/atlas/get-values.ts';
import { getTimeSeries } from '../../src/use-cases/atlas/get-time-series.ts';
import { listAtlasRegions } from '../../src/use-cases/atlas/list-atlas-regions.ts';
import { recordTerritorialChange } from '../../src/use-cases/atlas/record-territorial-change.ts';
import { describeEachEngine } from '../support/database.ts';

/** Proof on real official files (read from ../shared/data, never copied into the repository). */
const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const SYSTEM: Actor = { kind: 'system', label: 'Test' };

describeEachEngine('real official files through the import pipeline', (database) => {
  const deps = () => ({ db: database().db, clock: systemClock });
  const values = async (variableKey: string, period: string, level: Parameters<typeof getValues>[2]['level'] = null) =>
    (await getValues(repositories(database().db), SYSTEM, { subject: { variableKey }, period, level, tenantKey: null })).rows;

  it('Zensus 2022 (1000A-0000): the 631 Thuringian Gemeinden sum to the Land total and match the boundary keys one to one', async () => {
    const summary = await importFile(deps(), SYSTEM, {
      file: path.join(DATA, 'statistics/zensus2022/1000A-0000_bevoelkerung_gemeinden_th.csv'),
      tenantKey: null,
    });
    expect(summary).toMatchObject({ format: 'genesis', observations: 632, periods: ['2022-05-15'] });
    const variable = summary.variables[0]!.key;
    const gemeinden = await values(variable, '2022-05-15', 'gemeinde');
    expect(gemeinden).toHaveLength(631);
    const total = gemeinden.reduce((sum, g) => sum + g.value!, 0);
    // The Land total as the boundary file records it from the same Zensus table.
    const boundaries = JSON.parse(fs.readFileSync(path.join(DATA, 'boundaries/th_gemeinden_2022_wgs84.geojson'), 'utf8')) as {
      features: { properties: { ags: string; einwohner_zensus_2022: number } }[];
    };
    expect(total).toBe(boundaries.features.reduce((sum, f) => sum + f.properties.einwohner_zensus_2022, 0));
    expect(total).toBe(2_110_396);
    expect(gemeinden.map((g) => g.region).sort()).toEqual(boundaries.features.map((f) => f.properties.ags).sort());
    expect(await values(variable, '2022-05-15', 'bund')).toEqual([
      { region: 'DG', name: 'Deutschland', value: 82_719_540, flag: null, origin: 'observed' },
    ]);

    const again = await importFile(deps(), SYSTEM, {
      file: path.join(DATA, 'statistics/zensus2022/1000A-0000_bevoelkerung_gemeinden_th.csv'),
      tenantKey: null,
    });
    expect(again).toMatchObject({ unchanged: true, importId: summary.importId });
  });

  it('imports every Regionalstatistik file; the Land equals the sum of its Kreise for population 2018', async () => {
    const dir = path.join(DATA, 'statistics/regionalstatistik_raw');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
      const summary = await importFile(deps(), SYSTEM, { file: path.join(dir, file), tenantKey: null });
      expect(summary.format, file).toBe('genesis');
      expect(summary.observations, file).toBeGreaterThan(500);
    }
    const catalogue = await repositories(database().db).atlas.variables(['shared']);
    const population = catalogue.find((v) => v.key.startsWith('12411-01-01-4') && /insgesamt/i.test(v.label))!;
    expect(population).toBeDefined();
    const kreise = (await values(population.key, '2018-12-31', 'kreis')).filter((k) => k.region.startsWith('16'));
    // 23 Kreise on 31.12.2018: Eisenach (16056) was still kreisfrei.
    expect(kreise).toHaveLength(23);
    const land = (await values(population.key, '2018-12-31', 'land')).find((l) => l.region === '16')!;
    expect(kreise.reduce((sum, k) => sum + k.value!, 0)).toBe(land.value);
    expect(kreise.find((k) => k.region === '16051')).toMatchObject({ value: 213_699 });
  });

  it('converts the 2018 population to the Gebietsstand after Eisenach joined the Wartburgkreis (2021-07-01)', async () => {
    await inTransaction(database().db, (r) =>
      recordTerritorialChange({ regions: r.regions, audit: r.audit, clock: systemClock }, SYSTEM, {
        tenantKey: null,
        date: '2021-07-01',
        predecessorKey: '16056',
        successors: [{ key: '16063', weight: 1 }],
      }),
    );
    const catalogue = await repositories(database().db).atlas.variables(['shared']);
    const population = catalogue.find((v) => v.key.startsWith('12411-01-01-4') && /insgesamt/i.test(v.label))!;
    const observed = await getTimeSeries(repositories(database().db), SYSTEM, {
      tenantKey: null,
      variableKey: population.key,
      regions: ['16056', '16063'],
    });
    const in2018 = observed.points.filter((p) => p.period === '2018-12-31').map((p) => [p.region, p.value]);
    expect(in2018).toEqual([
      ['16056', 42_370],
      ['16063', 123_025],
    ]);
    const converted = await getTimeSeries(repositories(database().db), SYSTEM, {
      tenantKey: null,
      variableKey: population.key,
      regions: ['16056', '16063'],
      territoryDate: '2022-12-31',
    });
    expect(converted.points.filter((p) => p.period === '2018-12-31').map((p) => [p.region, p.value])).toEqual([
      ['16063', 165_395],
    ]);
    const kreise = await listAtlasRegions(repositories(database().db), SYSTEM, { level: 'kreis', tenantKey: null });
    expect(kreise.map((k) => k.key)).not.toContain('16056');
  });

  it('imports the seed facts through the generic CSV path; age groups add up to the population', async () => {
    const summary = await importFile(deps(), SYSTEM, {
      file: path.join(DATA, 'seed-kreisprofile-thueringen.csv'),
      tenantKey: null,
      mapping: {
        keyColumn: 'ags',
        nameColumn: 'gebietskoerperschaft',
        periodColumn: 'reference_date',
        variables: [],
        longFormat: {
          variableColumn: 'indicator_key',
          valueColumn: 'value',
          unitColumn: 'unit',
          labelColumn: 'indicator_label_de',
        },
      },
    });
    expect(summary.format).toBe('csv');
    expect(summary.variables.map((v) => v.key)).toContain('population_total');
    const period = summary.periods.find((p) => p.startsWith('2019'))!;
    const of = async (key: string) => (await values(key, period, 'kreis')).filter((v) => v.value !== null);
    const total = await of('population_total');
    expect(total.length).toBe(15);
    const parts = await Promise.all(['population_under_18', 'population_18_to_64', 'population_65_plus'].map(of));
    for (const kreis of total) {
      const sum = parts.reduce((s, p) => s + p.find((v) => v.region === kreis.region)!.value!, 0);
      expect(sum, kreis.name ?? kreis.region).toBe(kreis.value);
    }
    expect(total.find((t) => t.region === '16077')?.value).toBe(89_393);
  });
});
