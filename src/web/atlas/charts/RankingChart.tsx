import { useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatValue, formatWithUnit, ranks } from '../format.ts';
import type { AtlasRow } from '../types.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { keepPlace } from './keep-place.ts';
import { BAR_COLOUR, SELECTED_COLOUR } from './colours.ts';
import { PlotChart, type PlotModule } from './PlotChart.tsx';
import { nameOf, rankingOrder, rankingSummary } from './summaries.ts';

const BAR_HEIGHT = 20;

/** A name shortened to `max` characters for an axis label (the full name is in the table and tooltip). */
function shorten(name: string, max: number): string {
  return name.length <= max ? name : `${name.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * The ranking bar chart: every region of the current view with a value, highest first, the
 * selected one highlighted. A bar is selected by click, or by keyboard (one tab stop; arrow
 * keys, Home and End move, Enter or Space selects).
 */
export function RankingChart({
  rows,
  unit,
  label,
  subtitle,
  selected,
  onSelect,
  source,
  fileParts,
}: {
  rows: readonly AtlasRow[];
  unit: string;
  label: string;
  subtitle: string;
  selected: string | null;
  onSelect: (region: string) => void;
  source: string;
  fileParts: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const order = useMemo(() => rankingOrder(rows), [rows]);
  const rankOf = useMemo(() => ranks(rows), [rows]);
  const title = t('atlasCharts.ranking.title', { indicator: label });
  const without = rows.filter((r) => !order.includes(r as (typeof order)[number]));

  const render = useCallback(
    (Plot: PlotModule, width: number) => {
      const names = new Map(order.map((r) => [r.region, nameOf(r)]));
      const longest = Math.max(4, ...order.map((r) => nameOf(r).length));
      const marginLeft = Math.min(Math.round(width * 0.42), longest * 7 + 12);
      const chars = Math.max(6, Math.floor((marginLeft - 12) / 7));
      const f = (v: number) => formatValue(v, language);
      const chosen = order.filter((r) => r.region === selected);
      return Plot.plot({
        width,
        height: order.length * BAR_HEIGHT + 48,
        marginLeft,
        marginRight: 24,
        marginTop: 28,
        ariaLabel: title,
        style: { fontSize: '12px' },
        x: {
          grid: true,
          label: unit || null,
          tickFormat: f,
          nice: true,
          axis: 'top',
          ticks: Math.max(2, Math.floor(width / 110)),
        },
        y: {
          domain: order.map((r) => r.region),
          tickFormat: (k: string) => shorten(names.get(k) ?? k, chars),
          label: null,
          padding: 0.15,
        },
        marks: [
          Plot.barX(order, {
            x: 'value',
            y: 'region',
            fill: (r: AtlasRow) => (r.region === selected ? SELECTED_COLOUR : BAR_COLOUR),
            stroke: (r: AtlasRow) => (r.region === selected ? '#000000' : 'none'),
            strokeWidth: 2,
            title: (r: AtlasRow & { value: number }) => `${nameOf(r)}: ${formatWithUnit(r.value, unit, language)}`,
          }),
          Plot.ruleX([0], { stroke: '#1a1a1a' }),
          Plot.text(chosen, { x: 'value', y: 'region', text: () => '◀', dx: 8, textAnchor: 'start', fill: '#000000' }),
        ],
      }) as SVGSVGElement;
    },
    [order, selected, title, unit, language],
  );

  const decorate = useCallback(
    (svg: SVGSVGElement) => {
      svg.setAttribute('role', 'group');
      svg.setAttribute('aria-label', `${title}. ${t('atlasCharts.ranking.keys')}`);
      const bars = [...svg.querySelectorAll<SVGRectElement>('g[aria-label="bar"] rect')];
      const current = Math.max(
        0,
        bars.findIndex((b) => order[(b as unknown as { __data__: number }).__data__]?.region === selected),
      );
      bars.forEach((bar, position) => {
        const row = order[(bar as unknown as { __data__: number }).__data__];
        if (!row) return;
        bar.setAttribute('data-region', row.region);
        bar.setAttribute('role', 'button');
        bar.setAttribute('aria-pressed', String(row.region === selected));
        bar.setAttribute(
          'aria-label',
          t('atlasCharts.ranking.bar', {
            name: nameOf(row),
            value: formatWithUnit(row.value, unit, language),
            rank: rankOf.get(row.region) ?? position + 1,
          }),
        );
        bar.setAttribute('tabindex', position === current ? '0' : '-1');
        bar.style.cursor = 'pointer';
        bar.addEventListener('click', () => {
          onSelect(row.region);
          keepPlace(svg.parentElement, row.region);
        });
        bar.addEventListener('keydown', (event) => {
          const move = (to: number) => {
            const target = bars[Math.max(0, Math.min(bars.length - 1, to))]!;
            bars.forEach((b) => b.setAttribute('tabindex', b === target ? '0' : '-1'));
            target.focus();
          };
          if (event.key === 'ArrowDown' || event.key === 'ArrowRight') move(position + 1);
          else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') move(position - 1);
          else if (event.key === 'Home') move(0);
          else if (event.key === 'End') move(bars.length - 1);
          else if (event.key === 'Enter' || event.key === ' ') {
            onSelect(row.region);
            keepPlace(svg.parentElement, row.region);
          } else return;
          event.preventDefault();
        });
      });
    },
    [order, rankOf, selected, onSelect, title, unit, language, t],
  );

  const renderKey = `${order.map((r) => `${r.region}:${r.value}`).join(',')}|${selected ?? ''}`;

  // A selected region is scrolled into the chart's view; the page itself stays put.
  const scroller = useRef<HTMLDivElement>(null);
  const reveal = useCallback(
    (svg: SVGSVGElement) => {
      const box = scroller.current;
      const bar = selected
        ? [...svg.querySelectorAll<SVGElement>('[data-region]')].find((e) => e.dataset.region === selected)
        : null;
      if (!box || !bar) return;
      const inner = bar.getBoundingClientRect();
      const outer = box.getBoundingClientRect();
      if (inner.top < outer.top || inner.bottom > outer.bottom)
        box.scrollTop += inner.top - outer.top - (box.clientHeight - inner.height) / 2;
    },
    [selected],
  );
  return (
    <ChartFrame
      id="atlas-rangfolge"
      testId="atlas-rangfolge"
      title={title}
      subtitle={subtitle}
      summary={rankingSummary(rows, selected, unit, language, t)}
      chart={
        order.length > 0 ? (
          <div className="atlas-ranking-scroll" ref={scroller}>
            <PlotChart
              render={render}
              decorate={decorate}
              onRendered={reveal}
              renderKey={renderKey}
              testId="atlas-rangfolge-diagramm"
            />
          </div>
        ) : null
      }
      after={
        without.length > 0 ? (
          <p className="atlas-chart-note" data-testid="atlas-rangfolge-ohne-wert">
            {t('atlasCharts.ranking.without', { names: without.map(nameOf).join(', ') })}
          </p>
        ) : null
      }
      source={source}
      fileParts={fileParts}
      table={
        <table data-testid="atlas-rangfolge-tabelle">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('atlasCharts.ranking.rank')}
              </th>
              <th scope="col">{t('atlasCharts.region')}</th>
              <th scope="col" className="num">
                {unit ? t('atlasCharts.valueUnit', { unit }) : t('atlasCharts.value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {order.map((r, i) => (
              <tr key={r.region} className={r.region === selected ? 'atlas-row-selected' : undefined}>
                <td className="num">{rankOf.get(r.region) ?? i + 1}</td>
                <th scope="row">{nameOf(r)}</th>
                <td className="num">{formatValue(r.value, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
