/**
 * Aggregation of grid cells (Zensus grid, EPSG:3035) into regions such as Gemeinden or planning
 * areas.
 *
 * Rules:
 * - **Centre rule.** A cell belongs as a whole to the region that contains its centre; cells are
 *   never split by area. A cell whose centre lies in no region is counted as unassigned, with its
 *   values, so that assigned + unassigned always equals the total.
 * - **Borders.** A centre exactly on a border belongs to exactly one region, deterministically:
 *   the one that contains the point moved by an infinitesimal step east (and, on a horizontal
 *   border, north). Where regions overlap, the first region in input order wins.
 * - **Special values.** `-1` (no value, e.g. an unpopulated cell) is not counted and is not a
 *   zero. `-9` (secret) makes the region's value unknown: `value` is null, `flag` is `secret`,
 *   `secretCells` counts them and `knownSum` holds the sum of the known cells, for counts a lower
 *   bound of the true sum. No number is ever estimated for a secret cell.
 * - **Rates and means** (`Auslaender_A` in %, `Alter_D` in years) are aggregated from numerators
 *   and denominators, never by averaging rates: with a weight column (e.g. `Einwohner`) the
 *   result is Σ(value × weight) / Σ weight over the cells where both are known. A cell without
 *   weight (`-1` or 0) contributes nothing; a secret value with a positive weight, or a secret
 *   weight, makes the region secret.
 *
 * The spatial index is a scanline index: polygon edges are bucketed into horizontal bands, and for
 * every distinct northing the crossings of all edges with that line are computed once, sorted and
 * turned into intervals with their owning region. Grid cells share northings row by row, so a
 * lookup is one map access plus a binary search. Holes and MultiPolygons are handled by even–odd
 * parity per region over all its rings.
 */
import type { ObservationFlag } from '../observations/observation.ts';
import type { Geometry, Position } from '../regions/region.ts';
import { InvalidError } from '../shared/errors.ts';

/** Zensus grid special value `-1`: no value (e.g. an unpopulated cell); not counted, not zero. */
export const GRID_NO_VALUE = -1;
/** Zensus grid special value `-9`: kept secret (Geheimhaltung). */
export const GRID_SECRET = -9;

/** A polygon as rings (outer ring first, then holes) of positions in metres in EPSG:3035. */
export type PlanarPolygon = readonly (readonly Position[])[];

/** A region with its polygons already projected to EPSG:3035 (metres). */
export interface PlanarRegion {
  key: string;
  polygons: readonly PlanarPolygon[];
}

/** The polygons of a GeoJSON geometry whose coordinates are already EPSG:3035 metres. */
export function planarRegion(key: string, geometry: Geometry): PlanarRegion {
  return { key, polygons: geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates };
}

interface Scanline {
  /** Start (easting, metres) of each interval, ascending. */
  xs: Float64Array;
  /** Region index owning [xs[i], xs[i + 1]), or -1. */
  owners: Int32Array;
}

const EMPTY_SCANLINE: Scanline = { xs: new Float64Array(0), owners: new Int32Array(0) };
// Arbitrary points (not on a grid) create one scanline per distinct northing; the cache is
// emptied when it grows beyond this, which bounds memory without hurting grid-ordered input.
const MAX_CACHED_SCANLINES = 1 << 16;

/**
 * Finds the region that contains a point (metres, EPSG:3035) using a scanline index over the
 * region edges; see the module comment for the border and overlap rules.
 */
export class RegionLocator {
  /** Region keys in input order; {@link locate} returns indices into this list. */
  readonly keys: readonly string[];
  private readonly ex0: Float64Array;
  private readonly ey0: Float64Array;
  private readonly ex1: Float64Array;
  private readonly ey1: Float64Array;
  private readonly eRegion: Int32Array;
  private readonly bandStart: Int32Array;
  private readonly bandEdges: Int32Array;
  private readonly minY: number;
  private readonly maxY: number;
  private readonly bandHeight: number;
  private readonly bandCount: number;
  private readonly parity: Uint8Array;
  private readonly cache = new Map<number, Scanline>();
  private lastY = Number.NaN;
  private lastLine: Scanline = EMPTY_SCANLINE;

  constructor(regions: readonly PlanarRegion[]) {
    const keys: string[] = [];
    const seen = new Set<string>();
    const x0: number[] = [];
    const y0: number[] = [];
    const x1: number[] = [];
    const y1: number[] = [];
    const owner: number[] = [];
    regions.forEach((region, index) => {
      if (seen.has(region.key))
        throw new InvalidError(`Gebietsschlüssel „${region.key}“ kommt mehrfach vor.`, 'grid-region-duplicate');
      seen.add(region.key);
      keys.push(region.key);
      for (const polygon of region.polygons) {
        for (const ring of polygon) {
          const n = ring.length;
          for (let i = 0; i < n; i++) {
            const a = ring[i] as Position;
            const b = ring[(i + 1) % n] as Position;
            if (!Number.isFinite(a[0]) || !Number.isFinite(a[1])) {
              throw new InvalidError(
                `Gebiet „${region.key}“ hat eine ungültige Koordinate (${a[0]}, ${a[1]}).`,
                'grid-region-invalid',
              );
            }
            // Horizontal edges never cross a scanline under the half-open rule.
            if (a[1] === b[1]) continue;
            // Lower endpoint first, so a border shared by two regions yields bit-identical crossings.
            const lower = a[1] < b[1] ? a : b;
            const upper = a[1] < b[1] ? b : a;
            x0.push(lower[0]);
            y0.push(lower[1]);
            x1.push(upper[0]);
            y1.push(upper[1]);
            owner.push(index);
          }
        }
      }
    });
    this.keys = keys;
    this.ex0 = Float64Array.from(x0);
    this.ey0 = Float64Array.from(y0);
    this.ex1 = Float64Array.from(x1);
    this.ey1 = Float64Array.from(y1);
    this.eRegion = Int32Array.from(owner);
    this.parity = new Uint8Array(keys.length);

    const edgeCount = owner.length;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let e = 0; e < edgeCount; e++) {
      if (this.ey0[e]! < minY) minY = this.ey0[e]!;
      if (this.ey1[e]! > maxY) maxY = this.ey1[e]!;
    }
    this.minY = minY;
    this.maxY = maxY;
    this.bandCount = Math.max(1, Math.min(1 << 16, Math.ceil(edgeCount / 4)));
    this.bandHeight = edgeCount > 0 ? (maxY - minY) / this.bandCount : 1;
    const counts = new Int32Array(this.bandCount + 1);
    for (let e = 0; e < edgeCount; e++) {
      const [first, last] = this.bandRange(e);
      for (let b = first; b <= last; b++) counts[b + 1]!++;
    }
    for (let b = 0; b < this.bandCount; b++) counts[b + 1]! += counts[b]!;
    this.bandStart = counts;
    this.bandEdges = new Int32Array(counts[this.bandCount]!);
    const fill = counts.slice(0, this.bandCount);
    for (let e = 0; e < edgeCount; e++) {
      const [first, last] = this.bandRange(e);
      for (let b = first; b <= last; b++) this.bandEdges[fill[b]!++] = e;
    }
  }

  private band(y: number): number {
    const b = Math.floor((y - this.minY) / this.bandHeight);
    return b < 0 ? 0 : b >= this.bandCount ? this.bandCount - 1 : b;
  }

  private bandRange(edge: number): [number, number] {
    return [this.band(this.ey0[edge]!), this.band(this.ey1[edge]!)];
  }

  /** Index (into {@link keys}) of the region containing the point (metres, EPSG:3035), or -1. */
  locate(x: number, y: number): number {
    let line: Scanline;
    if (y === this.lastY) {
      line = this.lastLine;
    } else {
      line = this.cache.get(y) ?? this.buildScanline(y);
      this.lastY = y;
      this.lastLine = line;
    }
    const xs = line.xs;
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? -1 : line.owners[lo - 1]!;
  }

  private buildScanline(y: number): Scanline {
    if (!(y >= this.minY && y < this.maxY)) return this.remember(y, EMPTY_SCANLINE);
    const b = this.band(y);
    const from = this.bandStart[b]!;
    const to = this.bandStart[b + 1]!;
    const crossX: number[] = [];
    const crossRegion: number[] = [];
    for (let k = from; k < to; k++) {
      const e = this.bandEdges[k]!;
      const ya = this.ey0[e]!;
      const yb = this.ey1[e]!;
      // Half-open: the lower endpoint is on the edge, the upper one is not.
      if (ya <= y && y < yb) {
        const xa = this.ex0[e]!;
        crossX.push(xa + ((y - ya) * (this.ex1[e]! - xa)) / (yb - ya));
        crossRegion.push(this.eRegion[e]!);
      }
    }
    const order = crossX.map((_, i) => i).sort((i, j) => crossX[i]! - crossX[j]! || crossRegion[i]! - crossRegion[j]!);
    const xs: number[] = [];
    const owners: number[] = [];
    const parity = this.parity;
    const active: number[] = [];
    let current = -1;
    for (let k = 0; k < order.length;) {
      const x = crossX[order[k]!]!;
      while (k < order.length && crossX[order[k]!] === x) {
        const r = crossRegion[order[k]!]!;
        parity[r]! ^= 1;
        if (parity[r] === 1) active.push(r);
        else active.splice(active.indexOf(r), 1);
        k++;
      }
      let owner = -1;
      for (const r of active) if (owner === -1 || r < owner) owner = r;
      if (owner !== current) {
        xs.push(x);
        owners.push(owner);
        current = owner;
      }
    }
    // Closed rings cross every line an even number of times, so parity is all zero again here.
    return this.remember(y, { xs: Float64Array.from(xs), owners: Int32Array.from(owners) });
  }

  private remember(y: number, line: Scanline): Scanline {
    if (this.cache.size >= MAX_CACHED_SCANLINES) this.cache.clear();
    this.cache.set(y, line);
    return line;
  }
}

/** A variable to aggregate: a count (summed) or, with `weight`, a rate or mean weighted by another column. */
export interface GridVariable {
  /** Output key, e.g. `zensus2011-grid:Einwohner`. */
  key: string;
  /** Column holding the cell values. */
  column: string;
  /**
   * Column with the denominator of a rate or mean (e.g. `Einwohner` for `Auslaender_A`); the
   * aggregate is then Σ(value × weight) / Σ weight. Without it the values are summed.
   */
  weight?: string;
}

/** The aggregate of one variable in one region (or among the unassigned cells, or in total). */
export interface RegionAggregate {
  /** Sum (counts) or weighted mean (rates, means); null when flagged. */
  value: number | null;
  /** `secret`: at least one secret cell affects the value; `no_value`: no cell with a value. */
  flag: Extract<ObservationFlag, 'secret' | 'no_value'> | null;
  /** Cells whose centre lies in the region, whatever their values. */
  cells: number;
  /** Cells whose value entered the sum. */
  valueCells: number;
  /** Cells that make the value secret. */
  secretCells: number;
  /**
   * Sum of the known values (counts) or of value × weight (rates); for a count flagged secret
   * this is a lower bound of the true sum, never a substitute for it.
   */
  knownSum: number;
  /** Sum of the weights of the cells with a value (rates and means; 0 for counts). */
  knownWeight: number;
}

/** The aggregates of one variable: per region key (input order), over all regions, among unassigned cells, and in total. */
export interface VariableAggregation {
  key: string;
  column: string;
  weight: string | null;
  regions: Map<string, RegionAggregate>;
  /** All assigned cells together (the union of the regions). */
  assigned: RegionAggregate;
  unassigned: RegionAggregate;
  /** Assigned and unassigned cells together. */
  total: RegionAggregate;
}

/** The result of an aggregation run: cell counts and one entry per variable. */
export interface GridAggregation {
  cellsRead: number;
  cellsAssigned: number;
  cellsUnassigned: number;
  /** Number of cells assigned to each region, in input order of the regions. */
  cellsPerRegion: Map<string, number>;
  variables: VariableAggregation[];
}

/**
 * Accumulates grid cells into regions by the centre rule; feed it with {@link add} (centre in
 * metres, EPSG:3035) and read {@link result}. Values are given in the order of `columns`.
 */
export class GridAggregator {
  readonly locator: RegionLocator;
  private readonly variables: readonly GridVariable[];
  private readonly valueColumn: Int32Array;
  private readonly weightColumn: Int32Array;
  /** Per region, plus one slot (index = region count) for unassigned cells. */
  private readonly cells: Float64Array;
  private readonly valueCells: Float64Array[];
  private readonly secretCells: Float64Array[];
  private readonly sums: Float64Array[];
  private readonly weights: Float64Array[];
  private readonly unassignedSlot: number;

  constructor(regions: RegionLocator | readonly PlanarRegion[], columns: readonly string[], variables: readonly GridVariable[]) {
    this.locator = regions instanceof RegionLocator ? regions : new RegionLocator(regions);
    const index = (name: string, variable: string) => {
      const i = columns.indexOf(name);
      if (i < 0) throw new InvalidError(`Die Spalte „${name}“ für das Merkmal „${variable}“ fehlt.`, 'grid-column-missing');
      return i;
    };
    this.variables = variables;
    this.valueColumn = Int32Array.from(variables.map((v) => index(v.column, v.key)));
    this.weightColumn = Int32Array.from(variables.map((v) => (v.weight === undefined ? -1 : index(v.weight, v.key))));
    const slots = this.locator.keys.length + 1;
    this.unassignedSlot = slots - 1;
    this.cells = new Float64Array(slots);
    this.valueCells = variables.map(() => new Float64Array(slots));
    this.secretCells = variables.map(() => new Float64Array(slots));
    this.sums = variables.map(() => new Float64Array(slots));
    this.weights = variables.map(() => new Float64Array(slots));
  }

  /**
   * Adds one cell by its centre (metres, EPSG:3035) with its values at `values[offset + column]`;
   * returns the region index or -1 if unassigned.
   */
  add(centreX: number, centreY: number, values: ArrayLike<number>, offset = 0): number {
    const region = this.locator.locate(centreX, centreY);
    this.addToSlot(region < 0 ? this.unassignedSlot : region, values, offset);
    return region;
  }

  private addToSlot(slot: number, values: ArrayLike<number>, offset: number): void {
    this.cells[slot]!++;
    const n = this.valueColumn.length;
    for (let k = 0; k < n; k++) {
      const v = values[offset + this.valueColumn[k]!]!;
      const wc = this.weightColumn[k]!;
      if (wc < 0) {
        if (v === GRID_NO_VALUE) continue;
        if (v === GRID_SECRET) {
          this.secretCells[k]![slot]!++;
          continue;
        }
        this.sums[k]![slot]! += v;
        this.valueCells[k]![slot]!++;
      } else {
        const w = values[offset + wc]!;
        if (v === GRID_NO_VALUE || w === GRID_NO_VALUE || w === 0) continue;
        if (v === GRID_SECRET || w === GRID_SECRET) {
          this.secretCells[k]![slot]!++;
          continue;
        }
        this.sums[k]![slot]! += v * w;
        this.weights[k]![slot]! += w;
        this.valueCells[k]![slot]!++;
      }
    }
  }

  /** The aggregates so far; the aggregator can keep accumulating afterwards. */
  result(): GridAggregation {
    const keys = this.locator.keys;
    let assigned = 0;
    const cellsPerRegion = new Map<string, number>();
    keys.forEach((key, r) => {
      assigned += this.cells[r]!;
      cellsPerRegion.set(key, this.cells[r]!);
    });
    const unassigned = this.cells[this.unassignedSlot]!;
    const variables = this.variables.map((variable, k): VariableAggregation => {
      const weighted = variable.weight !== undefined;
      const at = (slot: number) =>
        finish(
          weighted,
          this.cells[slot]!,
          this.valueCells[k]![slot]!,
          this.secretCells[k]![slot]!,
          this.sums[k]![slot]!,
          this.weights[k]![slot]!,
        );
      const over = (from: number, to: number) => {
        let cells = 0;
        let valueCells = 0;
        let secretCells = 0;
        let sum = 0;
        let weight = 0;
        for (let slot = from; slot < to; slot++) {
          cells += this.cells[slot]!;
          valueCells += this.valueCells[k]![slot]!;
          secretCells += this.secretCells[k]![slot]!;
          sum += this.sums[k]![slot]!;
          weight += this.weights[k]![slot]!;
        }
        return finish(weighted, cells, valueCells, secretCells, sum, weight);
      };
      const regions = new Map<string, RegionAggregate>();
      keys.forEach((key, slot) => regions.set(key, at(slot)));
      return {
        key: variable.key,
        column: variable.column,
        weight: variable.weight ?? null,
        regions,
        assigned: over(0, keys.length),
        unassigned: at(this.unassignedSlot),
        total: over(0, this.unassignedSlot + 1),
      };
    });
    return { cellsRead: assigned + unassigned, cellsAssigned: assigned, cellsUnassigned: unassigned, cellsPerRegion, variables };
  }
}

function finish(
  weighted: boolean,
  cells: number,
  valueCells: number,
  secretCells: number,
  sum: number,
  weight: number,
): RegionAggregate {
  let value: number | null = null;
  let flag: RegionAggregate['flag'] = null;
  if (secretCells > 0) flag = 'secret';
  else if (valueCells === 0) flag = 'no_value';
  else value = weighted ? sum / weight : sum;
  return { value, flag, cells, valueCells, secretCells, knownSum: sum, knownWeight: weighted ? weight : 0 };
}

/** One cell for {@link aggregateCells}: its centre (metres, EPSG:3035) and values in column order. */
export interface CellValues {
  centreX: number;
  centreY: number;
  values: ArrayLike<number>;
}

/** Aggregates a collection of cells into regions by the centre rule (see the module comment). */
export function aggregateCells(
  regions: readonly PlanarRegion[],
  columns: readonly string[],
  variables: readonly GridVariable[],
  cells: Iterable<CellValues>,
): GridAggregation {
  const aggregator = new GridAggregator(regions, columns, variables);
  for (const cell of cells) aggregator.add(cell.centreX, cell.centreY, cell.values);
  return aggregator.result();
}
