/**
 * Gebietsstand (territorial version) conversion. A successor link says that on `changedOn`
 * the share `weight` of the predecessor's counts went to the successor (a full merger has
 * weight 1; a split into two parts has two links whose weights add up to 1). Counts are
 * converted forward in time by following the links; rates must be recomputed from
 * converted numerators and denominators, never converted themselves.
 */
export interface SuccessorLink {
  predecessorKey: string;
  successorKey: string;
  /** ISO date from which the successor exists. */
  changedOn: string;
  weight: number;
}

export interface ValueOnTerritory {
  regionKey: string;
  value: number | null;
  /** Why the value is missing, when it is. */
  missing?: string;
}

/**
 * Where the counts of region `key`, observed on `observedOn` (ISO date), belong on the
 * Gebietsstand of `targetDate`: a list of (region, weight). Regions without changes in
 * between map to themselves. Backward conversion (target before a change) is not possible
 * from successor weights and is reported as undefined.
 */
export function mapToTerritory(
  key: string,
  observedOn: string,
  targetDate: string,
  links: readonly SuccessorLink[],
): { key: string; weight: number }[] | undefined {
  if (targetDate < observedOn) {
    // Going back in time would need the inverse split; refuse if any change lies in between.
    const changedBetween = links.some(
      (l) => (l.successorKey === key || l.predecessorKey === key) && l.changedOn > targetDate && l.changedOn <= observedOn,
    );
    return changedBetween ? undefined : [{ key, weight: 1 }];
  }
  let current = [{ key, weight: 1 }];
  const relevant = links
    .filter((l) => l.changedOn > observedOn && l.changedOn <= targetDate)
    .sort((a, b) => a.changedOn.localeCompare(b.changedOn));
  for (const link of relevant) {
    const next: { key: string; weight: number }[] = [];
    for (const part of current) {
      if (part.key !== link.predecessorKey) {
        next.push(part);
        continue;
      }
      const outgoing = relevant.filter((l) => l.predecessorKey === part.key && l.changedOn === link.changedOn);
      for (const l of outgoing) next.push({ key: l.successorKey, weight: part.weight * l.weight });
    }
    // Merge duplicate targets and drop processed links of the same change.
    const merged = new Map<string, number>();
    for (const p of next) merged.set(p.key, (merged.get(p.key) ?? 0) + p.weight);
    current = [...merged].map(([k, w]) => ({ key: k, weight: w }));
  }
  return current;
}

/**
 * Converts counts observed on `observedOn` to the Gebietsstand of `targetDate`, summing
 * weighted contributions per target region. A target region with any missing contribution
 * is missing too (with the reason); nothing is invented.
 */
export function convertCounts(
  values: readonly ValueOnTerritory[],
  observedOn: string,
  targetDate: string,
  links: readonly SuccessorLink[],
): ValueOnTerritory[] {
  const sums = new Map<string, { value: number; missing: string[] }>();
  const unconvertible: ValueOnTerritory[] = [];
  for (const v of values) {
    const targets = mapToTerritory(v.regionKey, observedOn, targetDate, links);
    if (!targets) {
      unconvertible.push({
        regionKey: v.regionKey,
        value: null,
        missing: `Rückrechnung auf den Gebietsstand ${targetDate} ist nicht möglich.`,
      });
      continue;
    }
    for (const t of targets) {
      const entry = sums.get(t.key) ?? { value: 0, missing: [] };
      if (v.value === null) entry.missing.push(`${v.regionKey}: ${v.missing ?? 'kein Wert'}`);
      else entry.value += v.value * t.weight;
      sums.set(t.key, entry);
    }
  }
  const converted = [...sums].map(([regionKey, e]): ValueOnTerritory =>
    e.missing.length > 0
      ? { regionKey, value: null, missing: `Eingangswert fehlt (${e.missing.join('; ')})` }
      : { regionKey, value: e.value },
  );
  return [...converted, ...unconvertible].sort((a, b) => a.regionKey.localeCompare(b.regionKey));
}

/** A rate on a converted territory: numerator / denominator × factor, missing when either input is missing or the denominator is 0. */
export function recomputeRate(
  numerator: ValueOnTerritory | undefined,
  denominator: ValueOnTerritory | undefined,
  factor: number,
): ValueOnTerritory & { value: number | null } {
  const key = numerator?.regionKey ?? denominator?.regionKey ?? '';
  if (!numerator || numerator.value === null)
    return { regionKey: key, value: null, missing: numerator?.missing ?? 'Zähler fehlt' };
  if (!denominator || denominator.value === null)
    return { regionKey: key, value: null, missing: denominator?.missing ?? 'Nenner fehlt' };
  if (denominator.value === 0) return { regionKey: key, value: null, missing: 'Nenner ist 0' };
  return { regionKey: key, value: (numerator.value / denominator.value) * factor };
}
