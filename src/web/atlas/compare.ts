/** How a value compares with the value of the parent (the tenant's Kreis or kreisfreie Stadt). */
export interface ParentComparison {
  direction: 'above' | 'below' | 'equal';
  /**
   * `points`: difference in percentage points (unit %); `relative`: difference in per cent of the
   * parent value (other units); `absolute`: difference in the unit (parent value 0).
   */
  kind: 'points' | 'relative' | 'absolute';
  /** Size of the difference (never negative) in the kind's measure. */
  amount: number;
}

/**
 * Compares `value` with `parent`: in percentage points when the unit is a percentage, else relative
 * to the parent value (absolute when the parent value is 0). Differences below 0.005 count as equal.
 */
export function compareWithParent(value: number, parent: number, unit: string): ParentComparison {
  const percentage = unit.trim() === '%';
  const kind: ParentComparison['kind'] = percentage ? 'points' : parent === 0 ? 'absolute' : 'relative';
  const raw = kind === 'relative' ? ((value - parent) / Math.abs(parent)) * 100 : value - parent;
  const amount = Math.abs(raw);
  if (amount < 0.005) return { direction: 'equal', kind, amount: 0 };
  return { direction: raw > 0 ? 'above' : 'below', kind, amount };
}
