import { DYNAMICS_CLASSES, STATUS_CLASSES, type DynamicsClass, type IndexRow, type StatusClass } from './types.ts';

/**
 * The 2-D palette of the index map: the dynamics class sets the hue (positiv blue, stabil
 * grey, negativ orange to dark red: the blue–orange axis that red–green colour-blind readers
 * keep) and the status class the lightness (light = hoch, dark = sehr niedrig). One column
 * per dynamics class, one entry per status class, from ColorBrewer Blues, Greys and OrRd.
 */
export const INDEX_COLOURS: Readonly<Record<DynamicsClass, readonly string[]>> = {
  positiv: ['#c6dbef', '#6baed6', '#2171b5', '#08306b'],
  stabil: ['#f0f0f0', '#cfcfcf', '#8c8c8c', '#404040'],
  negativ: ['#fdd49e', '#fc8d59', '#d7301f', '#7f0000'],
};

/** The map class of a region: status index × 3 + dynamics index (0–11), or null unless both classes are known. */
export function indexClass(status: StatusClass | null, dynamics: DynamicsClass | null): number | null {
  if (status === null || dynamics === null) return null;
  return STATUS_CLASSES.indexOf(status) * DYNAMICS_CLASSES.length + DYNAMICS_CLASSES.indexOf(dynamics);
}

/** The palette in map class order (see {@link indexClass}): 12 colours. */
export function indexPalette(): string[] {
  return STATUS_CLASSES.flatMap((_, s) => DYNAMICS_CLASSES.map((d) => INDEX_COLOURS[d][s]!));
}

/** Regions per class for the legend matrix, and those that are not (fully) classified. */
export interface ClassCounts {
  /** [status][dynamics] in the order of STATUS_CLASSES and DYNAMICS_CLASSES. */
  matrix: number[][];
  /** Regions with both classes. */
  classified: number;
  /** Regions with a status class but no dynamics (no start values). */
  statusOnly: number;
  /** Regions without a status class (population floor, missing values). */
  unclassified: number;
}

/** Counts the regions per status × dynamics class. */
export function classCounts(rows: readonly IndexRow[]): ClassCounts {
  const matrix = STATUS_CLASSES.map(() => DYNAMICS_CLASSES.map(() => 0));
  let statusOnly = 0;
  let unclassified = 0;
  for (const row of rows) {
    if (row.statusClass === null) unclassified += 1;
    else if (row.dynamicsClass === null) statusOnly += 1;
    else matrix[STATUS_CLASSES.indexOf(row.statusClass)]![DYNAMICS_CLASSES.indexOf(row.dynamicsClass)]! += 1;
  }
  const classified = matrix.flat().reduce((sum, n) => sum + n, 0);
  return { matrix, classified, statusOnly, unclassified };
}
