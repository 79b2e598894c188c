import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, request } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { FormAlert } from '../../components/Field.tsx';

/** GET /api/tenants/:tenantKey/service-reminders. */
export interface ReminderStatus {
  smtpConfigured: boolean;
  intervalDays: number;
  maxAgeDays: number;
  overdue: number;
  overdueWithProvider: number;
  overdueWithoutProvider: number;
  dueProviders: number;
  dueEntries: number;
  lastRun: { at: string; mails: number; entries: number; failedMails: number } | null;
}

/** POST /api/tenants/:tenantKey/service-reminders. */
export interface ReminderRunResult {
  mails: number;
  entries: number;
  failedMails: number;
  failedEntries: number;
  errors: string[];
}

type State =
  | { kind: 'idle' }
  | { kind: 'confirming' }
  | { kind: 'sending' }
  | { kind: 'sent'; result: ReminderRunResult }
  | { kind: 'failed'; message: string };

const path = (tenantKey: string) => `/api/tenants/${encodeURIComponent(tenantKey)}/service-reminders`;

/**
 * E-mail reminders to provider accounts, for planners above the overdue list: whether a mail
 * server is configured, how many providers a run would remind now, and „Erinnerungen jetzt
 * senden“ with a confirmation step and the result („3 Erinnerungen an 2 Anbieter gesendet“).
 */
export function ReminderPanel({ tenantKey }: { tenantKey: string }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const id = useId();
  const [status, setStatus] = useState<ReminderStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const startButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const previous = useRef<State['kind']>('idle');

  // Raised after a run, so that the status is read again.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    request<ReminderStatus>('GET', path(tenantKey)).then(
      (loaded) => {
        if (!live) return;
        setStatus(loaded);
        setLoadError(null);
      },
      (error: unknown) => {
        if (live) setLoadError(errorMessage(error));
      },
    );
    return () => {
      live = false;
    };
  }, [tenantKey, version]);

  useEffect(() => {
    if (state.kind === 'confirming') confirmButton.current?.focus();
    else if (state.kind === 'sent') resultRef.current?.focus();
    else if (state.kind === 'idle' && previous.current === 'confirming') startButton.current?.focus();
    previous.current = state.kind;
  }, [state.kind]);

  async function send() {
    setState({ kind: 'sending' });
    try {
      const result = await request<ReminderRunResult>('POST', path(tenantKey));
      setState({ kind: 'sent', result });
      announce(sentText(result));
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error) });
    }
    setVersion((v) => v + 1);
  }

  function sentText(result: ReminderRunResult): string {
    if (result.mails === 0) return t('servicesReminders.noneSent');
    return t('servicesReminders.sent', {
      entries: t('servicesReminders.entries', { count: result.entries }),
      providers: t('servicesReminders.providers', { count: result.mails }),
    });
  }

  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Berlin',
    }).format(new Date(iso));

  return (
    <section className="reminder-panel" aria-labelledby={`${id}-titel`} data-testid="erinnerungen">
      <h3 id={`${id}-titel`}>{t('servicesReminders.title')}</h3>
      {loadError && <FormAlert id={`${id}-ladefehler`} message={loadError} />}
      {!status && !loadError && (
        <p className="loading" role="status">
          {t('servicesReminders.loading')}
        </p>
      )}
      {status && !status.smtpConfigured && <p data-testid="erinnerungen-kein-smtp">{t('servicesReminders.noSmtp')}</p>}
      {status && status.smtpConfigured && (
        <>
          <p data-testid="erinnerungen-faellig">
            {status.dueProviders === 0
              ? t('servicesReminders.nothingDue')
              : t('servicesReminders.due', {
                  entries: t('servicesReminders.entries', { count: status.dueEntries }),
                  providers: t('servicesReminders.providers', { count: status.dueProviders }),
                })}{' '}
            {t('servicesReminders.interval', { count: status.intervalDays })}
          </p>
          {status.overdueWithoutProvider > 0 && (
            <p>{t('servicesReminders.withoutProvider', { count: status.overdueWithoutProvider })}</p>
          )}
          {status.lastRun && (
            <p>
              {t('servicesReminders.lastRun', {
                when: when(status.lastRun.at),
                result:
                  status.lastRun.mails === 0
                    ? t('servicesReminders.noneSent')
                    : t('servicesReminders.sent', {
                        entries: t('servicesReminders.entries', { count: status.lastRun.entries }),
                        providers: t('servicesReminders.providers', { count: status.lastRun.mails }),
                      }),
              })}
              {status.lastRun.failedMails > 0 &&
                ` ${t('servicesReminders.lastRunFailed', { count: status.lastRun.failedMails })}`}
            </p>
          )}
          {state.kind === 'confirming' || state.kind === 'sending' ? (
            <div className="confirm" role="group" aria-labelledby={`${id}-frage`}>
              <p id={`${id}-frage`}>
                {t('servicesReminders.question', {
                  entries: t('servicesReminders.entries', { count: status.dueEntries }),
                  providers: t('servicesReminders.providers', { count: status.dueProviders }),
                })}
              </p>
              <button
                ref={confirmButton}
                type="button"
                className="button button-primary"
                aria-disabled={state.kind === 'sending'}
                onClick={() => state.kind === 'confirming' && void send()}
              >
                {t('servicesReminders.confirm')}
              </button>{' '}
              <button
                type="button"
                className="button"
                aria-disabled={state.kind === 'sending'}
                onClick={() => state.kind === 'confirming' && setState({ kind: 'idle' })}
              >
                {t('servicesReminders.cancel')}
              </button>
              {state.kind === 'sending' && (
                <p className="loading" role="status">
                  {t('servicesReminders.sending')}
                </p>
              )}
            </div>
          ) : (
            status.dueProviders > 0 && (
              <button ref={startButton} type="button" className="button" onClick={() => setState({ kind: 'confirming' })}>
                {t('servicesReminders.button')}
              </button>
            )
          )}
        </>
      )}
      {state.kind === 'failed' && <FormAlert id={`${id}-fehler`} message={state.message} />}
      {state.kind === 'sent' && (
        <p className="alert alert-success" ref={resultRef} tabIndex={-1} data-testid="erinnerungen-ergebnis">
          {sentText(state.result)}
        </p>
      )}
    </section>
  );
}
