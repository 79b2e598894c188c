import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api.ts';
import { FormAlert } from '../../components/Field.tsx';
import { formatValue } from '../format.ts';
import { indicatorApi, type CatalogueVariable, type ManagedIndicator } from './api.ts';
import { formulaText } from './formula.ts';
import {
  checkForm,
  definitionOf,
  fieldsOfProblem,
  LIFE_DOMAINS,
  parseFactor,
  POLARITIES,
  type FormField,
  type FormState,
} from './form-state.ts';

/** A labelled control with hint and error, both linked through aria-describedby. */
function Labelled({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (describedBy: string | undefined, invalid: true | undefined) => ReactNode;
}) {
  const hintId = hint ? `${id}-hinweis` : undefined;
  const errorId = error ? `${id}-fehler` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {children(describedBy, error ? true : undefined)}
    </div>
  );
}

const FIELD_ORDER: readonly FormField[] = [
  'key',
  'label',
  'unit',
  'numerator',
  'denominator',
  'factor',
  'source',
  'description',
  'methodNotes',
];

/**
 * Creating (no `indicator`) or changing an indicator: key only when creating, formula as a
 * ratio of two variables of the catalogue or as an expression over variable keys. Problems of
 * the server are shown at the form and its fields; the input stays as typed.
 */
export function IndicatorForm({
  tenantKey,
  indicator,
  initial,
  variables,
  existingKeys,
  onSaved,
  onCancel,
}: {
  tenantKey: string;
  indicator: ManagedIndicator | null;
  initial: FormState;
  variables: readonly CatalogueVariable[];
  existingKeys: ReadonlySet<string>;
  onSaved(saved: ManagedIndicator, created: boolean): void;
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const creating = indicator === null;
  const prefix = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const id = (field: string) => `indikator-${prefix}-${field}`;
  const [form, setForm] = useState<FormState>(initial);
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const labels = useMemo(() => new Map(variables.map((v) => [v.key, v.label])), [variables]);
  const names = {
    label: (key: string) => labels.get(key) ?? key,
    number: (value: number) => formatValue(value, language),
  };
  const set = <K extends keyof FormState>(field: K, value: FormState[K]) => setForm((f) => ({ ...f, [field]: value }));

  function focusFirst(fields: Partial<Record<FormField, string>>) {
    const first = FIELD_ORDER.find((f) => f in fields);
    if (first) requestAnimationFrame(() => document.getElementById(id(first))?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const local = checkForm(form, { creating, existingKeys, language });
    if (Object.keys(local).length > 0) {
      const messages = Object.fromEntries(
        Object.entries(local).map(([field, key]) => [field, t(`atlasIndicators.form.errors.${key}`)]),
      ) as Partial<Record<FormField, string>>;
      setErrors(messages);
      setAlert(t('atlasIndicators.form.checkInput'));
      focusFirst(messages);
      return;
    }
    setBusy(true);
    setErrors({});
    setAlert(null);
    const key = creating ? form.key.trim() : indicator.key;
    try {
      const saved = await indicatorApi.save(tenantKey, key, definitionOf(form, language));
      onSaved({ ...saved, periods: indicator?.periods ?? [] }, creating);
    } catch (error) {
      const detail = errorMessage(error);
      const fields =
        error instanceof ApiError ? fieldsOfProblem(error.code, error.problem.errors ?? {}, form.kind) : ({} as const);
      const messages = Object.fromEntries(Object.entries(fields).map(([f, m]) => [f, m || detail])) as Partial<
        Record<FormField, string>
      >;
      setErrors(messages);
      setAlert(detail);
      focusFirst(messages);
    } finally {
      setBusy(false);
    }
  }

  const variableOptions = (
    <>
      <option value="">{t('atlasIndicators.form.chooseVariable')}</option>
      {variables.map((v) => (
        <option key={v.key} value={v.key}>
          {v.label} ({v.key}
          {v.unit ? `, ${v.unit}` : ''})
        </option>
      ))}
    </>
  );
  const preview = formulaText(
    form.kind === 'ratio'
      ? {
          kind: 'ratio',
          numerator: form.numerator || '…',
          denominator: form.denominator || '…',
          factor: parseFactor(form.factor, language) ?? 1,
        }
      : { kind: 'expression', source: form.source || '…' },
    names,
  );
  const title = creating
    ? t('atlasIndicators.form.createTitle')
    : t('atlasIndicators.form.editTitle', { label: indicator.label });
  const alertId = id('fehler');

  return (
    <section className="card indicator-form" aria-labelledby={id('titel')}>
      <h2 id={id('titel')} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <FormAlert id={alertId} message={alert} />
      <form className="form form-wide" onSubmit={(event) => void submit(event)} noValidate aria-describedby={alertId}>
        {creating ? (
          <Labelled
            id={id('key')}
            label={t('atlasIndicators.form.key')}
            hint={t('atlasIndicators.form.keyHint')}
            error={errors.key}
          >
            {(describedBy, invalid) => (
              <input
                id={id('key')}
                value={form.key}
                onChange={(e) => set('key', e.target.value)}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={invalid}
                aria-describedby={describedBy}
              />
            )}
          </Labelled>
        ) : (
          <p>
            {t('atlasIndicators.form.key')}: <code>{indicator.key}</code>
          </p>
        )}
        <Labelled id={id('label')} label={t('atlasIndicators.form.label')} error={errors.label}>
          {(describedBy, invalid) => (
            <input
              id={id('label')}
              value={form.label}
              onChange={(e) => set('label', e.target.value)}
              maxLength={300}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Labelled>
        <Labelled
          id={id('unit')}
          label={t('atlasIndicators.form.unit')}
          hint={t('atlasIndicators.form.unitHint')}
          error={errors.unit}
        >
          {(describedBy, invalid) => (
            <input
              id={id('unit')}
              value={form.unit}
              onChange={(e) => set('unit', e.target.value)}
              maxLength={50}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Labelled>

        <fieldset>
          <legend>{t('atlasIndicators.form.formula')}</legend>
          <div className="choice">
            <input
              type="radio"
              id={id('art-ratio')}
              name={id('art')}
              checked={form.kind === 'ratio'}
              onChange={() => set('kind', 'ratio')}
            />
            <label htmlFor={id('art-ratio')}>{t('atlasIndicators.form.kindRatio')}</label>
          </div>
          <div className="choice">
            <input
              type="radio"
              id={id('art-expression')}
              name={id('art')}
              checked={form.kind === 'expression'}
              onChange={() => set('kind', 'expression')}
            />
            <label htmlFor={id('art-expression')}>{t('atlasIndicators.form.kindExpression')}</label>
          </div>
          {form.kind === 'ratio' ? (
            <>
              <Labelled id={id('numerator')} label={t('atlasIndicators.form.numerator')} error={errors.numerator}>
                {(describedBy, invalid) => (
                  <select
                    id={id('numerator')}
                    value={form.numerator}
                    onChange={(e) => set('numerator', e.target.value)}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                  >
                    {variableOptions}
                  </select>
                )}
              </Labelled>
              <Labelled id={id('denominator')} label={t('atlasIndicators.form.denominator')} error={errors.denominator}>
                {(describedBy, invalid) => (
                  <select
                    id={id('denominator')}
                    value={form.denominator}
                    onChange={(e) => set('denominator', e.target.value)}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                  >
                    {variableOptions}
                  </select>
                )}
              </Labelled>
              <Labelled
                id={id('factor')}
                label={t('atlasIndicators.form.factor')}
                hint={t('atlasIndicators.form.factorHint')}
                error={errors.factor}
              >
                {(describedBy, invalid) => (
                  <input
                    id={id('factor')}
                    value={form.factor}
                    onChange={(e) => set('factor', e.target.value)}
                    inputMode="decimal"
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                  />
                )}
              </Labelled>
            </>
          ) : (
            <>
              <Labelled
                id={id('source')}
                label={t('atlasIndicators.form.source')}
                hint={t('atlasIndicators.form.sourceHint')}
                error={errors.source}
              >
                {(describedBy, invalid) => (
                  <textarea
                    id={id('source')}
                    value={form.source}
                    onChange={(e) => set('source', e.target.value)}
                    rows={3}
                    spellCheck={false}
                    maxLength={2000}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                  />
                )}
              </Labelled>
              <details className="indicator-variables">
                <summary>{t('atlasIndicators.form.variableKeys', { count: variables.length })}</summary>
                <ul>
                  {variables.map((v) => (
                    <li key={v.key}>
                      <code>{v.key}</code> – {v.label}
                    </li>
                  ))}
                </ul>
              </details>
            </>
          )}
          <p className="indicator-formula-preview">
            {t('atlasIndicators.form.preview')} <span>{preview}</span>
          </p>
        </fieldset>

        <Labelled id={id('polarity')} label={t('atlasIndicators.form.polarity')}>
          {(describedBy) => (
            <select
              id={id('polarity')}
              value={form.polarity}
              onChange={(e) => set('polarity', e.target.value as FormState['polarity'])}
              aria-describedby={describedBy}
            >
              {POLARITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`atlasIndicators.polarity.${p}`)}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <Labelled id={id('lifeDomain')} label={t('atlasIndicators.form.lifeDomain')}>
          {(describedBy) => (
            <select
              id={id('lifeDomain')}
              value={form.lifeDomain}
              onChange={(e) => set('lifeDomain', e.target.value as FormState['lifeDomain'])}
              aria-describedby={describedBy}
            >
              {LIFE_DOMAINS.map((d) => (
                <option key={d} value={d}>
                  {t(`atlas.lifeDomains.${d}`, { defaultValue: d })}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <Labelled id={id('description')} label={t('atlasIndicators.form.description')} error={errors.description}>
          {(describedBy, invalid) => (
            <textarea
              id={id('description')}
              value={form.description}
              onChange={(e) => set('description', e.target.value)}
              rows={3}
              maxLength={5000}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Labelled>
        <Labelled
          id={id('methodNotes')}
          label={t('atlasIndicators.form.methodNotes')}
          hint={t('atlasIndicators.form.methodNotesHint')}
          error={errors.methodNotes}
        >
          {(describedBy, invalid) => (
            <textarea
              id={id('methodNotes')}
              value={form.methodNotes}
              onChange={(e) => set('methodNotes', e.target.value)}
              rows={3}
              maxLength={5000}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Labelled>
        <div className="choice">
          <input
            type="checkbox"
            id={id('published')}
            checked={form.published}
            onChange={(e) => set('published', e.target.checked)}
            aria-describedby={id('published-hinweis')}
          />
          <label htmlFor={id('published')}>{t('atlasIndicators.form.published')}</label>
        </div>
        <p className="field-hint" id={id('published-hinweis')}>
          {t('atlasIndicators.form.publishedHint')}
        </p>
        <div className="button-row">
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            {creating ? t('atlasIndicators.form.create') : t('atlasIndicators.form.save')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('atlasIndicators.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
