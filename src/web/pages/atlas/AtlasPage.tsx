import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { importTenants } from '../../permissions.ts';
import { useSession } from '../../session.tsx';
import { useMeta } from '../../meta.ts';
import type { AtlasMapHandle } from '../../atlas/AtlasMap.tsx';
import { compareWithParent } from '../../atlas/compare.ts';
import type { DetailedRegions } from '../../atlas/data.ts';
import { valuesCsv, type CsvTexts } from '../../atlas/csv.ts';
import { useAtlasData } from '../../atlas/use-atlas-data.ts';
import { downloadBlob, exportFileName } from '../../atlas/download.ts';
import { formatPeriod, formatValue, formatWithUnit, ranks } from '../../atlas/format.ts';
import { Legend, type LegendReference } from '../../atlas/Legend.tsx';
import { ValuesTable } from '../../atlas/ValuesTable.tsx';
import { formatManualBounds, manualBreakSpec, parseManualBounds, type BoundsError } from '../../atlas/manual-bounds.ts';
import { divergingPalette, referenceSides, sequentialPalette, type PaletteMode } from '../../atlas/palette.ts';
import { readView, writeView, type AtlasView } from '../../atlas/permalink.ts';
import { SaveViewControl } from '../../atlas/views/SaveViewControl.tsx';
import { summaryText } from '../../atlas/summary.ts';
import AtlasCharts from '../../atlas/charts/AtlasCharts.tsx';
import {
  CLASS_COUNTS,
  hasValue,
  LEVELS,
  METHODS,
  type AtlasIndicator,
  type AtlasLevel,
  type AtlasRow,
  type AtlasTenant,
  type AtlasValues,
} from '../../atlas/types.ts';

// MapLibre (about 1 MB) loads only with the map. The page asks for it right after it has asked
// for the data of the view in the address: running MapLibre's code takes a while on a slow
// machine, and the server should be working on the data meanwhile, not waiting for the request.
let mapChunk: Promise<typeof import('../../atlas/AtlasMap.tsx')> | null = null;
const loadMap = () => (mapChunk ??= import('../../atlas/AtlasMap.tsx'));
const AtlasMap = lazy(loadMap);

const DEFAULT_CLASSES = 5;

interface Loaded {
  values: AtlasValues;
  regions: DetailedRegions;
  /** Finer boundaries of the same level for a zoomed-in map (see `AtlasMap`). */
  loadDetail(zoom: number): Promise<DetailedRegions>;
  /** The value of the whole municipality (its Kreis or kreisfreie Stadt row at level `kreis`), if known. */
  parent: AtlasRow | null;
  /** The view these data belong to (for the map's ready marker). */
  key: string;
}

/** The note of a row without a value (reason from the server, else by flag). */
function rowNote(row: AtlasRow, t: (key: string) => string): string {
  if (row.flag === 'suppressed') return row.missing ?? t('atlas.table.suppressed');
  if (row.missing) return row.missing;
  if (row.flag === 'missing') return t('atlas.table.missing');
  return row.flag ?? '';
}

/** The median of the values (the reference when the municipality's own value is unknown). */
function median(rows: readonly AtlasRow[]): number | null {
  const sorted = rows
    .filter(hasValue)
    .map((r) => r.value)
    .sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Inner bounds to start manual classes from: the current bounds, rounded to two decimals. */
function startBounds(values: AtlasValues | null): number[] {
  const inner = (values?.classification?.bounds ?? []).slice(1, -1).map((b) => Math.round(b * 100) / 100);
  const ascending = inner.filter((b, i) => i === 0 || b > inner[i - 1]!);
  if (ascending.length > 0) return ascending;
  const m = values ? median(values.rows) : null;
  return [m === null ? 0 : Math.round(m * 100) / 100];
}

/** The public atlas: choropleth map, legend, summary, table, CSV export and permalink. */
export default function AtlasPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const { session } = useSession();
  const mayImport = importTenants(session?.user?.memberships ?? []).length > 0;
  const requested = useMemo(() => readView(params), [params]);
  // Members of a municipality see its internal atlas, unpublished indicators included.
  const data = useAtlasData();

  const [tenants, setTenants] = useState<AtlasTenant[] | null>(null);
  const [indicators, setIndicators] = useState<{ tenant: string; list: AtlasIndicator[] } | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const meta = useMeta();
  const [showBasemap, setShowBasemap] = useState(false);
  const mapHandle = useRef<AtlasMapHandle | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [boundsText, setBoundsText] = useState<string | null>(null);
  const [boundsError, setBoundsError] = useState<BoundsError | null>(null);
  /** Levels with regions for the chosen municipality (the chooser offers no empty level). */
  const [levels, setLevels] = useState<{ tenant: string; list: AtlasLevel[] } | null>(null);

  // A view named in the address is requested at once, not after the list of municipalities;
  // then the map's code.
  const [mapWanted, setMapWanted] = useState(false);
  useEffect(() => {
    const first = requested;
    if (first.tenant) {
      const breaks =
        first.method === 'manual' && first.bounds ? manualBreakSpec(first.bounds) : `${first.method}:${first.classes}`;
      data.prefetch(
        first.tenant,
        first.level,
        first.indicator && first.period
          ? { indicator: first.indicator, period: first.period, level: first.level, breaks }
          : undefined,
      );
    }
    // One more render on purpose: the map (and MapLibre's code) comes after the requests are out.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setMapWanted(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the address the page was opened with
  }, [data]);

  useEffect(() => {
    let cancelled = false;
    data.tenants().then(
      (list) => !cancelled && setTenants(list),
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [data]);

  const tenant = tenants?.find((x) => x.tenantKey === requested.tenant) ?? tenants?.[0] ?? null;

  useEffect(() => {
    if (!tenant) return;
    let cancelled = false;
    data.indicators(tenant.tenantKey).then(
      (list) => !cancelled && setIndicators({ tenant: tenant.tenantKey, list }),
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [tenant, data]);

  // Which levels have regions: asked once the first map is there (it must not wait for this).
  const firstLoaded = loaded !== null;
  /**
   * Charts and table (thousands of elements for a national map) are rendered once the map is
   * drawn: built earlier, they hold the main thread that MapLibre needs to take its tiles and
   * draw them. At the latest 6 s after the data arrived (a map that cannot draw must not hide them).
   */
  const [detailsShown, setDetailsShown] = useState(false);
  const showDetails = useCallback(() => setDetailsShown(true), []);
  useEffect(() => {
    if (!firstLoaded || detailsShown) return;
    const timer = window.setTimeout(showDetails, 6000);
    return () => window.clearTimeout(timer);
  }, [firstLoaded, detailsShown, showDetails]);
  useEffect(() => {
    if (!tenant || !firstLoaded) return;
    let cancelled = false;
    const key = tenant.tenantKey;
    Promise.all(
      LEVELS.map((level) =>
        data.regions(key, level).then(
          (collection) => collection.features.length > 0,
          () => false,
        ),
      ),
    ).then(
      (has) => {
        if (!cancelled) setLevels({ tenant: key, list: LEVELS.filter((_, i) => has[i]) });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [tenant, data, firstLoaded]);

  const list = indicators && tenant && indicators.tenant === tenant.tenantKey ? indicators.list : null;
  const indicator = list?.find((x) => x.key === requested.indicator) ?? list?.[0] ?? null;
  const period =
    indicator && requested.period && indicator.periods.includes(requested.period)
      ? requested.period
      : (indicator?.periods[indicator.periods.length - 1] ?? null);

  /** The view as shown (requested values checked against what exists). */
  const view: AtlasView = useMemo(
    () => ({
      ...requested,
      tenant: tenant?.tenantKey ?? requested.tenant,
      indicator: indicator?.key ?? requested.indicator,
      period: period ?? requested.period,
    }),
    [requested, tenant, indicator, period],
  );
  // Set only once tenant, indicator and period are known (the address alone is not enough).
  const viewKey =
    tenant && indicator && period
      ? [
          data.audience,
          tenant.tenantKey,
          indicator.key,
          period,
          view.level,
          view.method,
          view.method === 'manual' ? (view.bounds ?? []).join(';') : view.classes,
        ].join('|')
      : null;

  // The address always holds the whole view, so that it can be shared as it is.
  useEffect(() => {
    if (!indicator || !period) return;
    const next = writeView(view);
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [view, indicator, period, params, setParams]);

  const change = useCallback(
    (patch: Partial<AtlasView>) => {
      // The address may already be ahead of this render (quick successive changes).
      const current = readView(new URLSearchParams(window.location.search));
      const base: AtlasView = {
        ...current,
        tenant: current.tenant ?? view.tenant,
        indicator: current.indicator ?? view.indicator,
        period: current.period ?? view.period,
      };
      setParams(writeView({ ...base, ...patch }), { replace: true });
    },
    [view, setParams],
  );

  useEffect(() => {
    if (!tenant || !indicator || !period || viewKey === null) return;
    let cancelled = false;
    const key = viewKey;
    const breaks = view.method === 'manual' && view.bounds ? manualBreakSpec(view.bounds) : `${view.method}:${view.classes}`;
    // The municipality's own value (reference of the diverging palette, comparison in the tooltip);
    // the map works without it.
    const parent = data
      .values(tenant.tenantKey, { indicator: indicator.key, period, level: 'kreis', breaks: 'quantile:1' })
      .then((kreis) => {
        const own = kreis.rows.find((r) => r.region === tenant.tenantKey) ?? (kreis.rows.length === 1 ? kreis.rows[0]! : null);
        return own && hasValue(own) ? own : null;
      })
      .catch(() => null);
    // Only the diverging palette needs the municipality's value before the map is drawn.
    const diverging = view.palette === 'diverging';
    Promise.all([
      data.values(tenant.tenantKey, { indicator: indicator.key, period, level: view.level, breaks }),
      data.regions(tenant.tenantKey, view.level),
      diverging ? parent : Promise.resolve(null),
    ]).then(
      ([values, regions, parentRow]) => {
        if (cancelled) return;
        setError(null);
        const tenantKey = tenant.tenantKey;
        const level = view.level;
        setLoaded({ values, regions, parent: parentRow, key, loadDetail: (zoom) => data.regionDetail(tenantKey, level, zoom) });
        if (!diverging)
          void parent.then((row) => {
            if (!cancelled) setLoaded((current) => (current && current.key === key ? { ...current, parent: row } : current));
          });
      },
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
    // viewKey covers tenant, indicator, period, level, method and classes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewKey]);

  const values = loaded?.values ?? null;
  const rows = useMemo(() => values?.rows ?? [], [values]);
  const rankOf = useMemo(() => ranks(rows), [rows]);
  const valuedCount = rankOf.size;
  const classOf = useMemo(() => new Map(rows.map((r) => [r.region, hasValue(r) ? (r.class ?? null) : null])), [rows]);
  const paletteMode: PaletteMode = view.palette ?? 'sequential';
  const parentRow = loaded?.parent ?? null;
  const parentValue = parentRow && hasValue(parentRow) ? parentRow.value : null;
  /** Reference of the diverging palette: the municipality's value, else the median of the shown regions. */
  const referenceValue = useMemo(() => parentValue ?? median(rows), [parentValue, rows]);
  const palette = useMemo(() => {
    const classes = values?.classification?.classes ?? [];
    if (paletteMode === 'diverging' && referenceValue !== null && classes.length > 0) {
      return divergingPalette(classes, referenceValue, indicator?.polarity === 'higher_is_better');
    }
    return sequentialPalette(classes.length || 5);
  }, [values, paletteMode, referenceValue, indicator]);
  const legendReference: LegendReference | null = useMemo(() => {
    if (paletteMode !== 'diverging' || referenceValue === null || !values?.classification) return null;
    return {
      value: formatWithUnit(referenceValue, values.unit, language),
      name: parentValue !== null ? (parentRow?.name ?? parentRow?.region ?? null) : null,
      sides: referenceSides(values.classification.classes, referenceValue),
      higherIsBetter: indicator?.polarity === 'higher_is_better',
    };
  }, [paletteMode, referenceValue, values, language, parentValue, parentRow, indicator]);
  const rowByRegion = useMemo(() => new Map(rows.map((r) => [r.region, r])), [rows]);
  const selectedRow = view.region ? (rowByRegion.get(view.region) ?? null) : null;
  const missingCount = rows.length - valuedCount;
  const attributions = useMemo(() => [...new Set((values?.sources ?? []).map((s) => s.attribution).filter(Boolean))], [values]);

  const describe = useCallback(
    (row: AtlasRow) => {
      if (!values) return '';
      const when = formatPeriod(values.period, language);
      if (!hasValue(row)) return t('atlas.tooltip.noValue', { period: when, note: rowNote(row, t) });
      const text = t('atlas.tooltip.value', {
        value: formatWithUnit(row.value, values.unit, language),
        period: when,
        rank: rankOf.get(row.region) ?? '–',
        count: valuedCount,
      });
      // Comparison with the municipality's value; not for the municipality itself or larger regions.
      if (
        parentValue === null ||
        !parentRow ||
        row.region === parentRow.region ||
        view.level === 'kreis' ||
        view.level === 'land'
      ) {
        return text;
      }
      const c = compareWithParent(row.value, parentValue, values.unit);
      const parentText = formatWithUnit(parentValue, values.unit, language);
      const comparison =
        c.direction === 'equal'
          ? t('atlasMap.compare.equal', { parent: parentText })
          : t(`atlasMap.compare.${c.kind}.${c.direction}`, {
              amount:
                c.kind === 'absolute' ? formatWithUnit(c.amount, values.unit, language) : formatValue(c.amount, language, 1),
              parent: parentText,
            });
      return `${text}; ${comparison}`;
    },
    [values, language, t, rankOf, valuedCount, parentValue, parentRow, view.level],
  );

  const select = useCallback(
    (region: string) => {
      const row = rowByRegion.get(region);
      change({ region });
      if (row) announce(`${row.name ?? row.region}: ${describe(row)}`);
    },
    [change, rowByRegion, announce, describe],
  );

  const tableTexts = (): CsvTexts => ({
    header: [
      t('atlas.csv.key'),
      t('atlas.csv.region'),
      t('atlas.csv.value'),
      t('atlas.csv.unit'),
      t('atlas.csv.class'),
      t('atlas.csv.note'),
    ],
    indicator: t('atlas.csv.indicator'),
    period: t('atlas.csv.period'),
    territoryDate: t('atlas.csv.territoryDate'),
    source: t('atlas.csv.source'),
    licence: t('atlas.csv.licence'),
    attribution: t('atlas.csv.attribution'),
    missing: t('atlas.table.missing'),
    suppressed: t('atlas.table.suppressed'),
  });

  const downloadCsv = () => {
    if (!values) return;
    const csv = valuesCsv(values, tableTexts());
    downloadBlob(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), exportFileName(values, view.level, 'csv'));
  };

  /** Runs an export (loaded on demand), announces failures and keeps its button busy meanwhile. */
  const runExport = async (kind: string, work: () => Promise<void>) => {
    setExporting(kind);
    try {
      await work();
    } catch (e) {
      announce(t('atlasMap.export.failed', { message: errorMessage(e) }));
    } finally {
      setExporting(null);
    }
  };

  const downloadXlsx = () =>
    runExport('xlsx', async () => {
      if (!values) return;
      const { valuesXlsx } = await import('../../atlas/xlsx.ts');
      const blob = await valuesXlsx(values, { ...tableTexts(), sheet: t('atlasMap.export.sheet') });
      downloadBlob(blob, exportFileName(values, view.level, 'xlsx'));
    });

  /** Title, legend and notes of an exported map picture. */
  const exportTexts = () => {
    if (!values) throw new Error('no values');
    const f = (v: number) => formatValue(v, language);
    const legend = (values.classification?.classes ?? []).map((c) => ({
      colour: palette[c.index] ?? null,
      label: `${t('atlas.legend.range', { lower: f(c.lower), upper: f(c.upper) })} ${t('atlas.legend.count', { count: c.count })}${
        legendReference?.sides[c.index] ? ` – ${t(`atlasMap.legend.side.${legendReference.sides[c.index]!}`)}` : ''
      }`,
    }));
    if (missingCount > 0) {
      legend.push({
        colour: null,
        label: `${values.suppressed > 0 ? t('atlas.legend.missingSuppressed', { suppressed: values.suppressed }) : t('atlas.legend.missing')} ${t('atlas.legend.count', { count: missingCount })}`,
      });
    }
    const notes = [
      ...(legendReference
        ? [
            legendReference.name
              ? t('atlasMap.legend.reference', { name: legendReference.name, value: legendReference.value })
              : t('atlasMap.legend.referenceMedian', { value: legendReference.value }),
          ]
        : []),
      `${t('atlas.attribution')} ${[...new Set(values.sources.map((s) => s.source).filter(Boolean))].join('; ')}`,
      `${t('atlas.csv.attribution')}: ${attributionText}`,
      t('atlas.territoryDate', { date: formatPeriod(values.territoryDate, language) }),
    ];
    return {
      title: t('atlas.mapTitle', {
        indicator: values.label,
        period: formatPeriod(values.period, language),
        level: levelName(view.level),
      }),
      legendTitle: values.unit
        ? `${t('atlas.legend.title')} (${t('atlas.legend.unit', { unit: values.unit })})`
        : t('atlas.legend.title'),
      legend,
      notes,
    };
  };

  const downloadPng = () =>
    runExport('png', async () => {
      if (!values || !mapHandle.current) return;
      const [{ composeMapPng }, shot] = await Promise.all([import('../../atlas/map-png.ts'), mapHandle.current.capture()]);
      const blob = await composeMapPng(shot.canvas, shot.scale, exportTexts());
      downloadBlob(blob, exportFileName(values, view.level, 'png'));
    });

  const downloadSvg = () =>
    runExport('svg', async () => {
      if (!values || !loaded) return;
      const { buildMapSvg } = await import('../../atlas/map-svg.ts');
      const svg = buildMapSvg(
        loaded.regions,
        (region) => {
          const cls = classOf.get(region);
          return cls === undefined || cls === null ? null : (palette[cls] ?? null);
        },
        exportTexts(),
        (region) => rowByRegion.get(region)?.name ?? region,
      );
      downloadBlob(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }), exportFileName(values, view.level, 'svg'));
    });

  /** Applies typed manual bounds, or shows why they are refused. */
  const applyBounds = () => {
    if (boundsText === null) return;
    const result = parseManualBounds(boundsText, language);
    if (!result.ok) {
      setBoundsError(result.error);
      return;
    }
    setBoundsError(null);
    change({ method: 'manual', bounds: result.bounds, classes: result.bounds.length + 1 });
  };

  const domains = useMemo(() => {
    const groups = new Map<string, AtlasIndicator[]>();
    for (const x of list ?? []) groups.set(x.lifeDomain, [...(groups.get(x.lifeDomain) ?? []), x]);
    return [...groups.entries()];
  }, [list]);

  const levelName = (level: string) =>
    level === 'land' ? t('atlasMap.levels.land') : t(`atlas.levels.${level}`, { defaultValue: level });
  const levelChoices = levels && tenant && levels.tenant === tenant.tenantKey ? levels.list : null;
  // Keep the current level in the list while the available levels are not yet known.
  const shownLevels = levelChoices ? LEVELS.filter((l) => levelChoices.includes(l) || l === view.level) : [view.level];
  const basemapAttribution = showBasemap && meta?.basemapStyleUrl ? (meta.basemapAttribution ?? '') : '';
  const attributionText = [...attributions, ...(basemapAttribution ? [basemapAttribution] : [])].join(' · ');
  const shownBoundsText = boundsText ?? formatManualBounds(view.bounds ?? [], language);

  const title = t('atlas.title');
  if (error && !values) {
    return (
      <Page title={title}>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      </Page>
    );
  }
  if (tenants && tenants.length === 0) {
    return (
      <Page title={title}>
        <p className="alert alert-info">{t('atlas.noTenants')}</p>
      </Page>
    );
  }
  if (list && list.length === 0) {
    return (
      <Page title={title}>
        <p className="alert alert-info">{t('atlas.noIndicators', { name: tenant?.name ?? '' })}</p>
      </Page>
    );
  }

  const busy = loaded?.key !== viewKey;
  const mapLabel = values
    ? t('atlas.mapLabel', { indicator: values.label, period: formatPeriod(values.period, language) })
    : t('atlasMap.loadingMap');
  return (
    <Page title={title} className="atlas-page">
      <p className="lead">{t('atlas.intro', { name: tenant?.name ?? '' })}</p>
      {mayImport && (
        <p>
          {t('atlas.importHint')} <Link to="/daten/import">{t('atlas.importLink')}</Link>
        </p>
      )}
      <nav aria-label={t('atlasLinks.label')}>
        <ul className="atlas-links">
          <li>
            <Link to={`/atlas/index${tenant ? `?kommune=${encodeURIComponent(tenant.tenantKey)}` : ''}`}>
              {t('atlasLinks.index')}
            </Link>
          </li>
          {mayImport && (
            <li>
              <Link to="/atlas/indikatoren">{t('atlasLinks.indicators')}</Link>
            </li>
          )}
        </ul>
      </nav>
      {!values || !indicator ? (
        <Loading />
      ) : (
        <>
          <form
            className="atlas-controls"
            onSubmit={(e) => {
              e.preventDefault();
              if (view.method === 'manual') applyBounds();
            }}
            aria-label={t('atlas.controls.label')}
          >
            {tenants && tenants.length > 1 && (
              <div className="field">
                <label htmlFor="atlas-kommune">{t('atlas.controls.tenant')}</label>
                <select
                  id="atlas-kommune"
                  value={view.tenant ?? ''}
                  onChange={(e) => change({ tenant: e.target.value, indicator: null, period: null, region: null })}
                >
                  {tenants.map((x) => (
                    <option key={x.tenantKey} value={x.tenantKey}>
                      {x.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field atlas-field-wide">
              <label htmlFor="atlas-indikator">{t('atlas.controls.indicator')}</label>
              <select id="atlas-indikator" value={indicator.key} onChange={(e) => change({ indicator: e.target.value })}>
                {domains.map(([domain, items]) => (
                  <optgroup key={domain} label={t(`atlas.lifeDomains.${domain}`, { defaultValue: domain })}>
                    {items.map((x) => (
                      <option key={x.key} value={x.key}>
                        {x.published === false ? t('atlas.controls.unpublished', { label: x.label }) : x.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="atlas-zeitraum">{t('atlas.controls.period')}</label>
              <select id="atlas-zeitraum" value={period ?? ''} onChange={(e) => change({ period: e.target.value })}>
                {[...indicator.periods].reverse().map((p) => (
                  <option key={p} value={p}>
                    {formatPeriod(p, language)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="atlas-ebene">{t('atlas.controls.level')}</label>
              <select
                id="atlas-ebene"
                value={view.level}
                onChange={(e) => change({ level: e.target.value as AtlasView['level'], region: null })}
              >
                {shownLevels.map((l) => (
                  <option key={l} value={l}>
                    {levelName(l)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="atlas-methode">{t('atlas.controls.method')}</label>
              <select
                id="atlas-methode"
                value={view.method}
                onChange={(e) => {
                  const method = e.target.value as AtlasView['method'];
                  setBoundsText(null);
                  setBoundsError(null);
                  if (method === 'manual') {
                    const bounds = view.bounds ?? startBounds(values);
                    change({ method, bounds, classes: bounds.length + 1 });
                  } else {
                    change({ method, bounds: null, classes: view.method === 'manual' ? DEFAULT_CLASSES : view.classes });
                  }
                }}
              >
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m === 'manual' ? t('atlasMap.methodManual') : t(`atlas.methods.${m}`)}
                  </option>
                ))}
              </select>
            </div>
            {view.method === 'manual' ? (
              <div className="field atlas-field-bounds">
                <label htmlFor="atlas-grenzen">{t('atlasMap.bounds.label')}</label>
                <div className="atlas-bounds-input">
                  <input
                    id="atlas-grenzen"
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    value={shownBoundsText}
                    aria-invalid={boundsError ? true : undefined}
                    aria-describedby={boundsError ? 'atlas-grenzen-hinweis atlas-grenzen-fehler' : 'atlas-grenzen-hinweis'}
                    onChange={(e) => setBoundsText(e.target.value)}
                  />
                  <button type="submit" className="button">
                    {t('atlasMap.bounds.apply')}
                  </button>
                </div>
                <p id="atlas-grenzen-hinweis" className="field-hint">
                  {t('atlasMap.bounds.hint')}
                </p>
                {boundsError && (
                  <p id="atlas-grenzen-fehler" className="field-error" role="alert">
                    {t(`atlasMap.bounds.errors.${boundsError.key}`, {
                      value: boundsError.value ?? '',
                      previous: boundsError.previous ?? '',
                      max: boundsError.max ?? 0,
                    })}
                  </p>
                )}
              </div>
            ) : (
              <div className="field">
                <label htmlFor="atlas-klassen">{t('atlas.controls.classes')}</label>
                <select id="atlas-klassen" value={view.classes} onChange={(e) => change({ classes: Number(e.target.value) })}>
                  {CLASS_COUNTS.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field">
              <label htmlFor="atlas-farben">{t('atlasMap.palette.label')}</label>
              <select id="atlas-farben" value={paletteMode} onChange={(e) => change({ palette: e.target.value as PaletteMode })}>
                <option value="sequential">{t('atlasMap.palette.sequential')}</option>
                <option value="diverging">{t('atlasMap.palette.diverging')}</option>
              </select>
            </div>
            {meta?.basemapStyleUrl && (
              <div className="field atlas-field-check">
                <input
                  id="atlas-hintergrund"
                  type="checkbox"
                  checked={showBasemap}
                  onChange={(e) => setShowBasemap(e.target.checked)}
                />
                <label htmlFor="atlas-hintergrund">{t('atlasMap.basemap.toggle')}</label>
              </div>
            )}
          </form>
          <SaveViewControl view={view} />

          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
        </>
      )}

      {/* The map exists before its data: MapLibre sets itself up (worker, WebGL) while they load. */}
      <section
        className="atlas-view"
        aria-labelledby={values && indicator ? 'atlas-karte-titel' : undefined}
        aria-label={values && indicator ? undefined : t('atlasMap.loadingMap')}
        aria-busy={busy}
      >
        {values && indicator && (
          <>
            <h2 id="atlas-karte-titel">
              {t('atlas.mapTitle', {
                indicator: values.label,
                period: formatPeriod(values.period, language),
                level: levelName(view.level),
              })}
            </h2>
            {indicator.description && <p className="atlas-description">{indicator.description}</p>}
          </>
        )}
        <div className="atlas-map-and-legend">
          <Suspense fallback={<div className="atlas-map-frame atlas-map-placeholder" />}>
            {mapWanted && (
              <AtlasMap
                regions={loaded?.regions ?? null}
                loadDetail={loaded?.loadDetail}
                onDrawn={showDetails}
                classes={classOf}
                palette={palette}
                selected={view.region}
                onSelect={select}
                readyKey={loaded ? (paletteMode === 'diverging' ? `${loaded.key}|divergierend` : loaded.key) : null}
                basemap={meta?.basemapStyleUrl ? { styleUrl: meta.basemapStyleUrl } : null}
                showBasemap={showBasemap}
                handleRef={mapHandle}
                label={mapLabel}
                locale={{
                  'Map.Title': mapLabel,
                  'NavigationControl.ZoomIn': t('atlas.zoomIn'),
                  'NavigationControl.ZoomOut': t('atlas.zoomOut'),
                }}
                tooltip={(region) => {
                  const row = rowByRegion.get(region);
                  return row ? (
                    <>
                      <strong>{row.name ?? row.region}</strong>
                      <br />
                      {describe(row)}
                    </>
                  ) : null;
                }}
              />
            )}
          </Suspense>
          {values && (
            <Legend
              classification={values.classification}
              palette={palette}
              unit={values.unit}
              missing={missingCount}
              suppressed={values.suppressed}
              reference={legendReference}
            />
          )}
        </div>
        {values && indicator && (
          <>
            <p className="atlas-attribution" data-testid="atlas-quellen">
              {t('atlas.attribution')} {attributionText}
            </p>
            <p className="atlas-map-exports">
              <button type="button" className="button" onClick={downloadPng} disabled={exporting !== null || !loaded}>
                {t('atlasMap.export.png')}
              </button>
              <button type="button" className="button" onClick={downloadSvg} disabled={exporting !== null || !loaded}>
                {t('atlasMap.export.svg')}
              </button>
            </p>
            <p className="atlas-territory">{t('atlas.territoryDate', { date: formatPeriod(values.territoryDate, language) })}</p>
            <div className="atlas-selection" aria-live="polite">
              {selectedRow && (
                <p>
                  <strong>
                    {view.tenant ? (
                      <Link
                        to={`/atlas/gebiet/${encodeURIComponent(view.tenant)}/${encodeURIComponent(selectedRow.region)}`}
                        data-testid="atlas-steckbrief-link"
                      >
                        {t('profile.linkFromAtlas', { name: selectedRow.name ?? selectedRow.region })}
                      </Link>
                    ) : (
                      (selectedRow.name ?? selectedRow.region)
                    )}
                  </strong>
                  : {describe(selectedRow)}
                </p>
              )}
            </div>
            <section aria-labelledby="atlas-zusammenfassung-titel">
              <h3 id="atlas-zusammenfassung-titel">{t('atlas.summary.title')}</h3>
              <p data-testid="atlas-zusammenfassung">{summaryText(rows, values.unit, language, t)}</p>
            </section>
          </>
        )}
      </section>

      {values && indicator && tenant && detailsShown && (
        <AtlasCharts
          tenantKey={tenant.tenantKey}
          data={data}
          indicator={indicator}
          indicators={list ?? []}
          period={values.period}
          level={view.level}
          values={values}
          selected={view.region}
          onSelect={select}
        />
      )}

      {values && indicator && detailsShown && (
        <section className="atlas-table-section" aria-labelledby="atlas-tabelle-titel">
          <h2 id="atlas-tabelle-titel">{t('atlas.table.title')}</h2>
          <p>
            <button type="button" className="button" onClick={downloadCsv}>
              {t('atlas.csv.download')}
            </button>{' '}
            <button type="button" className="button" onClick={downloadXlsx} disabled={exporting !== null}>
              {t('atlasMap.export.xlsx')}
            </button>
          </p>
          <ValuesTable
            rows={rows}
            rankOf={rankOf}
            unit={values.unit}
            caption={t('atlas.table.caption', { indicator: values.label, period: formatPeriod(values.period, language) })}
            selected={view.region}
            onSelect={select}
            note={(row) => rowNote(row, t)}
          />
        </section>
      )}
    </Page>
  );
}
