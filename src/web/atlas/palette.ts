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
