import { formatValue } from '../format.ts';
import type { Translate } from '../summary.ts';
import { classCounts } from './palette.ts';
import type { IndexExploration, IndexRow } from './types.ts';

const MAX_NAMES = 5;

function names(rows: readonly IndexRow[], t: Translate): string {
  const list = rows.map((r) => r.name ?? r.key).sort((a, b) => a.localeCompare(b, 'de'));
  if (list.length <= MAX_NAMES) return list.join(', ');
  return t('atlasIndex.summary.andMore', { names: list.slice(0, MAX_NAMES).join(', '), count: list.length - MAX_NAMES });
}

/** The component whose weight, set to 0, moves the most regions into another class (first in index order on ties). */
export function mostSensitive(view: IndexExploration): { label: string; changed: number } | null {
  let best: { label: string; changed: number } | null = null;
  for (const s of view.sensitivity) {
    const changed = s.variants.find((v) => v.change === 'zero')?.changed;
    if (changed === null || changed === undefined || changed === 0) continue;
    if (!best || changed > best.changed) {
      const label = view.components.find((c) => c.indicatorKey === s.indicatorKey)?.label ?? s.indicatorKey;
      best = { label, changed };
    }
  }
  return best;
}

/**
 * The generated text summary of the index map: how many regions are classified, which have a
 * very low status and which a negative dynamics, the most disadvantaged region and the weight
 * the classes depend on most. Texts come from `atlasIndex.summary.*`.
 */
export function indexSummary(view: IndexExploration, language: string, t: Translate): string {
  const counts = classCounts(view.results);
  const parts: string[] = [t('atlasIndex.summary.classified', { count: counts.classified, total: view.results.length })];
  if (counts.statusOnly > 0) parts.push(t('atlasIndex.summary.statusOnly', { count: counts.statusOnly }));
  if (counts.unclassified > 0)
    parts.push(
      t('atlasIndex.summary.unclassified', {
        count: counts.unclassified,
        floor: formatValue(view.populationFloor, language, 0),
      }),
    );
  const veryLow = view.results.filter((r) => r.statusClass === 'sehr_niedrig');
  parts.push(
    veryLow.length > 0
      ? t('atlasIndex.summary.veryLow', { count: veryLow.length, names: names(veryLow, t) })
      : t('atlasIndex.summary.noVeryLow'),
  );
  const negative = view.results.filter((r) => r.dynamicsClass === 'negativ');
  parts.push(
    negative.length > 0
      ? t('atlasIndex.summary.negative', { count: negative.length, names: names(negative, t) })
      : t('atlasIndex.summary.noNegative'),
  );
  const worst = view.results
    .filter((r): r is IndexRow & { status: number } => r.status !== null)
    .sort((a, b) => b.status - a.status)[0];
  if (worst)
    parts.push(t('atlasIndex.summary.worst', { name: worst.name ?? worst.key, value: formatValue(worst.status, language) }));
  const sensitive = mostSensitive(view);
  parts.push(
    sensitive
      ? t('atlasIndex.summary.sensitive', { indicator: sensitive.label, count: sensitive.changed })
      : t('atlasIndex.summary.robust'),
  );
  return parts.join(' ');
}
