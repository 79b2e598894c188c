import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api.ts';
import type { AtlasData } from '../data.ts';
import { formatPeriod, formatValue } from '../format.ts';
import type { AtlasIndicator, AtlasRow } from '../types.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { PARENT_COLOUR, SERIES_COLOURS } from './colours.ts';
import { PlotChart, type PlotModule } from './PlotChart.tsx';
import { nameOf, timeSeriesSummary } from './summaries.ts';
import type { AtlasTimeSeries, RegionSeries, SeriesPoint } from './types.ts';

/** How many regions the time-series chart shows at once. */
export const MAX_LINES = 5;

interface Loaded {
  key: string;
  series: AtlasTimeSeries;
}

/** Axis label of a period: the year for a year-end date or a year, else the German date. */
function tickLabel(period: string, language: string): string {
  const m = /^(\d{4})(-12-31)?$/.exec(period);
  return m ? m[1]! : formatPeriod(period, language);
}

/**
 * The time-series chart: the indicator over all its periods for the selected region and up
 * to four more, each against its parent (the Kreis), on the map's Gebietsstand (the API states
 * the one it used: a rate of measures that are no counts stays on each period's own).
 */
export function TimeSeriesChart({
  data,
  tenantKey,
  indicator,
  level,
  territoryDate,
  rows,
  selected,
  source,
}: {
  data: Pick<AtlasData, 'timeSeries'>;
  tenantKey: string;
  indicator: AtlasIndicator;
  level: string;
  /** The map's Gebietsstand: the regions of `rows` exist on it. */
  territoryDate: string;
  rows: readonly AtlasRow[];
  selected: string | null;
  source: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [extra, setExtra] = useState<string[]>([]);
  const [adding, setAdding] = useState('');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  const names = useMemo(() => new Map(rows.map((r) => [r.region, nameOf(r)])), [rows]);
  const regions = useMemo(() => {
    const list = [selected, ...extra].filter((r): r is string => r !== null && names.has(r));
    return [...new Set(list)].slice(0, MAX_LINES);
  }, [selected, extra, names]);
  const requestKey = [tenantKey, indicator.key, level, territoryDate, regions.join(',')].join('|');

  useEffect(() => {
    if (regions.length === 0) return;
    let cancelled = false;
    data.timeSeries(tenantKey, { indicator: indicator.key, level, regions, territoryDate }).then(
      (series) => {
        if (cancelled) return;
        setError(null);
        setLoaded({ key: requestKey, series });
      },
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
    // requestKey stands for tenant, indicator, level, Gebietsstand and regions.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey]);

  const series = loaded && regions.length > 0 ? loaded.series : null;
  const labelOf = useCallback(
    (s: RegionSeries) => (s.role === 'parent' ? t('atlasCharts.timeSeries.parentName', { name: nameOf(s) }) : nameOf(s)),
    [t],
  );
  const colourOf = useMemo(() => {
    const map = new Map<string, string>();
    let i = 0;
    for (const s of series?.series ?? [])
      map.set(s.region, s.role === 'parent' ? PARENT_COLOUR : SERIES_COLOURS[i++ % SERIES_COLOURS.length]!);
    return map;
  }, [series]);

  const title = t('atlasCharts.timeSeries.title', { indicator: indicator.label });
  const territory = series
    ? series.territoryDate
      ? t('atlasCharts.timeSeries.territory', { date: formatPeriod(series.territoryDate, language) })
      : t('atlasCharts.timeSeries.territoryOwn')
    : '';
  const unitText = indicator.unit ? t('atlasCharts.unit', { unit: indicator.unit }) : '';
  const subtitle = [territory, unitText].filter(Boolean).join(' · ');

  const render = useCallback(
    (Plot: PlotModule, width: number) => {
      const s = series!;
      type Datum = SeriesPoint & { region: string; label: string };
      const all: Datum[] = s.series.flatMap((line) =>
        line.points.map((p) => ({ ...p, region: line.region, label: labelOf(line) })),
      );
      const own = all.filter((d) => s.series.find((l) => l.region === d.region)?.role === 'region');
      const parents = all.filter((d) => s.series.find((l) => l.region === d.region)?.role === 'parent');
      const valued = all.filter((d) => d.value !== null);
      const longTicks = s.periods.some((p) => tickLabel(p, language).length > 4);
      // Every n-th period on the axis, so that the labels never overlap on a small screen.
      const step = Math.max(1, Math.ceil((s.periods.length * (longTicks ? 28 : 40)) / Math.max(1, width - 76)));
      const ticks = s.periods.filter((_, i) => (s.periods.length - 1 - i) % step === 0);
      const f = (v: number) => formatValue(v, language);
      return Plot.plot({
        width,
        height: 300,
        marginLeft: 56,
        marginRight: 20,
        marginBottom: longTicks ? 64 : 36,
        ariaLabel: title,
        style: { fontSize: '12px', overflow: 'visible' },
        x: {
          type: 'point',
          domain: s.periods,
          label: null,
          ticks,
          tickFormat: (p: string) => tickLabel(p, language),
          tickRotate: longTicks ? -40 : 0,
          padding: 0.3,
        },
        y: { grid: true, label: indicator.unit || null, tickFormat: f, nice: true },
        color: { domain: [...colourOf.keys()], range: [...colourOf.values()] },
        marks: [
          Plot.line(parents, { x: 'period', y: 'value', z: 'region', stroke: 'region', strokeWidth: 2, strokeDasharray: '6 3' }),
          Plot.line(own, { x: 'period', y: 'value', z: 'region', stroke: 'region', strokeWidth: 2.5 }),
          Plot.dot(valued, {
            x: 'period',
            y: 'value',
            fill: 'region',
            r: 3.5,
            title: (d: Datum) => `${d.label}: ${f(d.value!)} (${formatPeriod(d.period, language)})`,
          }),
        ],
      }) as SVGSVGElement;
    },
    [series, labelOf, colourOf, title, indicator.unit, language],
  );

  const decorate = useCallback(
    (svg: SVGSVGElement) => {
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', `${title}. ${t('atlasCharts.tableHint')}`);
      const s = series!;
      const valued = s.series.flatMap((line) => line.points.filter((p) => p.value !== null).map(() => line.region));
      svg.querySelectorAll('g[aria-label="dot"] circle').forEach((circle) => {
        const i = (circle as unknown as { __data__?: number }).__data__;
        if (typeof i === 'number' && valued[i] !== undefined) circle.setAttribute('data-series', valued[i]);
      });
    },
    [series, title, t],
  );

  const point = (p: SeriesPoint) => {
    if (p.value !== null) return formatValue(p.value, language);
    return p.flag === 'suppressed' ? t('atlasCharts.suppressedShort') : '–';
  };

  const addable = rows.filter((r) => !regions.includes(r.region));
  const add = () => {
    if (!adding) return;
    setExtra((list) => [...list.filter((r) => r !== adding), adding]);
    setAdding('');
  };

  const controls = (
    <div className="atlas-chart-controls">
      <div className="field">
        <label htmlFor="atlas-zeitreihe-gebiet">{t('atlasCharts.timeSeries.add')}</label>
        <select
          id="atlas-zeitreihe-gebiet"
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          disabled={regions.length >= MAX_LINES}
        >
          <option value="">{t('atlasCharts.timeSeries.choose')}</option>
          {addable.map((r) => (
            <option key={r.region} value={r.region}>
              {nameOf(r)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button" onClick={add} disabled={!adding || regions.length >= MAX_LINES}>
        {t('atlasCharts.timeSeries.addButton')}
      </button>
      {regions.length >= MAX_LINES && <p className="atlas-chart-note">{t('atlasCharts.timeSeries.full', { max: MAX_LINES })}</p>}
      {regions.length > 0 && (
        <ul className="atlas-chart-chips" aria-label={t('atlasCharts.timeSeries.shown')}>
          {regions.map((r) => (
            <li key={r}>
              {names.get(r)}
              {r !== selected && (
                <button
                  type="button"
                  className="atlas-chip-remove"
                  onClick={() => setExtra((list) => list.filter((x) => x !== r))}
                  aria-label={t('atlasCharts.timeSeries.remove', { name: names.get(r) ?? r })}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  const legend = (series?.series ?? []).map((s) => ({
    label: labelOf(s),
    colour: colourOf.get(s.region) ?? PARENT_COLOUR,
    dashed: s.role === 'parent',
  }));

  let summary: string;
  if (regions.length === 0) summary = t('atlasCharts.timeSeries.empty');
  else if (!series) summary = t('atlasCharts.loading');
  else summary = timeSeriesSummary(series.series, indicator.unit, language, t);
  if (series && series.suppressed > 0) summary += ` ${t('atlasCharts.timeSeries.suppressed', { count: series.suppressed })}`;

  return (
    <ChartFrame
      id="atlas-zeitreihe"
      testId="atlas-zeitreihe"
      title={title}
      subtitle={subtitle}
      summary={summary}
      controls={
        <>
          {controls}
          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
        </>
      }
      legend={legend}
      chart={
        series ? (
          <PlotChart render={render} decorate={decorate} renderKey={loaded!.key} testId="atlas-zeitreihe-diagramm" />
        ) : null
      }
      source={source}
      fileParts={['zeitreihe', indicator.key, ...regions]}
      table={
        series ? (
          <table data-testid="atlas-zeitreihe-tabelle">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('atlasCharts.timeSeries.period')}</th>
                {series.series.map((s) => (
                  <th scope="col" className="num" key={s.region}>
                    {labelOf(s)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {series.periods.map((period, i) => (
                <tr key={period}>
                  <th scope="row">{formatPeriod(period, language)}</th>
                  {series.series.map((s) => (
                    <td className="num" key={s.region} data-region={s.region} data-period={period}>
                      {point(s.points[i]!)}
                    </td>
                  ))}
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
