import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api.ts';
import { Loading } from '../../components/Page.tsx';
import { formatValue } from '../format.ts';
import { indicatorApi, withPublished, type CatalogueVariable, type ManagedIndicator } from './api.ts';
import { formOf, emptyForm, type FormState } from './form-state.ts';
import { formulaText } from './formula.ts';
import { IndicatorForm } from './IndicatorForm.tsx';

/** The last change of a publication, with what "Rückgängig" restores. */
interface Status {
  text: string;
  undo?: { key: string; published: boolean };
}

type Editing = { indicator: ManagedIndicator | null; initial: FormState } | null;

/**
 * The indicators of one municipality: table with formula, inputs and publication; for
 * planners and admins (`mayWrite`) the publish toggle with confirmation and undo, and the
 * form to create and change indicators. State-level indicators are shown, never changed.
 */
export function IndicatorList({ tenantKey, mayWrite }: { tenantKey: string; mayWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [indicators, setIndicators] = useState<ManagedIndicator[] | null>(null);
  const [variables, setVariables] = useState<CatalogueVariable[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [reload, setReload] = useState(0);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The id of the control that gets focus back once the change is rendered.
  const focusTarget = useRef<string | null>(null);
  const setFocusTarget = (id: string) => {
    focusTarget.current = id;
  };

  useEffect(() => {
    let active = true;
    Promise.all([indicatorApi.list(tenantKey), indicatorApi.variables(tenantKey)]).then(
      ([list, catalogue]) => {
        if (!active) return;
        setIndicators(list);
        setVariables([...catalogue].sort((a, b) => a.label.localeCompare(b.label, 'de')));
        setLoadError(null);
      },
      (error: unknown) => active && setLoadError(errorMessage(error)),
    );
    return () => {
      active = false;
    };
  }, [tenantKey, reload]);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  // Runs after every render: the target may appear only once the reloaded list is shown.
  useEffect(() => {
    const target = focusTarget.current && document.getElementById(focusTarget.current);
    if (!target) return;
    target.focus();
    focusTarget.current = null;
  });

  const labels = useMemo(() => new Map(variables.map((v) => [v.key, v.label])), [variables]);
  const names = {
    label: (key: string) => labels.get(key) ?? key,
    number: (value: number) => formatValue(value, language),
  };
  const keys = useMemo(() => new Set((indicators ?? []).map((i) => i.key)), [indicators]);
  const toggleId = (key: string) => `veroeffentlichen-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const setPublished = useCallback(
    async (indicator: ManagedIndicator, published: boolean, undo: boolean) => {
      setBusy(true);
      setActionError(null);
      try {
        await indicatorApi.save(tenantKey, indicator.key, withPublished(indicator, published));
        const label = indicator.label;
        setStatus(
          undo
            ? {
                text: t(published ? 'atlasIndicators.status.undonePublished' : 'atlasIndicators.status.undoneUnpublished', {
                  label,
                }),
              }
            : {
                text: t(published ? 'atlasIndicators.status.published' : 'atlasIndicators.status.unpublished', { label }),
                undo: { key: indicator.key, published: !published },
              },
        );
        setFocusTarget(undo ? 'indikatoren-status' : toggleId(indicator.key));
        setReload((n) => n + 1);
      } catch (error) {
        setActionError(errorMessage(error));
      } finally {
        setBusy(false);
        setConfirming(null);
      }
    },
    [tenantKey, t],
  );

  function undo() {
    const previous = status?.undo;
    const indicator = previous && indicators?.find((i) => i.key === previous.key);
    if (!previous || !indicator || busy) return;
    void setPublished(indicator, previous.published, true);
  }

  function saved(indicator: ManagedIndicator, created: boolean) {
    setEditing(null);
    setStatus({
      text: t(created ? 'atlasIndicators.status.created' : 'atlasIndicators.status.saved', { label: indicator.label }),
    });
    setFocusTarget('indikatoren-status');
    setReload((n) => n + 1);
  }

  if (loadError)
    return (
      <p className="alert alert-error" role="alert">
        {loadError}
      </p>
    );
  if (!indicators) return <Loading />;

  const own = (i: ManagedIndicator) => i.scope === tenantKey;
  return (
    <>
      <div id="indikatoren-status" tabIndex={-1} role="status" className={status ? 'alert alert-success' : 'alert-empty'}>
        {status && (
          <>
            <span>{status.text}</span>
            {status.undo && mayWrite && (
              <>
                {' '}
                <button type="button" className="button button-small" onClick={undo} aria-disabled={busy}>
                  {t('atlasIndicators.status.undo')}
                </button>
              </>
            )}
          </>
        )}
      </div>
      {actionError && (
        <p className="alert alert-error" role="alert">
          {actionError}
        </p>
      )}
      {mayWrite && !editing && (
        <p>
          <button
            id="indikatoren-neu"
            type="button"
            className="button button-primary"
            onClick={() => {
              setStatus(null);
              setEditing({ indicator: null, initial: emptyForm() });
            }}
          >
            {t('atlasIndicators.create')}
          </button>
        </p>
      )}
      {editing && (
        <IndicatorForm
          key={editing.indicator?.key ?? '(neu)'}
          tenantKey={tenantKey}
          indicator={editing.indicator}
          initial={editing.initial}
          variables={variables}
          existingKeys={keys}
          onSaved={saved}
          onCancel={() => {
            setFocusTarget(editing.indicator ? `bearbeiten-${toggleId(editing.indicator.key)}` : 'indikatoren-neu');
            setEditing(null);
          }}
        />
      )}
      {indicators.length === 0 ? (
        <p>{t('atlasIndicators.none')}</p>
      ) : (
        // Focusable so keyboard users can scroll the wide table on a narrow screen.
        <div className="table-wrap" role="region" tabIndex={0} aria-labelledby="indikatoren-tabelle">
          <table className="indicator-table">
            <caption id="indikatoren-tabelle">{t('atlasIndicators.table.caption', { count: indicators.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('atlasIndicators.table.label')}</th>
                <th scope="col">{t('atlasIndicators.table.lifeDomain')}</th>
                <th scope="col">{t('atlasIndicators.table.unit')}</th>
                <th scope="col">{t('atlasIndicators.table.formula')}</th>
                <th scope="col">{t('atlasIndicators.table.inputs')}</th>
                <th scope="col">{t('atlasIndicators.table.published')}</th>
                {mayWrite && <th scope="col">{t('atlasIndicators.table.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {indicators.map((indicator) => (
                <Fragment key={`${indicator.scope}/${indicator.key}`}>
                  <tr data-testid={`indikator-${indicator.key}`}>
                    <th scope="row">
                      {indicator.label}
                      <br />
                      <code className="indicator-key">{indicator.key}</code>
                    </th>
                    <td>{t(`atlas.lifeDomains.${indicator.lifeDomain}`, { defaultValue: indicator.lifeDomain })}</td>
                    <td>{indicator.unit}</td>
                    <td>{formulaText(indicator.formula, names)}</td>
                    <td>
                      <ul className="indicator-inputs">
                        {indicator.inputs.map((key) => (
                          <li key={key}>{labels.get(key) ?? key}</li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {indicator.published ? (
                        t('atlasIndicators.table.yes')
                      ) : (
                        <span className="badge">{t('atlasIndicators.table.no')}</span>
                      )}
                    </td>
                    {mayWrite && (
                      <td>
                        {!own(indicator) ? (
                          <span className="muted">{t('atlasIndicators.table.stateLevel')}</span>
                        ) : (
                          <div className="button-row">
                            <button
                              id={toggleId(indicator.key)}
                              type="button"
                              className="button button-small"
                              aria-expanded={confirming === indicator.key}
                              aria-controls={confirming === indicator.key ? `${toggleId(indicator.key)}-frage` : undefined}
                              onClick={() => {
                                setStatus(null);
                                setConfirming(confirming === indicator.key ? null : indicator.key);
                              }}
                            >
                              {t(indicator.published ? 'atlasIndicators.actions.unpublish' : 'atlasIndicators.actions.publish')}
                              <span className="visually-hidden">
                                {' '}
                                {t('atlasIndicators.actions.of', { label: indicator.label })}
                              </span>
                            </button>
                            <button
                              id={`bearbeiten-${toggleId(indicator.key)}`}
                              type="button"
                              className="button button-small"
                              onClick={() => {
                                setStatus(null);
                                setEditing({ indicator, initial: formOf(indicator, language) });
                              }}
                            >
                              {t('atlasIndicators.actions.edit')}
                              <span className="visually-hidden">
                                {' '}
                                {t('atlasIndicators.actions.of', { label: indicator.label })}
                              </span>
                            </button>
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                  {mayWrite && confirming === indicator.key && (
                    // A row of its own: the question needs more room than the actions column has.
                    <tr className="indicator-confirm-row">
                      <td colSpan={7}>
                        <div
                          id={`${toggleId(indicator.key)}-frage`}
                          className="confirm indicator-confirm"
                          role="group"
                          aria-label={t('atlasIndicators.confirm.label', { label: indicator.label })}
                        >
                          <span>
                            {t(indicator.published ? 'atlasIndicators.confirm.unpublish' : 'atlasIndicators.confirm.publish', {
                              label: indicator.label,
                            })}
                          </span>
                          <button
                            ref={confirmButton}
                            type="button"
                            className="button button-small button-primary"
                            aria-disabled={busy}
                            onClick={() => !busy && void setPublished(indicator, !indicator.published, false)}
                          >
                            {t(
                              indicator.published ? 'atlasIndicators.confirm.unpublishYes' : 'atlasIndicators.confirm.publishYes',
                            )}
                          </button>
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => {
                              setFocusTarget(toggleId(indicator.key));
                              setConfirming(null);
                            }}
                          >
                            {t('atlasIndicators.confirm.no')}
                          </button>
                        </div>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
