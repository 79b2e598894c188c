import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaxonomyTerm } from '../register/types.ts';
import { AddTermForm } from './AddTermForm.tsx';
import { TermRow } from './TermRow.tsx';
import { termsOf, type TaxonomyVocabulary } from './terms.ts';

/** The last hide or show in a vocabulary, offered for „Rückgängig“. */
export interface LastToggle {
  key: string;
  label: string;
  /** Whether the term is hidden now (after the action). */
  hidden: boolean;
  /** Counts actions so that the same text is focused again. */
  n: number;
}

interface VocabularySectionProps {
  vocabulary: TaxonomyVocabulary;
  terms: readonly TaxonomyTerm[];
  canEdit: boolean;
  lastToggle: LastToggle | null;
  onRename(term: TaxonomyTerm, label: string): Promise<void>;
  onToggle(term: TaxonomyTerm): Promise<void>;
  onUndo(toggle: LastToggle): Promise<void>;
  /** Saves an own term (rejects with the API error). */
  onAdd(vocabulary: TaxonomyVocabulary, key: string, label: string): Promise<void>;
}

/**
 * One vocabulary (Lebenslagen, Zielgruppen or Handlungsfelder) as a table of its terms, the
 * undo notice of the last hide/show and the form for an own term. Focus: after hiding or showing
 * on the notice, after „Rückgängig“ back on the term's button, after adding on the new term.
 */
export function VocabularySection({
  vocabulary,
  terms,
  canEdit,
  lastToggle,
  onRename,
  onToggle,
  onUndo,
  onAdd,
}: VocabularySectionProps) {
  const { t } = useTranslation();
  const id = useId();
  const toggles = useRef(new Map<string, HTMLButtonElement>());
  const headers = useRef(new Map<string, HTMLTableCellElement>());
  const own = termsOf(terms, vocabulary);
  const name = t(`servicesTaxonomy.vocabularies.${vocabulary}`);
  const hiddenCount = own.filter((x) => x.hidden).length;
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const toggleNumber = lastToggle?.n ?? null;
  // A new hide/show in this vocabulary: its notice (with „Rückgängig“) takes focus.
  useEffect(() => {
    if (toggleNumber !== null) noticeRef.current?.focus();
  }, [toggleNumber]);
  // After adding, focus goes to the new term's row header once it is rendered.
  const added = useRef<string | null>(null);
  useEffect(() => {
    const key = added.current;
    if (key && headers.current.has(key)) {
      headers.current.get(key)?.focus();
      added.current = null;
    }
  });

  const toggleRef = (key: string, element: HTMLButtonElement | null) => {
    if (element) toggles.current.set(key, element);
    else toggles.current.delete(key);
  };
  const headerRef = (key: string, element: HTMLTableCellElement | null) => {
    if (element) headers.current.set(key, element);
    else headers.current.delete(key);
  };

  return (
    <section aria-labelledby={`${id}-titel`} className="taxonomy-vocabulary" data-testid={`taxonomie-${vocabulary}`}>
      <h2 id={`${id}-titel`}>{name}</h2>
      <p>{t('servicesTaxonomy.count', { count: own.length, hidden: hiddenCount })}</p>
      {lastToggle && (
        <p className="alert alert-success taxonomy-undo" tabIndex={-1} ref={noticeRef} data-testid="taxonomie-hinweis">
          {t(lastToggle.hidden ? 'servicesTaxonomy.hiddenDone' : 'servicesTaxonomy.shownDone', { label: lastToggle.label })}{' '}
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              void onUndo(lastToggle).then(() => {
                toggles.current.get(lastToggle.key)?.focus();
              })
            }
          >
            {t('servicesTaxonomy.undo')}
          </button>
        </p>
      )}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('servicesTaxonomy.caption', { vocabulary: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('servicesTaxonomy.columns.label')}</th>
              <th scope="col">{t('servicesTaxonomy.columns.key')}</th>
              <th scope="col">{t('servicesTaxonomy.columns.origin')}</th>
              <th scope="col">{t('servicesTaxonomy.columns.visibility')}</th>
              {canEdit && <th scope="col">{t('servicesTaxonomy.columns.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {own.map((term) => (
              <TermRow
                key={term.key}
                term={term}
                canEdit={canEdit}
                idPrefix={`${id}-${term.key.replace(/\W/g, '-')}`}
                onRename={onRename}
                onToggle={(x) => void onToggle(x)}
                toggleRef={toggleRef}
                headerRef={headerRef}
              />
            ))}
          </tbody>
        </table>
      </div>
      {canEdit && (
        <AddTermForm
          vocabulary={vocabulary}
          terms={terms}
          idPrefix={`${id}-neu`}
          onAdd={async (key, label) => {
            added.current = key;
            try {
              await onAdd(vocabulary, key, label);
            } catch (e) {
              added.current = null;
              throw e;
            }
          }}
        />
      )}
    </section>
  );
}
