import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PopulationGridRow } from '../../domain/grid/population-grid.ts';
import { detectFormat } from '../detect-format.ts';
import { openPopulationGridCsv } from './population-grid-csv.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planwerk-popgrid-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string, bom = false): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]));
  return p;
}

async function rows(p: string): Promise<PopulationGridRow[]> {
  const grid = await openPopulationGridCsv(p);
  const out: PopulationGridRow[] = [];
  for await (const batch of grid.batches) out.push(...batch);
  return out;
}

describe('openPopulationGridCsv', () => {
  it('reads the Zensus 2022 layout: BOM, INSPIRE ids, – for no value, a text column', async () => {
    const p = file(
      'Zensus2022_Bevoelkerungszahl_100m-Gitter.csv',
      'GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner;werterlaeuternde_Zeichen\r\n' +
        'CRS3035RES100mN2689100E4337000;4337050;2689150;12;\r\n' +
        'CRS3035RES100mN2689100E4337100;4337150;2689150;–;KLAMMERN\r\n',
      true,
    );
    const grid = await openPopulationGridCsv(p);
    expect(grid).toMatchObject({ census: 'zensus2022', column: 'Einwohner' });
    expect(await rows(p)).toEqual([
      { line: 2, cellId: 'CRS3035RES100mN2689100E4337000', resolution: 100, x: 4337050, y: 2689150, population: 12 },
      { line: 3, cellId: 'CRS3035RES100mN2689100E4337100', resolution: 100, x: 4337150, y: 2689150, population: 'secret' },
    ]);
    expect(await detectFormat(p)).toBe('zensus-grid');
  });

  it('reads the Zensus 2011 population file: short ids, -1 = secret', async () => {
    const p = file(
      'Zensus_Bevoelkerung_100m-Gitter.csv',
      'Gitter_ID_100m;x_mp_100m;y_mp_100m;Einwohner\n100mN26891E43370;4337050;2689150;-1\n100mN26891E43371;4337150;2689150;7\n',
    );
    const cells = await rows(p);
    expect((await openPopulationGridCsv(p)).census).toBe('zensus2011');
    expect(cells.map((c) => [c.cellId, c.population])).toEqual([
      ['CRS3035RES100mN2689100E4337000', 'secret'],
      ['CRS3035RES100mN2689100E4337100', 7],
    ]);
  });

  it('places cells by their centres alone, and recognises such a file as a grid', async () => {
    const p = file('gitter.csv', 'x_mp_1km;y_mp_1km;Einwohner\n4371500;3011500;250\n');
    expect(await rows(p)).toEqual([
      { line: 2, cellId: 'CRS3035RES1000mN3011000E4371000', resolution: 1000, x: 4371500, y: 3011500, population: 250 },
    ]);
    expect(await detectFormat(p)).toBe('zensus-grid');
  });

  it('refuses with file, line and column: a centre off its id, mixed cell sizes, a missing column', async () => {
    const off = file(
      'versetzt.csv',
      'GITTER_ID_1km;x_mp_1km;y_mp_1km;Einwohner\nCRS3035RES1000mN3011000E4371000;4371000;3011500;5\n',
    );
    await expect(rows(off)).rejects.toThrow(
      'versetzt.csv, Zeile 2, Spalte 2: Der Mittelpunkt (4371000, 3011500) passt nicht zur Gitter-ID „CRS3035RES1000mN3011000E4371000“',
    );
    const mixed = file(
      'gemischt.csv',
      'GITTER_ID;Einwohner\nCRS3035RES1000mN3011000E4371000;5\nCRS3035RES100mN3011000E4371000;5\n'.replace(
        'GITTER_ID;',
        'GITTER_ID_1km;',
      ),
    );
    await expect(rows(mixed)).rejects.toThrow(
      /gemischt\.csv, Zeile 3, Spalte 1: Die Zelle hat 100 m Kantenlänge, die Zelle in Zeile 2 1000 m/,
    );
    const none = file('ohne.csv', 'GITTER_ID_1km;Frauen_A\nCRS3035RES1000mN3011000E4371000;50\n');
    await expect(openPopulationGridCsv(none)).rejects.toThrow(
      'ohne.csv, Zeile 1: Die Spalte „Einwohner“ fehlt; vorhanden: GITTER_ID_1km, Frauen_A.',
    );
  });
});
