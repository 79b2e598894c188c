/**
 * Point in polygon for scattered points (service locations): which planning area contains a
 * point, with holes and MultiPolygons, by even–odd parity per area over all its rings.
 *
 * The grid module's {@link RegionLocator} builds and caches a whole scanline per distinct
 * northing, which is ideal for grid cells (thousands of cells share a northing) but costs a
 * sorted scanline for every scattered point. This locator answers one point at a time from
 * the same band index of edges and gives exactly the same answer, border rule included: an
 * edge counts when its lower end is at or below the point and its upper end above it
 * (half-open), and when its crossing with the point's horizontal line lies at or west of the
 * point; the crossing is computed with the same formula, from the lower end, so that a point
 * on a border shared by two areas belongs to exactly one of them (the one to the east, or the
 * first in input order where areas overlap). A property test checks the equality.
 */
import type { PlanarRegion } from '../grid/aggregate.ts';
import type { Position } from '../regions/region.ts';
import { InvalidError } from '../shared/errors.ts';

/** Finds the area (index into the input) containing a point in metres; -1 for none. */
export class PointLocator {
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
  private readonly touched: Int32Array;

  constructor(regions: readonly PlanarRegion[]) {
    const x0: number[] = [];
    const y0: number[] = [];
    const x1: number[] = [];
    const y1: number[] = [];
    const owner: number[] = [];
    regions.forEach((region, index) => {
      for (const polygon of region.polygons) {
        for (const ring of polygon) {
          const n = ring.length;
          for (let i = 0; i < n; i++) {
            const a = ring[i] as Position;
            const b = ring[(i + 1) % n] as Position;
            if (!Number.isFinite(a[0]) || !Number.isFinite(a[1])) {
              throw new InvalidError(
                `Gebiet „${region.key}“ hat eine ungültige Koordinate (${a[0]}, ${a[1]}).`,
                'gap-area-invalid',
              );
            }
            if (a[1] === b[1]) continue;
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
    this.ex0 = Float64Array.from(x0);
    this.ey0 = Float64Array.from(y0);
    this.ex1 = Float64Array.from(x1);
    this.ey1 = Float64Array.from(y1);
    this.eRegion = Int32Array.from(owner);
    this.parity = new Uint8Array(regions.length);
    this.touched = new Int32Array(regions.length);
    const edgeCount = owner.length;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let e = 0; e < edgeCount; e++) {
      if (this.ey0[e]! < minY) minY = this.ey0[e]!;
      if (this.ey1[e]! > maxY) maxY = this.ey1[e]!;
    }
    this.minY = minY;
    this.maxY = maxY;
    // More bands than the grid locator: a point reads its whole band, a scanline is not cached.
    this.bandCount = Math.max(1, Math.min(1 << 18, edgeCount));
    this.bandHeight = edgeCount > 0 ? (maxY - minY) / this.bandCount : 1;
    const counts = new Int32Array(this.bandCount + 1);
    for (let e = 0; e < edgeCount; e++) {
      for (let b = this.band(this.ey0[e]!); b <= this.band(this.ey1[e]!); b++) counts[b + 1]!++;
    }
    for (let b = 0; b < this.bandCount; b++) counts[b + 1]! += counts[b]!;
    this.bandStart = counts;
    this.bandEdges = new Int32Array(counts[this.bandCount]!);
    const fill = counts.slice(0, this.bandCount);
    for (let e = 0; e < edgeCount; e++) {
      for (let b = this.band(this.ey0[e]!); b <= this.band(this.ey1[e]!); b++) this.bandEdges[fill[b]!++] = e;
    }
  }

  private band(y: number): number {
    const b = Math.floor((y - this.minY) / this.bandHeight);
    return b < 0 ? 0 : b >= this.bandCount ? this.bandCount - 1 : b;
  }

  /** Index of the area containing (x, y), or -1; the lowest index where areas overlap. */
  locate(x: number, y: number): number {
    if (!(y >= this.minY && y < this.maxY)) return -1;
    const b = this.band(y);
    const parity = this.parity;
    let touchedCount = 0;
    for (let k = this.bandStart[b]!, end = this.bandStart[b + 1]!; k < end; k++) {
      const e = this.bandEdges[k]!;
      const ya = this.ey0[e]!;
      const yb = this.ey1[e]!;
      if (!(ya <= y && y < yb)) continue;
      const xa = this.ex0[e]!;
      const cx = xa + ((y - ya) * (this.ex1[e]! - xa)) / (yb - ya);
      if (cx > x) continue;
      const r = this.eRegion[e]!;
      // Bit 0: even–odd parity; bit 1: already listed in `touched` (reset below).
      if ((parity[r]! & 2) === 0) {
        this.touched[touchedCount++] = r;
        parity[r] = 2;
      }
      parity[r]! ^= 1;
    }
    let owner = -1;
    for (let t = 0; t < touchedCount; t++) {
      const r = this.touched[t]!;
      if ((parity[r]! & 1) === 1 && (owner === -1 || r < owner)) owner = r;
      parity[r] = 0;
    }
    return owner;
  }
}
