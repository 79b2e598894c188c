import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../domain/observations/import-error.ts';
import type { Geometry, Position } from '../../domain/regions/region.ts';
import {
  aggregateGridFile,
  EPSG_3035,
  projectToEpsg3035,
  readZensusGridCsv,
  type GridFileAggregation,
  type GridTargetRegion,
} from './zensus-grid-csv.ts';

const DATA = path.resolve(import.meta.dirname, '../../../../shared/data');
const GRID_1KM = path.join(DATA, 'zensus_grid/zensus2011_1km_spitze_werte_th.csv');
const GEMEINDEN = path.join(DATA, 'boundaries/th_gemeinden_2022_wgs84.geojson');

const EINWOHNER_TH_GRID = 2_187_376;
const ERFURT = '16051000';
const ERFURT_ZENSUS_2011 = 204_880;

function gemeinden(): GridTargetRegion[] {
  const json = JSON.parse(readFileSync(GEMEINDEN, 'utf8')) as { features: { properties: { ags: string }; geometry: Geometry }[] };
  return json.features.map((f) => ({ key: f.properties.ags, geometry: f.geometry }));
}

/** Brute-force even–odd test over all rings of all regions, to check the index independently. */
function bruteForceRegion(x: number, y: number, regions: { key: string; polygons: Position[][][] }[]): string | null {
  for (const region of regions) {
    let inside = false;
    for (const polygon of region.polygons) {
      for (const ring of polygon) {
        for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
          const [xa, ya] = ring[a]!;
          const [xb, yb] = ring[b]!;
          if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
        }
      }
    }
    if (inside) return region.key;
  }
  return null;
}

describe('aggregateGridFile: Zensus 2011 1 km grid of Thuringia into the 631 Gemeinden', () => {
  let result: GridFileAggregation;
  let regions: GridTargetRegion[];

  beforeAll(async () => {
    regions = gemeinden();
    const started = performance.now();
    result = await aggregateGridFile(GRID_1KM, regions);
    console.info(`Zensus-Gitter 1 km → ${regions.length} Gemeinden: ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('reads all 16,196 cells and puts every inhabitant either in a Gemeinde or among the unassigned', () => {
    const { summary } = result;
    expect(summary).toMatchObject({ file: 'zensus2011_1km_spitze_werte_th.csv', resolution: 1000, cellsRead: 16196 });
    expect(summary.ignoredColumns).toEqual(['HHGroesse_D', 'Leerstandsquote', 'Wohnfl_Whg_D']);
    const einwohner = summary.variables.find((v) => v.column === 'Einwohner')!;
    expect(einwohner.total).toMatchObject({ value: EINWOHNER_TH_GRID, secretCells: 0, valueCells: 7527 });
    expect(einwohner.assigned.knownSum + einwohner.unassigned.knownSum).toBe(EINWOHNER_TH_GRID);
    expect(summary.cellsAssigned + summary.cellsUnassigned).toBe(summary.cellsRead);
    const share = einwohner.assigned.knownSum / EINWOHNER_TH_GRID;
    console.info(
      `Einwohner: ${einwohner.assigned.knownSum} in Gemeinden (${(share * 100).toFixed(3)} %), ${einwohner.unassigned.knownSum} nicht zugeordnet; ` +
        `Zellen: ${summary.cellsAssigned} zugeordnet, ${summary.cellsUnassigned} nicht zugeordnet`,
    );
    expect(share).toBeGreaterThanOrEqual(0.999);
    // The cells were selected by centre inside the Land outline, which the Gemeinden tile exactly.
    expect(summary.cellsUnassigned).toBe(0);
  });

  it('assigns every cell as a brute-force point-in-polygon test does', async () => {
    const planar = regions.map((r) => ({ key: r.key, polygons: projectToEpsg3035(r.geometry) as Position[][][] }));
    const boxes = planar.map((r) => {
      const xs = r.polygons.flatMap((pg) => pg[0]!.map((q) => q[0]));
      const ys = r.polygons.flatMap((pg) => pg[0]!.map((q) => q[1]));
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
    });
    const expected = new Map(regions.map((r) => [r.key, 0]));
    for await (const row of readZensusGridCsv(GRID_1KM)) {
      const { centreX: x, centreY: y } = row.cell;
      const candidates = planar.filter(
        (_, i) => x >= boxes[i]![0] && x <= boxes[i]![2] && y >= boxes[i]![1] && y <= boxes[i]![3],
      );
      const key = bruteForceRegion(x, y, candidates);
      if (key !== null) expected.set(key, expected.get(key)! + 1);
    }
    expect(result.aggregation.cellsPerRegion).toEqual(expected);
  });

  it('gives Erfurt a plausible population (within 3 % of the Zensus 2011 figure)', () => {
    const erfurt = result.observations.find((o) => o.regionKey === ERFURT && o.variableKey === 'zensus2011-grid:Einwohner')!;
    expect(erfurt).toMatchObject({ period: '2011-05-09', flag: null });
    const deviation = (erfurt.value! - ERFURT_ZENSUS_2011) / ERFURT_ZENSUS_2011;
    console.info(
      `Erfurt: ${erfurt.value} Einwohner aus Gitterzellen, Zensus 2011: ${ERFURT_ZENSUS_2011} (${(deviation * 100).toFixed(2)} %)`,
    );
    // Whole 1 km cells are assigned by their centre: populated cells cut by the city boundary whose
    // centre lies outside count for the neighbour (and vice versa), and the boundary (2022,
    // generalised) is not the one the Zensus 2011 counted in.
    expect(Math.abs(deviation)).toBeLessThan(0.03);
  });

  it('returns one observation per Gemeinde and variable, with the Stichtag as period', () => {
    expect(result.variables.map((v) => v.key)).toEqual([
      'zensus2011-grid:Einwohner',
      'zensus2011-grid:Frauen_A',
      'zensus2011-grid:Alter_D',
      'zensus2011-grid:unter18_A',
      'zensus2011-grid:ab65_A',
      'zensus2011-grid:Auslaender_A',
      'zensus2011-grid:Wohnfl_Bew_D',
    ]);
    expect(result.variables[0]).toMatchObject({ unit: 'Anzahl', additive: true, licence: 'dl-de/by-2-0' });
    expect(result.variables[5]).toMatchObject({ unit: '%', additive: false });
    expect(result.observations).toHaveLength(631 * 7);
    expect(new Set(result.observations.map((o) => o.period))).toEqual(new Set(['2011-05-09']));
    const einwohner = result.observations.filter((o) => o.variableKey === 'zensus2011-grid:Einwohner');
    expect(einwohner.reduce((s, o) => s + (o.value ?? 0), 0)).toBe(EINWOHNER_TH_GRID);
    // Eichstruth contains no cell centre at all; Asbach-Sickenberg (7 cells) and Vollersroda (1 cell)
    // contain only cells without inhabitants (-1): no value, not zero – their villages fall into cells
    // centred in a neighbouring Gemeinde.
    expect(einwohner.filter((o) => o.flag !== null).map((o) => [o.regionKey, o.value, o.flag])).toEqual([
      ['16061002', null, 'no_value'],
      ['16061028', null, 'no_value'],
      ['16071093', null, 'no_value'],
    ]);
    expect(result.aggregation.cellsPerRegion.get('16061028')).toBe(0);
    expect(result.aggregation.cellsPerRegion.get('16061002')).toBe(7);
  });

  it('counts secret (-9) cells and flags the affected Gemeinden instead of estimating', () => {
    const share = result.summary.variables.find((v) => v.column === 'Auslaender_A')!;
    // 171 cells keep the foreigners' share secret, all of them populated.
    expect(share.total.secretCells).toBe(171);
    expect(share.secretRegions).toBeGreaterThan(0);
    expect(share.total).toMatchObject({ value: null, flag: 'secret' });
    const flagged = result.observations.filter((o) => o.variableKey === 'zensus2011-grid:Auslaender_A' && o.flag === 'secret');
    expect(flagged).toHaveLength(share.secretRegions);
    expect(flagged.every((o) => o.value === null)).toBe(true);
    // Erfurt has one secret cell among 268: the share stays unknown; the known part is reported separately.
    const erfurt = result.aggregation.variables.find((v) => v.column === 'Auslaender_A')!.regions.get(ERFURT)!;
    expect(erfurt).toMatchObject({ value: null, flag: 'secret', secretCells: 1, cells: 268 });
    expect(erfurt.knownSum / erfurt.knownWeight).toBeCloseTo(2.96, 2);
    console.info(
      `Auslaender_A: ${share.total.secretCells} geheime Zellen, ${share.secretRegions} Gemeinden gekennzeichnet; Frauen_A: ` +
        `${result.summary.variables.find((v) => v.column === 'Frauen_A')!.total.secretCells} geheime Zellen`,
    );
  });

  it('aggregates shares as Σ(share × Einwohner) / Σ Einwohner for Gemeinden without secret cells', () => {
    const share = result.aggregation.variables.find((v) => v.column === 'Auslaender_A')!;
    const [key, clean] = [...share.regions].find(([, a]) => a.flag === null && a.valueCells > 3)!;
    expect(clean.value).toBeCloseTo(clean.knownSum / clean.knownWeight, 12);
    const einwohner = result.aggregation.variables[0]!.regions.get(key)!;
    expect(clean.knownWeight).toBe(einwohner.value);
  });
});

describe('readZensusGridCsv: file variants', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, text, 'utf8');
    return target;
  };
  const read = async (target: string) => {
    const rows = [];
    for await (const row of readZensusGridCsv(target)) rows.push(row);
    return rows;
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'planwerk-grid-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads BOM, CRLF, INSPIRE ids, centre columns and decimal commas; keeps -1 and -9', async () => {
    const target = file(
      'a.csv',
      '\uFEFFGITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner;Anteil\r\n' +
        'CRS3035RES100mN2689100E4337000;4337050;2689150;12;33,5\r\n' +
        'CRS3035RES100mN2689100E4337100;4337150;2689150;-9;-1\r\n',
    );
    const rows = await read(target);
    expect(rows[0]!.header).toMatchObject({
      idColumn: 'GITTER_ID_100m',
      centreColumns: ['x_mp_100m', 'y_mp_100m'],
      attributes: ['Einwohner', 'Anteil'],
    });
    expect(rows.map((r) => [r.line, r.cell.centreX, r.cell.centreY, [...r.values]])).toEqual([
      [2, 4337050, 2689150, [12, 33.5]],
      [3, 4337150, 2689150, [-9, -1]],
    ]);
  });

  it('reads the Zensus 2011 short id alone, centre columns alone, LF endings and quoted fields', async () => {
    const short = await read(file('b.csv', 'Gitter_ID_1km;Einwohner\n1kmN3102E4012;5\n"1kmN3103E4012";"7"'));
    expect(short.map((r) => [r.cell.north, r.cell.east, r.values[0]])).toEqual([
      [3102000, 4012000, 5],
      [3103000, 4012000, 7],
    ]);
    const centre = await read(file('c.csv', 'x_mp_1km;y_mp_1km;Einwohner;werterlaeuternde_Zeichen\r\n4012500;3102500;5;\r\n'));
    expect(centre[0]!.cell).toEqual({ resolution: 1000, north: 3102000, east: 4012000, centreX: 4012500, centreY: 3102500 });
    expect(centre[0]!.header.attributes).toEqual(['Einwohner']);
  });

  it('rejects broken files with German messages naming line and column', async () => {
    await expect(read(file('d.csv', 'ID;Einwohner\r\nx;1\r\n'))).rejects.toThrow('d.csv, Zeile 1: Keine Gitterspalte gefunden');
    await expect(read(file('e.csv', 'GITTER_ID_1km;Einwohner\r\nCRS3035RES1000mN3102000;1\r\n'))).rejects.toThrow(
      'e.csv, Zeile 2, Spalte 1: „CRS3035RES1000mN3102000“ ist keine gültige Gitterzellen-ID',
    );
    await expect(read(file('f.csv', 'GITTER_ID_1km;Einwohner\r\n1kmN3102E4012;zwölf\r\n'))).rejects.toThrow(
      'f.csv, Zeile 2, Spalte 2: „zwölf“ ist keine Zahl.',
    );
    await expect(read(file('g.csv', 'GITTER_ID_1km;Einwohner\r\n1kmN3102E4012;\r\n'))).rejects.toThrow(
      'Zeile 2, Spalte 2: Leeres Feld',
    );
    await expect(read(file('h.csv', 'GITTER_ID_1km;Einwohner\r\n1kmN3102E4012;1;2\r\n'))).rejects.toThrow(
      'h.csv, Zeile 2: Die Zeile hat 3 Spalten, die Kopfzeile 2',
    );
    await expect(read(file('i.csv', 'GITTER_ID_1km;x_mp_1km;y_mp_1km;E\r\n1kmN3102E4012;4012500;3103500;1\r\n'))).rejects.toThrow(
      'Der Mittelpunkt (4012500, 3103500) passt nicht zur Gitter-ID „1kmN3102E4012“',
    );
    await expect(read(file('j.csv', 'x_mp_100m;y_mp_100m;E\r\n4012000;3102050;1\r\n'))).rejects.toThrow(
      'ist kein Mittelpunkt einer Zelle des 100-m-Gitters',
    );
    await expect(read(file('k.csv', ''))).rejects.toThrow(ImportError);
  });

  it('aggregates a tiny file into WGS84 polygons (Polygon with hole, MultiPolygon) after projecting them', async () => {
    const inverse = proj4(EPSG_3035, 'EPSG:4326');
    const ring = (x0: number, y0: number, x1: number, y1: number): Position[] =>
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ].map((q) => inverse.forward(q) as Position);
    // In EPSG:3035: A = [4000, 4003] × [3000, 3001] km without the middle cell; B = that cell plus [4000, 4001] × [3001, 3002] km.
    const regions: GridTargetRegion[] = [
      {
        key: '16000001',
        geometry: {
          type: 'Polygon',
          coordinates: [ring(4000e3, 3000e3, 4003e3, 3001e3), ring(4001e3, 3000.2e3, 4002e3, 3000.8e3)],
        },
      },
      {
        key: '16000002',
        geometry: {
          type: 'MultiPolygon',
          coordinates: [[ring(4001.1e3, 3000.3e3, 4001.9e3, 3000.7e3)], [ring(4000e3, 3001e3, 4001e3, 3002e3)]],
        },
      },
    ];
    const target = file(
      'l.csv',
      'GITTER_ID_1km;Einwohner;Auslaender_A\r\n' +
        '1kmN3000E4000;10;10\r\n1kmN3000E4001;20;5\r\n1kmN3000E4002;30;-9\r\n1kmN3001E4000;40;2,5\r\n1kmN3001E4001;50;0\r\n',
    );
    const { observations, summary } = await aggregateGridFile(target, regions, { variablePrefix: 'test', period: '2011' });
    const values = Object.fromEntries(observations.map((o) => [`${o.regionKey} ${o.variableKey}`, [o.value, o.flag]]));
    expect(values).toEqual({
      '16000001 test:Einwohner': [40, null],
      '16000002 test:Einwohner': [60, null],
      '16000001 test:Auslaender_A': [null, 'secret'],
      // (20 · 5 + 40 · 2.5) / (20 + 40) = 200 / 60 %
      '16000002 test:Auslaender_A': [200 / 60, null],
    });
    expect(summary).toMatchObject({ cellsRead: 5, cellsAssigned: 4, cellsUnassigned: 1 });
    expect(summary.variables[0]!.unassigned).toMatchObject({ value: 50, cells: 1 });
    expect(observations.find((o) => o.regionKey === '16000002')!.line).toBe(3);
  });
});
