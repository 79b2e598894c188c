import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { useAtlasData } from '../../atlas/use-atlas-data.ts';
import { formatPeriod, formatValue } from '../../atlas/format.ts';
import { RegionCell } from '../../atlas/RegionCell.tsx';
import type { AtlasIndicator, AtlasTenant, RegionCollection } from '../../atlas/types.ts';
import { indexCsv } from '../../atlas/composite/csv.ts';
import { computeIndex } from '../../atlas/composite/data.ts';
import { IndexLegend } from '../../atlas/composite/IndexLegend.tsx';
import { classCounts, indexClass, indexPalette } from '../../atlas/composite/palette.ts';
import {
  componentsParam,
  INDEX_LEVELS,
  readIndexView,
  writeIndexView,
  type IndexLevel,
  type IndexView,
} from '../../atlas/composite/permalink.ts';
import { indexSummary } from '../../atlas/composite/summary.ts';
import {
  DYNAMICS_CLASSES,
  STATUS_CLASSES,
  type IndexComponentChoice,
  type IndexExploration,
  type IndexRow,
} from '../../atlas/composite/types.ts';

// MapLibre (about 1 MB) loads only with the map, after the controls and the tables.
const AtlasMap = lazy(() => import('../../atlas/AtlasMap.tsx'));

const PALETTE = indexPalette();
const MAX_WEIGHT = 1000;
// Draft keys of the span and floor fields (indicator keys never start with a space).
const SPAN = ' span';
const FLOOR = ' floor';

interface Loaded {
  view: IndexExploration;
  regions: RegionCollection;
  /** The request these data answer, with the saved defaults filled in (see `requestKey`). */
  key: string;
}

/** One string per request: the settings that change the answer (also the map's ready marker). */
function requestKey(audience: string, view: IndexView): string {
  return [
    audience,
    view.tenant ?? '',
    view.level,
    view.period ?? '',
    view.components ? componentsParam(view.components) : '',
    view.span ?? '',
    view.floor ?? '',
  ].join('|');
}

/** The weight as typed (German or English decimal mark), or null unless it is a number from 0 to 1000. */
function parseWeight(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d{1,4}(\.\d+)?$/.test(trimmed)) return null;
  const value = Math.round(Number(trimmed) * 1000) / 1000;
  return value <= MAX_WEIGHT ? value : null;
}

/** The composite index (Sozialindex): own indicators and weights, status × dynamics map, sensitivity to weights. */
export default function CompositeIndexPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const requested = useMemo(() => readIndexView(params), [params]);
  // Members of a municipality compute its index from every indicator, the public from published ones.
  const data = useAtlasData();

  const [tenants, setTenants] = useState<AtlasTenant[] | null>(null);
  const [indicators, setIndicators] = useState<{ tenant: string; list: AtlasIndicator[] } | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<{ key: string | null; message: string } | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});

  useEffect(() => {
    let cancelled = false;
    data.tenants().then(
      (list) => !cancelled && setTenants(list),
      (e: unknown) => !cancelled && setError({ key: null, message: errorMessage(e) }),
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
      (e: unknown) => !cancelled && setError({ key: null, message: errorMessage(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [tenant, data]);

  const list = indicators && tenant && indicators.tenant === tenant.tenantKey ? indicators.list : null;
  const wanted: IndexView | null = useMemo(
    () => (tenant ? { ...requested, tenant: tenant.tenantKey } : null),
    [requested, tenant],
  );
  const wantedKey = wanted ? requestKey(data.audience, wanted) : null;

  useEffect(() => {
    if (!wanted || wantedKey === null || loaded?.key === wantedKey) return;
    let cancelled = false;
    const tenantKey = wanted.tenant!;
    Promise.all([
      computeIndex(data.audience, tenantKey, {
        level: wanted.level,
        period: wanted.period,
        components: wanted.components,
        span: wanted.span,
        floor: wanted.floor,
      }),
      data.regions(tenantKey, wanted.level),
    ]).then(
      ([view, regions]) => {
        if (cancelled) return;
        // The answer fills in the saved index's settings: they go into the address, so that it holds the whole view.
        const effective: IndexView = {
          ...wanted,
          period: view.period,
          components: view.components.map(({ indicatorKey, weight, polarity }) => ({ indicatorKey, weight, polarity })),
          span: view.spanYears,
          floor: view.populationFloor,
        };
        const key = requestKey(data.audience, effective);
        setError(null);
        setLoaded({ view, regions, key });
        if (key !== wantedKey) setParams(writeIndexView(effective), { replace: true });
      },
      (e: unknown) => !cancelled && setError({ key: wantedKey, message: errorMessage(e) }),
    );
    return () => {
      cancelled = true;
    };
    // wantedKey covers every setting of `wanted`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wantedKey]);

  const change = useCallback(
    (patch: Partial<IndexView>) => {
      // The address may already be ahead of this render (quick successive changes).
      const current = readIndexView(new URLSearchParams(window.location.search));
      setParams(writeIndexView({ ...current, tenant: current.tenant ?? tenant?.tenantKey ?? null, ...patch }), {
        replace: true,
      });
    },
    [setParams, tenant],
  );

  const view = loaded?.view ?? null;
  const components: IndexComponentChoice[] = useMemo(
    () =>
      requested.components ??
      view?.components.map(({ indicatorKey, weight, polarity }) => ({ indicatorKey, weight, polarity })) ??
      [],
    [requested.components, view],
  );
  const rows = useMemo(() => view?.results ?? [], [view]);
  const rowByRegion = useMemo(() => new Map(rows.map((r) => [r.key, r])), [rows]);
  const classes = useMemo(() => new Map(rows.map((r) => [r.key, indexClass(r.statusClass, r.dynamicsClass)])), [rows]);
  const counts = useMemo(() => classCounts(rows), [rows]);
  const labelOf = useMemo(() => new Map((list ?? []).map((i) => [i.key, i.label])), [list]);
  const attributions = useMemo(() => {
    const chosen = new Set(components.map((c) => c.indicatorKey));
    const sources = (list ?? []).filter((i) => chosen.has(i.key)).flatMap((i) => i.sources ?? []);
    return [...new Set(sources.map((s) => s.attribution).filter(Boolean))];
  }, [list, components]);

  const f = useCallback((v: number | null) => (v === null ? '–' : formatValue(v, language)), [language]);
  const describe = useCallback(
    (row: IndexRow) => {
      if (row.statusClass === null) return row.reason ?? t('atlasIndex.table.unclassified');
      const status = t('atlasIndex.tooltip.status', { cls: t(`atlasIndex.status.${row.statusClass}`), value: f(row.status) });
      const dynamics =
        row.dynamicsClass === null
          ? (row.reason ?? t('atlasIndex.table.noDynamics'))
          : t('atlasIndex.tooltip.dynamics', { cls: t(`atlasIndex.dynamics.${row.dynamicsClass}`), value: f(row.dynamics) });
      return `${status}; ${dynamics}`;
    },
    [t, f],
  );

  const select = useCallback(
    (region: string) => {
      const row = rowByRegion.get(region);
      change({ region });
      if (row) announce(`${row.name ?? row.key}: ${describe(row)}`);
    },
    [change, rowByRegion, announce, describe],
  );

  const clearDraft = (field: string) =>
    setDrafts((d) => {
      const { [field]: _gone, ...rest } = d;
      return rest;
    });
  /** Changes the components, starting from the address (it may be ahead of this render after quick edits). */
  const updateComponents = (update: (current: IndexComponentChoice[]) => IndexComponentChoice[]) => {
    const current = readIndexView(new URLSearchParams(window.location.search)).components ?? components;
    change({ components: update(current) });
  };
  const toggle = (indicator: AtlasIndicator, on: boolean) => {
    if (on) {
      updateComponents((current) => [
        ...current.filter((c) => c.indicatorKey !== indicator.key),
        {
          indicatorKey: indicator.key,
          weight: 1,
          polarity: indicator.polarity === 'higher_is_better' ? 'higher_is_better' : 'higher_is_worse',
        },
      ]);
    } else {
      updateComponents((current) => {
        const rest = current.filter((c) => c.indicatorKey !== indicator.key);
        return rest.length > 0 ? rest : current;
      });
    }
  };
  const setWeight = (key: string, text: string) => {
    setDrafts((d) => ({ ...d, [key]: text }));
    const weight = parseWeight(text);
    if (weight !== null) updateComponents((current) => current.map((c) => (c.indicatorKey === key ? { ...c, weight } : c)));
  };

  const downloadCsv = () => {
    if (!view) return;
    const csv = indexCsv(view, attributions, {
      header: [
        t('atlasIndex.csv.key'),
        t('atlasIndex.table.region'),
        t('atlasIndex.table.status'),
        t('atlasIndex.table.statusClass'),
        t('atlasIndex.table.dynamics'),
        t('atlasIndex.table.dynamicsClass'),
        t('atlasIndex.table.note'),
      ],
      status: Object.fromEntries(STATUS_CLASSES.map((c) => [c, t(`atlasIndex.status.${c}`)])) as Record<
        (typeof STATUS_CLASSES)[number],
        string
      >,
      dynamics: Object.fromEntries(DYNAMICS_CLASSES.map((c) => [c, t(`atlasIndex.dynamics.${c}`)])) as Record<
        (typeof DYNAMICS_CLASSES)[number],
        string
      >,
      outlier: t('atlasIndex.table.outlier'),
      period: t('atlasIndex.csv.period'),
      startPeriod: t('atlasIndex.csv.startPeriod'),
      floor: t('atlasIndex.csv.floor'),
      components: t('atlasIndex.csv.components'),
      higherIsWorse: t('atlasIndex.controls.higherIsWorse'),
      higherIsBetter: t('atlasIndex.controls.higherIsBetter'),
      confidential: t('atlasIndex.csv.confidential'),
      attribution: t('atlasIndex.csv.attribution'),
    });
    const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `sozialindex_${view.period}_${view.level}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const title = t('atlasIndex.title');
  if (error && !view) {
    return (
      <Page title={title}>
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
        <p>
          <Link to="/atlas">{t('atlasIndex.backToAtlas')}</Link>
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

  const busy = loaded?.key !== wantedKey && error?.key !== wantedKey;
  const selectedRow = requested.region ? (rowByRegion.get(requested.region) ?? null) : null;
  const period = view ? formatPeriod(view.period, language) : '';
  return (
    <Page title={title} className="atlas-page index-page">
      <p className="lead">{t('atlasIndex.intro', { name: tenant?.name ?? '' })}</p>
      <p>
        <Link to="/atlas">{t('atlasIndex.backToAtlas')}</Link>
      </p>
      {!view || !list ? (
        <Loading />
      ) : (
        <>
          <form className="index-controls" onSubmit={(e) => e.preventDefault()} aria-label={t('atlasIndex.controls.label')}>
            <div className="atlas-controls">
              {tenants && tenants.length > 1 && (
                <div className="field">
                  <label htmlFor="index-kommune">{t('atlasIndex.controls.tenant')}</label>
                  <select
                    id="index-kommune"
                    value={tenant?.tenantKey ?? ''}
                    onChange={(e) =>
                      change({ tenant: e.target.value, components: null, period: null, span: null, floor: null, region: null })
                    }
                  >
                    {tenants.map((x) => (
                      <option key={x.tenantKey} value={x.tenantKey}>
                        {x.name}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div className="field">
                <label htmlFor="index-zeitraum">{t('atlasIndex.controls.period')}</label>
                <select id="index-zeitraum" value={view.period} onChange={(e) => change({ period: e.target.value })}>
                  {[...view.periods].reverse().map((p) => (
                    <option key={p} value={p}>
                      {formatPeriod(p, language)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="index-ebene">{t('atlasIndex.controls.level')}</label>
                <select
                  id="index-ebene"
                  value={requested.level}
                  onChange={(e) => change({ level: e.target.value as IndexLevel, region: null })}
                >
                  {INDEX_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {t(`atlasIndex.levels.${l}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="index-dynamik">{t('atlasIndex.controls.span')}</label>
                <input
                  id="index-dynamik"
                  type="number"
                  min={1}
                  max={20}
                  step={1}
                  value={drafts[SPAN] ?? String(view.spanYears)}
                  aria-describedby="index-dynamik-hinweis"
                  onChange={(e) => {
                    setDrafts((d) => ({ ...d, [SPAN]: e.target.value }));
                    const span = Number(e.target.value);
                    if (e.target.value !== '' && Number.isInteger(span) && span >= 1 && span <= 20) change({ span });
                  }}
                  onBlur={() => clearDraft(SPAN)}
                />
                <p id="index-dynamik-hinweis" className="hint">
                  {t('atlasIndex.controls.spanHint', { start: formatPeriod(view.startPeriod, language), end: period })}
                </p>
              </div>
              <div className="field">
                <label htmlFor="index-mindesteinwohner">{t('atlasIndex.controls.floor')}</label>
                <input
                  id="index-mindesteinwohner"
                  type="number"
                  min={0}
                  max={10_000_000}
                  step={50}
                  value={drafts[FLOOR] ?? String(view.populationFloor)}
                  onBlur={() => clearDraft(FLOOR)}
                  onChange={(e) => {
                    setDrafts((d) => ({ ...d, [FLOOR]: e.target.value }));
                    const floor = Number(e.target.value);
                    if (e.target.value !== '' && Number.isInteger(floor) && floor >= 0 && floor <= 10_000_000) change({ floor });
                  }}
                />
              </div>
            </div>

            <fieldset className="index-components">
              <legend>{t('atlasIndex.controls.components')}</legend>
              <p className="hint">{t('atlasIndex.controls.componentsHint')}</p>
              <ul>
                {list.map((indicator) => {
                  const chosen = components.find((c) => c.indicatorKey === indicator.key);
                  const id = `index-ind-${indicator.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
                  const last = chosen !== undefined && components.length === 1;
                  return (
                    <li key={indicator.key} data-indicator={indicator.key}>
                      <span className="index-component-name">
                        <input
                          id={id}
                          type="checkbox"
                          checked={chosen !== undefined}
                          disabled={last}
                          onChange={(e) => toggle(indicator, e.target.checked)}
                        />
                        <label htmlFor={id}>
                          {indicator.published === false
                            ? t('atlas.controls.unpublished', { label: indicator.label })
                            : indicator.label}
                        </label>
                      </span>
                      {chosen && (
                        <span className="index-component-settings">
                          <span className="index-component-field">
                            <label htmlFor={`${id}-gewicht`}>
                              {t('atlasIndex.controls.weight')}
                              <span className="visually-hidden">: {indicator.label}</span>
                            </label>
                            <input
                              id={`${id}-gewicht`}
                              type="number"
                              inputMode="decimal"
                              min={0}
                              max={MAX_WEIGHT}
                              step={0.1}
                              value={drafts[indicator.key] ?? String(chosen.weight)}
                              onChange={(e) => setWeight(indicator.key, e.target.value)}
                              onBlur={() => clearDraft(indicator.key)}
                            />
                          </span>
                          <span className="index-component-field">
                            <label htmlFor={`${id}-richtung`}>
                              {t('atlasIndex.controls.polarity')}
                              <span className="visually-hidden">: {indicator.label}</span>
                            </label>
                            <select
                              id={`${id}-richtung`}
                              value={chosen.polarity}
                              onChange={(e) =>
                                updateComponents((current) =>
                                  current.map((c) =>
                                    c.indicatorKey === indicator.key
                                      ? { ...c, polarity: e.target.value as IndexComponentChoice['polarity'] }
                                      : c,
                                  ),
                                )
                              }
                            >
                              <option value="higher_is_worse">{t('atlasIndex.controls.higherIsWorse')}</option>
                              <option value="higher_is_better">{t('atlasIndex.controls.higherIsBetter')}</option>
                            </select>
                          </span>
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
              {view.saved && (
                <p>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => {
                      setDrafts({});
                      change({ components: null, span: null, floor: null });
                    }}
                  >
                    {t('atlasIndex.controls.reset', { label: view.saved.label })}
                  </button>
                </p>
              )}
            </fieldset>
          </form>

          {error && error.key === wantedKey && (
            <p className="alert alert-error" role="alert">
              {error.message}
            </p>
          )}

          <section className="atlas-view" aria-labelledby="index-karte-titel" aria-busy={busy}>
            <h2 id="index-karte-titel">
              {t('atlasIndex.mapTitle', { period, level: t(`atlasIndex.levels.${requested.level}`) })}
            </h2>
            <p className="atlas-description">
              {t('atlasIndex.method', {
                start: formatPeriod(view.startPeriod, language),
                end: period,
                floor: formatValue(view.populationFloor, language, 0),
              })}
              {view.confidential && ` ${t('atlasIndex.confidential')}`}
            </p>
            <div className="atlas-map-and-legend">
              <Suspense fallback={<div className="atlas-map-frame atlas-map-placeholder" />}>
                {loaded && (
                  <AtlasMap
                    regions={loaded.regions}
                    classes={classes}
                    palette={PALETTE}
                    selected={requested.region}
                    onSelect={select}
                    readyKey={loaded.key}
                    label={t('atlasIndex.mapLabel', { period })}
                    locale={{
                      'Map.Title': t('atlasIndex.mapLabel', { period }),
                      'NavigationControl.ZoomIn': t('atlas.zoomIn'),
                      'NavigationControl.ZoomOut': t('atlas.zoomOut'),
                    }}
                    tooltip={(region) => {
                      const row = rowByRegion.get(region);
                      return row ? (
                        <>
                          <strong>{row.name ?? row.key}</strong>
                          <br />
                          {describe(row)}
                        </>
                      ) : null;
                    }}
                  />
                )}
              </Suspense>
              <IndexLegend counts={counts} floor={view.populationFloor} />
            </div>
            {attributions.length > 0 && (
              <p className="atlas-attribution" data-testid="index-quellen">
                {t('atlas.attribution')} {attributions.join(' · ')}
              </p>
            )}
            <div className="atlas-selection" aria-live="polite">
              {selectedRow && (
                <p>
                  <strong>{selectedRow.name ?? selectedRow.key}</strong>: {describe(selectedRow)}
                </p>
              )}
            </div>
            {view.notes.length > 0 && (
              <ul className="index-notes" data-testid="index-hinweise">
                {view.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )}
            <section aria-labelledby="index-zusammenfassung-titel">
              <h3 id="index-zusammenfassung-titel">{t('atlasIndex.summary.title')}</h3>
              <p data-testid="index-zusammenfassung">{indexSummary(view, language, t)}</p>
            </section>
          </section>

          <section className="atlas-table-section" aria-labelledby="index-empfindlichkeit-titel">
            <h2 id="index-empfindlichkeit-titel">{t('atlasIndex.sensitivity.title')}</h2>
            <p>{t('atlasIndex.sensitivity.intro', { count: counts.classified + counts.statusOnly + counts.unclassified })}</p>
            <div className="table-wrap" role="region" aria-labelledby="index-empfindlichkeit-titel" tabIndex={0}>
              <table data-testid="index-empfindlichkeit">
                <caption>{t('atlasIndex.sensitivity.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('atlasIndex.sensitivity.indicator')}</th>
                    <th scope="col" className="num">
                      {t('atlasIndex.sensitivity.weight')}
                    </th>
                    <th scope="col" className="num">
                      {t('atlasIndex.sensitivity.plus50')}
                    </th>
                    <th scope="col" className="num">
                      {t('atlasIndex.sensitivity.minus50')}
                    </th>
                    <th scope="col" className="num">
                      {t('atlasIndex.sensitivity.zero')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.components.map((c) => {
                    const s = view.sensitivity.find((x) => x.indicatorKey === c.indicatorKey);
                    const cell = (change: 'plus50' | 'minus50' | 'zero') => {
                      const v = s?.variants.find((x) => x.change === change);
                      if (!v) return <td className="num">–</td>;
                      return (
                        <td className="num" data-change={change} data-changed={v.changed ?? ''}>
                          {v.changed === null ? t('atlasIndex.sensitivity.impossible') : v.changed}
                        </td>
                      );
                    };
                    return (
                      <tr key={c.indicatorKey} data-indicator={c.indicatorKey}>
                        <th scope="row">{labelOf.get(c.indicatorKey) ?? c.label}</th>
                        <td className="num">
                          {c.weight > 0 ? formatValue(c.weight, language, 3) : t('atlasIndex.sensitivity.off')}
                        </td>
                        {cell('plus50')}
                        {cell('minus50')}
                        {cell('zero')}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>

          <section className="atlas-table-section" aria-labelledby="index-tabelle-titel">
            <h2 id="index-tabelle-titel">{t('atlasIndex.table.title')}</h2>
            <p>
              <button type="button" className="button" onClick={downloadCsv}>
                {t('atlasIndex.csv.download')}
              </button>
            </p>
            <div className="table-wrap" role="region" aria-labelledby="index-tabelle-titel" tabIndex={0}>
              <table data-testid="index-tabelle">
                <caption>{t('atlasIndex.table.caption', { period })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('atlasIndex.table.region')}</th>
                    <th scope="col" className="num">
                      {t('atlasIndex.table.status')}
                    </th>
                    <th scope="col">{t('atlasIndex.table.statusClass')}</th>
                    <th scope="col" className="num">
                      {t('atlasIndex.table.dynamics')}
                    </th>
                    <th scope="col">{t('atlasIndex.table.dynamicsClass')}</th>
                    <th scope="col">{t('atlasIndex.table.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    const isSelected = row.key === requested.region;
                    return (
                      <tr key={row.key} data-region={row.key} className={isSelected ? 'atlas-row-selected' : undefined}>
                        <RegionCell name={row.name ?? row.key} selected={isSelected} onSelect={() => select(row.key)} />
                        <td className="num" data-field="status">
                          {f(row.status)}
                        </td>
                        <td data-field="statusClass">{row.statusClass ? t(`atlasIndex.status.${row.statusClass}`) : '–'}</td>
                        <td className="num" data-field="dynamics">
                          {f(row.dynamics)}
                        </td>
                        <td data-field="dynamicsClass">
                          {row.dynamicsClass ? t(`atlasIndex.dynamics.${row.dynamicsClass}`) : '–'}
                        </td>
                        <td>{[row.reason, row.outlier ? t('atlasIndex.table.outlier') : null].filter(Boolean).join(' ')}</td>
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
