import { describe, expect, it } from 'vitest';
import { pointInPolygon } from '../geometry/planar.ts';
import { equalAreaProjection } from '../../importers/geometry/crs.ts';
import { generateMusterlandGeography } from './musterland.ts';
import { generateMusterlandObservations } from './musterland-data.ts';
import { DEMO_GRID_REFERENCE_DATE, generateMusterlandGrid } from './musterland-grid.ts';

const project = (p: [number, number]) => equalAreaProjection.forward(p);

describe('the Musterland demo grid', () => {
  const cells = generateMusterlandGrid(project);

  it('is the same on every call, 1 km cells of the Zensus grid with unique ids', () => {
    expect(generateMusterlandGrid(project)).toEqual(cells);
    expect(new Set(cells.map((c) => c.cellId)).size).toBe(cells.length);
    for (const c of cells) {
      expect((c.x - 500) % 1000).toBe(0);
      expect((c.y - 500) % 1000).toBe(0);
      expect(c.cellId).toBe(`CRS3035RES1000mN${c.y - 500}E${c.x - 500}`);
    }
  });

  it("spreads each Gemeinde's population over the cells inside it; 1–2 inhabitants are secret", () => {
    const gemeinden = generateMusterlandGeography().regions.filter((g) => g.level === 'gemeinde' && g.validTo === null);
    const population = new Map(
      generateMusterlandObservations()
        .filter((o) => o.variableKey === 'demo.bevoelkerung' && o.period === DEMO_GRID_REFERENCE_DATE)
        .map((o) => [o.regionKey, o.value!]),
    );
    for (const g of gemeinden) {
      const own = cells.filter((c) => c.regionKey === g.key);
      const ring = (g.geometry as { type: 'Polygon'; coordinates: [number, number][][] }).coordinates.map((r) => r.map(project));
      for (const c of own) expect(pointInPolygon([c.x, c.y], ring)).toBe(1);
      const known = own.reduce((a, c) => a + (c.population ?? 0), 0);
      const secret = own.filter((c) => c.population === null).length;
      const missing = population.get(g.key)! - known;
      // The secret cells hold the rest: 1 or 2 persons each.
      expect(missing).toBeGreaterThanOrEqual(secret);
      expect(missing).toBeLessThanOrEqual(2 * secret);
    }
    expect(cells.length).toBeGreaterThan(1500);
  });
});
