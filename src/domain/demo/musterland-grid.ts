import { formatGridId } from '../grid/grid-cell.ts';
import { RegionLocator, type PlanarRegion } from '../grid/aggregate.ts';
import type { Position } from '../regions/region.ts';
import { generateMusterlandGeography } from './musterland.ts';
import { apportion, generateMusterlandObservations } from './musterland-data.ts';
import { generateMusterlandServices } from './musterland-services.ts';
import { seededRandom } from './random.ts';

/**
 * A fictional 1 km population grid for Landkreis Musterland, in the Zensus grid's CRS
 * (EPSG:3035) over the demo's Gemeinden, generated deterministically. Each current Gemeinde's
 * population on 2024-12-31 (demo.bevoelkerung) is spread over the cells whose centre lies in
 * it: people live in settlements around the places where the demo's services are (a village
 * per service location, the town Musterstadt wider), plus two hamlets per Gemeinde and a thin
 * rural background. Cells with 1 or 2 inhabitants are secret (population null), as in the
 * Zensus 2011 population grid.
 */

/** Cell edge length of the demo grid in metres. */
export const DEMO_GRID_CELL_SIZE = 1000;
/** Reference date of the demo grid's counts (the demo population of 2024). */
export const DEMO_GRID_REFERENCE_DATE = '2024-12-31';

/** One demo cell: INSPIRE id, centre in EPSG:3035 metres, persons (null = secret) and its Gemeinde. */
export interface DemoGridCell {
  cellId: string;
  x: number;
  y: number;
  population: number | null;
  regionKey: string;
}

interface Settlement {
  x: number;
  y: number;
  size: number;
  sigma: number;
}

/** Generates the demo grid; `project` maps WGS84 (lon, lat) to EPSG:3035 metres. The same call always returns the same cells. */
export function generateMusterlandGrid(project: (lonLat: Position) => Position): DemoGridCell[] {
  const r = DEMO_GRID_CELL_SIZE;
  const random = seededRandom(0x9e1d);
  const geography = generateMusterlandGeography();
  const gemeinden = geography.regions.filter((g) => g.level === 'gemeinde' && g.validTo === null);
  const regions: PlanarRegion[] = gemeinden.map((g) => {
    const polygons = g.geometry!.type === 'Polygon' ? [g.geometry!.coordinates] : g.geometry!.coordinates;
    return { key: g.key, polygons: polygons.map((polygon) => polygon.map((ring) => ring.map(project))) };
  });
  const locator = new RegionLocator(regions);
  const population = new Map(
    generateMusterlandObservations()
      .filter((o) => o.variableKey === 'demo.bevoelkerung' && o.period === DEMO_GRID_REFERENCE_DATE)
      .map((o) => [o.regionKey, o.value!]),
  );

  // Settlements: one village per service location, then two hamlets per Gemeinde.
  const settlements = new Map<number, Settlement[]>(regions.map((_, i) => [i, []]));
  for (const location of generateMusterlandServices().locations) {
    if (location.longitude === null || location.latitude === null) continue;
    const [x, y] = project([location.longitude, location.latitude]);
    const g = locator.locate(x, y);
    if (g < 0) continue;
    const town = regions[g]!.key === '99001001';
    settlements.get(g)!.push({ x, y, size: 1 + random() * 2, sigma: town ? 1500 : 500 + random() * 300 });
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const region of regions)
    for (const polygon of region.polygons)
      for (const [x, y] of polygon[0]!) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  // All cells whose centre lies in a Gemeinde, row by row.
  const cells: { x: number; y: number; g: number }[] = [];
  for (let north = Math.floor(minY / r) * r; north <= maxY; north += r) {
    for (let east = Math.floor(minX / r) * r; east <= maxX; east += r) {
      const g = locator.locate(east + r / 2, north + r / 2);
      if (g >= 0) cells.push({ x: east + r / 2, y: north + r / 2, g });
    }
  }
  regions.forEach((_, g) => {
    const own = cells.filter((c) => c.g === g);
    for (let h = 0; h < 2 && own.length > 0; h++) {
      const c = own[Math.floor(random() * own.length)]!;
      settlements.get(g)!.push({ x: c.x, y: c.y, size: 0.3 + random() * 0.4, sigma: 400 });
    }
  });

  const out: DemoGridCell[] = [];
  regions.forEach((region, g) => {
    const own = cells.filter((c) => c.g === g);
    const places = settlements.get(g)!;
    const weights = own.map((c) => {
      // Half of the open land is uninhabited; the rest has a few scattered houses.
      let w = random() < 0.5 ? 0 : 0.004 * random();
      for (const s of places) {
        const d2 = (c.x - s.x) ** 2 + (c.y - s.y) ** 2;
        w += s.size * Math.exp(-d2 / (2 * s.sigma * s.sigma));
      }
      return w;
    });
    const counts = apportion(population.get(region.key) ?? 0, weights);
    own.forEach((c, i) => {
      const n = counts[i]!;
      out.push({
        cellId: formatGridId({ resolution: r, north: c.y - r / 2, east: c.x - r / 2 }),
        x: c.x,
        y: c.y,
        population: n === 1 || n === 2 ? null : n,
        regionKey: region.key,
      });
    });
  });
  return out.sort((a, b) => a.y - b.y || a.x - b.x);
}
