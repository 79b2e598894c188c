import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../api.ts';
import { Field, FormAlert } from '../../components/Field.tsx';
import type { TaxonomyTerm } from '../register/types.ts';
import { checkNewTerm, codeFromLabel, termKey, type TaxonomyVocabulary } from './terms.ts';

interface AddTermFormProps {
  vocabulary: TaxonomyVocabulary;
  terms: readonly TaxonomyTerm[];
  idPrefix: string;
  /** Saves the own term; rejects with the API error (the form keeps what was typed). */
  onAdd(key: string, label: string): Promise<void>;
}

/**
 * „Eigenen Begriff hinzufügen“ for one vocabulary: label and optional code (else derived from
 * the label); problems from the browser's check or the server's problem+json appear at the field.
 */
export function AddTermForm({ vocabulary, terms, idPrefix, onAdd }: AddTermFormProps) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ label?: string; key?: string }>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Focus moves after the render that shows the messages, so the field is read with its message.
  const [focusField, setFocusField] = useState<{ name: string } | null>(null);
  useEffect(() => {
    if (focusField) document.getElementById(`${idPrefix}-${focusField.name}`)?.focus();
  }, [focusField, idPrefix]);
  const derived = codeFromLabel(label);
  const vocabularyName = t(`servicesTaxonomy.vocabularies.${vocabulary}`);

  function show(next: { label?: string; key?: string }, message: string | null) {
    setErrors(next);
    setSummary(message);
    const first = next.label ? 'bezeichnung' : next.key ? 'kennung' : null;
    if (first) setFocusField({ name: first });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const { key, problems } = checkNewTerm({ vocabulary, label, code }, terms);
    if (problems.label || problems.key) {
      show(
        {
          ...(problems.label ? { label: t(`servicesTaxonomy.errors.${problems.label}`) } : {}),
          ...(problems.key ? { key: t(`servicesTaxonomy.errors.${problems.key}`, { key }) } : {}),
        },
        t('servicesTaxonomy.errors.summary'),
      );
      return;
    }
    setSaving(true);
    try {
      await onAdd(key, label.trim());
      setLabel('');
      setCode('');
      setErrors({});
      setSummary(null);
    } catch (e) {
      const fields = fieldErrors(e);
      const atFields = {
        ...(fields.label ? { label: fields.label } : {}),
        ...(fields.key ? { key: fields.key } : {}),
      };
      if (atFields.label || atFields.key) show(atFields, t('servicesTaxonomy.errors.summary'));
      else show({}, errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="taxonomy-add" aria-labelledby={`${idPrefix}-titel`} onSubmit={submit} noValidate>
      <h3 id={`${idPrefix}-titel`}>{t('servicesTaxonomy.add.heading', { vocabulary: vocabularyName })}</h3>
      <FormAlert id={`${idPrefix}-meldung`} message={summary} />
      <Field
        id={`${idPrefix}-bezeichnung`}
        label={t('servicesTaxonomy.add.label')}
        hint={t('servicesTaxonomy.add.labelHint')}
        value={label}
        onChange={setLabel}
        error={errors.label}
        maxLength={200}
        required
      />
      <Field
        id={`${idPrefix}-kennung`}
        label={t('servicesTaxonomy.add.code')}
        hint={
          derived && !code.trim()
            ? t('servicesTaxonomy.add.codeHint', { key: termKey(vocabulary, derived) })
            : t('servicesTaxonomy.add.codeHintEmpty')
        }
        value={code}
        onChange={setCode}
        error={errors.key}
        maxLength={60}
        spellCheck={false}
        autoCapitalize="none"
      />
      <button type="submit" className="button button-primary" aria-disabled={saving || undefined}>
        {t('servicesTaxonomy.add.submit')}
      </button>
    </form>
  );
}
