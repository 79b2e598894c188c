import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../api.ts';
import type { TaxonomyTerm } from '../register/types.ts';

interface TermRowProps {
  term: TaxonomyTerm;
  canEdit: boolean;
  /** Stable id prefix for the row's form fields. */
  idPrefix: string;
  /** Saves a new label; rejects with the API error (the row keeps the typed text). */
  onRename(term: TaxonomyTerm, label: string): Promise<void>;
  onToggle(term: TaxonomyTerm): void;
  /** Registers the row's hide/show button so that focus can return to it after an undo. */
  toggleRef(key: string, element: HTMLButtonElement | null): void;
  /** Registers the row's header cell so that focus can go to a newly added term. */
  headerRef(key: string, element: HTMLTableCellElement | null): void;
}

/**
 * One term of a vocabulary: label (or the inline rename form), key, shipped or own, shown or
 * hidden, and for planners the buttons „Bezeichnung ändern“ and „ausblenden“/„einblenden“.
 */
export function TermRow({ term, canEdit, idPrefix, onRename, onToggle, toggleRef, headerRef }: TermRowProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(term.label);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  // Where focus goes after the next render: into the field, or back to the button that opened the form.
  const pendingFocus = useRef<'input' | 'button' | null>(null);
  useEffect(() => {
    if (pendingFocus.current === 'input') inputRef.current?.focus();
    if (pendingFocus.current === 'button') renameRef.current?.focus();
    pendingFocus.current = null;
  });

  const inputId = `${idPrefix}-bezeichnung`;
  const errorId = `${inputId}-fehler`;

  function open() {
    setDraft(term.label);
    setError(null);
    setEditing(true);
    pendingFocus.current = 'input';
  }

  function close() {
    setEditing(false);
    setError(null);
    pendingFocus.current = 'button';
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    if (draft.trim() === '') {
      setError(t('servicesTaxonomy.errors.labelRequired'));
      inputRef.current?.focus();
      return;
    }
    setSaving(true);
    try {
      await onRename(term, draft);
      setEditing(false);
      setError(null);
      pendingFocus.current = 'button';
    } catch (e) {
      setError(fieldErrors(e).label ?? errorMessage(e));
      inputRef.current?.focus();
    } finally {
      setSaving(false);
    }
  }

  return (
    <tr data-term-key={term.key} className={term.hidden ? 'taxonomy-hidden' : undefined}>
      <th scope="row" tabIndex={-1} ref={(el) => headerRef(term.key, el)}>
        {editing ? (
          <form
            className="taxonomy-rename"
            aria-label={t('servicesTaxonomy.renameForm', { label: term.label })}
            onSubmit={submit}
            onKeyDown={(e) => {
              if (e.key === 'Escape') close();
            }}
          >
            <div className={error ? 'field field-invalid' : 'field'}>
              <label htmlFor={inputId}>{t('servicesTaxonomy.newLabel')}</label>
              {error && (
                <p className="field-error" id={errorId}>
                  {error}
                </p>
              )}
              <input
                id={inputId}
                ref={inputRef}
                value={draft}
                maxLength={200}
                onChange={(e) => setDraft(e.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
              />
            </div>
            <div className="button-row">
              <button type="submit" className="button button-primary button-small" aria-disabled={saving || undefined}>
                {t('servicesTaxonomy.save')}
              </button>
              <button type="button" className="button button-small" onClick={close}>
                {t('servicesTaxonomy.cancel')}
              </button>
            </div>
          </form>
        ) : (
          term.label
        )}
      </th>
      <td>
        <code>{term.key}</code>
      </td>
      <td>
        {term.builtIn ? t('servicesTaxonomy.builtIn') : <span className="badge badge-info">{t('servicesTaxonomy.own')}</span>}
      </td>
      <td>{term.hidden ? <span className="badge">{t('servicesTaxonomy.hidden')}</span> : t('servicesTaxonomy.shown')}</td>
      {canEdit && (
        <td>
          <div className="button-row">
            {!editing && (
              <button
                type="button"
                ref={renameRef}
                className="button button-small"
                aria-label={t('servicesTaxonomy.renameFor', { label: term.label })}
                onClick={open}
              >
                {t('servicesTaxonomy.rename')}
              </button>
            )}
            <button
              type="button"
              ref={(el) => toggleRef(term.key, el)}
              className="button button-small"
              aria-label={t(term.hidden ? 'servicesTaxonomy.showFor' : 'servicesTaxonomy.hideFor', { label: term.label })}
              onClick={() => onToggle(term)}
            >
              {t(term.hidden ? 'servicesTaxonomy.show' : 'servicesTaxonomy.hide')}
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}
