import type { TFunction } from 'i18next';
import { formatPeriod } from '../format.ts';
import { formatManualBounds } from '../manual-bounds.ts';
import { readView, type AtlasView } from '../permalink.ts';

/**
 * The parts of a view as readers see them (German or English): indicator, period (or „the
 * latest“), level, classes, palette and selected area, each as one short phrase.
 */
export function describeView(view: AtlasView, indicatorLabel: string | null, t: TFunction, language: string): string[] {
  const parts = [
    indicatorLabel !== null
      ? t('atlasViews.describe.indicator', { label: indicatorLabel })
      : t('atlasViews.describe.unknownIndicator', { key: view.indicator ?? '' }),
    view.period
      ? t('atlasViews.describe.period', { period: formatPeriod(view.period, language) })
      : t('atlasViews.describe.latest'),
    t('atlasViews.describe.level', { level: t(`atlasViews.levels.${view.level}`) }),
    view.method === 'manual'
      ? t('atlasViews.describe.manual', { bounds: formatManualBounds(view.bounds ?? [], language) })
      : t('atlasViews.describe.classes', { method: t(`atlasViews.methods.${view.method}`), count: view.classes }),
  ];
  if (view.palette === 'diverging') parts.push(t('atlasViews.describe.diverging'));
  if (view.region) parts.push(t('atlasViews.describe.region', { region: view.region }));
  return parts;
}

/** A stored state read as the atlas reads its address. */
export function viewOfState(state: string): AtlasView {
  return readView(new URLSearchParams(state));
}
