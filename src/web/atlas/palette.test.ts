import { describe, expect, it } from 'vitest';
import { divergingPalette, hexToRgb, NEUTRAL_COLOUR, referenceSides, sequentialPalette } from './palette.ts';

const classes = (bounds: number[]) => bounds.slice(0, -1).map((lower, i) => ({ lower, upper: bounds[i + 1]! }));

/** Relative luminance (sRGB, 0–1) for comparing lightness. */
function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('diverging palette', () => {
  it('marks classes below, containing and above the reference', () => {
    expect(referenceSides(classes([1, 3, 5, 8, 10]), 6)).toEqual(['below', 'below', 'contains', 'above']);
    // A reference on a bound splits cleanly: no neutral class.
    expect(referenceSides(classes([1, 3, 5, 8]), 5)).toEqual(['below', 'below', 'above']);
    expect(referenceSides(classes([1, 3, 5]), 0)).toEqual(['above', 'above']);
  });

  it('colours below blue and above red, darker away from the reference, neutral in the middle', () => {
    const colours = divergingPalette(classes([0, 2, 4, 6, 8, 10]), 5);
    expect(colours).toHaveLength(5);
    expect(colours[2]).toBe(NEUTRAL_COLOUR);
    const [b0, b1] = [hexToRgb(colours[0]!), hexToRgb(colours[1]!)];
    const [a3, a4] = [hexToRgb(colours[3]!), hexToRgb(colours[4]!)];
    // Blue dominates below, red above.
    expect(b0[2]).toBeGreaterThan(b0[0]);
    expect(b1[2]).toBeGreaterThan(b1[0]);
    expect(a3[0]).toBeGreaterThan(a3[2]);
    expect(a4[0]).toBeGreaterThan(a4[2]);
    // The farthest classes are darker than the nearest ones; equal distance, similar lightness.
    expect(luminance(colours[0]!)).toBeLessThan(luminance(colours[1]!));
    expect(luminance(colours[4]!)).toBeLessThan(luminance(colours[3]!));
    expect(Math.abs(luminance(colours[1]!) - luminance(colours[3]!))).toBeLessThan(0.15);
    expect(new Set(colours).size).toBe(5);
  });

  it('swaps the sides when higher values are better, so red stays the unfavourable side', () => {
    const normal = divergingPalette(classes([0, 2, 4, 6, 8, 10]), 5);
    const better = divergingPalette(classes([0, 2, 4, 6, 8, 10]), 5, true);
    const [r0, , b0] = hexToRgb(better[0]!);
    const [r4, , b4] = hexToRgb(better[4]!);
    expect(r0).toBeGreaterThan(b0);
    expect(b4).toBeGreaterThan(r4);
    expect(better[2]).toBe(normal[2]);
    expect(better).not.toEqual(normal);
  });

  it('uses distinct colours when every class lies on one side', () => {
    const colours = divergingPalette(classes([10, 11, 12, 13, 14, 15, 16, 17]), 2);
    expect(new Set(colours).size).toBe(7);
    for (const colour of colours) {
      const [r, , b] = hexToRgb(colour);
      expect(r).toBeGreaterThan(b);
    }
  });

  it('keeps the sequential palette for 1 to 7 classes', () => {
    expect(sequentialPalette(5)).toEqual(['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494']);
    expect(sequentialPalette(2)).toHaveLength(2);
  });
});
