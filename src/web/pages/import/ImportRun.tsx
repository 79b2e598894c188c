import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type ImportRecord } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { countsText, formatLabel } from './texts.ts';

/** How often the status of a running import is asked for. */
const POLL_MS = 700;

/**
 * A started import: polls its journal entry until it is no longer running, shows the values
 * read so far, then the counts (polite status) or the German error with file, line and
 * column (alert).
 */
export function ImportRun({
  tenantKey,
  importId,
  fileName,
  alreadyImported,
  mappingKept,
  onFinished,
}: {
  tenantKey: string;
  importId: number;
  fileName: string;
  /** The file had been imported before: the server answered with the earlier import. */
  alreadyImported: boolean;
  /** After a failed import of a mapped table the upload is kept for a corrected mapping. */
  mappingKept: boolean;
  onFinished(record: ImportRecord): void;
}) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [record, setRecord] = useState<ImportRecord | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  }, [onFinished]);

  useEffect(() => {
    let active = true;
    let timer: number | undefined;
    const poll = () => {
      api
        .importStatus(tenantKey, importId)
        .then((next) => {
          if (!active) return;
          setRecord(next);
          setPollError(null);
          if (next.status === 'running') timer = window.setTimeout(poll, POLL_MS);
          else finished.current(next);
        })
        .catch((err: unknown) => {
          if (active) setPollError(errorMessage(err));
        });
    };
    poll();
    return () => {
      active = false;
      window.clearTimeout(timer);
    };
  }, [tenantKey, importId, attempt]);

  // A new run is the next step of the page: move the focus to it.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  const running = !record || record.status === 'running';
  const done = record?.progress?.done ?? null;
  const total = record?.progress?.total ?? null;
  const completed = record?.status === 'completed' || record?.status === 'rolled_back';

  return (
    <section aria-labelledby="lauf-titel" className="card">
      <h2 id="lauf-titel" ref={heading} tabIndex={-1}>
        {t('import.run.title', { file: fileName })}
      </h2>
      {record && <p className="muted">{t('import.run.meta', { id: importId, format: formatLabel(t, record.format) })}</p>}
      {running && !pollError && (
        <div className="progress-line">
          <label htmlFor="import-fortschritt">{t('import.run.progressLabel')}</label>
          {total !== null && total > 0 && done !== null ? (
            <progress id="import-fortschritt" max={total} value={Math.min(done, total)} />
          ) : (
            <progress id="import-fortschritt" />
          )}
          <span>
            {done !== null
              ? t('import.run.read', { count: done, n: formatNumber(done, i18n.language) })
              : t('import.run.running')}
          </span>
        </div>
      )}
      <div role="status" className={completed ? 'alert alert-success' : 'alert-empty'}>
        {record && completed && record.counts && (
          <>
            <p>
              <strong>{t('import.run.completed')}</strong> {countsText(t, i18n.language, record.counts)}
            </p>
            {record.counts.periods.length > 0 && <p>{t('import.run.periods', { periods: record.counts.periods.join(', ') })}</p>}
            {alreadyImported && <p>{t('import.run.alreadyImported')}</p>}
          </>
        )}
      </div>
      <div
        role="alert"
        id="lauf-fehler"
        className={record?.status === 'failed' || pollError ? 'alert alert-error' : 'alert-empty'}
      >
        {record?.status === 'failed' && (
          <>
            <p>
              <strong>{t('import.run.failed')}</strong>
            </p>
            <p className="import-error">{record.error}</p>
            <p>{mappingKept ? t('import.run.failedMapping') : t('import.run.failedUpload')}</p>
          </>
        )}
        {pollError && <p>{t('import.run.pollFailed', { detail: pollError })}</p>}
      </div>
      {pollError && (
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('import.run.retry')}
        </button>
      )}
    </section>
  );
}
