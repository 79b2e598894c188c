import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect-format.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');

describe('detectFormat on the official files', () => {
  it.each([
    ['statistics/regionalstatistik_raw/11111-01-01-4_gebietsflaeche_2018_kreise.csv', 'genesis'],
    ['statistics/zensus2022/1000A-0000_bevoelkerung_gemeinden_th.csv', 'genesis'],
    ['statistics/zensus2022/1000A-0000_flat_th.csv', 'genesis-flat'],
    ['zensus_grid/zensus2011_1km_spitze_werte_th.csv', 'zensus-grid'],
    ['statistics/destatis/gv_auszug_q4_th_excel_export.csv', 'csv'],
    ['seed-kreisprofile-thueringen.csv', 'csv'],
    ['statistics/destatis/04-kreise_2018_destatis_original.xlsx', 'xlsx'],
    ['boundaries/bkg_vg5000_2021_gk3/VG5000_KRS.shp', 'shapefile'],
    ['boundaries/th_kreise_2022_wgs84.geojson', 'geojson'],
  ])('%s is %s', async (file, format) => {
    expect(await detectFormat(path.join(DATA, file))).toBe(format);
  });

  it('recognises a GeoPackage by its SQLite header and rejects unknown content', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-detect-'));
    const gpkg = path.join(dir, 'gebiete.bin');
    fs.writeFileSync(gpkg, Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(100)]));
    expect(await detectFormat(gpkg, 'gebiete.gpkg')).toBe('geopackage');
    const binary = path.join(dir, 'bild.png');
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    expect(await detectFormat(binary)).toBeUndefined();
    fs.rmSync(dir, { recursive: true });
  });
});
