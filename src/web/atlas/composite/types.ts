/** Shapes of the composite index API (public and members' routes answer alike). */

/** Status classes from good to bad ('hoch' = high social status, 'sehr_niedrig' = strong disadvantage). */
export const STATUS_CLASSES = ['hoch', 'mittel', 'niedrig', 'sehr_niedrig'] as const;
/** Dynamics classes from improving to worsening. */
export const DYNAMICS_CLASSES = ['positiv', 'stabil', 'negativ'] as const;

export type StatusClass = (typeof STATUS_CLASSES)[number];
export type DynamicsClass = (typeof DYNAMICS_CLASSES)[number];
export type IndexPolarity = 'higher_is_worse' | 'higher_is_better';

/** One indicator of the index with its weight (0 switches it off) and direction. */
export interface IndexComponentChoice {
  indicatorKey: string;
  weight: number;
  polarity: IndexPolarity;
}

/** One region: standardised indices (high = disadvantage / worsening) and classes, null when not classified. */
export interface IndexRow {
  key: string;
  name: string | null;
  status: number | null;
  dynamics: number | null;
  statusClass: StatusClass | null;
  dynamicsClass: DynamicsClass | null;
  /** German reason when the region is not (fully) classified. */
  reason?: string;
  outlier: boolean;
}

/** Class changes of the regions when one weight changes. */
export interface WeightVariant {
  change: 'plus50' | 'minus50' | 'zero';
  weight: number;
  /** null: the variant leaves no weight. */
  changed: number | null;
  keys: string[];
}

/** The answer of `/api/…/composite-index(/explore)`. */
export interface IndexExploration {
  tenantKey: string;
  saved: {
    key: string;
    label: string;
    components: IndexComponentChoice[];
    spanYears: number;
    populationFloor: number;
  } | null;
  period: string;
  startPeriod: string;
  level: string;
  spanYears: number;
  populationFloor: number;
  components: (IndexComponentChoice & { label: string; unit: string })[];
  periods: string[];
  confidential: boolean;
  results: IndexRow[];
  notes: string[];
  sensitivity: { indicatorKey: string; variants: WeightVariant[] }[];
}
