import { describe, expect, it } from 'vitest';
import type { Geometry, Position } from '../regions/region.ts';
import { polygonArea, polygonsOf, ringSignedArea } from './planar.ts';
import { repairGeometry } from './repair.ts';
import { findGeometryProblems } from './validity.ts';

const polygon = (...rings: Position[][]): Geometry => ({ type: 'Polygon', coordinates: rings });
const square: Position[] = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
  [0, 0],
];
const squareHole: Position[] = [
  [1, 1],
  [1, 2],
  [2, 2],
  [2, 1],
  [1, 1],
];

/** Every ring closed, exterior counter-clockwise, holes clockwise, and no problems left. */
function expectRfc7946(geometry: Geometry | null) {
  expect(geometry).not.toBeNull();
  expect(findGeometryProblems(geometry!)).toEqual([]);
  for (const p of polygonsOf(geometry!)) {
    p.forEach((ring, i) => {
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(Math.sign(ringSignedArea(ring))).toBe(i === 0 ? 1 : -1);
    });
  }
}

describe('findGeometryProblems', () => {
  it('accepts a valid polygon with a hole', () => {
    expect(findGeometryProblems(polygon(square, squareHole))).toEqual([]);
  });

  it('allows a hole that touches the exterior in one point', () => {
    const touching: Position[] = [
      [0, 1],
      [1, 2],
      [1, 1],
      [0, 1],
    ];
    expect(findGeometryProblems(polygon(square, touching))).toEqual([]);
  });

  it('reports every kind of defect in German', () => {
    const bowTie: Position[] = [
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
      [0, 0],
    ];
    const outside: Position[] = [
      [10, 10],
      [10, 11],
      [11, 11],
      [11, 10],
      [10, 10],
    ];
    const messages = (g: Geometry) => findGeometryProblems(g).map((p) => p.message);
    expect(messages(polygon(bowTie))).toEqual(['Selbstüberschneidung im Ring 1']);
    expect(messages(polygon(square.slice(0, 4)))).toEqual(['Nicht geschlossener Ring 1']);
    expect(messages(polygon([...square].reverse()))).toEqual(['Außenring im Uhrzeigersinn (Ring 1)']);
    expect(messages(polygon(square, [...squareHole].reverse()))).toEqual(['Loch gegen den Uhrzeigersinn (Ring 2)']);
    expect(messages(polygon(square, outside))).toEqual(['Loch außerhalb des Außenrings (Ring 2)']);
    expect(messages(polygon([square[0]!, square[1]!, square[1]!, square[2]!, square[3]!, square[0]!]))).toEqual([
      'Doppelte aufeinanderfolgende Punkte im Ring 1',
    ]);
    expect(
      messages(
        polygon([
          [0, 0],
          [1, 0],
          [0, 0],
        ]),
      ),
    ).toEqual(['Zu wenige Punkte im Ring 1 (2 verschiedene, mindestens 3 nötig)']);
    expect(messages({ type: 'MultiPolygon', coordinates: [[square], [[...squareHole].reverse()]] })).toEqual([
      'Überlappung der Teilflächen 1 und 2',
    ]);
  });

  it('reports a ring that touches itself (ESRI-style inverted hole, as in VG5000)', () => {
    const inverted: Position[] = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
      [1, 1],
      [1, 2],
      [2, 2],
      [2, 1],
      [1, 1],
      [0, 0],
    ];
    expect(findGeometryProblems(polygon(inverted)).map((p) => p.message)).toContain('Ring 1 berührt sich selbst in einem Punkt');
  });
});

describe('repairGeometry', () => {
  it('leaves valid polygons alone (same object, repaired: false)', () => {
    const valid = polygon(square, squareHole);
    const result = repairGeometry(valid);
    expect(result).toEqual({ geometry: valid, repaired: false, problems: [] });
    expect(result.geometry).toBe(valid);
  });

  it('splits a bow-tie into its two triangles', () => {
    const result = repairGeometry(
      polygon([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ]),
    );
    expect(result.repaired).toBe(true);
    expect(result.problems).toEqual(['Selbstüberschneidung im Ring 1']);
    expect(result.geometry?.type).toBe('MultiPolygon');
    expectRfc7946(result.geometry);
    const area = polygonsOf(result.geometry!).reduce((s, p) => s + polygonArea(p), 0);
    expect(area).toBeCloseTo(2, 10);
  });

  it('closes an unclosed ring', () => {
    const result = repairGeometry(polygon(square.slice(0, 4)));
    expect(result).toMatchObject({ repaired: true, problems: ['Nicht geschlossener Ring 1'] });
    expect(result.geometry).toEqual(polygon(square));
  });

  it('turns a clockwise exterior and a counter-clockwise hole around', () => {
    const result = repairGeometry(polygon([...square].reverse(), [...squareHole].reverse()));
    expect(result.repaired).toBe(true);
    expect(result.problems).toEqual(['Außenring im Uhrzeigersinn (Ring 1)', 'Loch gegen den Uhrzeigersinn (Ring 2)']);
    expect(result.geometry).toEqual(polygon(square, squareHole));
  });

  it('removes duplicate points and drops a hole outside the exterior', () => {
    const outside: Position[] = [
      [10, 10],
      [10, 11],
      [11, 11],
      [11, 10],
      [10, 10],
    ];
    const result = repairGeometry(polygon([square[0]!, square[1]!, square[1]!, square[2]!, square[3]!, square[0]!], outside));
    expect(result.problems).toEqual(['Doppelte aufeinanderfolgende Punkte im Ring 1', 'Loch außerhalb des Außenrings (Ring 2)']);
    expectRfc7946(result.geometry);
    expect(polygonArea(polygonsOf(result.geometry!)[0]!)).toBe(16);
  });

  it('rebuilds an inverted hole as a proper hole', () => {
    const result = repairGeometry(
      polygon([
        [0, 0],
        [4, 0],
        [4, 4],
        [0, 4],
        [0, 0],
        [1, 1],
        [1, 2],
        [2, 2],
        [2, 1],
        [1, 1],
        [0, 0],
      ]),
    );
    expectRfc7946(result.geometry);
    expect(polygonArea(polygonsOf(result.geometry!)[0]!)).toBe(15);
  });

  it('returns null geometry when nothing with an area is left', () => {
    const result = repairGeometry(
      polygon([
        [0, 0],
        [1, 1],
        [2, 2],
        [0, 0],
      ]),
    );
    expect(result.geometry).toBeNull();
    expect(result.problems).toEqual(['Ring 1 hat keine Fläche']);
  });
});
