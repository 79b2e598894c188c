import path from 'node:path';
import type { Kysely } from 'kysely';
import { inTransaction } from '../../src/db/repositories/index.ts';
import type { DB } from '../../src/db/schema.ts';
import type { TableMapping } from '../../src/domain/observations/generic-table.ts';
import { systemClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { importFile } from '../../src/importers/import-file.ts';
import { saveIndicator } from '../../src/use-cases/atlas/define-indicator.ts';
import { createTenant } from '../../src/use-cases/tenancy/create-tenant.ts';

/** The real data folder (`../shared/data` beside the repository; never copied into it). */
export const SHARED_DATA = path.resolve(import.meta.dirname, '../../../shared/data');

/** The 631 Thuringian Gemeinden, Gebietsstand 15.05.2022 (BKG VG250 as simplified for the Zensus 2022), WGS84. */
export const TH_GEMEINDEN_FILE = path.join(SHARED_DATA, 'boundaries/th_gemeinden_2022_wgs84.geojson');
/** Destatis Gemeindeverzeichnis extract (31.12.2019): area, population, men and women per Gemeinde. */
export const TH_GV_FILE = path.join(SHARED_DATA, 'statistics/destatis/gv_auszug_q4_th_excel_export.csv');
/** Zensus 2022 table 1000A-0000: population per Gemeinde on 15.05.2022. */
export const TH_ZENSUS_FILE = path.join(SHARED_DATA, 'statistics/zensus2022/1000A-0000_bevoelkerung_gemeinden_th.csv');

/** What the Thuringia set-up created: the municipality whose public atlas shows it, and the published indicator. */
export const THURINGIA = {
  /** Landeshauptstadt Erfurt as the municipality whose public atlas is opened. */
  tenantKey: '16051',
  tenantName: 'Landeshauptstadt Erfurt',
  indicatorKey: 'th.frauenanteil',
  indicatorLabel: 'Frauenanteil',
  period: '2019-12-31',
  /** Gemeinden with a boundary (the map's regions). */
  gemeinden: 631,
} as const;

const SYSTEM: Actor = { kind: 'system', label: 'Test: Thüringen' };

/** The Gemeindeverzeichnis columns read: population, women and area per Gemeinde (Satzart 60), Stichtag 31.12.2019. */
const GV_MAPPING: TableMapping = {
  keyColumn: {
    parts: [
      { column: 'land', width: 2 },
      { column: 'rb', width: 1 },
      { column: 'kreis', width: 2 },
      { column: 'gemeinde', width: 3 },
    ],
  },
  rowFilter: { column: 'satzart', values: ['60'] },
  nameColumn: 'gemeindename',
  period: '2019-12-31',
  variables: [
    { column: 'bevoelkerung', key: 'th.bevoelkerung', label: 'Bevölkerung', unit: 'Personen', additive: true },
    { column: 'weiblich', key: 'th.weiblich', label: 'Bevölkerung, weiblich', unit: 'Personen', additive: true },
    { column: 'flaeche', key: 'th.flaeche', label: 'Fläche', unit: 'km²', additive: true },
  ],
  source: 'Statistisches Bundesamt (Destatis), Gemeindeverzeichnis, Stand 31.12.2019',
  licence: 'dl-de/by-2-0',
  attribution: '© Statistisches Bundesamt (Destatis), 2020',
};

/**
 * The real Thuringian atlas through the product's import paths: the 631 Gemeinde boundaries
 * (GeoJSON, validity not stated in the file, so valid for every period), the Gemeindeverzeichnis
 * (population and women per Gemeinde on 31.12.2019) and the Zensus 2022 population as shared
 * variables, the published ratio indicator „Frauenanteil“ (women ÷ population × 100, %), and the
 * municipality Erfurt whose public atlas shows them. Takes a few seconds on PGlite.
 */
export async function setUpThuringiaAtlas(db: Kysely<DB>): Promise<void> {
  const deps = { db, clock: systemClock };
  await importFile(deps, SYSTEM, { file: TH_GEMEINDEN_FILE, tenantKey: null });
  await importFile(deps, SYSTEM, { file: TH_GV_FILE, tenantKey: null, mapping: GV_MAPPING });
  await importFile(deps, SYSTEM, { file: TH_ZENSUS_FILE, tenantKey: null });
  await inTransaction(db, async (r) => {
    if (!(await r.tenants.get(THURINGIA.tenantKey)))
      await createTenant({ ...r, clock: systemClock }, SYSTEM, {
        key: THURINGIA.tenantKey,
        name: THURINGIA.tenantName,
        kind: 'kreisfreie_stadt',
      });
    await saveIndicator({ ...r, clock: systemClock }, SYSTEM, {
      tenantKey: null,
      indicator: {
        key: THURINGIA.indicatorKey,
        label: THURINGIA.indicatorLabel,
        unit: '%',
        formula: { kind: 'ratio', numerator: 'th.weiblich', denominator: 'th.bevoelkerung', factor: 100 },
        polarity: 'neutral',
        lifeDomain: 'demografie',
        description: 'Anteil der Frauen an der Bevölkerung am 31.12.2019',
        published: true,
      },
    });
  });
}
