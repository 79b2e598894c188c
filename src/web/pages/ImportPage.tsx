import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type ImportRecord, type Membership, type UploadHandle, type UploadResult } from '../api.ts';
import { useAnnounce } from '../components/Announcer.tsx';
import { FormAlert } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { importTenants } from '../permissions.ts';
import { useSession } from '../session.tsx';
import { ImportHistory } from './import/ImportHistory.tsx';
import { ImportRun } from './import/ImportRun.tsx';
import { MappingStep, type PendingUpload } from './import/MappingStep.tsx';

/** File types offered in the file dialog (the server recognises the format from the content). */
const ACCEPT = '.csv,.txt,.xlsx,.zip,.shp,.gpkg,.geojson,.json';

interface Run {
  importId: number;
  fileName: string;
  alreadyImported: boolean;
  fromMapping: boolean;
}

/** Choosing and uploading a file, with a real progress bar. */
function UploadForm({
  tenantKey,
  locked,
  onUploaded,
}: {
  tenantKey: string;
  locked: boolean;
  onUploaded(result: UploadResult, fileName: string): void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [file, setFile] = useState<File | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [handle, setHandle] = useState<UploadHandle<UploadResult> | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const uploading = handle !== null;

  // Leaving the page cancels an upload under way.
  const current = useRef<UploadHandle<UploadResult> | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (uploading || locked) return;
    if (!file) {
      setFieldError(t('import.upload.noFile'));
      setError(t('import.upload.checkInput'));
      input.current?.focus();
      return;
    }
    setFieldError(null);
    setError(null);
    setPercent(0);
    const started = api.uploadImport(tenantKey, file, (sent, total) =>
      setPercent(total > 0 ? Math.min(100, Math.round((sent / total) * 100)) : 0),
    );
    current.current = started;
    setHandle(started);
    try {
      const result = await started.result;
      setPercent(100);
      announce(t('import.upload.announceDone', { file: file.name }));
      setFile(null);
      if (input.current) input.current.value = '';
      onUploaded(result, file.name);
    } catch (err) {
      setError(errorMessage(err));
      setPercent(null);
      input.current?.focus();
    } finally {
      current.current = null;
      setHandle(null);
    }
  }

  const describedBy = ['import-datei-hinweis', fieldError ? 'import-datei-fehler' : '', error ? 'hochladen-fehler' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <section aria-labelledby="hochladen-titel" className="card">
      <h2 id="hochladen-titel">{t('import.upload.title')}</h2>
      <FormAlert id="hochladen-fehler" message={error} />
      <form className="form form-wide" onSubmit={(event) => void submit(event)} noValidate>
        <div className={fieldError ? 'field field-invalid' : 'field'}>
          <label htmlFor="import-datei">{t('import.upload.file')}</label>
          <p className="field-hint" id="import-datei-hinweis">
            {t('import.upload.hint')}
          </p>
          {fieldError && (
            <p className="field-error" id="import-datei-fehler">
              {fieldError}
            </p>
          )}
          <input
            ref={input}
            id="import-datei"
            type="file"
            accept={ACCEPT}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFieldError(null);
            }}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={describedBy}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" aria-disabled={uploading || locked}>
            {t('import.upload.submit')}
          </button>
          {handle && (
            <button type="button" className="button" onClick={() => handle.abort()}>
              {t('import.upload.cancel')}
            </button>
          )}
        </div>
      </form>
      {percent !== null && (
        <div className="progress-line">
          <label htmlFor="hochladen-fortschritt">{t('import.upload.progressLabel')}</label>
          <progress id="hochladen-fortschritt" max={100} value={percent} />
          <span>{t('import.upload.percent', { percent })}</span>
          {uploading && percent === 100 && <span className="muted">{t('import.upload.checking')}</span>}
        </div>
      )}
    </section>
  );
}

/** Upload, mapping, running import and history of one tenant. */
function TenantImport({ tenant }: { tenant: Membership }) {
  const { t } = useTranslation();
  const tenantKey = tenant.tenantKey;
  const [history, setHistory] = useState<ImportRecord[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [historyToken, setHistoryToken] = useState(0);
  const [pending, setPending] = useState<PendingUpload | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [running, setRunning] = useState(false);

  const reloadHistory = useCallback(() => setHistoryToken((n) => n + 1), []);

  useEffect(() => {
    let active = true;
    api
      .imports(tenantKey)
      .then((list) => {
        if (!active) return;
        setHistory(list);
        setHistoryError(null);
      })
      .catch((err: unknown) => {
        if (active) setHistoryError(errorMessage(err));
      });
    return () => {
      active = false;
    };
  }, [tenantKey, historyToken]);

  function startRun(importId: number, fileName: string, fromMapping: boolean) {
    const known = history?.some((h) => h.id === importId && h.status === 'completed') ?? false;
    setRun({ importId, fileName, alreadyImported: known, fromMapping });
    setRunning(true);
    reloadHistory();
  }

  const finished = useCallback(
    (record: ImportRecord) => {
      setRunning(false);
      // The server removes the upload after a successful import; after a failure it is kept.
      if (record.status !== 'failed') setPending(null);
      reloadHistory();
    },
    [reloadHistory],
  );

  function uploaded(result: UploadResult, fileName: string) {
    if (result.status === 'needs-mapping') {
      setRun(null);
      setPending({ uploadId: result.uploadId, fileName, inspection: result.inspection });
    } else {
      setPending(null);
      startRun(result.importId, fileName, false);
    }
  }

  return (
    <>
      <UploadForm tenantKey={tenantKey} locked={running} onUploaded={uploaded} />
      {pending && (
        <MappingStep
          key={pending.uploadId}
          tenantKey={tenantKey}
          upload={pending}
          locked={running}
          onStarted={(importId) => startRun(importId, pending.fileName, true)}
        />
      )}
      {run && (
        <ImportRun
          key={run.importId}
          tenantKey={tenantKey}
          importId={run.importId}
          fileName={run.fileName}
          alreadyImported={run.alreadyImported}
          mappingKept={run.fromMapping}
          onFinished={finished}
        />
      )}
      <ImportHistory tenantKey={tenantKey} records={history} loadError={historyError} onChanged={reloadHistory} />
      <p className="form-note">{t('import.auditNote')}</p>
    </>
  );
}

/** `/daten/import`: data for the Atlas – upload, column mapping, progress, history, rollback. */
export default function ImportPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const user = session?.user;
  const tenants = importTenants(user?.memberships ?? []);
  const [selected, setSelected] = useState<string | null>(null);
  if (!user) return null;
  const tenant = tenants.find((m) => m.tenantKey === selected) ?? tenants[0];

  return (
    <Page title={t('import.title')}>
      <p className="lead">{t('import.intro')}</p>
      {!tenant ? (
        <p>{t('import.noRight')}</p>
      ) : (
        <>
          {tenants.length > 1 ? (
            <div className="field field-inline">
              <label htmlFor="import-gk">{t('import.tenant')}</label>
              <select id="import-gk" value={tenant.tenantKey} onChange={(event) => setSelected(event.target.value)}>
                {tenants.map((m) => (
                  <option key={m.tenantKey} value={m.tenantKey}>
                    {m.tenantName} ({m.tenantKey})
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p>
              {t('import.tenant')}: <strong>{tenant.tenantName}</strong> ({tenant.tenantKey})
            </p>
          )}
          <TenantImport key={tenant.tenantKey} tenant={tenant} />
        </>
      )}
    </Page>
  );
}
