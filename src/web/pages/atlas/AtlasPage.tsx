import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { importTenants } from '../../permissions.ts';
import { useSession } from '../../session.tsx';
import { valuesCsv } from '../../atlas/csv.ts';
import { atlasData } from '../../atlas/data.ts';
import { formatPeriod, formatWithUnit, ranks } from '../../atlas/format.ts';
import { Legend } from '../../atlas/Legend.tsx';
import { sequentialPalette } from '../../atlas/palette.ts';
import { readView, writeView, type AtlasView } from '../../atlas/permalink.ts';
import { summaryText } from '../../atlas/summary.ts';
import AtlasCharts from '../../atlas/charts/AtlasCharts.tsx';
import {
  CLASS_COUNTS,
  hasValue,
  LEVELS,
  METHODS,
  type AtlasIndicator,
  type AtlasRow,
  type AtlasTenant,
  type AtlasValues,
  type RegionCollection,
} from '../../atlas/types.ts';

// MapLibre (about 1 MB) loads only with the map, after the controls and the table.
const AtlasMap = lazy(() => import('../../atlas/AtlasMap.tsx'));

/** Anonymous visitors (and state-level members) read the published atlas. */
const publicData = atlasData('public');

interface Loaded {
  values: AtlasValues;
  regions: RegionCollection;
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
  const own = useMemo(
    () =>
      (session?.user?.memberships ?? [])
        .filter((m) => m.tenantKind === 'landkreis' || m.tenantKind === 'kreisfreie_stadt')
        .map((m) => ({ tenantKey: m.tenantKey, name: m.tenantName })),
    [session],
  );
  const ownKey = own.map((o) => o.tenantKey).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- ownKey stands for `own`
  const data = useMemo(() => (own.length > 0 ? atlasData('tenant', own) : publicData), [ownKey]);

  const [tenants, setTenants] = useState<AtlasTenant[] | null>(null);
  const [indicators, setIndicators] = useState<{ tenant: string; list: AtlasIndicator[] } | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

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
      ? [data.audience, tenant.tenantKey, indicator.key, period, view.level, view.method, view.classes].join('|')
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
    Promise.all([
      data.values(tenant.tenantKey, {
        indicator: indicator.key,
        period,
        level: view.level,
        breaks: `${view.method}:${view.classes}`,
      }),
      data.regions(tenant.tenantKey, view.level),
    ]).then(
      ([values, regions]) => {
        if (cancelled) return;
        setError(null);
        setLoaded({ values, regions, key });
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
  const palette = useMemo(() => sequentialPalette(values?.classification?.classes.length ?? 5), [values]);
  const rowByRegion = useMemo(() => new Map(rows.map((r) => [r.region, r])), [rows]);
  const selectedRow = view.region ? (rowByRegion.get(view.region) ?? null) : null;
  const missingCount = rows.length - valuedCount;
  const attributions = useMemo(() => [...new Set((values?.sources ?? []).map((s) => s.attribution).filter(Boolean))], [values]);

  const describe = useCallback(
    (row: AtlasRow) => {
      if (!values) return '';
      const when = formatPeriod(values.period, language);
      if (!hasValue(row)) return t('atlas.tooltip.noValue', { period: when, note: rowNote(row, t) });
      return t('atlas.tooltip.value', {
        value: formatWithUnit(row.value, values.unit, language),
        period: when,
        rank: rankOf.get(row.region) ?? '–',
        count: valuedCount,
      });
    },
    [values, language, t, rankOf, valuedCount],
  );

  const select = useCallback(
    (region: string) => {
      const row = rowByRegion.get(region);
      change({ region });
      if (row) announce(`${row.name ?? row.region}: ${describe(row)}`);
    },
    [change, rowByRegion, announce, describe],
  );

  const downloadCsv = () => {
    if (!values) return;
    const csv = valuesCsv(values, {
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
    const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${values.key.replace(/[^A-Za-z0-9_-]+/g, '_')}_${values.period}_${view.level}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const domains = useMemo(() => {
    const groups = new Map<string, AtlasIndicator[]>();
    for (const x of list ?? []) groups.set(x.lifeDomain, [...(groups.get(x.lifeDomain) ?? []), x]);
    return [...groups.entries()];
  }, [list]);

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
  return (
    <Page title={title} className="atlas-page">
      <p className="lead">{t('atlas.intro', { name: tenant?.name ?? '' })}</p>
      {mayImport && (
        <p>
          {t('atlas.importHint')} <Link to="/daten/import">{t('atlas.importLink')}</Link>
        </p>
      )}
      {!values || !indicator ? (
        <Loading />
      ) : (
        <>
          <form className="atlas-controls" onSubmit={(e) => e.preventDefault()} aria-label={t('atlas.controls.label')}>
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
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t(`atlas.levels.${l}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="atlas-methode">{t('atlas.controls.method')}</label>
              <select
                id="atlas-methode"
                value={view.method}
                onChange={(e) => change({ method: e.target.value as AtlasView['method'] })}
              >
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`atlas.methods.${m}`)}
                  </option>
                ))}
              </select>
            </div>
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
          </form>

          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}

          <section className="atlas-view" aria-labelledby="atlas-karte-titel" aria-busy={busy}>
            <h2 id="atlas-karte-titel">
              {t('atlas.mapTitle', {
                indicator: values.label,
                period: formatPeriod(values.period, language),
                level: t(`atlas.levels.${view.level}`),
              })}
            </h2>
            {indicator.description && <p className="atlas-description">{indicator.description}</p>}
            <div className="atlas-map-and-legend">
              <Suspense fallback={<div className="atlas-map-frame atlas-map-placeholder" />}>
                {loaded && (
                  <AtlasMap
                    regions={loaded.regions}
                    classes={classOf}
                    palette={palette}
                    selected={view.region}
                    onSelect={select}
                    readyKey={loaded.key}
                    label={t('atlas.mapLabel', { indicator: values.label, period: formatPeriod(values.period, language) })}
                    locale={{
                      'Map.Title': t('atlas.mapLabel', {
                        indicator: values.label,
                        period: formatPeriod(values.period, language),
                      }),
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
              <Legend
                classification={values.classification}
                palette={palette}
                unit={values.unit}
                missing={missingCount}
                suppressed={values.suppressed}
              />
            </div>
            <p className="atlas-attribution" data-testid="atlas-quellen">
              {t('atlas.attribution')} {attributions.join(' · ')}
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
          </section>

          {tenant && (
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

          <section className="atlas-table-section" aria-labelledby="atlas-tabelle-titel">
            <h2 id="atlas-tabelle-titel">{t('atlas.table.title')}</h2>
            <p>
              <button type="button" className="button" onClick={downloadCsv}>
                {t('atlas.csv.download')}
              </button>
            </p>
            <div className="table-wrap">
              <table>
                <caption>
                  {t('atlas.table.caption', { indicator: values.label, period: formatPeriod(values.period, language) })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('atlas.table.region')}</th>
                    <th scope="col" className="num">
                      {values.unit ? t('atlas.table.valueUnit', { unit: values.unit }) : t('atlas.table.value')}
                    </th>
                    <th scope="col" className="num">
                      {t('atlas.table.class')}
                    </th>
                    <th scope="col" className="num">
                      {t('atlas.table.rank')}
                    </th>
                    <th scope="col">{t('atlas.table.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    const isSelected = row.region === view.region;
                    return (
                      <tr key={row.region} className={isSelected ? 'atlas-row-selected' : undefined}>
                        <th scope="row">
                          <button
                            type="button"
                            className="atlas-region-button"
                            aria-pressed={isSelected}
                            onClick={() => select(row.region)}
                          >
                            {row.name ?? row.region}
                          </button>
                        </th>
                        <td className="num">{hasValue(row) ? formatWithUnit(row.value, '', language) : '–'}</td>
                        <td className="num">{hasValue(row) && row.class != null ? row.class + 1 : '–'}</td>
                        <td className="num">{rankOf.get(row.region) ?? '–'}</td>
                        <td>{hasValue(row) ? '' : rowNote(row, t)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </Page>
  );
}
