import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MAX_VIEW_DESCRIPTION, MAX_VIEW_TITLE } from '../../../domain/atlas-views/saved-view.ts';
import { errorMessage, fieldErrors } from '../../api.ts';
import { Field, FormAlert } from '../../components/Field.tsx';
import { useSession } from '../../session.tsx';
import { writeView, type AtlasView } from '../permalink.ts';
import { useAtlasData } from '../use-atlas-data.ts';
import { viewApi, viewsHref } from './api.ts';
import { describeView } from './describe.ts';
import './views.css';

const TITLE_ID = 'ansicht-titel';
const DESCRIPTION_ID = 'ansicht-beschreibung';

/**
 * Saving the current atlas view and the link to the saved views. Everybody gets the link to
 * the municipality's saved views; planners and admins of the municipality also the button
 * „Ansicht speichern“, which opens a modal dialog (focus inside, Escape closes, focus back
 * on the button) asking for a title and an optional description.
 */
export function SaveViewControl({ view }: { view: AtlasView }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const data = useAtlasData();
  const tenant = view.tenant;
  const membership = session?.user?.memberships.find((m) => m.tenantKey === tenant);
  const mayWrite = membership !== undefined && (membership.role === 'planner' || membership.role === 'admin');

  const dialog = useRef<HTMLDialogElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [indicatorLabel, setIndicatorLabel] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ title: string } | null>(null);

  // The label of the shown indicator, for the summary in the dialog.
  useEffect(() => {
    if (!open || !tenant || !view.indicator) return;
    let active = true;
    data.indicators(tenant).then(
      (list) => active && setIndicatorLabel(list.find((i) => i.key === view.indicator)?.label ?? null),
      () => active && setIndicatorLabel(null),
    );
    return () => {
      active = false;
    };
  }, [open, tenant, view.indicator, data]);

  if (!tenant) return null;

  function show() {
    setError(null);
    setFields({});
    setSaved(null);
    setOpen(true);
    dialog.current?.showModal();
    document.getElementById(TITLE_ID)?.focus();
  }

  function closed() {
    // Escape or „Abbrechen“: the dialog is closed by the browser or by us; focus goes back to the button.
    setOpen(false);
    openButton.current?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !tenant) return;
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const state = writeView(view).toString();
      const created = await viewApi.save(tenant, { title, description, state });
      setSaved({ title: created.title });
      setTitle('');
      setDescription('');
      dialog.current?.close();
    } catch (failure) {
      setError(errorMessage(failure));
      setFields(fieldErrors(failure));
      document
        .getElementById(fieldErrors(failure).description && !fieldErrors(failure).title ? DESCRIPTION_ID : TITLE_ID)
        ?.focus();
    } finally {
      setBusy(false);
    }
  }

  const summary = describeView(view, indicatorLabel ?? view.indicator, t, i18n.language);
  return (
    <div className="save-view">
      <div className="save-view-actions">
        {mayWrite && (
          <button ref={openButton} type="button" className="button" aria-haspopup="dialog" onClick={show}>
            {t('atlasViews.save.open')}
          </button>
        )}
        <Link to={viewsHref(tenant)}>{t('atlasViews.save.list')}</Link>
      </div>
      {mayWrite && (
        <>
          <div role="status" className={saved ? 'alert alert-success' : 'alert-empty'}>
            {saved && (
              <>
                {t('atlasViews.save.saved', { title: saved.title })}{' '}
                <Link to={viewsHref(tenant)}>{t('atlasViews.save.list')}</Link>
              </>
            )}
          </div>
          <dialog ref={dialog} className="save-view-dialog" aria-labelledby="ansicht-speichern-titel" onClose={closed}>
            <form onSubmit={(e) => void submit(e)} noValidate>
              <h2 id="ansicht-speichern-titel">{t('atlasViews.save.dialogTitle')}</h2>
              <p>{t('atlasViews.save.intro')}</p>
              <ul className="save-view-summary">
                {summary.map((part) => (
                  <li key={part}>{part}</li>
                ))}
              </ul>
              <FormAlert id="ansicht-speichern-fehler" message={error} />
              <Field
                id={TITLE_ID}
                label={t('atlasViews.save.titleLabel')}
                hint={t('atlasViews.save.titleHint')}
                value={title}
                onChange={setTitle}
                error={fields.title}
                required
                maxLength={MAX_VIEW_TITLE}
                autoComplete="off"
              />
              <div className={fields.description ? 'field field-invalid' : 'field'}>
                <label htmlFor="ansicht-beschreibung">{t('atlasViews.save.descriptionLabel')}</label>
                <p className="field-hint" id="ansicht-beschreibung-hinweis">
                  {t('atlasViews.save.descriptionHint')}
                </p>
                {fields.description && (
                  <p className="field-error" id="ansicht-beschreibung-fehler">
                    {fields.description}
                  </p>
                )}
                <textarea
                  id="ansicht-beschreibung"
                  rows={3}
                  value={description}
                  maxLength={MAX_VIEW_DESCRIPTION}
                  onChange={(e) => setDescription(e.target.value)}
                  aria-invalid={fields.description ? true : undefined}
                  aria-describedby={
                    fields.description
                      ? 'ansicht-beschreibung-hinweis ansicht-beschreibung-fehler'
                      : 'ansicht-beschreibung-hinweis'
                  }
                />
              </div>
              <div className="button-row">
                <button type="submit" className="button button-primary" aria-disabled={busy}>
                  {t('atlasViews.save.submit')}
                </button>
                <button type="button" className="button" onClick={() => dialog.current?.close()}>
                  {t('atlasViews.save.cancel')}
                </button>
              </div>
            </form>
          </dialog>
        </>
      )}
    </div>
  );
}
