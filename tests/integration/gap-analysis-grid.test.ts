import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridRepository } from '../../src/db/repositories/grid.repository.ts';
import { inTransaction } from '../../src/db/repositories/index.ts';
import { generateMusterlandGeography } from '../../src/domain/demo/musterland.ts';
import { generateMusterlandServices } from '../../src/domain/demo/musterland-services.ts';
import { pointInPolygon } from '../../src/domain/geometry/planar.ts';
import type { Position } from '../../src/domain/regions/region.ts';
import { systemClock } from '../../src/domain/shared/clock.ts';
import { equalAreaProjection } from '../../src/importers/geometry/crs.ts';
import { seedDemoGrid } from '../../src/use-cases/demo/seed-demo.ts';
import { ENGINES } from '../support/database.ts';
import { TestClient } from '../support/http-client.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/server.ts';

interface Reach {
  share: number | null;
  targetReached: number | null;
  unknownPoints: number;
  weighting: string;
}
interface Cell {
  areaKey: string | null;
  targetPopulation: number | null;
  reach: Reach | null;
  status: string;
  flags: string[];
}
interface View {
  matrix: { areas: { key: string }[]; rows: { cells: Cell[]; total: Cell }[] };
  population: { kind: string; method: string; points: number; unknownPoints: number; weighting: string } | null;
}

const KITA = 'handlungsfeld.kindertagesbetreuung';
const ROW = {
  key: 'kinder_0_6',
  label: 'Kinder 0–6: Kindertagesbetreuung',
  termKeys: [KITA],
  targetVariableKey: 'demo.alter_0_5',
  period: '2024-12-31',
  reachMetres: 3000,
  minCapacityPer1000: 300,
  minReachShare: 0.8,
};

for (const engine of ENGINES) {
  describe(`gap analysis of the demo with Zensus-style grid cells as population points [${engine}]`, () => {
    let t: TestApp;
    let planner: TestClient;
    beforeAll(async () => {
      t = await createTestApp(engine);
      // The demo's 1 km grid (replaced if the start-up seeded it already).
      await inTransaction(t.database.db, (r, trx) =>
        seedDemoGrid({ grids: gridRepository(trx), plane: equalAreaProjection, audit: r.audit, clock: systemClock }),
      );
      planner = new TestClient(t.app);
      await planner.logIn('planung@musterland.example', DEMO_PASSWORD);
    });
    afterAll(async () => {
      await t.close();
    });

    it('lists the grid, and the share of children within 3 km of a Kita equals a brute-force count over the cells', async () => {
      const grids = (await planner.request('GET', '/api/tenants/99001/grids')).json() as {
        datasets: { key: string; cells: number; secretCells: number; population: number; cellSize: number }[];
      };
      expect(grids.datasets).toHaveLength(1);
      const dataset = grids.datasets[0]!;
      expect(dataset).toMatchObject({ key: 'demo-1km', cellSize: 1000 });

      const response = await planner.request('POST', '/api/tenants/99001/gap-analysis', { body: { rows: [ROW] } });
      expect(response.statusCode, response.body).toBe(200);
      const view = response.json() as View;
      expect(view.population).toMatchObject({
        kind: 'grid',
        points: dataset.cells,
        unknownPoints: dataset.secretCells,
        weighting: 'target',
        method: `Zensus-Gitter 1 km (${dataset.cells.toLocaleString('de-DE')} Zellen), Luftlinie`,
      });

      // Brute force: every stored cell against every Kita of the register, areas by point in polygon.
      const cells = await t.database.db
        .selectFrom('grid_cells')
        .select(['x', 'y', 'population'])
        .where('tenant_key', '=', '99001')
        .execute();
      expect(cells).toHaveLength(dataset.cells);
      expect(cells.reduce((a, c) => a + (c.population ?? 0), 0)).toBe(dataset.population);
      const { services, locations } = generateMusterlandServices();
      const kitas = services
        .filter((s) => s.termKeys.includes(KITA))
        .flatMap((s) => s.locationIds.map((id) => locations.find((l) => l.id === id)!))
        .map((l) => equalAreaProjection.forward([l.longitude!, l.latitude!]));
      const areas = generateMusterlandGeography().regions.filter((r) => r.level === 'planning_area');
      const rowCells = new Map(view.matrix.rows[0]!.cells.map((c) => [c.areaKey, c]));
      let reachedChildren = 0;
      let children = 0;
      for (const area of areas) {
        const polygons = (area.geometry as { type: 'MultiPolygon'; coordinates: Position[][][] }).coordinates.map((polygon) =>
          polygon.map((ring) => ring.map((p) => equalAreaProjection.forward(p))),
        );
        let total = 0;
        let reached = 0;
        let secret = 0;
        for (const c of cells) {
          if (!polygons.some((polygon) => pointInPolygon([c.x, c.y], polygon) === 1)) continue;
          if (c.population === null) {
            secret++;
            continue;
          }
          total += c.population;
          if (kitas.some(([x, y]) => (x - c.x) ** 2 + (y - c.y) ** 2 <= 3000 ** 2)) reached += c.population;
        }
        const cell = rowCells.get(area.key)!;
        expect(cell.reach!.share, area.key).toBeCloseTo(reached / total, 12);
        expect(cell.reach!.unknownPoints).toBe(secret);
        expect(cell.flags).toContain('reach_incomplete');
        // The children of the area, spread over its cells like the population: share × children.
        expect(cell.reach!.targetReached).toBeCloseTo((reached / total) * cell.targetPopulation!, 9);
        reachedChildren += (reached / total) * cell.targetPopulation!;
        children += cell.targetPopulation!;
      }
      expect(view.matrix.rows[0]!.total.reach!.share).toBeCloseTo(reachedChildren / children, 12);

      // The known gap: Sozialraum Nord, one small Kita – few children within 3 km, too few places.
      const nord = rowCells.get('99001-SR3')!;
      expect(nord.status).toBe('gap');
      expect(nord.reach!.share).toBeLessThan(0.5);
    });

    it('uses the centroids when asked, and refuses „grid“ for a municipality without a grid', async () => {
      const centroids = await planner.request('POST', '/api/tenants/99001/gap-analysis', {
        body: {
          rows: [ROW],
          population: { level: 'gemeinde', variableKey: 'demo.alter_0_5', period: '2024-12-31' },
          populationPoints: 'centroids',
        },
      });
      expect(centroids.statusCode, centroids.body).toBe(200);
      expect((centroids.json() as View).population).toMatchObject({ kind: 'centroids', weighting: 'points' });
      await t.database.db.deleteFrom('grid_datasets').where('tenant_key', '=', '99001').execute();
      const none = await planner.request('POST', '/api/tenants/99001/gap-analysis', {
        body: { rows: [ROW], populationPoints: 'grid' },
      });
      expect(none.statusCode).toBe(422);
      expect(none.headers['content-type']).toContain('application/problem+json');
      expect(none.body).toContain('keine Zensus-Gitterzellen');
    });
  });
}
