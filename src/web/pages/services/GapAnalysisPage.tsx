import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Field, FormAlert } from '../../components/Field.tsx';
import { Page } from '../../components/Page.tsx';
import { gapData, type AtlasVariableView } from '../../services/gap/data.ts';
import { SaveIndicators } from '../../services/gap/SaveIndicators.tsx';
import { DEMO_ROW, encodeRow, latestPeriod, readRows, writeRows, type GapRowSettings } from '../../services/gap/settings.ts';
import { formatDecimal, gapFindings, gapSummary } from '../../services/gap/summary.ts';
import type { GapAnalysisResult, GapCellView } from '../../services/gap/types.ts';
import type { TaxonomyTerm } from '../../services/types.ts';
import { useSession } from '../../session.tsx';

/** Municipalities (Landkreis, kreisfreie Stadt) have planning areas; the state level does not. */
const PLANNING_KINDS = new Set(['landkreis', 'kreisfreie_stadt']);

interface Catalogue {
  terms: TaxonomyTerm[];
  variables: AtlasVariableView[];
  periods: Map<string, string[]>;
}

/** A row while it is edited: numbers as typed. */
interface DraftRow {
  label: string;
  termKeys: string[];
  variableKey: string;
  period: string;
  reachKm: string;
  minPer1000: string;
  minReachPercent: string;
}

const numberText = (value: number | null) => (value === null ? '' : String(value));

function toDraft(row: GapRowSettings): DraftRow {
  return {
    label: row.label,
    termKeys: row.termKeys,
    variableKey: row.variableKey,
    period: row.period,
    reachKm: numberText(row.reachKm),
    minPer1000: numberText(row.minPer1000),
    minReachPercent: numberText(row.minReachPercent),
  };
}

function parseNumber(text: string): number | null | 'invalid' {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 ? value : 'invalid';
}

function fromDraft(draft: DraftRow): GapRowSettings | null {
  const reachKm = parseNumber(draft.reachKm);
  const minPer1000 = parseNumber(draft.minPer1000);
  const minReachPercent = parseNumber(draft.minReachPercent);
  if (reachKm === 'invalid' || minPer1000 === 'invalid' || minReachPercent === 'invalid') return null;
  if (minReachPercent !== null && minReachPercent > 100) return null;
  if (reachKm !== null && (reachKm <= 0 || reachKm > 100)) return null;
  const label = draft.label.trim();
  const period = draft.period.trim();
  if (!label || draft.termKeys.length === 0 || !draft.variableKey || !/^\d{4}(-\d{2}-\d{2})?$/.test(period)) return null;
  return { label, termKeys: draft.termKeys, variableKey: draft.variableKey, period, reachKm, minPer1000, minReachPercent };
}

/** The demo's row where its term and variable exist, else the first term and variable; the latest period. */
function defaultRow(catalogue: Catalogue): DraftRow {
  const term = catalogue.terms.find((t) => t.key === DEMO_ROW.termKeys[0]) ?? catalogue.terms[0];
  const variable = catalogue.variables.find((v) => v.key === DEMO_ROW.variableKey) ?? catalogue.variables[0];
  const variableKey = variable?.key ?? '';
  const demo = term?.key === DEMO_ROW.termKeys[0];
  return toDraft({
    ...DEMO_ROW,
    label: demo ? DEMO_ROW.label : (term?.label ?? ''),
    termKeys: term ? [term.key] : [],
    variableKey,
    period: latestPeriod(catalogue.periods.get(variableKey) ?? []) ?? '',
  });
}

/**
 * `/angebote/abgleich`: the planner's gap analysis. Rows (Lebenslage/Zielgruppe with target
 * population and thresholds) live in the address; the matrix Lebenslage × Sozialraum states
 * each cell's status as text and colour, and every gap links to its services and data.
 */
export default function GapAnalysisPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const user = session?.user;
  if (!user) return null;
  const tenants = user.memberships.filter((m) => PLANNING_KINDS.has(m.tenantKind));
  const tenant = tenants.find((m) => m.tenantKey === params.get('kommune')) ?? tenants[0];

  return (
    <Page title={t('servicesGap.title')} documentTitle={t('servicesGap.documentTitle')} className="gap-page">
      <p className="lead">{t('servicesGap.intro')}</p>
      {!tenant ? (
        <p>{t('servicesGap.noTenant')}</p>
      ) : (
        <>
          {tenants.length > 1 ? (
            <div className="field field-inline">
              <label htmlFor="abgleich-kommune">{t('servicesGap.tenant')}</label>
              <select
                id="abgleich-kommune"
                value={tenant.tenantKey}
                onChange={(event) => setParams(new URLSearchParams({ kommune: event.target.value }))}
              >
                {tenants.map((m) => (
                  <option key={m.tenantKey} value={m.tenantKey}>
                    {m.tenantName} ({m.tenantKey})
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p>
              {t('servicesGap.tenant')}: <strong>{tenant.tenantName}</strong> ({tenant.tenantKey})
            </p>
          )}
          <GapAnalysis
            key={tenant.tenantKey}
            tenantKey={tenant.tenantKey}
            canSave={tenant.role === 'planner' || tenant.role === 'admin'}
          />
          <p>
            <Link to={`/angebote?${new URLSearchParams({ kommune: tenant.tenantKey }).toString()}`}>
              {t('servicesGap.toMap')}
            </Link>
          </p>
        </>
      )}
    </Page>
  );
}

function GapAnalysis({ tenantKey, canSave }: { tenantKey: string; canSave: boolean }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const urlRows = useMemo(() => readRows(params), [params]);
  const urlKey = urlRows.map(encodeRow).join('&');
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<DraftRow[] | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<{ key: string; view: GapAnalysisResult } | null>(null);
  const [runError, setRunError] = useState<{ key: string; message: string } | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([gapData.taxonomy(tenantKey), gapData.variables(tenantKey), gapData.periods(tenantKey)])
      .then(([terms, variables, periods]) => {
        if (!live) return;
        const catalogue = { terms: terms.filter((term) => !term.hidden), variables, periods };
        setCatalogue(catalogue);
        setDraft((current) => current ?? (urlRows.length > 0 ? urlRows.map(toDraft) : [defaultRow(catalogue)]));
      })
      .catch((error: unknown) => live && setLoadError(errorMessage(error)));
    return () => {
      live = false;
    };
    // The catalogue is read once per municipality; the rows in the address only seed the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tenantKey]);

  useEffect(() => {
    if (urlRows.length === 0) return;
    let live = true;
    gapData
      .analyse(tenantKey, urlRows)
      .then((view) => {
        if (!live) return;
        setResult({ key: urlKey, view });
        announce(gapSummary(view, t, i18n.language));
      })
      .catch((error: unknown) => live && setRunError({ key: urlKey, message: errorMessage(error) }));
    return () => {
      live = false;
    };
    // urlKey stands for urlRows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tenantKey, urlKey]);

  if (loadError) return <FormAlert id="abgleich-ladefehler" message={loadError} />;
  if (!catalogue || !draft) {
    return (
      <p className="loading" role="status">
        {t('servicesGap.loading')}
      </p>
    );
  }

  const update = (index: number, patch: Partial<DraftRow>) =>
    setDraft(draft.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const rows: GapRowSettings[] = [];
    for (const [i, row] of draft.entries()) {
      const parsed = fromDraft(row);
      if (!parsed) {
        setFormError(t('servicesGap.invalid', { number: i + 1 }));
        return;
      }
      rows.push(parsed);
    }
    setFormError(null);
    setParams(writeRows(params, tenantKey, rows));
  };

  const failed = runError?.key === urlKey ? runError.message : null;
  const running = urlRows.length > 0 && result?.key !== urlKey && failed === null;
  return (
    <>
      <form className="gap-form" onSubmit={submit} noValidate aria-describedby="abgleich-formfehler">
        <FormAlert id="abgleich-formfehler" message={formError} />
        {draft.map((row, i) => (
          <RowFields
            key={i}
            index={i}
            row={row}
            catalogue={catalogue}
            onChange={(patch) => update(i, patch)}
            onRemove={draft.length > 1 ? () => setDraft(draft.filter((_, j) => j !== i)) : null}
          />
        ))}
        <div className="gap-actions">
          <button type="button" className="button" onClick={() => setDraft([...draft, defaultRow(catalogue)])}>
            {t('servicesGap.addRow')}
          </button>
          <button type="submit" className="button button-primary">
            {t('servicesGap.run')}
          </button>
        </div>
        <p className="field-hint">{t('servicesGap.permalink')}</p>
      </form>
      {failed && <FormAlert id="abgleich-fehler" message={failed} />}
      {running && (
        <p className="loading" role="status">
          {t('servicesGap.running')}
        </p>
      )}
      {result && result.key === urlKey && (
        <>
          <GapResult tenantKey={tenantKey} view={result.view} variables={catalogue.variables} />
          {canSave && (
            <SaveIndicators key={urlKey} tenantKey={tenantKey} rows={urlRows} areas={result.view.matrix.areas.length} />
          )}
        </>
      )}
    </>
  );
}

function RowFields({
  index,
  row,
  catalogue,
  onChange,
  onRemove,
}: {
  index: number;
  row: DraftRow;
  catalogue: Catalogue;
  onChange(patch: Partial<DraftRow>): void;
  onRemove: (() => void) | null;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `abgleich-${index + 1}-${name}`;
  const vocabularies = [...new Set(catalogue.terms.map((term) => term.vocabulary))];
  const periods = catalogue.periods.get(row.variableKey) ?? [];
  return (
    <fieldset className="gap-row">
      <legend>{t('servicesGap.rowLegend', { number: index + 1 })}</legend>
      <Field id={id('bezeichnung')} label={t('servicesGap.label')} value={row.label} onChange={(label) => onChange({ label })} />
      <div className="field">
        <label htmlFor={id('begriffe')}>{t('servicesGap.terms')}</label>
        <p className="field-hint" id={id('begriffe-hinweis')}>
          {t('servicesGap.termsHint')}
        </p>
        <select
          id={id('begriffe')}
          multiple
          size={6}
          value={row.termKeys}
          aria-describedby={id('begriffe-hinweis')}
          onChange={(event) => onChange({ termKeys: [...event.target.selectedOptions].map((o) => o.value) })}
        >
          {vocabularies.map((vocabulary) => (
            <optgroup key={vocabulary} label={t(`servicesGap.vocabulary.${vocabulary}`)}>
              {catalogue.terms
                .filter((term) => term.vocabulary === vocabulary)
                .map((term) => (
                  <option key={term.key} value={term.key}>
                    {term.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('merkmal')}>{t('servicesGap.variable')}</label>
        <select
          id={id('merkmal')}
          value={row.variableKey}
          onChange={(event) => {
            const variableKey = event.target.value;
            onChange({ variableKey, period: latestPeriod(catalogue.periods.get(variableKey) ?? []) ?? row.period });
          }}
        >
          {catalogue.variables.map((variable) => (
            <option key={variable.key} value={variable.key}>
              {variable.label} ({variable.key})
            </option>
          ))}
        </select>
      </div>
      <Field
        id={id('zeitraum')}
        label={t('servicesGap.period')}
        hint={t('servicesGap.periodHint')}
        value={row.period}
        onChange={(period) => onChange({ period })}
        list={id('zeitraeume')}
        autoComplete="off"
      />
      <datalist id={id('zeitraeume')}>
        {periods.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <div className="gap-numbers">
        <Field
          id={id('km')}
          label={t('servicesGap.reachKm')}
          hint={t('servicesGap.reachKmHint')}
          value={row.reachKm}
          onChange={(reachKm) => onChange({ reachKm })}
          inputMode="decimal"
        />
        <Field
          id={id('plaetze')}
          label={t('servicesGap.minPer1000')}
          hint={t('servicesGap.thresholdHint')}
          value={row.minPer1000}
          onChange={(minPer1000) => onChange({ minPer1000 })}
          inputMode="decimal"
        />
        <Field
          id={id('anteil')}
          label={t('servicesGap.minReachPercent')}
          hint={t('servicesGap.thresholdHint')}
          value={row.minReachPercent}
          onChange={(minReachPercent) => onChange({ minReachPercent })}
          inputMode="decimal"
        />
      </div>
      {onRemove && (
        <button type="button" className="button button-small" onClick={onRemove}>
          {t('servicesGap.removeRow', { number: index + 1 })}
        </button>
      )}
    </fieldset>
  );
}

const anchor = (rowKey: string, areaKey: string) => `luecke-${rowKey}-${areaKey}`;

function CellContent({ cell, language }: { cell: GapCellView; language: string }) {
  const { t } = useTranslation();
  const rate =
    cell.capacityPer1000 !== null
      ? t('servicesGap.table.perThousand', { value: formatDecimal(cell.capacityPer1000, language) })
      : cell.capacityPer1000LowerBound !== null
        ? t('servicesGap.table.perThousandLower', { value: formatDecimal(cell.capacityPer1000LowerBound, language) })
        : t('servicesGap.table.perThousandUnknown');
  return (
    <>
      <strong className="gap-status">{t(`servicesGap.status.${cell.status}`)}</strong>
      <span className="gap-figure">{t('servicesGap.table.services', { count: cell.services })}</span>
      <span className="gap-figure">{rate}</span>
      {cell.reach && (
        <span className="gap-figure">
          {cell.reach.share === null
            ? t('servicesGap.table.reachUnknown')
            : t('servicesGap.table.reach', { value: formatDecimal(cell.reach.share * 100, language, 0) })}
        </span>
      )}
    </>
  );
}

function GapResult({
  tenantKey,
  view,
  variables,
}: {
  tenantKey: string;
  view: GapAnalysisResult;
  variables: AtlasVariableView[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const findings = gapFindings(view);
  const variableLabel = (key: string) => variables.find((v) => v.key === key)?.label ?? key;
  const firstReach = view.matrix.rows[0];
  return (
    <section className="gap-result" aria-labelledby="abgleich-ergebnis">
      <h2 id="abgleich-ergebnis">{t('servicesGap.summaryTitle')}</h2>
      <p className="gap-summary" data-testid="abgleich-zusammenfassung">
        {gapSummary(view, t, language)}
      </p>
      <p className="field-hint">{t('servicesGap.legend')}</p>
      <div className="table-wrap" role="region" tabIndex={0} aria-label={t('servicesGap.table.region')}>
        <table className="gap-table">
          <caption>{t('servicesGap.table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('servicesGap.table.row')}</th>
              {view.matrix.areas.map((area) => (
                <th key={area.key} scope="col">
                  {area.name}
                </th>
              ))}
              <th scope="col">{t('servicesGap.table.total')}</th>
            </tr>
          </thead>
          <tbody>
            {view.matrix.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.areaKey}
                    className={`gap-cell gap-cell-${cell.status}`}
                    data-testid={`abgleich-zelle-${row.key}-${cell.areaKey}`}
                  >
                    <CellContent cell={cell} language={language} />
                    {cell.status === 'gap' && cell.areaKey !== null && (
                      <a
                        className="gap-link"
                        href={`#${anchor(row.key, cell.areaKey)}`}
                        onClick={(event) => {
                          // Focus the details instead of changing the address (keeps the permalink clean).
                          event.preventDefault();
                          const target = document.getElementById(anchor(row.key, cell.areaKey!));
                          target?.scrollIntoView({ block: 'start' });
                          target?.focus();
                        }}
                      >
                        {t('servicesGap.table.toServices')}
                      </a>
                    )}
                  </td>
                ))}
                <td className={`gap-cell gap-cell-${row.total.status}`} data-testid={`abgleich-zelle-${row.key}-gesamt`}>
                  <CellContent cell={row.total} language={language} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.reachMethod && firstReach && (
        <p className="field-hint">
          {view.population?.kind === 'grid' && view.population.grid
            ? t('servicesGap.reachNoteGrid', {
                method: view.reachMethod,
                variable: variableLabel(firstReach.targetVariableKey),
                cellSize: formatDecimal(view.population.grid.cellSize, language, 0),
                cells: formatDecimal(view.population.points, language, 0),
                secret: formatDecimal(view.population.unknownPoints, language, 0),
              })
            : t('servicesGap.reachNote', { method: view.reachMethod, variable: variableLabel(firstReach.targetVariableKey) })}
        </p>
      )}
      <h2>{t('servicesGap.gapsTitle')}</h2>
      {findings.length === 0 ? (
        <p>{t('servicesGap.noGaps')}</p>
      ) : (
        findings.map(({ rowLabel, areaName, cell }) => (
          <section
            key={`${cell.rowKey}-${cell.areaKey}`}
            className="gap-finding"
            aria-labelledby={anchor(cell.rowKey, cell.areaKey!)}
            data-testid={`abgleich-luecke-${cell.rowKey}-${cell.areaKey}`}
          >
            <h3 id={anchor(cell.rowKey, cell.areaKey!)} tabIndex={-1}>
              {areaName} – {rowLabel}
            </h3>
            <p>
              {t('servicesGap.data', {
                population:
                  cell.targetPopulation === null
                    ? t('servicesGap.populationUnknown')
                    : formatDecimal(cell.targetPopulation, language, 0),
                variable: variableLabel(cell.targetVariableKey),
                variableKey: cell.targetVariableKey,
                period: cell.period,
                capacity: formatDecimal(cell.knownCapacity, language, 0),
              })}
            </p>
            {cell.serviceIds.length === 0 ? (
              <p>{t('servicesGap.noServices')}</p>
            ) : (
              <>
                <p>{t('servicesGap.servicesIn')}</p>
                <ul>
                  {cell.serviceIds.map((id) => {
                    const entry = view.entries[id];
                    return (
                      <li key={id}>
                        {entry ? (
                          <Link to={`/angebote/${encodeURIComponent(tenantKey)}/${encodeURIComponent(entry.serviceId)}`}>
                            {entry.name}
                          </Link>
                        ) : (
                          id
                        )}
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </section>
        ))
      )}
    </section>
  );
}
