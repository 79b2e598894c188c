import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AtlasData } from '../data.ts';
import { formatPeriod } from '../format.ts';
import type { AtlasIndicator, AtlasValues } from '../types.ts';
import { RankingChart } from './RankingChart.tsx';
import { ScatterChart } from './ScatterChart.tsx';
import { TimeSeriesChart } from './TimeSeriesChart.tsx';

/** What the atlas page hands the charts: its data source, the view, the current values and the selection. */
export interface AtlasChartsProps {
  tenantKey: string;
  /** The page's data layer (public or tenant API). */
  data: Pick<AtlasData, 'timeSeries' | 'values'>;
  indicator: AtlasIndicator;
  /** Every indicator of the atlas (the second indicator of the scatter plot is chosen from them). */
  indicators: readonly AtlasIndicator[];
  period: string;
  level: string;
  /** The values of the current view (its rows are the regions of the ranking and the scatter plot). */
  values: AtlasValues;
  selected: string | null;
  onSelect: (region: string) => void;
}

/**
 * The charts of the atlas, linked with the map and the table through the page's selection:
 * the time series of the selected regions against their Kreis, the ranking of all regions
 * of the view, and the scatter plot of two indicators. Observable Plot loads on first use.
 */
export default function AtlasCharts(props: AtlasChartsProps) {
  const { tenantKey, data, indicator, indicators, period, level, values, selected, onSelect } = props;
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const attributions = useMemo(() => [...new Set(values.sources.map((s) => s.attribution).filter(Boolean))], [values]);
  const source = t('atlasCharts.source', { sources: attributions.join(' · ') });
  const viewText = t('atlasCharts.view', {
    period: formatPeriod(values.period, language),
    level: t(`atlas.levels.${level}`, { defaultValue: level }),
    date: formatPeriod(values.territoryDate, language),
  });

  return (
    <section className="atlas-charts" aria-labelledby="atlas-diagramme-titel" data-testid="atlas-diagramme">
      <h2 id="atlas-diagramme-titel">{t('atlasCharts.title')}</h2>
      <p>{t('atlasCharts.intro')}</p>
      <TimeSeriesChart
        data={data}
        tenantKey={tenantKey}
        indicator={indicator}
        level={level}
        territoryDate={values.territoryDate}
        rows={values.rows}
        selected={selected}
        source={source}
      />
      <RankingChart
        rows={values.rows}
        unit={values.unit}
        label={values.label}
        subtitle={viewText}
        selected={selected}
        onSelect={onSelect}
        source={source}
        fileParts={['rangfolge', values.key, values.period, level]}
      />
      <ScatterChart
        data={data}
        tenantKey={tenantKey}
        indicator={indicator}
        indicators={indicators}
        period={period}
        level={level}
        values={values}
        subtitle={viewText}
        selected={selected}
        onSelect={onSelect}
        attributions={attributions}
      />
    </section>
  );
}
