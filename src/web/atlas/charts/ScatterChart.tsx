import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api.ts';
import type { AtlasData } from '../data.ts';
import { formatValue, formatWithUnit } from '../format.ts';
import type { AtlasIndicator, AtlasValues } from '../types.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { keepPlace } from './keep-place.ts';
import { BAR_COLOUR, SELECTED_COLOUR } from './colours.ts';
import { PlotChart, type PlotModule } from './PlotChart.tsx';
import { nameOf, pairRows, scatterSummary, type ScatterPoint } from './summaries.ts';

const axisLabel = (label: string, unit: string) => (unit ? `${label} (${unit})` : label);

/**
 * The scatter plot of two indicators of the same period and level: the current indicator
 * (x) against a second one chosen by the user (y). Regions where either value is missing or
 * suppressed are left out and listed with the reason; the selected region is highlighted and
 * a click on a dot selects a region.
 */
export function ScatterChart({
  data,
  tenantKey,
  indicator,
  indicators,
  period,
  level,
  values,
  subtitle,
  selected,
  onSelect,
  attributions,
}: {
  data: Pick<AtlasData, 'values'>;
  tenantKey: string;
  indicator: AtlasIndicator;
  indicators: readonly AtlasIndicator[];
  period: string;
  level: string;
  values: AtlasValues;
  subtitle: string;
  selected: string | null;
  onSelect: (region: string) => void;
  /** Attribution texts of the first indicator (the second one's are added). */
  attributions: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const options = useMemo(
    () => indicators.filter((i) => i.key !== indicator.key && i.periods.includes(period)),
    [indicators, indicator.key, period],
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const second = options.find((o) => o.key === chosen) ?? options[0] ?? null;
  const requestKey = second ? [tenantKey, second.key, period, level].join('|') : null;
  const [loaded, setLoaded] = useState<{ key: string; values: AtlasValues } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!second || requestKey === null) return;
    let cancelled = false;
    data.values(tenantKey, { indicator: second.key, period, level, breaks: 'quantile:5' }).then(
      (v) => {
        if (cancelled) return;
        setError(null);
        setLoaded({ key: requestKey, values: v });
      },
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
    // requestKey stands for tenant, second indicator, period and level.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey]);

  const other = loaded && loaded.key === requestKey ? loaded.values : null;
  const paired = useMemo(() => (other ? pairRows(values.rows, other.rows, t) : null), [values.rows, other, t]);
  const title = t('atlasCharts.scatter.title', { x: values.label, y: second?.label ?? '…' });
  const xLabel = axisLabel(values.label, values.unit);
  const yLabel = other ? axisLabel(other.label, other.unit) : '';

  const render = useCallback(
    (Plot: PlotModule, width: number) => {
      const points = paired!.points;
      const chosenPoint = points.filter((p) => p.region === selected);
      const f = (v: number) => formatValue(v, language);
      return Plot.plot({
        width,
        height: Math.min(420, Math.max(260, Math.round(width * 0.6))),
        marginLeft: 60,
        marginBottom: 44,
        marginTop: 24,
        marginRight: 20,
        ariaLabel: title,
        style: { fontSize: '12px' },
        x: { grid: true, label: xLabel, tickFormat: f, nice: true, ticks: Math.max(2, Math.floor(width / 110)) },
        y: { grid: true, label: yLabel, tickFormat: f, nice: true },
        marks: [
          Plot.dot(points, {
            x: 'x',
            y: 'y',
            r: 5,
            fill: BAR_COLOUR,
            fillOpacity: 0.85,
            stroke: '#ffffff',
            title: (p: ScatterPoint) =>
              `${nameOf(p)}: ${formatWithUnit(p.x, values.unit, language)}; ${formatWithUnit(p.y, other!.unit, language)}`,
          }),
          Plot.dot(chosenPoint, { x: 'x', y: 'y', r: 8, fill: SELECTED_COLOUR, stroke: '#000000', strokeWidth: 2 }),
          Plot.text(chosenPoint, {
            x: 'x',
            y: 'y',
            text: (p: ScatterPoint) => nameOf(p),
            dy: -14,
            fill: '#000000',
            fontWeight: 'bold',
          }),
        ],
      }) as SVGSVGElement;
    },
    [paired, selected, title, xLabel, yLabel, language, values.unit, other],
  );

  const decorate = useCallback(
    (svg: SVGSVGElement) => {
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', `${title}. ${t('atlasCharts.tableHint')}`);
      const points = paired!.points;
      const groups = svg.querySelectorAll('g[aria-label="dot"]');
      groups[0]?.querySelectorAll('circle').forEach((circle) => {
        const p = points[(circle as unknown as { __data__: number }).__data__];
        if (!p) return;
        circle.setAttribute('data-region', p.region);
        circle.style.cursor = 'pointer';
        circle.addEventListener('click', () => {
          onSelect(p.region);
          keepPlace(svg.parentElement, p.region);
        });
      });
    },
    [paired, title, onSelect, t],
  );

  const reason = (text: string | null) => text ?? t('atlasCharts.scatter.hasValue');
  const sources = [...new Set([...attributions, ...(other?.sources ?? []).map((s) => s.attribution)].filter(Boolean))];

  let summary: string;
  if (!second) summary = t('atlasCharts.scatter.noSecond');
  else if (!paired) summary = t('atlasCharts.loading');
  else summary = scatterSummary(paired.points, paired.omitted.length, { x: values.label, y: other!.label }, language, t);

  return (
    <ChartFrame
      id="atlas-streuung"
      testId="atlas-streuung"
      title={title}
      subtitle={subtitle}
      summary={summary}
      controls={
        <>
          {options.length > 0 && (
            <div className="atlas-chart-controls">
              <div className="field atlas-field-wide">
                <label htmlFor="atlas-streuung-indikator">{t('atlasCharts.scatter.second')}</label>
                <select id="atlas-streuung-indikator" value={second?.key ?? ''} onChange={(e) => setChosen(e.target.value)}>
                  {options.map((o) => (
                    <option key={o.key} value={o.key}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
        </>
      }
      chart={
        paired && paired.points.length > 0 ? (
          <PlotChart
            render={render}
            decorate={decorate}
            renderKey={`${requestKey}|${values.key}|${selected ?? ''}|${paired.points.length}`}
            testId="atlas-streuung-diagramm"
          />
        ) : null
      }
      after={
        paired && paired.omitted.length > 0 ? (
          <div className="atlas-chart-note" data-testid="atlas-streuung-ausgelassen">
            <p>{t('atlasCharts.scatter.omitted', { count: paired.omitted.length })}</p>
            <ul>
              {paired.omitted.map((o) => (
                <li key={o.region} data-region={o.region}>
                  {nameOf(o)}: {values.label}: {reason(o.x)}; {other!.label}: {reason(o.y)}
                </li>
              ))}
            </ul>
          </div>
        ) : null
      }
      source={t('atlasCharts.source', { sources: sources.join(' · ') })}
      fileParts={['streuung', values.key, second?.key ?? '', period, level]}
      table={
        paired ? (
          <table data-testid="atlas-streuung-tabelle">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('atlasCharts.region')}</th>
                <th scope="col" className="num">
                  {xLabel}
                </th>
                <th scope="col" className="num">
                  {yLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {paired.points.map((p) => (
                <tr key={p.region} className={p.region === selected ? 'atlas-row-selected' : undefined}>
                  <th scope="row">{nameOf(p)}</th>
                  <td className="num">{formatValue(p.x, language)}</td>
                  <td className="num">{formatValue(p.y, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{summary}</p>
        )
      }
    />
  );
}
