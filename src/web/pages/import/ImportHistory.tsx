import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type ImportRecord } from '../../api.ts';
import { FormAlert } from '../../components/Field.tsx';
import { Loading } from '../../components/Page.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { formatLabel, resultText } from './texts.ts';

type Feedback = { kind: 'success' | 'error'; text: string } | null;

function HistoryRow({
  record,
  tenantKey,
  onRolledBack,
  onFeedback,
}: {
  record: ImportRecord;
  tenantKey: string;
  onRolledBack(): void;
  onFeedback(feedback: Feedback): void;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const rollBackButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) rollBackButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  async function rollBack() {
    if (busy) return;
    setBusy(true);
    onFeedback(null);
    try {
      const result = await api.rollBackImport(tenantKey, record.id);
      onFeedback({
        kind: 'success',
        text: t('import.history.rolledBack', {
          file: record.fileName,
          deleted: formatNumber(result.deleted, i18n.language),
          restored: formatNumber(result.restored, i18n.language),
        }),
      });
      onRolledBack();
    } catch (err) {
      onFeedback({ kind: 'error', text: errorMessage(err) });
      setConfirming(false);
      setBusy(false);
    }
  }

  const label = t('import.history.forImport', { id: record.id, file: record.fileName });
  return (
    <tr>
      <td className="cell-email">{record.fileName}</td>
      <td>{formatLabel(t, record.format)}</td>
      <td className="cell-nowrap">
        <span className={`status status-${record.status}`}>
          {t(`import.status.${record.status}`, { defaultValue: record.status })}
        </span>
      </td>
      <td className="cell-nowrap">
        <time dateTime={record.startedAt}>{formatDateTime(record.startedAt, i18n.language)}</time>
      </td>
      <td className="cell-email">{record.actorLabel}</td>
      <td className="cell-result">{resultText(t, i18n.language, record)}</td>
      <td>
        {record.status !== 'completed' ? (
          <>
            <span aria-hidden="true">–</span>
            <span className="visually-hidden">{t('import.history.noAction')}</span>
          </>
        ) : confirming ? (
          <div className="confirm" role="group" aria-label={t('import.history.confirmLabel', { label })}>
            <span>{t('import.history.confirmQuestion', { file: record.fileName })}</span>
            <button
              ref={confirmButton}
              type="button"
              className="button button-small button-danger"
              onClick={() => void rollBack()}
            >
              {t('import.history.confirmYes')}
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              {t('import.history.confirmNo')}
            </button>
          </div>
        ) : (
          <button ref={rollBackButton} type="button" className="button button-small" onClick={() => setConfirming(true)}>
            {t('import.history.rollBack')}
            <span className="visually-hidden"> {label}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

/** The import journal of the tenant, newest first, with rollback behind a confirmation. */
export function ImportHistory({
  tenantKey,
  records,
  loadError,
  onChanged,
}: {
  tenantKey: string;
  records: ImportRecord[] | null;
  loadError: string | null;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  return (
    <section>
      <h2 id="verlauf-titel" ref={heading} tabIndex={-1}>
        {t('import.history.title')}
      </h2>
      <div role="status" className={feedback?.kind === 'success' ? 'alert alert-success' : 'alert-empty'}>
        {feedback?.kind === 'success' ? feedback.text : null}
      </div>
      <FormAlert id="verlauf-fehler" message={feedback?.kind === 'error' ? feedback.text : loadError} />
      {records === null ? (
        !loadError && <Loading />
      ) : records.length === 0 ? (
        <p>{t('import.history.none')}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="verlauf-titel" tabIndex={0}>
          <table className="history-table">
            <caption className="visually-hidden">{t('import.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.history.file')}</th>
                <th scope="col">{t('import.history.format')}</th>
                <th scope="col">{t('import.history.status')}</th>
                <th scope="col">{t('import.history.at')}</th>
                <th scope="col">{t('import.history.actor')}</th>
                <th scope="col">{t('import.history.result')}</th>
                <th scope="col">{t('import.history.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <HistoryRow
                  key={record.id}
                  record={record}
                  tenantKey={tenantKey}
                  onRolledBack={() => {
                    heading.current?.focus();
                    onChanged();
                  }}
                  onFeedback={setFeedback}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
