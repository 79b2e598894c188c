import { simplify } from '@turf/simplify';
import type { Geometry, Position } from '../regions/region.ts';
import { geometryFromPolygons, polygonsOf, ringSignedArea } from './planar.ts';

/** Zoom levels for which the atlas stores simplified boundaries (Germany ≈ zoom 6, a Gemeinde ≈ zoom 12). */
export const ATLAS_ZOOM_LEVELS = [6, 8, 10, 12] as const;

/**
 * Douglas–Peucker tolerance in degrees for a Web-Mercator zoom level: `pixels` (default 1)
 * screen pixels of a 256-px tile at `latitude` (default 51°, central Germany), i.e.
 * 360° / (256 · 2^zoom) · cos(latitude) · pixels — the cosine makes the error at most that
 * many pixels in both directions (zoom 6 ≈ 0.0138° ≈ 1.5 km, zoom 12 ≈ 0.00022° ≈ 24 m).
 */
export function toleranceForZoom(zoom: number, options: { pixels?: number; latitude?: number } = {}): number {
  const pixels = options.pixels ?? 1;
  const latitude = options.latitude ?? 51;
  return (360 / (256 * 2 ** zoom)) * Math.cos((latitude * Math.PI) / 180) * pixels;
}

/**
 * Simplifies several lon/lat geometries together so that shared borders stay shared: rings
 * are cut into arcs at junctions (vertices where the neighbouring vertices differ between
 * rings, as in TopoJSON), every distinct arc is simplified once with @turf/simplify
 * (`highQuality`, i.e. plain Douglas–Peucker with fixed end points) and reused by every ring
 * that contains it, in either direction. Rings never drop below 4 positions: the tolerance
 * of the arcs of a ring that would collapse is halved (for every geometry using them) until
 * it fits, or the arcs stay unsimplified. Rings without junctions are anchored at their
 * lexicographically smallest and largest vertex. Inputs should be valid; the output is not
 * re-validated (at coarse zooms neighbouring simplified arcs may touch).
 */
export function simplifyGeometries(geometries: readonly Geometry[], tolerance: number): Geometry[] {
  const rings: Position[][] = [];
  for (const g of geometries) for (const polygon of polygonsOf(g)) for (const ring of polygon) rings.push(ring);
  const junctions = findJunctions(rings);
  const arcs = new ArcStore(tolerance);
  const ringArcs = new Map<Position[], ArcUse[]>();
  for (const ring of rings)
    ringArcs.set(
      ring,
      splitRing(ring, junctions).map((arc) => arcs.add(arc)),
    );

  for (let round = 0; round < 12; round++) {
    let collapsed = false;
    for (const uses of ringArcs.values()) {
      if (assemble(uses, arcs).length >= 4) continue;
      collapsed = true;
      for (const use of uses) arcs.refine(use.key);
    }
    if (!collapsed) break;
  }

  return geometries.map((g) => {
    const polygons = polygonsOf(g).map((polygon) =>
      polygon.map((ring, index) => {
        let out = assemble(ringArcs.get(ring)!, arcs);
        if (out.length < 4) out = ring;
        const ccw = ringSignedArea(out) > 0;
        // Keeps the winding of the input (exterior counter-clockwise, holes clockwise).
        return ccw === (index === 0) ? out : [...out].reverse();
      }),
    );
    return geometryFromPolygons(polygons)!;
  });
}

/** {@link simplifyGeometries} for each zoom level, keyed by zoom. */
export function simplifyForZooms(
  geometries: readonly Geometry[],
  zooms: readonly number[] = ATLAS_ZOOM_LEVELS,
): Map<number, Geometry[]> {
  return new Map(zooms.map((zoom) => [zoom, simplifyGeometries(geometries, toleranceForZoom(zoom))]));
}

const keyOf = (p: Position) => `${p[0]},${p[1]}`;

function findJunctions(rings: readonly Position[][]): Set<string> {
  const neighbours = new Map<string, Set<string>>();
  const junctions = new Set<string>();
  for (const ring of rings) {
    const n = ring.length - 1;
    for (let i = 0; i < n; i++) {
      const k = keyOf(ring[i]!);
      const prev = keyOf(ring[(i - 1 + n) % n]!);
      const next = keyOf(ring[i + 1]!);
      let set = neighbours.get(k);
      if (!set) neighbours.set(k, (set = new Set()));
      set.add(prev);
      set.add(next);
      if (set.size > 2) junctions.add(k);
    }
  }
  return junctions;
}

/** Arcs of a closed ring, each from junction to junction (inclusive). */
function splitRing(ring: Position[], junctions: Set<string>): Position[][] {
  const n = ring.length - 1;
  const cut: number[] = [];
  for (let i = 0; i < n; i++) if (junctions.has(keyOf(ring[i]!))) cut.push(i);
  if (cut.length === 0) {
    let lo = 0;
    let hi = 0;
    for (let i = 1; i < n; i++) {
      if (compare(ring[i]!, ring[lo]!) < 0) lo = i;
      if (compare(ring[i]!, ring[hi]!) > 0) hi = i;
    }
    cut.push(...[lo, hi].sort((a, b) => a - b));
  }
  const arcs: Position[][] = [];
  for (let c = 0; c < cut.length; c++) {
    const start = cut[c]!;
    const end = cut[(c + 1) % cut.length]!;
    const arc: Position[] = [];
    for (let i = start; ; i = (i + 1) % n) {
      arc.push(ring[i]!);
      if (arc.length > 1 && i === end) break;
    }
    arcs.push(arc);
  }
  return arcs;
}

function compare(a: Position, b: Position): number {
  return a[0] - b[0] || a[1] - b[1];
}

interface ArcUse {
  key: string;
  reversed: boolean;
}

/** Distinct arcs in a canonical direction, with their simplified form and current tolerance. */
class ArcStore {
  private readonly arcs = new Map<string, { coords: Position[]; tolerance: number; simplified: Position[] }>();
  constructor(private readonly tolerance: number) {}

  add(arc: Position[]): ArcUse {
    const forward = arc.map(keyOf).join(';');
    const backward = arc.map(keyOf).reverse().join(';');
    const reversed = backward < forward;
    const key = reversed ? backward : forward;
    if (!this.arcs.has(key)) {
      const coords = reversed ? [...arc].reverse() : arc;
      this.arcs.set(key, { coords, tolerance: this.tolerance, simplified: simplifyLine(coords, this.tolerance) });
    }
    return { key, reversed };
  }

  get(use: ArcUse): Position[] {
    const s = this.arcs.get(use.key)!.simplified;
    return use.reversed ? [...s].reverse() : s;
  }

  refine(key: string): void {
    const arc = this.arcs.get(key)!;
    if (arc.simplified.length === arc.coords.length) return;
    arc.tolerance /= 2;
    arc.simplified = arc.tolerance < 1e-9 ? arc.coords : simplifyLine(arc.coords, arc.tolerance);
  }
}

function simplifyLine(coords: Position[], tolerance: number): Position[] {
  if (coords.length <= 2 || tolerance <= 0) return coords;
  const line = { type: 'LineString' as const, coordinates: coords };
  return simplify(line, { tolerance, highQuality: true }).coordinates as Position[];
}

function assemble(uses: readonly ArcUse[], arcs: ArcStore): Position[] {
  const out: Position[] = [];
  for (const use of uses) {
    const part = arcs.get(use);
    // Consecutive arcs share their junction vertex.
    out.push(...(out.length === 0 ? part : part.slice(1)));
  }
  return out;
}
