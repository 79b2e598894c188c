/**
 * A bucket index over points in a planar metric CRS (EPSG:3035 metres in Planwerk) for the
 * question "is there a point within r metres of here?". Points are sorted into square buckets
 * whose edge is at least the search radius, so every point within r of a query lies in the
 * query's bucket or one of its eight neighbours: a query reads nine buckets and compares
 * squared distances, the same arithmetic as a brute-force scan (results are identical, not
 * merely close).
 */
import { InvalidError } from '../shared/errors.ts';

/** Points as parallel coordinate arrays (metres in a planar CRS). */
export interface PlanarPoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

// Bucket coordinates stay below 2^20 per axis, so a bucket key (bx · 2^21 + by) is an exact integer.
const MAX_BUCKETS_PER_AXIS = 1 << 20;
const KEY_STRIDE = 1 << 21;

/** Bucket index over a fixed set of points for radius queries with one radius (metres). */
export class PointBucketIndex {
  /** The search radius in metres (inclusive: a point at exactly this distance is within). */
  readonly radius: number;
  private readonly radius2: number;
  private readonly bucket: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly maxBx: number;
  private readonly maxBy: number;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  /** Bucket key → [start, end) into xs/ys, which are sorted by bucket. */
  private readonly buckets = new Map<number, [number, number]>();

  constructor(points: PlanarPoints, radius: number) {
    if (!(radius >= 0) || !Number.isFinite(radius)) {
      throw new InvalidError(`Die Entfernung muss eine Zahl ab 0 Meter sein (erhalten: ${radius}).`, 'gap-radius-invalid');
    }
    if (points.x.length !== points.y.length) throw new InvalidError('Ungleich viele x- und y-Koordinaten.', 'gap-points-invalid');
    const n = points.x.length;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = points.x[i]!;
      const y = points.y[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        throw new InvalidError(`Ungültige Koordinate (${x}, ${y}).`, 'gap-points-invalid');
      }
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    this.radius = radius;
    this.radius2 = radius * radius;
    this.minX = n > 0 ? minX : 0;
    this.minY = n > 0 ? minY : 0;
    const extent = n > 0 ? Math.max(maxX - minX, maxY - minY) : 0;
    // A bucket must be wider than the radius (correctness; the margin absorbs rounding in the
    // bucket arithmetic) and the grid must stay within the key range (radius 0 or a tiny
    // radius over a large extent).
    this.bucket = Math.max(radius * (1 + 1e-9), extent / (MAX_BUCKETS_PER_AXIS - 2), 1e-9);
    this.maxBx = n > 0 ? Math.floor((maxX - this.minX) / this.bucket) : -1;
    this.maxBy = n > 0 ? Math.floor((maxY - this.minY) / this.bucket) : -1;

    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = this.keyOf(points.x[i]!, points.y[i]!);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      this.xs[k] = points.x[i]!;
      this.ys[k] = points.y[i]!;
    }
    for (let k = 0; k < n;) {
      const key = keys[order[k]!]!;
      let end = k + 1;
      while (end < n && keys[order[end]!] === key) end++;
      this.buckets.set(key, [k, end]);
      k = end;
    }
  }

  private keyOf(x: number, y: number): number {
    const bx = Math.floor((x - this.minX) / this.bucket);
    const by = Math.floor((y - this.minY) / this.bucket);
    return bx * KEY_STRIDE + by;
  }

  /** Number of indexed points. */
  get count(): number {
    return this.xs.length;
  }

  /** True when at least one indexed point lies within {@link radius} metres of (x, y), border included. */
  anyWithin(x: number, y: number): boolean {
    const bx = Math.floor((x - this.minX) / this.bucket);
    const by = Math.floor((y - this.minY) / this.bucket);
    // Also false for NaN and for queries so far away that the bucket number is not finite.
    if (!(bx >= -1 && bx <= this.maxBx + 1 && by >= -1 && by <= this.maxBy + 1)) return false;
    const r2 = this.radius2;
    for (let i = bx - 1; i <= bx + 1; i++) {
      if (i < 0 || i > this.maxBx) continue;
      for (let j = by - 1; j <= by + 1; j++) {
        if (j < 0 || j > this.maxBy) continue;
        const range = this.buckets.get(i * KEY_STRIDE + j);
        if (range === undefined) continue;
        for (let k = range[0]; k < range[1]; k++) {
          const dx = this.xs[k]! - x;
          const dy = this.ys[k]! - y;
          if (dx * dx + dy * dy <= r2) return true;
        }
      }
    }
    return false;
  }
}
