import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { looksAdditive, slugify } from '../../../domain/observations/variable-naming.ts';
import { api, errorMessage, type ImportPreview, type TableInspection, type TableMapping } from '../../api.ts';
import { FormAlert } from '../../components/Field.tsx';
import { formatNumber } from '../../format.ts';
import { FLAG_SYMBOLS, sizeText } from './texts.ts';

/** Select value standing for a key built from several columns (Gemeindeverzeichnis). */
const KEY_PARTS = '\u0000parts';

type Layout = 'wide' | 'long';

/** The mapping as the form edits it; {@link toMapping} turns it into a `TableMapping`. */
interface MappingForm {
  keyColumn: string;
  nameColumn: string;
  periodMode: 'column' | 'fixed';
  periodColumn: string;
  period: string;
  layout: Layout;
  valueColumns: string[];
  variableColumn: string;
  valueColumn: string;
  unitColumn: string;
  labelColumn: string;
}

export interface PendingUpload {
  uploadId: string;
  fileName: string;
  inspection: TableInspection;
}

function columnsOfKind(inspection: TableInspection, kind: string): string[] {
  return inspection.columns.filter((c) => c.kind === kind).map((c) => c.name);
}

function initialForm(inspection: TableInspection): MappingForm {
  const m = inspection.suggestedMapping;
  const names = inspection.columns.map((c) => c.name);
  const texts = columnsOfKind(inspection, 'text');
  const numbers = columnsOfKind(inspection, 'number');
  const periodColumn = m.periodColumn ?? columnsOfKind(inspection, 'period')[0] ?? '';
  return {
    keyColumn: typeof m.keyColumn === 'string' ? m.keyColumn : KEY_PARTS,
    nameColumn: m.nameColumn ?? '',
    periodMode: m.periodColumn !== undefined || (m.period === undefined && periodColumn !== '') ? 'column' : 'fixed',
    periodColumn: periodColumn || (names[0] ?? ''),
    period: m.period ?? '',
    layout: m.longFormat ? 'long' : 'wide',
    valueColumns: m.variables.map((v) => v.column),
    variableColumn: m.longFormat?.variableColumn ?? texts[0] ?? names[0] ?? '',
    valueColumn: m.longFormat?.valueColumn ?? numbers[0] ?? names[0] ?? '',
    unitColumn: m.longFormat?.unitColumn ?? '',
    labelColumn: m.longFormat?.labelColumn ?? '',
  };
}

/** Columns that hold the key, name or period cannot be value columns. */
function usedColumns(form: MappingForm, base: TableMapping): Set<string> {
  const used = new Set<string>();
  if (form.keyColumn === KEY_PARTS && typeof base.keyColumn !== 'string')
    for (const p of base.keyColumn.parts) used.add(p.column);
  else used.add(form.keyColumn);
  if (form.nameColumn) used.add(form.nameColumn);
  if (form.periodMode === 'column') used.add(form.periodColumn);
  return used;
}

/** The suggested mapping with the form's choices; settings the form does not show are kept. */
function toMapping(form: MappingForm, inspection: TableInspection): TableMapping {
  const base = inspection.suggestedMapping;
  const { nameColumn: _name, periodColumn: _periodColumn, period: _period, longFormat: _long, ...rest } = base;
  const mapping: TableMapping = {
    ...rest,
    keyColumn: form.keyColumn === KEY_PARTS && typeof base.keyColumn !== 'string' ? base.keyColumn : form.keyColumn,
    variables: [],
  };
  if (form.nameColumn) mapping.nameColumn = form.nameColumn;
  if (form.periodMode === 'column') mapping.periodColumn = form.periodColumn;
  else mapping.period = form.period.trim();
  if (form.layout === 'long') {
    mapping.longFormat = {
      variableColumn: form.variableColumn,
      valueColumn: form.valueColumn,
      ...(form.unitColumn ? { unitColumn: form.unitColumn } : {}),
      ...(form.labelColumn ? { labelColumn: form.labelColumn } : {}),
    };
    // In long format, `variables` filters the variables to take; the suggestion takes all.
    if (base.longFormat) mapping.variables = base.variables;
  } else {
    const used = usedColumns(form, base);
    mapping.variables = inspection.columns
      .filter((c) => form.valueColumns.includes(c.name) && !used.has(c.name))
      .map(
        (c) =>
          base.variables.find((v) => v.column === c.name) ?? {
            column: c.name,
            key: slugify(c.name).replace(/-/g, '_') || `spalte_${c.index + 1}`,
            label: c.name,
            unit: '',
            additive: looksAdditive(c.name),
          },
      );
  }
  return mapping;
}

function ColumnSelect({
  id,
  label,
  value,
  columns,
  onChange,
  optional,
  hint,
  extra,
}: {
  id: string;
  label: string;
  value: string;
  columns: string[];
  onChange(value: string): void;
  optional?: boolean;
  hint?: string;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${id}-hinweis`}>
          {hint}
        </p>
      )}
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hint ? `${id}-hinweis` : undefined}
      >
        {optional && <option value="">{t('import.mapping.none')}</option>}
        {extra}
        {columns.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Choice({
  id,
  name,
  type,
  checked,
  onChange,
  children,
}: {
  id: string;
  name: string;
  type: 'radio' | 'checkbox';
  checked: boolean;
  onChange(checked: boolean): void;
  children: ReactNode;
}) {
  return (
    <div className="choice">
      <input id={id} name={name} type={type} checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{children}</label>
    </div>
  );
}

/** The detected columns (with their kind) and the first rows of the table. */
function SampleTable({ inspection, fileName }: { inspection: TableInspection; fileName: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" role="region" aria-labelledby="spalten-titel" tabIndex={0}>
      <table className="sample-table">
        <caption id="spalten-titel">
          {t('import.mapping.columnsCaption', { file: fileName, count: inspection.sampleRows.length })}
        </caption>
        <thead>
          <tr>
            {inspection.columns.map((c) => (
              <th key={c.index} scope="col">
                {c.name}
                <span className="column-kind">{t(`import.mapping.kinds.${c.kind}`)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {inspection.sampleRows.map((row, r) => (
            <tr key={r}>
              {inspection.columns.map((c) => (
                <td key={c.index}>
                  <span className="cell-text">{row[c.index] ?? ''}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PreviewResult({
  preview,
  confirmError,
  locked,
  onConfirm,
}: {
  preview: ImportPreview;
  confirmError: string | null;
  locked: boolean;
  onConfirm(): void;
}) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const flagsUsed = [...new Set(preview.sample.map((s) => s.flag).filter((f): f is string => f !== null))];
  const number = (n: number) => formatNumber(n, i18n.language);
  return (
    <section aria-labelledby="vorschau-titel" className="preview">
      <h3 id="vorschau-titel" ref={heading} tabIndex={-1}>
        {t('import.preview.title')}
      </h3>
      <p className="lead">{sizeText(t, i18n.language, { ...preview, variables: preview.variables.length })}</p>
      <p>{t('import.preview.nothingStored')}</p>
      <dl className="facts">
        <div>
          <dt>{t('import.preview.periods')}</dt>
          <dd>{preview.periods.join(', ') || '–'}</dd>
        </div>
      </dl>
      {preview.warnings.length > 0 && (
        <div className="alert alert-warning">
          <p>
            <strong>{t('import.preview.warnings')}</strong>
          </p>
          <ul>
            {preview.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="table-wrap" role="region" aria-labelledby="merkmale-titel" tabIndex={0}>
        <table>
          <caption id="merkmale-titel">{t('import.preview.variablesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.preview.key')}</th>
              <th scope="col">{t('import.preview.label')}</th>
              <th scope="col">{t('import.preview.unit')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.variables.map((v) => (
              <tr key={v.key}>
                <td className="cell-email">
                  <code>{v.key}</code>
                </td>
                <td>{v.label}</td>
                <td>{v.unit || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap" role="region" aria-labelledby="beispiele-titel" tabIndex={0}>
        <table>
          <caption id="beispiele-titel">{t('import.preview.sampleCaption', { count: preview.sample.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.preview.region')}</th>
              <th scope="col">{t('import.preview.variable')}</th>
              <th scope="col">{t('import.preview.period')}</th>
              <th scope="col" className="cell-number">
                {t('import.preview.value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((s, i) => (
              <tr key={i}>
                <td>{s.region}</td>
                <td className="cell-email">{s.variable}</td>
                <td className="cell-nowrap">{s.period}</td>
                <td className="cell-number">
                  {s.flag !== null ? (
                    <>
                      <span aria-hidden="true">{FLAG_SYMBOLS[s.flag] ?? s.flag}</span>
                      <span className="visually-hidden">{t(`import.flags.${s.flag}`, { defaultValue: s.flag })}</span>
                    </>
                  ) : s.value !== null ? (
                    number(s.value)
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {flagsUsed.length > 0 && (
        <div className="flag-legend">
          <p>
            <strong>{t('import.flags.legend')}</strong>
          </p>
          <ul>
            {flagsUsed.map((f) => (
              <li key={f}>
                <code>{FLAG_SYMBOLS[f] ?? f}</code> {t(`import.flags.${f}`, { defaultValue: f })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <FormAlert id="bestaetigen-fehler" message={confirmError} />
      <button
        type="button"
        className="button button-primary"
        aria-disabled={locked}
        aria-describedby={confirmError ? 'bestaetigen-fehler' : undefined}
        onClick={onConfirm}
      >
        {t('import.preview.confirm')}
      </button>
    </section>
  );
}

/**
 * Column mapping for a table Planwerk did not recognise: the detected columns with sample
 * rows, a form pre-filled from the suggested mapping, a preview (nothing stored) and the
 * confirmation that starts the import.
 */
export function MappingStep({
  tenantKey,
  upload,
  locked,
  onStarted,
}: {
  tenantKey: string;
  upload: PendingUpload;
  /** True while the confirmed import runs. */
  locked: boolean;
  onStarted(importId: number): void;
}) {
  const { t } = useTranslation();
  const { inspection } = upload;
  const [form, setForm] = useState<MappingForm>(() => initialForm(inspection));
  const [errors, setErrors] = useState<{ period?: string; values?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewToken, setPreviewToken] = useState(0);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const names = inspection.columns.map((c) => c.name);
  const base = inspection.suggestedMapping;
  const used = usedColumns(form, base);
  const valueCandidates = inspection.columns.filter((c) => !used.has(c.name));

  function change(patch: Partial<MappingForm>) {
    setForm((current) => ({ ...current, ...patch }));
    // A changed mapping needs a new preview before it can be imported.
    setPreview(null);
    setError(null);
    setConfirmError(null);
  }

  async function showPreview(event: FormEvent) {
    event.preventDefault();
    if (busy || locked) return;
    const nextErrors: typeof errors = {};
    if (form.periodMode === 'fixed' && !form.period.trim()) nextErrors.period = t('import.mapping.periodMissing');
    if (form.layout === 'wide' && !valueCandidates.some((c) => form.valueColumns.includes(c.name)))
      nextErrors.values = t('import.mapping.valuesMissing');
    setErrors(nextErrors);
    if (nextErrors.period || nextErrors.values) {
      setError(t('import.mapping.checkInput'));
      setPreview(null);
      const target = nextErrors.period
        ? document.getElementById('zuordnung-zeitraum')
        : document.querySelector<HTMLInputElement>('input[name="wertespalten"]');
      target?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setPreview(null);
    try {
      setPreview(await api.previewUpload(tenantKey, upload.uploadId, toMapping(form, inspection)));
      setPreviewToken((n) => n + 1);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (busy || locked) return;
    setBusy(true);
    setConfirmError(null);
    try {
      const started = await api.importUpload(tenantKey, upload.uploadId, toMapping(form, inspection));
      onStarted(started.importId);
    } catch (err) {
      setConfirmError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const keyParts = typeof base.keyColumn === 'string' ? null : base.keyColumn.parts.map((p) => p.column).join(' + ');

  return (
    <section aria-labelledby="zuordnung-titel" className="card">
      <h2 id="zuordnung-titel" ref={heading} tabIndex={-1}>
        {t('import.mapping.title')}
      </h2>
      <p>{t('import.mapping.intro', { file: upload.fileName })}</p>
      {inspection.sheet && <p className="muted">{t('import.mapping.sheet', { sheet: inspection.sheet })}</p>}
      <SampleTable inspection={inspection} fileName={upload.fileName} />

      <form
        className="form form-wide"
        onSubmit={(event) => void showPreview(event)}
        noValidate
        aria-describedby="zuordnung-fehler"
      >
        <fieldset>
          <legend>{t('import.mapping.regions')}</legend>
          <ColumnSelect
            id="zuordnung-schluessel"
            label={t('import.mapping.keyColumn')}
            hint={t('import.mapping.keyHint')}
            value={form.keyColumn}
            columns={names}
            onChange={(keyColumn) => change({ keyColumn })}
            extra={keyParts !== null && <option value={KEY_PARTS}>{t('import.mapping.keyParts', { columns: keyParts })}</option>}
          />
          <ColumnSelect
            id="zuordnung-name"
            label={t('import.mapping.nameColumn')}
            value={form.nameColumn}
            columns={names}
            optional
            onChange={(nameColumn) => change({ nameColumn })}
          />
        </fieldset>

        <fieldset>
          <legend>{t('import.mapping.period')}</legend>
          <Choice
            id="zeitraum-spalte"
            name="zeitraum-art"
            type="radio"
            checked={form.periodMode === 'column'}
            onChange={() => change({ periodMode: 'column' })}
          >
            {t('import.mapping.periodFromColumn')}
          </Choice>
          <Choice
            id="zeitraum-fest"
            name="zeitraum-art"
            type="radio"
            checked={form.periodMode === 'fixed'}
            onChange={() => change({ periodMode: 'fixed' })}
          >
            {t('import.mapping.periodFixed')}
          </Choice>
          {form.periodMode === 'column' ? (
            <ColumnSelect
              id="zuordnung-zeitraumspalte"
              label={t('import.mapping.periodColumn')}
              value={form.periodColumn}
              columns={names}
              onChange={(periodColumn) => change({ periodColumn })}
            />
          ) : (
            <div className={errors.period ? 'field field-invalid' : 'field'}>
              <label htmlFor="zuordnung-zeitraum">{t('import.mapping.periodValue')}</label>
              <p className="field-hint" id="zuordnung-zeitraum-hinweis">
                {t('import.mapping.periodHint')}
              </p>
              {errors.period && (
                <p className="field-error" id="zuordnung-zeitraum-fehler">
                  {errors.period}
                </p>
              )}
              <input
                id="zuordnung-zeitraum"
                type="text"
                autoComplete="off"
                value={form.period}
                onChange={(event) => {
                  setErrors((e) => ({ ...e, period: undefined }));
                  change({ period: event.target.value });
                }}
                aria-invalid={errors.period ? true : undefined}
                aria-describedby={['zuordnung-zeitraum-hinweis', errors.period ? 'zuordnung-zeitraum-fehler' : '']
                  .filter(Boolean)
                  .join(' ')}
              />
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('import.mapping.layout')}</legend>
          <Choice
            id="format-breit"
            name="format"
            type="radio"
            checked={form.layout === 'wide'}
            onChange={() =>
              change({
                layout: 'wide',
                valueColumns:
                  form.valueColumns.length > 0
                    ? form.valueColumns
                    : valueCandidates.filter((c) => c.kind === 'number').map((c) => c.name),
              })
            }
          >
            {t('import.mapping.wide')}
          </Choice>
          <Choice
            id="format-lang"
            name="format"
            type="radio"
            checked={form.layout === 'long'}
            onChange={() => change({ layout: 'long' })}
          >
            {t('import.mapping.long')}
          </Choice>
        </fieldset>

        {form.layout === 'wide' ? (
          <fieldset
            className={errors.values ? 'fieldset-invalid' : undefined}
            aria-describedby={errors.values ? 'zuordnung-werte-fehler' : undefined}
          >
            <legend>{t('import.mapping.valueColumns')}</legend>
            {errors.values && (
              <p className="field-error" id="zuordnung-werte-fehler">
                {errors.values}
              </p>
            )}
            {valueCandidates.length === 0 && <p>{t('import.mapping.noCandidates')}</p>}
            <div className="choice-grid">
              {valueCandidates.map((c) => (
                <Choice
                  key={c.index}
                  id={`wertespalte-${c.index}`}
                  name="wertespalten"
                  type="checkbox"
                  checked={form.valueColumns.includes(c.name)}
                  onChange={(checked) => {
                    setErrors((e) => ({ ...e, values: undefined }));
                    change({
                      valueColumns: checked
                        ? [...form.valueColumns, c.name]
                        : form.valueColumns.filter((name) => name !== c.name),
                    });
                  }}
                >
                  {c.name} <span className="muted">({t(`import.mapping.kinds.${c.kind}`)})</span>
                </Choice>
              ))}
            </div>
          </fieldset>
        ) : (
          <fieldset>
            <legend>{t('import.mapping.longColumns')}</legend>
            <ColumnSelect
              id="zuordnung-merkmal"
              label={t('import.mapping.variableColumn')}
              value={form.variableColumn}
              columns={names}
              onChange={(variableColumn) => change({ variableColumn })}
            />
            <ColumnSelect
              id="zuordnung-wert"
              label={t('import.mapping.valueColumn')}
              value={form.valueColumn}
              columns={names}
              onChange={(valueColumn) => change({ valueColumn })}
            />
            <ColumnSelect
              id="zuordnung-einheit"
              label={t('import.mapping.unitColumn')}
              value={form.unitColumn}
              columns={names}
              optional
              onChange={(unitColumn) => change({ unitColumn })}
            />
            <ColumnSelect
              id="zuordnung-bezeichnung"
              label={t('import.mapping.labelColumn')}
              value={form.labelColumn}
              columns={names}
              optional
              onChange={(labelColumn) => change({ labelColumn })}
            />
          </fieldset>
        )}

        <FormAlert id="zuordnung-fehler" message={error} />
        <button type="submit" className="button" aria-disabled={busy || locked}>
          {t('import.mapping.preview')}
        </button>
      </form>

      {preview && (
        <PreviewResult
          key={previewToken}
          preview={preview}
          confirmError={confirmError}
          locked={busy || locked}
          onConfirm={() => void confirm()}
        />
      )}
    </section>
  );
}
