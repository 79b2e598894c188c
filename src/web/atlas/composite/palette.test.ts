import { describe, expect, it } from 'vitest';
import { hexToRgb, MISSING_COLOUR } from '../palette.ts';
import { classCounts, INDEX_COLOURS, indexClass, indexPalette } from './palette.ts';
import type { IndexRow } from './types.ts';

// Colour-vision deficiency simulation (Machado, Oliveira & Fernandes 2009, severity 1) on linear RGB.
const SIMULATIONS: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);

/** CIE L*a*b* (D65) of a colour as seen with the given simulation matrix. */
function seen(hex: string, m: number[][]): [number, number, number] {
  const v = hexToRgb(hex).map(linear);
  const [r, g, b] = m.map((row) => Math.min(1, Math.max(0, row[0]! * v[0]! + row[1]! * v[1]! + row[2]! * v[2]!))) as [
    number,
    number,
    number,
  ];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function smallestDifference(colours: readonly string[], m: number[][]): number {
  let min = Infinity;
  for (let i = 0; i < colours.length; i++) {
    for (let j = i + 1; j < colours.length; j++) {
      const a = seen(colours[i]!, m);
      const b = seen(colours[j]!, m);
      min = Math.min(min, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
    }
  }
  return min;
}

const row = (key: string, statusClass: IndexRow['statusClass'], dynamicsClass: IndexRow['dynamicsClass']): IndexRow => ({
  key,
  name: key,
  status: statusClass ? 0 : null,
  dynamics: dynamicsClass ? 0 : null,
  statusClass,
  dynamicsClass,
  outlier: false,
});

describe('2-D palette of the composite index', () => {
  it('numbers the classes status × 3 + dynamics and leaves incomplete regions without a class', () => {
    expect(indexClass('hoch', 'positiv')).toBe(0);
    expect(indexClass('hoch', 'negativ')).toBe(2);
    expect(indexClass('mittel', 'positiv')).toBe(3);
    expect(indexClass('sehr_niedrig', 'negativ')).toBe(11);
    expect(indexClass('niedrig', null)).toBeNull();
    expect(indexClass(null, null)).toBeNull();
  });

  it('has 12 colours in class order: lightness by status, hue by dynamics', () => {
    const palette = indexPalette();
    expect(palette).toHaveLength(12);
    expect(palette[indexClass('mittel', 'stabil')!]).toBe(INDEX_COLOURS.stabil[1]);
    expect(palette[indexClass('sehr_niedrig', 'positiv')!]).toBe(INDEX_COLOURS.positiv[3]);
    // Lighter for a higher status in every dynamics column.
    for (const column of Object.values(INDEX_COLOURS)) {
      const lightness = column.map((c) => seen(c, SIMULATIONS.normal!)[0]);
      expect([...lightness].sort((a, b) => b - a)).toEqual(lightness);
    }
  });

  it('keeps every two classes apart (ΔE ≥ 10) with normal vision and with protanopia, deuteranopia and tritanopia', () => {
    for (const [name, m] of Object.entries(SIMULATIONS)) {
      expect(smallestDifference(indexPalette(), m), name).toBeGreaterThanOrEqual(10);
      // The grey of unclassified regions is also hatched; its colour alone still differs.
      expect(smallestDifference([...indexPalette(), MISSING_COLOUR], m), name).toBeGreaterThanOrEqual(8);
    }
  });

  it('counts the regions per class for the legend matrix', () => {
    const counts = classCounts([
      row('a', 'hoch', 'positiv'),
      row('b', 'hoch', 'positiv'),
      row('c', 'sehr_niedrig', 'negativ'),
      row('d', 'mittel', null),
      row('e', null, null),
      row('f', null, null),
    ]);
    expect(counts.matrix).toEqual([
      [2, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 1],
    ]);
    expect(counts).toMatchObject({ classified: 3, statusOnly: 1, unclassified: 2 });
  });
});
