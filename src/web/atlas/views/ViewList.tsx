import { Fragment, useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MAX_VIEW_DESCRIPTION, MAX_VIEW_TITLE } from '../../../domain/atlas-views/saved-view.ts';
import { errorMessage, fieldErrors } from '../../api.ts';
import { Field, FormAlert } from '../../components/Field.tsx';
import { Loading } from '../../components/Page.tsx';
import { atlasHref, viewApi, type ManagedView } from './api.ts';
import { describeView, viewOfState } from './describe.ts';
import './views.css';

/** The last change, with what „Rückgängig“ does. */
interface Status {
  text: string;
  undo?: { kind: 'published'; id: string; title: string; published: boolean } | { kind: 'restore'; id: string; title: string };
}

const safeId = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');
const toggleId = (id: string) => `ansicht-veroeffentlichen-${safeId(id)}`;
const renameId = (id: string) => `ansicht-umbenennen-${safeId(id)}`;

/**
 * The saved views of one municipality for its members: title (opening the atlas), what the
 * view shows and whether it is published; for planners and admins (`mayWrite`) publishing
 * and withdrawing with confirmation and undo, renaming, and deleting with undo.
 */
export function ViewList({ tenantKey, mayWrite }: { tenantKey: string; mayWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const [views, setViews] = useState<ManagedView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The id of the control that gets focus once the change is rendered.
  const focusTarget = useRef<string | null>(null);

  useEffect(() => {
    let active = true;
    viewApi.list(tenantKey).then(
      (list) => {
        if (!active) return;
        setViews(list);
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

  /** Runs one change; on success shows the status, reloads and moves focus to `focus`. */
  const run = useCallback(async (change: () => Promise<unknown>, next: Status, focus: string) => {
    setBusy(true);
    setActionError(null);
    try {
      await change();
      setStatus(next);
      focusTarget.current = focus;
      setReload((n) => n + 1);
    } catch (error) {
      setActionError(errorMessage(error));
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }, []);

  function setPublished(view: ManagedView, published: boolean) {
    const title = view.title;
    void run(
      () => viewApi.setPublished(tenantKey, view.id, published),
      {
        text: t(published ? 'atlasViews.status.published' : 'atlasViews.status.unpublished', { title }),
        undo: { kind: 'published', id: view.id, title, published: !published },
      },
      toggleId(view.id),
    );
  }

  function remove(view: ManagedView) {
    if (busy) return;
    void run(
      () => viewApi.remove(tenantKey, view.id),
      { text: t('atlasViews.status.deleted', { title: view.title }), undo: { kind: 'restore', id: view.id, title: view.title } },
      'ansichten-status',
    );
  }

  function undo() {
    const previous = status?.undo;
    if (!previous || busy) return;
    if (previous.kind === 'restore') {
      void run(
        () => viewApi.restore(tenantKey, previous.id),
        { text: t('atlasViews.status.restored', { title: previous.title }) },
        'ansichten-status',
      );
    } else {
      void run(
        () => viewApi.setPublished(tenantKey, previous.id, previous.published),
        {
          text: t(previous.published ? 'atlasViews.status.undonePublished' : 'atlasViews.status.undoneUnpublished', {
            title: previous.title,
          }),
        },
        'ansichten-status',
      );
    }
  }

  if (loadError)
    return (
      <p className="alert alert-error" role="alert">
        {loadError}
      </p>
    );
  if (!views) return <Loading />;

  const columns = mayWrite ? 4 : 3;
  return (
    <>
      <div id="ansichten-status" tabIndex={-1} role="status" className={status ? 'alert alert-success' : 'alert-empty'}>
        {status && (
          <>
            <span>{status.text}</span>
            {status.undo && mayWrite && (
              <>
                {' '}
                <button type="button" className="button button-small" onClick={undo} aria-disabled={busy}>
                  {t('atlasViews.status.undo')}
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
      {views.length === 0 ? (
        <p>{t('atlasViews.none')}</p>
      ) : (
        // Focusable so keyboard users can scroll the wide table on a narrow screen.
        <div className="table-wrap" role="region" tabIndex={0} aria-labelledby="ansichten-tabelle">
          <table className="view-table">
            <caption id="ansichten-tabelle">{t('atlasViews.table.caption', { count: views.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('atlasViews.table.title')}</th>
                <th scope="col">{t('atlasViews.table.view')}</th>
                <th scope="col">{t('atlasViews.table.published')}</th>
                {mayWrite && <th scope="col">{t('atlasViews.table.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {views.map((view) => (
                <Fragment key={view.id}>
                  <tr data-testid={`ansicht-${view.id}`}>
                    <th scope="row">
                      <Link to={atlasHref(view.state)}>{view.title}</Link>
                      {view.description && <p className="view-description">{view.description}</p>}
                    </th>
                    <td>
                      <ul className="view-summary">
                        {describeView(viewOfState(view.state), view.indicatorLabel, t, i18n.language).map((part) => (
                          <li key={part}>{part}</li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {view.published ? t('atlasViews.table.yes') : <span className="badge">{t('atlasViews.table.no')}</span>}
                      {view.published && !view.indicatorPublished && (
                        <p className="view-description">{t('atlasViews.table.hiddenIndicator')}</p>
                      )}
                    </td>
                    {mayWrite && (
                      <td>
                        <div className="button-row">
                          <button
                            id={toggleId(view.id)}
                            type="button"
                            className="button button-small"
                            aria-expanded={confirming === view.id}
                            aria-controls={confirming === view.id ? `${toggleId(view.id)}-frage` : undefined}
                            onClick={() => {
                              setStatus(null);
                              setRenaming(null);
                              setConfirming(confirming === view.id ? null : view.id);
                            }}
                          >
                            {t(view.published ? 'atlasViews.actions.unpublish' : 'atlasViews.actions.publish')}
                            <span className="visually-hidden"> {t('atlasViews.actions.of', { title: view.title })}</span>
                          </button>
                          <button
                            id={renameId(view.id)}
                            type="button"
                            className="button button-small"
                            aria-expanded={renaming === view.id}
                            onClick={() => {
                              setStatus(null);
                              setConfirming(null);
                              setRenaming(renaming === view.id ? null : view.id);
                            }}
                          >
                            {t('atlasViews.actions.rename')}
                            <span className="visually-hidden"> {t('atlasViews.actions.of', { title: view.title })}</span>
                          </button>
                          <button type="button" className="button button-small" aria-disabled={busy} onClick={() => remove(view)}>
                            {t('atlasViews.actions.delete')}
                            <span className="visually-hidden"> {t('atlasViews.actions.of', { title: view.title })}</span>
                          </button>
                        </div>
                      </td>
                    )}
                  </tr>
                  {mayWrite && confirming === view.id && (
                    <tr>
                      <td colSpan={columns}>
                        <div
                          id={`${toggleId(view.id)}-frage`}
                          className="confirm"
                          role="group"
                          aria-label={t('atlasViews.confirm.label', { title: view.title })}
                        >
                          <span>
                            {t(view.published ? 'atlasViews.confirm.unpublish' : 'atlasViews.confirm.publish', {
                              title: view.title,
                            })}
                          </span>
                          <button
                            ref={confirmButton}
                            type="button"
                            className="button button-small button-primary"
                            aria-disabled={busy}
                            onClick={() => !busy && setPublished(view, !view.published)}
                          >
                            {t(view.published ? 'atlasViews.confirm.unpublishYes' : 'atlasViews.confirm.publishYes')}
                          </button>
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => {
                              focusTarget.current = toggleId(view.id);
                              setConfirming(null);
                            }}
                          >
                            {t('atlasViews.confirm.no')}
                          </button>
                        </div>
                      </td>
                    </tr>
                  )}
                  {mayWrite && renaming === view.id && (
                    <tr>
                      <td colSpan={columns}>
                        <RenameForm
                          tenantKey={tenantKey}
                          view={view}
                          onDone={(title) => {
                            setRenaming(null);
                            if (title === null) {
                              focusTarget.current = renameId(view.id);
                              return;
                            }
                            setStatus({ text: t('atlasViews.status.renamed', { title }) });
                            focusTarget.current = 'ansichten-status';
                            setReload((n) => n + 1);
                          }}
                        />
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

/** Title and description of one view; Escape or „Abbrechen“ leave it (`onDone(null)`), saving calls `onDone(title)`. */
function RenameForm({ tenantKey, view, onDone }: { tenantKey: string; view: ManagedView; onDone(title: string | null): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(view.title);
  const [description, setDescription] = useState(view.description);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const prefix = `ansicht-${safeId(view.id)}`;

  useEffect(() => {
    document.getElementById(`${prefix}-titel`)?.focus();
  }, [prefix]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const saved = await viewApi.update(tenantKey, view.id, { title, description });
      onDone(saved.title);
    } catch (failure) {
      setError(errorMessage(failure));
      setFields(fieldErrors(failure));
      setBusy(false);
    }
  }

  function escape(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onDone(null);
    }
  }

  return (
    <form
      className="view-rename"
      aria-label={t('atlasViews.rename.label', { title: view.title })}
      onSubmit={(e) => void submit(e)}
      onKeyDown={escape}
      noValidate
    >
      <FormAlert id={`${prefix}-fehler`} message={error} />
      <Field
        id={`${prefix}-titel`}
        label={t('atlasViews.fields.title')}
        value={title}
        onChange={setTitle}
        error={fields.title}
        required
        maxLength={MAX_VIEW_TITLE}
        autoComplete="off"
      />
      <div className={fields.description ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${prefix}-beschreibung`}>{t('atlasViews.fields.description')}</label>
        {fields.description && (
          <p className="field-error" id={`${prefix}-beschreibung-fehler`}>
            {fields.description}
          </p>
        )}
        <textarea
          id={`${prefix}-beschreibung`}
          rows={3}
          value={description}
          maxLength={MAX_VIEW_DESCRIPTION}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={fields.description ? true : undefined}
          aria-describedby={fields.description ? `${prefix}-beschreibung-fehler` : undefined}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-small button-primary" aria-disabled={busy}>
          {t('atlasViews.rename.save')}
        </button>
        <button type="button" className="button button-small" onClick={() => onDone(null)}>
          {t('atlasViews.rename.cancel')}
        </button>
      </div>
    </form>
  );
}
