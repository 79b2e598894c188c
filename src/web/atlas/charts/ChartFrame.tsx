import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadBlob, serializeWithInlineStyles, svgToPng } from './export-dom.ts';
import { composeExportSvg, exportFileName, type ExportLegendItem } from './svg-export.ts';

/**
 * The frame of every atlas chart: heading, generated text summary, the chart, its legend,
 * source line, SVG and PNG export, and the equivalent data table in a `<details>`.
 */
export function ChartFrame({
  id,
  title,
  subtitle,
  summary,
  controls,
  chart,
  legend,
  after,
  source,
  fileParts,
  table,
  testId,
}: {
  id: string;
  title: string;
  subtitle?: string;
  summary: string;
  controls?: ReactNode;
  chart: ReactNode;
  legend?: readonly ExportLegendItem[];
  /** Shown under the chart (e.g. the regions left out). */
  after?: ReactNode;
  source: string;
  fileParts: readonly string[];
  table: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  const chartRef = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [tableOpen, setTableOpen] = useState(false);

  const exported = () => {
    const svg = chartRef.current?.querySelector('svg');
    if (!svg) return null;
    const box = svg.getBoundingClientRect();
    return composeExportSvg({
      chart: serializeWithInlineStyles(svg),
      width: box.width,
      height: box.height,
      title,
      ...(subtitle ? { subtitle } : {}),
      ...(legend ? { legend } : {}),
      source,
    });
  };

  const downloadSvg = () => {
    const doc = exported();
    if (!doc) return;
    downloadBlob(new Blob([doc.svg], { type: 'image/svg+xml;charset=utf-8' }), exportFileName(fileParts, 'svg'));
  };

  const downloadPng = async () => {
    const doc = exported();
    if (!doc) return;
    try {
      setError(null);
      const png = await svgToPng(doc.svg, doc.width, doc.height);
      downloadBlob(png, exportFileName(fileParts, 'png'));
    } catch {
      setError(t('atlasCharts.export.failed'));
    }
  };

  return (
    <section className="atlas-chart" aria-labelledby={`${id}-titel`} data-testid={testId}>
      <h3 id={`${id}-titel`}>{title}</h3>
      {subtitle && <p className="atlas-chart-subtitle">{subtitle}</p>}
      {controls}
      <p className="atlas-chart-summary" data-testid={`${testId}-zusammenfassung`}>
        {summary}
      </p>
      {legend && legend.length > 0 && (
        <ul className="atlas-chart-legend" aria-label={t('atlasCharts.legend')}>
          {legend.map((item) => (
            <li key={item.label}>
              <svg width="28" height="10" aria-hidden="true" focusable="false">
                <line
                  x1="2"
                  x2="26"
                  y1="5"
                  y2="5"
                  stroke={item.colour}
                  strokeWidth="2.5"
                  strokeDasharray={item.dashed ? '6 3' : undefined}
                />
              </svg>
              {item.label}
            </li>
          ))}
        </ul>
      )}
      <div ref={chartRef} className="atlas-chart-body">
        {chart}
      </div>
      {after}
      <p className="atlas-chart-source">{source}</p>
      <div className="atlas-chart-exports" role="group" aria-label={t('atlasCharts.export.group', { title })}>
        <button type="button" className="button" onClick={downloadSvg}>
          {t('atlasCharts.export.svg')}
        </button>
        <button type="button" className="button" onClick={() => void downloadPng()}>
          {t('atlasCharts.export.png')}
        </button>
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {/* The table is built when opened: for a national level it has thousands of rows. */}
      <details className="atlas-chart-table" onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>{t('atlasCharts.table.show')}</summary>
        {tableOpen && (
          // Focusable, so that a table wider than a small screen can be scrolled by keyboard.
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('atlasCharts.table.region', { title })}>
            {table}
          </div>
        )}
      </details>
    </section>
  );
}
