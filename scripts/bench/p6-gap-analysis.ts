/**
 * P6 – gap analysis: 600 planning areas × 5,000 services × 16,000 grid cells, stored through the
 * real tables (regions, observations, the service register, grid_cells) on PostgreSQL. Measured:
 * the whole use case as the route runs it (`analyseGaps` over `gapAnalysisDeps`, the database
 * reads included) against one plain scan of the same rows (services, their locations and links,
 * the planning-area rows with their shapes, the target values, the grid cells). Both alternate
 * after a warm-up; p50/p90 wall times and the ratio of the medians.
 */
import { sql } from 'kysely';
import { gridRepository } from '../../src/db/repositories/grid.repository.ts';
import { inTransaction } from '../../src/db/repositories/index.ts';
import { serviceRepositories } from '../../src/db/repositories/services.repository.ts';
import { generateMusterlandServices } from '../../src/domain/demo/musterland-services.ts';
import { formatGridId } from '../../src/domain/grid/grid-cell.ts';
import type { Position, Region } from '../../src/domain/regions/region.ts';
import { systemClock } from '../../src/domain/shared/clock.ts';
import type { Actor } from '../../src/domain/tenancy/policy.ts';
import { equalAreaProjection } from '../../src/importers/geometry/crs.ts';
import { gapAnalysisDeps } from '../../src/server/compose-gap-analysis.ts';
import { analyseGaps, type AnalyseGapsInput } from '../../src/use-cases/gap-analysis/analyse-gaps.ts';
import type { GapAnalysisDeps } from '../../src/use-cases/gap-analysis/ports.ts';
import type { StoredGridCell } from '../../src/use-cases/grid/ports.ts';
import { openBenchDatabase } from './databases.ts';
import type { Machine } from './machine.ts';
import { machineLines, type Load } from './report.ts';
import { log, random } from './util.ts';

const LABEL = 'Benchmark P6';
const SYSTEM: Actor = { kind: 'system', label: LABEL };
const TENANT = '98001';
const PERIOD = '2024-12-31';
const ROWS = 5;
// The territory in EPSG:3035 metres: 160 km × 100 km around Thuringia (16,000 cells of 1 km).
const X0 = 4_350_000;
const Y0 = 2_950_000;
const WIDTH_KM = 160;
const HEIGHT_KM = 100;
const AREA_COLUMNS = 30;
const AREA_ROWS = 20;
// Vertices per area edge (shared by both neighbours, jittered), so shapes are not plain rectangles.
const EDGE_STEPS = 6;

/** Sizes of one run. */
export interface P6Sizes {
  areas: number;
  services: number;
  cells: number;
}

/** The measured figures. */
export interface P6Result extends P6Sizes {
  engine: 'postgres';
  rounds: number;
  /** Rows the plain scan reads (all tables together). */
  scanRows: number;
  useCase: { p50: number; p90: number; min: number };
  scan: { p50: number; p90: number; min: number };
  /** Median time inside the ports (database reads and their conversion) during the use case. */
  portsP50: number;
  ratio: number;
  /** Checks: cells flagged gap, and the reach share of the first row's total. */
  gaps: number;
  totalShare: number | null;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), min: sorted[0]! };
}

/** 600 planning areas tiling the territory, with jittered shared borders, in WGS84 as stored. */
function planningAreas(): Region[] {
  const rand = random(0x9a6);
  const nx = AREA_COLUMNS * EDGE_STEPS;
  const ny = AREA_ROWS * EDGE_STEPS;
  const dx = (WIDTH_KM * 1000) / nx;
  const dy = (HEIGHT_KM * 1000) / ny;
  const lattice: Position[][] = [];
  for (let j = 0; j <= ny; j++) {
    const row: Position[] = [];
    for (let i = 0; i <= nx; i++) {
      const jx = i === 0 || i === nx ? 0 : (rand() - 0.5) * dx * 0.6;
      const jy = j === 0 || j === ny ? 0 : (rand() - 0.5) * dy * 0.6;
      row.push(equalAreaProjection.inverse([X0 + i * dx + jx, Y0 + j * dy + jy]));
    }
    lattice.push(row);
  }
  const regions: Region[] = [];
  for (let r = 0; r < AREA_ROWS; r++) {
    for (let c = 0; c < AREA_COLUMNS; c++) {
      const i0 = c * EDGE_STEPS;
      const j0 = r * EDGE_STEPS;
      const ring: Position[] = [];
      for (let k = 0; k < EDGE_STEPS; k++) ring.push(lattice[j0]![i0 + k]!);
      for (let k = 0; k < EDGE_STEPS; k++) ring.push(lattice[j0 + k]![i0 + EDGE_STEPS]!);
      for (let k = EDGE_STEPS; k > 0; k--) ring.push(lattice[j0 + EDGE_STEPS]![i0 + k]!);
      for (let k = EDGE_STEPS; k > 0; k--) ring.push(lattice[j0 + k]![i0]!);
      ring.push(ring[0]!);
      const n = r * AREA_COLUMNS + c + 1;
      regions.push({
        key: `${TENANT}-PR${String(n).padStart(3, '0')}`,
        name: `Planungsraum ${n}`,
        level: 'planning_area',
        parentKey: null,
        geometry: { type: 'Polygon', coordinates: [ring] },
        validFrom: '2015-01-01',
        validTo: null,
      });
    }
  }
  return regions;
}

/** Stores the generated planning areas, target values, services and grid cells of P6 in a migrated database. */
export async function loadP6(db: Parameters<typeof gapAnalysisDeps>[0]): Promise<P6Sizes> {
  const rand = random(0x9a7);
  const now = systemClock.now();
  const areas = planningAreas();
  await inTransaction(db, async (r) => {
    await r.tenants.insert({ key: TENANT, name: 'Landkreis P6 (Benchmark)', kind: 'landkreis' });
    await r.regions.insertMany(areas, TENANT);
    // Target populations per planning area: one variable per row.
    const importId = await r.imports.start({
      scope: TENANT,
      fileName: 'P6-Zielbevölkerung',
      checksum: 'p6',
      format: 'demo',
      actorUserId: null,
      actorLabel: LABEL,
      at: now,
    });
    const variables = Array.from({ length: ROWS }, (_, k) => ({
      key: `p6.ziel_${k + 1}`,
      label: `Zielbevölkerung ${k + 1}`,
      unit: 'Personen',
      source: 'Benchmark P6',
      licence: 'CC0',
      attribution: 'Benchmark',
      additive: true,
    }));
    await r.observations.upsertVariables(TENANT, variables, importId);
    const observations = variables.flatMap((v) =>
      areas.map((a, i) => ({
        regionKey: a.key,
        variableKey: v.key,
        period: PERIOD,
        value: 50 + Math.floor(rand() * 2000),
        flag: null,
        line: i + 2,
      })),
    );
    await r.observations.applyBatch(TENANT, importId, observations);
    await r.imports.finish(
      importId,
      'completed',
      now,
      {
        variables: ROWS,
        regions: 0,
        observations: observations.length,
        inserted: observations.length,
        updated: 0,
        unchanged: 0,
        periods: [PERIOD],
      },
      null,
    );
  });

  // 5,000 services, one location each (3 % without coordinates), spread over the territory and a
  // little beyond it, tagged with one of the five rows' terms; 5 % without capacity.
  const template = generateMusterlandServices();
  const organization = template.organizations[0]!;
  const serviceTemplate = template.services[0]!;
  const locationTemplate = template.locations[0]!;
  const serviceCount = 5000;
  await inTransaction(db, async (_r, trx) => {
    const { register } = serviceRepositories(trx);
    await register.saveOrganization(TENANT, organization, now);
    for (let i = 0; i < serviceCount; i++) {
      const id = `p6-${String(i).padStart(4, '0')}`;
      const [lon, lat] = equalAreaProjection.inverse([
        X0 - 5000 + rand() * (WIDTH_KM * 1000 + 10_000),
        Y0 - 5000 + rand() * (HEIGHT_KM * 1000 + 10_000),
      ]);
      const located = rand() >= 0.03;
      await register.saveLocation(
        TENANT,
        {
          ...locationTemplate,
          id: `${id}-ort`,
          organizationId: organization.id,
          name: `Ort ${i}`,
          latitude: located ? Math.round(lat * 1e6) / 1e6 : null,
          longitude: located ? Math.round(lon * 1e6) / 1e6 : null,
        },
        now,
      );
      await register.saveService(
        TENANT,
        {
          ...serviceTemplate,
          id,
          organizationId: organization.id,
          name: `Angebot ${i}`,
          capacity: rand() < 0.05 ? null : 10 + Math.floor(rand() * 110),
          termKeys: [`p6.zeile_${(i % ROWS) + 1}`],
          locationIds: [`${id}-ort`],
        },
        now,
      );
    }
  });

  // 16,000 cells of 1 km: settlements with many people, open land with few or none, 3 % secret.
  const cells: StoredGridCell[] = [];
  for (let j = 0; j < HEIGHT_KM; j++) {
    for (let i = 0; i < WIDTH_KM; i++) {
      const u = rand();
      const population = u < 0.03 ? null : u < 0.4 ? 0 : Math.floor(Math.exp(rand() * 8));
      const north = Y0 + j * 1000;
      const east = X0 + i * 1000;
      cells.push({
        cellId: formatGridId({ resolution: 1000, north, east }),
        x: east + 500,
        y: north + 500,
        population,
        regionKey: null,
      });
    }
  }
  await inTransaction(db, (_r, trx) =>
    gridRepository(trx).replace(
      TENANT,
      {
        key: 'zensus2022-1km',
        label: 'Zensus 2022, 1-km-Gitter, Einwohner (erzeugt)',
        referenceDate: '2022-05-15',
        source: 'Benchmark P6',
        cellSize: 1000,
        territory: 'Benchmark',
      },
      cells,
      now,
    ),
  );
  return { areas: areas.length, services: serviceCount, cells: cells.length };
}

/** Wraps every port method so that the time spent in it (reads and conversion) is summed up. */
function timedDeps(deps: GapAnalysisDeps, spent: { ms: number }): GapAnalysisDeps {
  const wrap =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const start = performance.now();
      try {
        return await f(...a);
      } finally {
        spent.ms += performance.now() - start;
      }
    };
  return {
    ...deps,
    services: { listForGapAnalysis: wrap(deps.services.listForGapAnalysis.bind(deps.services)) },
    planningAreas: { listWithShapes: wrap(deps.planningAreas.listWithShapes.bind(deps.planningAreas)) },
    population: {
      valuesForAreas: wrap(deps.population.valuesForAreas.bind(deps.population)),
      points: wrap(deps.population.points.bind(deps.population)),
    },
  };
}

/** Loads the data on a scratch PostgreSQL database and measures. */
export async function runP6(options: { rounds?: number; warmUp?: number } = {}): Promise<P6Result> {
  const rounds = options.rounds ?? 15;
  const warmUp = options.warmUp ?? 3;
  const bench = await openBenchDatabase('postgres');
  try {
    const db = bench.database.db;
    log('P6 [postgres]: 600 Planungsräume, 5.000 Angebote, 16.000 Gitterzellen laden …');
    const sizes = await loadP6(db);
    await sql`analyze`.execute(db);

    const input: AnalyseGapsInput = {
      tenantKey: TENANT,
      rows: Array.from({ length: ROWS }, (_, k) => ({
        key: `zeile-${k + 1}`,
        label: `Zeile ${k + 1}`,
        termKeys: [`p6.zeile_${k + 1}`],
        targetVariableKey: `p6.ziel_${k + 1}`,
        period: PERIOD,
        reach: { kind: 'distance' as const, metres: 2000 + k * 500 },
        thresholds: { minServices: 1, minCapacityPer1000: 40, minReachShare: 0.7 },
      })),
      population: 'auto',
    };
    const spent = { ms: 0 };
    // As the route runs it: the ports composed per request, then the use case.
    const useCase = () => analyseGaps(timedDeps(gapAnalysisDeps(db, SYSTEM, systemClock), spent), SYSTEM, input);
    const scan = async () => {
      const parts = await Promise.all([
        db.selectFrom('services').selectAll().where('tenant_key', '=', TENANT).execute(),
        db.selectFrom('service_at_locations').selectAll().where('tenant_key', '=', TENANT).execute(),
        db.selectFrom('service_locations').selectAll().where('tenant_key', '=', TENANT).execute(),
        db
          .selectFrom('regions')
          .select(['key', 'name', 'geometry'])
          .where('level', '=', 'planning_area')
          .where('owner_tenant_key', '=', TENANT)
          .where('valid_to', 'is', null)
          .execute(),
        db
          .selectFrom('observations')
          .select(['region_key', 'variable_key', 'value', 'flag'])
          .where('scope', '=', TENANT)
          .where('period', '=', PERIOD)
          .execute(),
        db.selectFrom('grid_cells').select(['x', 'y', 'population']).where('tenant_key', '=', TENANT).execute(),
      ]);
      return parts.reduce((n, rows) => n + rows.length, 0);
    };

    const check = await useCase();
    if (check.matrix.areas.length !== sizes.areas)
      throw new Error(`P6: ${check.matrix.areas.length} Gebiete statt ${sizes.areas}`);
    if (check.population?.points !== sizes.cells) throw new Error(`P6: ${check.population?.points} Punkte statt ${sizes.cells}`);
    const scanRows = await scan();
    for (let i = 0; i < warmUp; i++) {
      await useCase();
      await scan();
    }
    const a: number[] = [];
    const b: number[] = [];
    const ports: number[] = [];
    log(`P6 [postgres]: ${rounds} Messungen je Seite …`);
    for (let i = 0; i < rounds; i++) {
      spent.ms = 0;
      let start = performance.now();
      await useCase();
      a.push(performance.now() - start);
      ports.push(spent.ms);
      start = performance.now();
      await scan();
      b.push(performance.now() - start);
    }
    const u = summary(a);
    const s = summary(b);
    return {
      engine: 'postgres',
      ...sizes,
      rounds,
      scanRows,
      useCase: u,
      scan: s,
      portsP50: summary(ports).p50,
      ratio: u.p50 / s.p50,
      gaps: check.matrix.rows.reduce((n, r) => n + r.cells.filter((c) => c.status === 'gap').length, 0),
      totalShare: check.matrix.rows[0]!.total.reach?.share ?? null,
    };
  } finally {
    await bench.dispose();
  }
}

/** The P6 section of docs/performance.md. */
export function p6Markdown(r: P6Result, machine: Machine, command: string, mode: string, load: Load): string {
  const ms = (v: number) => (v < 1000 ? `${v.toFixed(0)} ms` : `${(v / 1000).toFixed(2)} s`);
  const n = (v: number) => v.toLocaleString('en-US');
  return [
    '## P6 – gap analysis',
    '',
    ...machineLines(machine, command, mode, load),
    '',
    `Data, generated and stored through the real tables of a fresh PostgreSQL database: ${n(r.areas)} planning areas ` +
      `(${AREA_COLUMNS} × ${AREA_ROWS} tiles of a 160 km × 100 km territory, ${4 * EDGE_STEPS} shared, jittered vertices each), ` +
      `${n(r.services)} services of the register with one location each (3 % without coordinates, a few beyond the border, ` +
      `5 % without capacity) in ${ROWS} rows (Lebenslagen) of 1,000, one target variable per row with a value per ` +
      `planning area, and a population grid of ${n(r.cells)} cells of 1 km (3 % secret). ` +
      `**Ours:** \`analyseGaps\` over \`gapAnalysisDeps\` — what \`POST /api/tenants/:tenantKey/gap-analysis\` runs, ` +
      'without HTTP: the planning areas with their shapes, the services with locations and terms, the five target ' +
      'variables through the atlas values read, the grid cells, projection to EPSG:3035, locating services and cells, ' +
      'straight-line reachability per row (2.0–4.0 km) with the target population spread over the cells, thresholds, ' +
      'indicator values. **Reference:** one plain scan of the same rows on the same pool (`services`, ' +
      '`service_at_locations`, `service_locations`, the planning-area rows of `regions` with their shapes, the ' +
      `target \`observations\`, \`grid_cells\`: ${n(r.scanRows)} rows), the six SELECTs in parallel. Both alternate ` +
      `after a warm-up; ${r.rounds} rounds each; wall-clock times in the bench process.`,
    '',
    '| Engine | Areas × services × cells | Ours p50 / p90 | of which in the ports (reads) p50 | Plain scan p50 / p90 | Ratio of the medians | Goal ≤ 1 s met |',
    '| --- | --- | --- | ---: | --- | ---: | --- |',
    `| PostgreSQL | ${n(r.areas)} × ${n(r.services)} × ${n(r.cells)} | ${ms(r.useCase.p50)} / ${ms(r.useCase.p90)} | ` +
      `${ms(r.portsP50)} | ${ms(r.scan.p50)} / ${ms(r.scan.p90)} | ${r.ratio.toFixed(2)} | ${r.useCase.p50 <= 1000 ? 'yes' : '**no**'} |`,
    '',
    `Check: ${r.gaps} cells flagged as gaps; reach share of the first row's total ${
      r.totalShare === null ? '–' : `${(r.totalShare * 100).toFixed(1)} %`
    }.`,
  ].join('\n');
}
