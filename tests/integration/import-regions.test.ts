import path from 'node:path';
import { expect, it } from 'vitest';
import { systemClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { readGeometryFile } from '../../src/importers/geometry/read-geometry-file.ts';
import { buildRegionDataset } from '../../src/importers/region-dataset.ts';
import { repositories } from '../../src/db/repositories/index.ts';
import { importRegions } from '../../src/use-cases/atlas/import-regions.ts';
import { rollBackImport } from '../../src/use-cases/atlas/roll-back-import.ts';
import { listAtlasRegions } from '../../src/use-cases/atlas/list-atlas-regions.ts';
import { importDeps } from '../../src/server/compose.ts';
import { describeEachEngine } from '../support/database.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const SYSTEM: Actor = { kind: 'system', label: 'Test' };

describeEachEngine('importing boundaries', (database) => {
  it('imports the VG5000 Gemeinden of Thuringia (EPSG:31467) with areas, centroids and repair flags, and rolls them back', async () => {
    const file = path.join(DATA, 'boundaries/bkg_vg5000_2021_gk3/VG5000_GEM_TH.shp');
    const dataset = buildRegionDataset(await readGeometryFile(file), { fileName: 'VG5000_GEM_TH.shp', validFrom: '2021-01-01' });
    const result = await importRegions(importDeps(database().db, systemClock), SYSTEM, {
      tenantKey: null,
      fileName: 'VG5000_GEM_TH.shp',
      checksum: '1'.repeat(64),
      dataset,
    });
    expect(result.counts).toMatchObject({ regions: 631, inserted: 631, updated: 0 });

    const gemeinden = await listAtlasRegions(repositories(database().db), SYSTEM, { level: 'gemeinde', tenantKey: null });
    expect(gemeinden).toHaveLength(631);
    const erfurt = gemeinden.find((g) => g.key === '16051000')!;
    expect(erfurt.name).toBe('Erfurt');
    expect(erfurt.areaKm2).toBeGreaterThan(269.9 * 0.98);
    expect(erfurt.areaKm2).toBeLessThan(269.9 * 1.02);
    expect(erfurt.centroid![0]).toBeCloseTo(11.03, 1);
    expect(erfurt.centroid![1]).toBeCloseTo(50.98, 1);
    expect(
      gemeinden
        .filter((g) => g.repaired)
        .map((g) => g.name)
        .sort(),
    ).toEqual(['Bad Sulza', 'Langenwetzendorf']);
    expect(gemeinden.find((g) => g.key === '16068051')?.name).toBe('Sömmerda');

    expect(await rollBackImport(importDeps(database().db, systemClock), SYSTEM, result.importId)).toEqual({
      deleted: 0,
      restored: 0,
    });
    expect(await listAtlasRegions(repositories(database().db), SYSTEM, { level: 'gemeinde', tenantKey: null })).toEqual([]);
  });
});
