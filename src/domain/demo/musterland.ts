import type { Position, Region } from '../regions/region.ts';
import type { Tenant } from '../tenancy/tenant.ts';
import { seededRandom } from './random.ts';

/**
 * The fictional demo "Landkreis Musterland", generated deterministically: a fictional Land
 * (key 99, which no real Land uses, so no key can collide with official ones), one Kreis
 * 99001 tiled by 15 Gemeinden (99001001…99001015) and four planning areas made of Gemeinden.
 * Coordinates are WGS84 and lie around 10.4° E, 51.2° N; shapes share their borders exactly.
 */
export const MUSTERLAND_LAND_KEY = '99';
export const MUSTERLAND_KREIS_KEY = '99001';

export const DEMO_TENANTS: readonly Tenant[] = [
  { key: MUSTERLAND_LAND_KEY, name: 'Land Musterland (Landesebene, Demo)', kind: 'state' },
  { key: MUSTERLAND_KREIS_KEY, name: 'Landkreis Musterland', kind: 'landkreis' },
];

/** Demo accounts: e-mail, tenant and role. All share the demo password. */
export const DEMO_USERS = [
  { email: 'admin@musterland.example', displayName: 'Alex Admin (Demo)', tenantKey: MUSTERLAND_KREIS_KEY, role: 'admin' },
  { email: 'planung@musterland.example', displayName: 'Pat Planung (Demo)', tenantKey: MUSTERLAND_KREIS_KEY, role: 'planner' },
  { email: 'land@musterland.example', displayName: 'Lou Land (Demo)', tenantKey: MUSTERLAND_LAND_KEY, role: 'admin' },
] as const;

const GEMEINDE_NAMES = [
  'Musterstadt, Stadt',
  'Beispielheim',
  'Lindenau am Musterbach',
  'Eichwalde-Süd',
  'Fiktivhausen',
  'Neu-Probstedt',
  'Wiesengrund',
  'Talsee',
  'Obermusterbach',
  'Untermusterbach',
  'Hainrode-Demo',
  'Kleinbeispiel',
  'Steinfurt am Walde',
  'Rosental (Demo)',
  'Bergdorf-Muster',
];

const COLUMNS = 5;
const ROWS = 3;
const ORIGIN: Position = [10.05, 51.05];
const CELL_LON = 0.14;
const CELL_LAT = 0.11;
const VALID_FROM = '2015-01-01';

/** The demo's territorial change: two Gemeinden merge into a new one on this date. */
export const MERGER = {
  date: '2023-01-01',
  predecessors: ['99001011', '99001012'],
  successor: { key: '99001016', name: 'Hainrode-Kleinbeispiel' },
} as const;

/** Planning areas: name and the grid columns whose Gemeinden belong to them. */
const PLANNING_AREAS = [
  { code: 'SR1', name: 'Sozialraum Süd-West', cells: [0, 1, 5] },
  { code: 'SR2', name: 'Sozialraum Musterstadt', cells: [6, 7, 2] },
  { code: 'SR3', name: 'Sozialraum Nord', cells: [10, 11, 12, 13] },
  { code: 'SR4', name: 'Sozialraum Ost', cells: [3, 4, 8, 9, 14] },
] as const;

export interface DemoGeography {
  regions: Region[];
  /** Territorial successor links: predecessor → successor, date of change, share of counts. */
  successors: { predecessorKey: string; successorKey: string; changedOn: string; weight: number }[];
  /** Planning-area key → keys of its member Gemeinden. */
  planningAreaMembers: Record<string, string[]>;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Generates the demo geography; the same call always returns the same shapes. */
export function generateMusterlandGeography(): DemoGeography {
  const random = seededRandom(0x5e1ad);
  // Grid vertices with jitter; border vertices only move along the border line.
  const vertex: Position[][] = [];
  for (let r = 0; r <= ROWS; r++) {
    const row: Position[] = [];
    for (let c = 0; c <= COLUMNS; c++) {
      const jx = c === 0 || c === COLUMNS ? 0 : (random() - 0.5) * CELL_LON * 0.5;
      const jy = r === 0 || r === ROWS ? 0 : (random() - 0.5) * CELL_LAT * 0.5;
      row.push([ORIGIN[0] + c * CELL_LON + jx, ORIGIN[1] + r * CELL_LAT + jy]);
    }
    vertex.push(row);
  }
  // Each edge gets two wiggle points, shared by both neighbours (stored per edge id).
  const edges = new Map<string, Position[]>();
  const edgePoints = (a: [number, number], b: [number, number]): Position[] => {
    const id = `${a.join(',')}-${b.join(',')}`;
    const reverseId = `${b.join(',')}-${a.join(',')}`;
    const reversed = edges.get(reverseId);
    if (reversed) return [...reversed].reverse();
    let points = edges.get(id);
    if (!points) {
      const p = vertex[a[0]]![a[1]]!;
      const q = vertex[b[0]]![b[1]]!;
      const border = (a[0] === b[0] && (a[0] === 0 || a[0] === ROWS)) || (a[1] === b[1] && (a[1] === 0 || a[1] === COLUMNS));
      const amplitude = border ? 0.18 : 0.1;
      points = [1 / 3, 2 / 3].map((t) => {
        const dx = q[0] - p[0];
        const dy = q[1] - p[1];
        const offset = (random() - 0.5) * amplitude;
        // Perpendicular offset in degrees, scaled so shapes stay plausible.
        return [p[0] + dx * t - dy * offset, p[1] + dy * t + dx * offset * 0.6] as Position;
      });
      edges.set(id, points);
    }
    return points;
  };
  const ring = (corners: [number, number][]): Position[] => {
    const out: Position[] = [];
    for (let i = 0; i < corners.length; i++) {
      const a = corners[i]!;
      const b = corners[(i + 1) % corners.length]!;
      out.push(vertex[a[0]]![a[1]]!, ...edgePoints(a, b));
    }
    out.push(out[0]!);
    return out.map(([x, y]) => [round6(x), round6(y)] as Position);
  };

  const regions: Region[] = [];
  const gemeindeKey = (i: number) => `${MUSTERLAND_KREIS_KEY}${String(i + 1).padStart(3, '0')}`;
  // Musterstadt (index 0) sits in the middle of the grid: cell (row 1, column 2).
  const cellOrder = [7, 0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14];
  const nameOfCell = new Map<number, number>();
  cellOrder.forEach((cell, nameIndex) => nameOfCell.set(cell, nameIndex));
  for (let cell = 0; cell < COLUMNS * ROWS; cell++) {
    const r = Math.floor(cell / COLUMNS);
    const c = cell % COLUMNS;
    // Counter-clockwise exterior ring (RFC 7946): bottom-left, bottom-right, top-right, top-left.
    const coordinates = ring([
      [r, c],
      [r, c + 1],
      [r + 1, c + 1],
      [r + 1, c],
    ]);
    const nameIndex = nameOfCell.get(cell)!;
    regions.push({
      key: gemeindeKey(nameIndex),
      name: GEMEINDE_NAMES[nameIndex]!,
      level: 'gemeinde',
      parentKey: MUSTERLAND_KREIS_KEY,
      geometry: { type: 'Polygon', coordinates: [coordinates] },
      validFrom: VALID_FROM,
      validTo: null,
    });
  }
  // The Kreis outline walks the outer border of the grid counter-clockwise.
  const border: [number, number][] = [];
  for (let c = 0; c < COLUMNS; c++) border.push([0, c]);
  for (let r = 0; r < ROWS; r++) border.push([r, COLUMNS]);
  for (let c = COLUMNS; c > 0; c--) border.push([ROWS, c]);
  for (let r = ROWS; r > 0; r--) border.push([r, 0]);
  const kreis: Region = {
    key: MUSTERLAND_KREIS_KEY,
    name: 'Landkreis Musterland',
    level: 'kreis',
    parentKey: MUSTERLAND_LAND_KEY,
    geometry: { type: 'Polygon', coordinates: [ring(border)] },
    validFrom: VALID_FROM,
    validTo: null,
  };
  const land: Region = {
    key: MUSTERLAND_LAND_KEY,
    name: 'Land Musterland (Demo)',
    level: 'land',
    parentKey: null,
    geometry: kreis.geometry,
    validFrom: VALID_FROM,
    validTo: null,
  };

  const planningAreaMembers: Record<string, string[]> = {};
  const planningAreas: Region[] = PLANNING_AREAS.map((pa) => {
    const key = `${MUSTERLAND_KREIS_KEY}-${pa.code}`;
    planningAreaMembers[key] = pa.cells.map((cell) => gemeindeKey(nameOfCell.get(cell)!)).sort();
    const polygons = pa.cells.map((cell) => {
      const region = regions.find((g) => g.key === gemeindeKey(nameOfCell.get(cell)!))!;
      return (region.geometry as { type: 'Polygon'; coordinates: Position[][] }).coordinates;
    });
    return {
      key,
      name: pa.name,
      level: 'planning_area',
      parentKey: MUSTERLAND_KREIS_KEY,
      geometry: { type: 'MultiPolygon', coordinates: polygons },
      validFrom: VALID_FROM,
      validTo: null,
    };
  });

  // The merger: both predecessors end, the successor covers both areas from the merger date on.
  const merged = regions.filter((g) => (MERGER.predecessors as readonly string[]).includes(g.key));
  for (const g of merged) g.validTo = MERGER.date;
  regions.push({
    key: MERGER.successor.key,
    name: MERGER.successor.name,
    level: 'gemeinde',
    parentKey: MUSTERLAND_KREIS_KEY,
    geometry: dissolve(merged.map((g) => (g.geometry as { type: 'Polygon'; coordinates: Position[][] }).coordinates)),
    validFrom: MERGER.date,
    validTo: null,
  });
  for (const [key, members] of Object.entries(planningAreaMembers)) {
    if (members.some((m) => (MERGER.predecessors as readonly string[]).includes(m))) {
      planningAreaMembers[key] = [
        ...members.filter((m) => !(MERGER.predecessors as readonly string[]).includes(m)),
        MERGER.successor.key,
      ].sort();
    }
  }
  const successors = MERGER.predecessors.map((p) => ({
    predecessorKey: p,
    successorKey: MERGER.successor.key,
    changedOn: MERGER.date,
    weight: 1,
  }));

  return {
    regions: [land, kreis, ...regions.sort((a, b) => a.key.localeCompare(b.key)), ...planningAreas],
    planningAreaMembers,
    successors,
  };
}

/** Union of adjacent polygons sharing exact borders (the grid guarantees identical vertices). */
function dissolve(polygons: Position[][][]): { type: 'Polygon'; coordinates: Position[][] } {
  // Edges used twice (in opposite directions) are interior; the remaining edges form the outline.
  const edges = new Map<string, [Position, Position]>();
  const id = (a: Position, b: Position) => `${a[0]},${a[1]}|${b[0]},${b[1]}`;
  for (const polygon of polygons) {
    const ring = polygon[0]!;
    for (let i = 0; i < ring.length - 1; i++) {
      const a = ring[i]!;
      const b = ring[i + 1]!;
      if (edges.has(id(b, a))) edges.delete(id(b, a));
      else edges.set(id(a, b), [a, b]);
    }
  }
  const next = new Map<string, Position>();
  for (const [a, b] of edges.values()) next.set(`${a[0]},${a[1]}`, b);
  const start = [...edges.values()][0]![0];
  const ring: Position[] = [start];
  let current = next.get(`${start[0]},${start[1]}`)!;
  while (current[0] !== start[0] || current[1] !== start[1]) {
    ring.push(current);
    current = next.get(`${current[0]},${current[1]}`)!;
  }
  ring.push(start);
  return { type: 'Polygon', coordinates: [ring] };
}
