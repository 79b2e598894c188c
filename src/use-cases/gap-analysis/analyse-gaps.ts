import { gapIndicatorValues, type GapIndicatorValue } from '../../domain/gap-analysis/gap-indicators.ts';
import {
  analyseGapMatrix,
  rowDestinations,
  type GapArea,
  type GapMatrix,
  type GapRowSpec,
  type GapService,
  type GapThresholds,
  type ReachWeighting,
} from '../../domain/gap-analysis/gap-matrix.ts';
import { gridMethodText } from '../../domain/grid/population-grid.ts';
import { straightLineEngine, type PopulationPoints, type ReachLimit } from '../../domain/gap-analysis/reachability.ts';
import type { Position } from '../../domain/regions/region.ts';
import { InvalidError } from '../../domain/shared/errors.ts';
import { requireReadTenant, type Actor } from '../../domain/tenancy/policy.ts';
import type {
  GapAnalysisDeps,
  GapServiceRecord,
  GapServiceStatus,
  PopulationPointRecords,
  PopulationPointSource,
} from './ports.ts';

/** One row the planner asks for: which services, which target population, which limits. */
export interface GapRowRequest {
  key: string;
  label: string;
  /** Taxonomy term keys; a service with any of them belongs to the row. */
  termKeys: readonly string[];
  /** Atlas variable with the target population, e.g. persons aged 0–6. */
  targetVariableKey: string;
  period: string;
  /** Reachability limit; absent or null = no reachability for this row. */
  reach?: ReachLimit | null | undefined;
  thresholds?: GapThresholds | undefined;
}

/** Which population points reachability uses: the Zensus grid when stored (`auto`), only the grid, or only centroids. */
export type PopulationChoice = 'auto' | 'grid' | 'centroids';

/** What the planner chose. */
export interface AnalyseGapsInput {
  tenantKey: string;
  rows: readonly GapRowRequest[];
  /**
   * The centroid source (or an explicit grid dataset) for reachability; with `population`
   * `auto` the centroids are used only when the municipality has no grid. Null or absent when
   * no centroids were chosen.
   */
  populationPoints?: PopulationPointSource | null | undefined;
  /** Default `auto` (`grid` when `populationPoints` names a grid). */
  population?: PopulationChoice | undefined;
}

/** Where the population points came from, with a German description for the result. */
export interface GapPopulationInfo {
  source: string;
  kind: PopulationPointSource['kind'];
  /** E.g. „Zensus-Gitter 1 km (1.812 Zellen), Luftlinie“ or „Schwerpunkte von 15 Gebieten, gewichtet mit „demo.alter_0_5“ (2024-12-31), Luftlinie“. */
  method: string;
  /** Number of population points (cells or centroids). */
  points: number;
  /** Points without a known weight (secret grid cells, centroids without value): left out of the shares. */
  unknownPoints: number;
  /** `target`: the target population of each area distributed over its cells in proportion to their population. */
  weighting: ReachWeighting;
  /** Grid cells only: the dataset, its cell size (m) and reference date. */
  grid?: { key: string; cellSize: number; referenceDate: string } | undefined;
}

/** One counted entry (a service at one location, or a service without any location). */
export interface GapEntry {
  serviceId: string;
  locationId: string | null;
  name: string;
}

/** The result: the matrix, its indicator values and what was left out. */
export interface GapAnalysisView {
  tenantKey: string;
  matrix: GapMatrix;
  indicators: GapIndicatorValue[];
  /** Entry id (as in the cells' `serviceIds`) → service and location, for links. */
  entries: Record<string, GapEntry>;
  /** Services not counted because of their status or because they are archived. */
  excluded: Record<Exclude<GapServiceStatus, 'active'> | 'archived', number>;
  /** Planning areas without a shape (left out of the matrix). */
  areasWithoutShape: string[];
  population: GapPopulationInfo | null;
  /** Engine that answered the reachability rows, e.g. `straight_line`; null without reachability. */
  reachMethod: string | null;
}

const MAX_ROWS = 50;
const MAX_DISTANCE_METRES = 100_000;

/** Id of an entry: the service id, plus `@<location id>` when it is one of its locations. */
export function entryId(serviceId: string, locationId: string | null): string {
  return locationId === null ? serviceId : `${serviceId}@${locationId}`;
}

function checkRows(rows: readonly GapRowRequest[]): void {
  if (rows.length === 0)
    throw new InvalidError('Bitte mindestens eine Zeile (Lebenslage oder Zielgruppe) wählen.', 'gap-no-rows');
  if (rows.length > MAX_ROWS) throw new InvalidError(`Höchstens ${MAX_ROWS} Zeilen auf einmal.`, 'gap-too-many-rows');
  for (const row of rows) {
    if (row.termKeys.length === 0) {
      throw new InvalidError(`Die Zeile „${row.label}“ nennt keinen Begriff der Taxonomie.`, 'gap-row-no-terms');
    }
    const limit = row.reach;
    if (!limit) continue;
    if (limit.kind === 'distance' && !(limit.metres > 0 && limit.metres <= MAX_DISTANCE_METRES)) {
      throw new InvalidError(
        `Die Entfernung der Zeile „${row.label}“ muss über 0 und höchstens ${MAX_DISTANCE_METRES / 1000} km betragen.`,
        'gap-radius-invalid',
      );
    }
    if (limit.kind === 'travel_time' && !(limit.minutes > 0 && limit.minutes <= 240)) {
      throw new InvalidError(
        `Die Fahrzeit der Zeile „${row.label}“ muss über 0 und höchstens 240 Minuten betragen.`,
        'gap-time-invalid',
      );
    }
  }
}

/**
 * Entries of the active, not archived services: one per location; a service with several
 * locations has no capacity per location (the register keeps one capacity per service, and
 * splitting it would invent numbers), a service without location is one entry without position.
 */
function serviceEntries(
  records: readonly GapServiceRecord[],
  project: (lonLat: Position) => Position,
): { services: GapService[]; entries: Record<string, GapEntry>; excluded: GapAnalysisView['excluded'] } {
  const services: GapService[] = [];
  const entries: Record<string, GapEntry> = {};
  const excluded: GapAnalysisView['excluded'] = { inactive: 0, 'temporarily closed': 0, defunct: 0, archived: 0 };
  for (const record of records) {
    if (record.archived) {
      excluded.archived++;
      continue;
    }
    if (record.status !== 'active') {
      excluded[record.status]++;
      continue;
    }
    const locations = record.locations.length > 0 ? record.locations : [null];
    for (const location of locations) {
      const id = entryId(record.id, location?.id ?? null);
      entries[id] = { serviceId: record.id, locationId: location?.id ?? null, name: record.name };
      const hasPoint = location !== null && location.longitude !== null && location.latitude !== null;
      services.push({
        id,
        termKeys: record.termKeys,
        position: hasPoint ? project([location.longitude!, location.latitude!]) : null,
        capacity: locations.length === 1 ? record.capacity : null,
      });
    }
  }
  return { services, entries, excluded };
}

/**
 * Gap analysis (Abgleich) of one municipality: per planning area and row (Lebenslage or
 * Zielgruppe) the services, capacity per 1,000 of the target population and reachability,
 * flagged against the planner's thresholds, plus the results as indicator values per planning
 * area. Reads only; members of the municipality and the state organisation may run it.
 */
export async function analyseGaps(deps: GapAnalysisDeps, actor: Actor, input: AnalyseGapsInput): Promise<GapAnalysisView> {
  requireReadTenant(actor, input.tenantKey);
  checkRows(input.rows);
  const needsReach = input.rows.some((r) => r.reach);
  const choice: PopulationChoice = input.population ?? (input.populationPoints?.kind === 'grid' ? 'grid' : 'auto');
  const centroids = input.populationPoints?.kind === 'centroids' ? input.populationPoints : null;
  if (needsReach && choice === 'centroids' && centroids === null) {
    throw new InvalidError(
      'Für die Erreichbarkeit bitte wählen, woher die Bevölkerungspunkte kommen (Zensus-Gitter oder Gebietsmittelpunkte).',
      'gap-population-source-missing',
    );
  }
  const engine = deps.reachability ?? straightLineEngine;
  for (const row of input.rows) {
    if (row.reach && !engine.supports(row.reach)) {
      throw new InvalidError(
        `Die Zeile „${row.label}“ verlangt eine Fahrzeit; ohne Routing-Anbindung ist nur die Luftlinienentfernung möglich.`,
        'gap-reach-unsupported',
      );
    }
  }

  const project = (p: Position) => deps.plane.forward(p);
  const shapes = await deps.planningAreas.listWithShapes(input.tenantKey);
  const areasWithoutShape = shapes.filter((s) => s.geometry === null).map((s) => s.key);
  const areas: GapArea[] = shapes
    .filter((s) => s.geometry !== null)
    .map((s) => {
      const geometry = s.geometry!;
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      return { key: s.key, name: s.name, polygons: polygons.map((polygon) => polygon.map((ring) => ring.map(project))) };
    });
  if (areas.length === 0) {
    throw new InvalidError(
      'Für den Abgleich braucht die Gebietskörperschaft Planungsräume mit Grenzen. Bitte zuerst Planungsräume anlegen.',
      'gap-no-planning-areas',
    );
  }
  const areaKeys = areas.map((a) => a.key);

  const { services, entries, excluded } = serviceEntries(await deps.services.listForGapAnalysis(input.tenantKey), project);

  // One read per distinct target variable and period.
  const targets = new Map<string, Promise<ReadonlyMap<string, number | null>>>();
  const targetOf = (row: GapRowRequest) => {
    const key = `${row.targetVariableKey}\u0000${row.period}`;
    if (!targets.has(key)) {
      targets.set(
        key,
        deps.population.valuesForAreas(input.tenantKey, { variableKey: row.targetVariableKey, period: row.period, areaKeys }),
      );
    }
    return targets.get(key)!;
  };
  const rows: GapRowSpec[] = [];
  for (const row of input.rows) {
    rows.push({
      key: row.key,
      label: row.label,
      termKeys: row.termKeys,
      targetVariableKey: row.targetVariableKey,
      period: row.period,
      targetPopulation: await targetOf(row),
      reach: row.reach ?? null,
      thresholds: row.thresholds ?? {},
    });
  }

  let population: PopulationPoints | null = null;
  let populationInfo: GapAnalysisView['population'] = null;
  if (needsReach) {
    let records: PopulationPointRecords | null = null;
    let kind: PopulationPointSource['kind'] = 'grid';
    if (choice !== 'centroids') {
      const gridSource = input.populationPoints?.kind === 'grid' ? input.populationPoints : { kind: 'grid' as const };
      records = await deps.population.points(input.tenantKey, gridSource);
      if (records === null && choice === 'grid') {
        throw new InvalidError(
          'Für diese Gebietskörperschaft liegen keine Zensus-Gitterzellen vor; bitte Gebietsmittelpunkte wählen oder ein Zensus-Gitter importieren.',
          'gap-population-points-missing',
        );
      }
    }
    if (records === null) {
      if (centroids === null) {
        throw new InvalidError(
          'Für die Erreichbarkeit bitte wählen, woher die Bevölkerungspunkte kommen (Zensus-Gitter oder Gebietsmittelpunkte).',
          'gap-population-source-missing',
        );
      }
      kind = 'centroids';
      records = await deps.population.points(input.tenantKey, centroids);
      if (records === null) {
        throw new InvalidError(
          'Für die gewählte Ebene liegen keine Gebietsmittelpunkte mit Bevölkerung vor.',
          'gap-population-points-missing',
        );
      }
    }
    if (records.coordinates === 'epsg3035') population = { x: records.x, y: records.y, weight: records.weight };
    else {
      const n = records.x.length;
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) [x[i], y[i]] = project([records.x[i]!, records.y[i]!]);
      population = { x, y, weight: records.weight };
    }
    const n = records.x.length;
    let unknownPoints = 0;
    for (let i = 0; i < n; i++) if (records.weight[i] === null) unknownPoints++;
    const reachText = engine.method === 'straight_line' ? 'Luftlinie' : engine.method;
    populationInfo = {
      source: records.source,
      kind,
      method:
        kind === 'grid' && records.grid
          ? gridMethodText(records.grid.cellSize, n, reachText)
          : `${records.source} (${n.toLocaleString('de-DE')} Punkte), ${reachText}`,
      points: n,
      unknownPoints,
      weighting: kind === 'grid' ? 'target' : 'points',
      ...(records.grid
        ? { grid: { key: records.grid.key, cellSize: records.grid.cellSize, referenceDate: records.grid.referenceDate } }
        : {}),
    };
  }

  const masks = new Map<string, { reached: Uint8Array; method: string }>();
  if (population !== null) {
    for (const row of rows) {
      if (row.reach === null) continue;
      const reached = await engine.reach({ origins: population, destinations: rowDestinations(services, row), limit: row.reach });
      masks.set(row.key, { reached, method: engine.method });
    }
  }
  const matrix = analyseGapMatrix(
    { areas, services, rows, population, reachWeighting: populationInfo?.weighting ?? 'points' },
    masks,
  );
  return {
    tenantKey: input.tenantKey,
    matrix,
    indicators: gapIndicatorValues(matrix),
    entries,
    excluded,
    areasWithoutShape,
    population: populationInfo,
    reachMethod: masks.size > 0 ? engine.method : null,
  };
}
