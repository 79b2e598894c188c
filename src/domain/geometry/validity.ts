import type { Geometry, Position } from '../regions/region.ts';
import {
  isCollinear,
  isRingClosed,
  onSegment,
  orientation,
  pointInPolygon,
  pointInRing,
  polygonsOf,
  ringSignedArea,
  ringsBBox,
  samePosition,
} from './planar.ts';

/** Machine-readable kind of a geometry defect (the German text is in {@link GeometryProblem.message}). */
export type GeometryProblemCode =
  | 'non-finite-coordinate'
  | 'unclosed-ring'
  | 'duplicate-points'
  | 'too-few-points'
  | 'self-intersection'
  | 'self-touch'
  | 'ring-intersection'
  | 'part-overlap'
  | 'exterior-clockwise'
  | 'hole-counter-clockwise'
  | 'hole-outside-exterior'
  | 'nested-holes';

/** One defect of a polygon geometry; `polygon` and `ring` are 1-based (ring 1 = exterior), `message` is German. */
export interface GeometryProblem {
  code: GeometryProblemCode;
  polygon: number;
  ring: number;
  message: string;
}

/** Problems that change the covered area and therefore need a polygon rebuild, not just a clean-up. */
export const TOPOLOGY_PROBLEMS: ReadonlySet<GeometryProblemCode> = new Set([
  'self-intersection',
  'self-touch',
  'ring-intersection',
  'part-overlap',
  'hole-outside-exterior',
  'nested-holes',
]);

/**
 * Checks a Polygon/MultiPolygon against the OGC simple-feature rules plus RFC 7946 winding
 * (exterior counter-clockwise, holes clockwise, y axis pointing north). Different rings may
 * touch in single points, as in OGC; crossings, shared edges within a polygon, spikes, a ring
 * touching itself (ESRI-style "inverted" holes), nested holes and overlapping parts are
 * reported (parts that merely share an edge are not: that changes neither area nor drawing).
 * Returns an empty list for a valid geometry.
 */
export function findGeometryProblems(geometry: Geometry): GeometryProblem[] {
  const polygons = polygonsOf(geometry);
  const multi = geometry.type === 'MultiPolygon';
  const problems: GeometryProblem[] = [];
  const seen = new Set<string>();
  const add = (code: GeometryProblemCode, polygon: number, ring: number, message: string) => {
    const key = `${code}:${polygon}:${ring}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ code, polygon, ring, message });
  };
  const ref = (p: number, r: number) => (multi ? `Ring ${r} der Teilfläche ${p}` : `Ring ${r}`);
  const cleaned: Position[][][] = [];

  polygons.forEach((polygon, pi) => {
    const cleanedPolygon: Position[][] = [];
    polygon.forEach((ring, ri) => {
      const p = pi + 1;
      const r = ri + 1;
      if (ring.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) {
        add('non-finite-coordinate', p, r, `Ungültige Koordinate (keine Zahl) im ${ref(p, r)}`);
        return;
      }
      if (!isRingClosed(ring)) add('unclosed-ring', p, r, `Nicht geschlossener ${ref(p, r)}`);
      const clean = dedupe(ring);
      if (clean.length < ring.length) {
        add('duplicate-points', p, r, `Doppelte aufeinanderfolgende Punkte im ${ref(p, r)}`);
      }
      if (!isRingClosed(clean)) clean.push(clean[0]!);
      if (clean.length < 4) {
        add(
          'too-few-points',
          p,
          r,
          `Zu wenige Punkte im ${ref(p, r)} (${distinctCount(clean)} verschiedene, mindestens 3 nötig)`,
        );
        return;
      }
      if (isCollinear(clean)) {
        add('too-few-points', p, r, `${ref(p, r)} hat keine Fläche`);
        return;
      }
      // A symmetric bow-tie has signed area 0 and no orientation; its crossing is reported below.
      const area = ringSignedArea(clean);
      if (ri === 0 && area < 0) add('exterior-clockwise', p, r, `Außenring im Uhrzeigersinn (${ref(p, r)})`);
      if (ri > 0 && area > 0) add('hole-counter-clockwise', p, r, `Loch gegen den Uhrzeigersinn (${ref(p, r)})`);
      cleanedPolygon[ri] = clean;
    });
    cleaned.push(cleanedPolygon);
  });

  for (const { a, b, touch } of findIntersections(cleaned)) {
    if (a.polygon === b.polygon && a.ring === b.ring && touch) {
      add('self-touch', a.polygon + 1, a.ring + 1, `${ref(a.polygon + 1, a.ring + 1)} berührt sich selbst in einem Punkt`);
    } else if (a.polygon === b.polygon && a.ring === b.ring) {
      add('self-intersection', a.polygon + 1, a.ring + 1, `Selbstüberschneidung im ${ref(a.polygon + 1, a.ring + 1)}`);
    } else if (a.polygon === b.polygon) {
      const [r1, r2] = [a.ring + 1, b.ring + 1].sort((x, y) => x - y) as [number, number];
      const where = multi ? ` der Teilfläche ${a.polygon + 1}` : '';
      add('ring-intersection', a.polygon + 1, r2, `Überschneidung der Ringe ${r1} und ${r2}${where}`);
    } else {
      const [p1, p2] = [a.polygon + 1, b.polygon + 1].sort((x, y) => x - y) as [number, number];
      add('part-overlap', p2, 1, `Überlappung der Teilflächen ${p1} und ${p2}`);
    }
  }

  cleaned.forEach((polygon, pi) => {
    const exterior = polygon[0];
    if (!exterior) return;
    const holes = polygon.map((ring, ri) => ({ ring, ri })).filter((h) => h.ri > 0 && h.ring !== undefined);
    for (const { ring, ri } of holes) {
      if (!ring.some((pt) => pointInRing(pt, exterior) === 1)) {
        add('hole-outside-exterior', pi + 1, ri + 1, `Loch außerhalb des Außenrings (${ref(pi + 1, ri + 1)})`);
      }
      for (const other of holes) {
        if (other.ri === ri) continue;
        const inside = ring.find((pt) => pointInRing(pt, other.ring) !== 0);
        if (inside && pointInRing(inside, other.ring) === 1) {
          add('nested-holes', pi + 1, ri + 1, `Loch (${ref(pi + 1, ri + 1)}) liegt in einem anderen Loch (Ring ${other.ri + 1})`);
        }
      }
    }
  });

  if (cleaned.length > 1) findContainedParts(cleaned, add);
  return problems;
}

/** Ring without consecutive duplicate positions (the closing position is kept). */
function dedupe(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) if (out.length === 0 || !samePosition(out[out.length - 1]!, p)) out.push(p);
  return out;
}

function distinctCount(ring: readonly Position[]): number {
  return new Set(ring.map(([x, y]) => `${x},${y}`)).size;
}

function findContainedParts(
  polygons: Position[][][],
  add: (code: GeometryProblemCode, polygon: number, ring: number, message: string) => void,
): void {
  const boxes = polygons.map((p) => ringsBBox(p[0] ? [p[0]] : []));
  polygons.forEach((inner, i) => {
    const exterior = inner[0];
    if (!exterior) return;
    polygons.forEach((outer, j) => {
      if (i === j || !outer[0]) return;
      const bi = boxes[i]!;
      const bj = boxes[j]!;
      if (bi[0] < bj[0] || bi[1] < bj[1] || bi[2] > bj[2] || bi[3] > bj[3]) return;
      // A vertex strictly off the other boundary decides; vertices on it say nothing.
      const probe = exterior.find((pt) => pointInPolygon(pt, outer) !== 0);
      if (probe && pointInPolygon(probe, outer) === 1) {
        const [p1, p2] = [i + 1, j + 1].sort((x, y) => x - y) as [number, number];
        add('part-overlap', p2, 1, `Überlappung der Teilflächen ${p1} und ${p2}`);
      }
    });
  });
}

interface SegmentRef {
  polygon: number;
  ring: number;
  index: number;
  count: number;
  a: Position;
  b: Position;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/**
 * Sweep over segments sorted by their left end: only pairs whose x ranges overlap are
 * compared, which keeps real boundaries (thousands of vertices) near n log n.
 */
function findIntersections(polygons: Position[][][]): { a: SegmentRef; b: SegmentRef; touch: boolean }[] {
  const segments: SegmentRef[] = [];
  polygons.forEach((polygon, pi) =>
    polygon.forEach((ring, ri) => {
      if (!ring) return;
      const count = ring.length - 1;
      for (let i = 0; i < count; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        segments.push({
          polygon: pi,
          ring: ri,
          index: i,
          count,
          a,
          b,
          minX: Math.min(a[0], b[0]),
          maxX: Math.max(a[0], b[0]),
          minY: Math.min(a[1], b[1]),
          maxY: Math.max(a[1], b[1]),
        });
      }
    }),
  );
  segments.sort((s, t) => s.minX - t.minX);
  const found: { a: SegmentRef; b: SegmentRef; touch: boolean }[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j]!;
      if (t.minX > s.maxX) break;
      if (t.maxY < s.minY || t.minY > s.maxY) continue;
      const conflict = conflicts(s, t);
      if (conflict) found.push({ a: s, b: t, touch: conflict === 'touch' });
    }
  }
  return found;
}

/** How two segments intersect in a way the OGC rules forbid for their relation: crossing/overlapping, touching in a point, or not. */
function conflicts(s: SegmentRef, t: SegmentRef): 'cross' | 'touch' | null {
  const o1 = orientation(s.a, s.b, t.a);
  const o2 = orientation(s.a, s.b, t.b);
  const o3 = orientation(t.a, t.b, s.a);
  const o4 = orientation(t.a, t.b, s.b);
  const proper = ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
  if (proper) return 'cross';
  const collinearOverlap = o1 === 0 && o2 === 0 && overlapLength(s, t) > 0 ? 'cross' : null;
  if (s.polygon !== t.polygon) return null;
  if (s.ring !== t.ring) return collinearOverlap;
  const adjacent = Math.abs(s.index - t.index) === 1 || Math.abs(s.index - t.index) === s.count - 1;
  // Neighbours share one vertex by construction; only folding back onto each other (a spike) is wrong.
  if (adjacent) return collinearOverlap;
  if (collinearOverlap) return collinearOverlap;
  return onSegment(t.a, s.a, s.b) || onSegment(t.b, s.a, s.b) || onSegment(s.a, t.a, t.b) || onSegment(s.b, t.a, t.b)
    ? 'touch'
    : null;
}

function overlapLength(s: SegmentRef, t: SegmentRef): number {
  const useX = s.maxX - s.minX >= s.maxY - s.minY;
  const [lo1, hi1, lo2, hi2] = useX ? [s.minX, s.maxX, t.minX, t.maxX] : [s.minY, s.maxY, t.minY, t.maxY];
  return Math.min(hi1, hi2) - Math.max(lo1, lo2);
}
