/**
 * Colour-blind-safe sequential palettes (ColorBrewer YlGnBu, 3–7 classes): light = low,
 * dark = high. Regions without a value are drawn in a grey that no palette uses, with hatching.
 */
const YL_GN_BU: Record<number, readonly string[]> = {
  3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
  4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
  5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
  6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
  7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
};

/** Fill of regions without a value (missing or suppressed). */
export const MISSING_COLOUR = '#b8b8b8';
/** Colour of the hatching lines over missing regions. */
export const HATCH_COLOUR = '#6e6e6e';
/** Map background (outside the regions). */
export const BACKGROUND_COLOUR = '#f4f7fb';

/** The palette for `count` classes (clamped to 1–7; fewer classes take the 3-class start). */
export function sequentialPalette(count: number): readonly string[] {
  const n = Math.max(1, Math.min(7, Math.round(count)));
  if (n >= 3) return YL_GN_BU[n]!;
  return YL_GN_BU[3]!.slice(0, n);
}

/** `#rrggbb` → [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Keine Farbe: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** RGBA pixels of a square tile with diagonal hatching on a transparent ground (for fill-pattern). */
export function hatchPattern(size = 8): Uint8Array {
  const [r, g, b] = hexToRgb(HATCH_COLOUR);
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if ((x + y) % size === 0 || (x + y + 1) % size === 0) {
        const i = (y * size + x) * 4;
        data[i] = r;
        data[i + 1] = g;
        data[i + 2] = b;
        data[i + 3] = 255;
      }
    }
  }
  return data;
}

/** How the classes are coloured: one light-to-dark ramp, or two ramps around a reference value. */
export type PaletteMode = 'sequential' | 'diverging';

/**
 * The two sides of the diverging palette (ColorBrewer RdBu, colour-blind safe), each from light
 * (near the reference) to dark (far from it): blue below the reference, red above it.
 */
const BELOW_RAMP = ['#d1e5f0', '#92c5de', '#4393c3', '#2166ac', '#053061'] as const;
const ABOVE_RAMP = ['#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f'] as const;
/** Fill of the class that contains the reference value (a warm light grey, distinct from the map background). */
export const NEUTRAL_COLOUR = '#ddd5c4';

/** Where a class lies relative to the reference value. */
export type ReferenceSide = 'below' | 'contains' | 'above';

/**
 * The side of each class `[lower, upper]` relative to `reference`: a class whose upper bound is at
 * or below the reference is `below`, one whose lower bound is at or above it is `above`, the class
 * with the reference strictly inside is `contains`.
 */
export function referenceSides(classes: readonly { lower: number; upper: number }[], reference: number): ReferenceSide[] {
  return classes.map((c) => (c.upper <= reference ? 'below' : c.lower >= reference ? 'above' : 'contains'));
}

function toHex(rgb: readonly number[]): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** A colour at position `t` (0–1) along a ramp, interpolated in RGB between its stops. */
function along(ramp: readonly string[], t: number): string {
  const x = Math.max(0, Math.min(1, t)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(x));
  const a = hexToRgb(ramp[i]!);
  const b = hexToRgb(ramp[i + 1]!);
  const f = x - i;
  return toHex(a.map((v, c) => v + (b[c]! - v) * f));
}

/**
 * Colours of classes diverging around `reference`: classes below it blue, above it red (swapped
 * with `higherIsBetter`, so that red always marks the unfavourable side), darker the farther they
 * are from the reference (the nearest class on each side is light, the farthest dark); the class
 * containing the reference is a neutral warm grey. Both sides share the same steps, so equal
 * distance in classes means equal lightness.
 */
export function divergingPalette(
  classes: readonly { lower: number; upper: number }[],
  reference: number,
  higherIsBetter = false,
): string[] {
  const [belowRamp, aboveRamp] = higherIsBetter ? [ABOVE_RAMP, BELOW_RAMP] : [BELOW_RAMP, ABOVE_RAMP];
  const sides = referenceSides(classes, reference);
  const below = sides.filter((s) => s === 'below').length;
  const above = sides.filter((s) => s === 'above').length;
  const steps = Math.max(below, above);
  // Position of the j-th class away from the reference (1 = nearest) along a side's ramp.
  const position = (j: number) => (steps <= 1 ? 0.5 : 0.15 + (0.85 * (j - 1)) / (steps - 1));
  return sides.map((side, index) => {
    if (side === 'contains') return NEUTRAL_COLOUR;
    if (side === 'below') return along(belowRamp, position(below - index));
    const firstAbove = sides.length - above;
    return along(aboveRamp, position(index - firstAbove + 1));
  });
}
