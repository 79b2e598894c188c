import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Field } from '../../components/Field.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { calendarDate } from '../../services/opening-text.ts';
import { registerApi } from '../../services/register/api.ts';
import { serviceDiff } from '../../services/register/diff.ts';
import { bodyFromService } from '../../services/register/form.ts';
import { TenantChooser, useRegisterTenant } from '../../services/register/tenant.tsx';
import type {
  Location,
  Organization,
  QueueEntry,
  RegisterAccessInfo,
  Service,
  TaxonomyTerm,
} from '../../services/register/types.ts';
import { dateTimeText, useDiffWords } from '../../services/register/words.ts';
import { ReminderPanel } from '../../services/reminders/ReminderPanel.tsx';
import '../../services/register/register.css';

type Overdue = Awaited<ReturnType<typeof registerApi.overdue>>;

interface Loaded {
  tenantKey: string;
  access: RegisterAccessInfo;
  queue: QueueEntry[];
  organizations: Organization[];
  locations: Location[];
  terms: TaxonomyTerm[];
  overdue: Overdue | null;
}

/**
 * The planners' review page (/angebote/pruefung): every pending change of a provider account
 * with a readable diff (field: before → after), approve or reject with a required comment;
 * below, the reminder panel and the overdue entries with the editable review age.
 */
export default function ReviewPage() {
  const { t } = useTranslation();
  const id = useId();
  const announce = useAnnounce();
  const { tenants, tenant, search } = useRegisterTenant();
  const tenantKey = tenant?.tenantKey ?? null;
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  // After a decision the entry and its buttons are gone: focus goes to the message that says what happened.
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  useEffect(() => {
    if (!tenantKey) return;
    let cancelled = false;
    (async (): Promise<Loaded> => {
      const access = await registerApi.access(tenantKey);
      if (access.mode !== 'planner')
        return { tenantKey, access, queue: [], organizations: [], locations: [], terms: [], overdue: null };
      const [queue, organizations, locations, terms, overdue] = await Promise.all([
        registerApi.queue(tenantKey),
        registerApi.organizations(tenantKey),
        registerApi.locations(tenantKey),
        registerApi.taxonomy(tenantKey),
        registerApi.overdue(tenantKey),
      ]);
      return { tenantKey, access, queue, organizations, locations, terms, overdue };
    })().then(
      (loaded) => {
        if (cancelled) return;
        setError(null);
        setData(loaded);
      },
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [tenantKey]);

  const current = data && data.tenantKey === tenantKey ? data : null;
  const words = useDiffWords(current?.organizations ?? [], current?.locations ?? [], current?.terms ?? []);

  /** After a decision: the entry leaves the list, a status line says what happened and takes focus. */
  const decided = useCallback(
    (changeId: string, text: string) => {
      setData((d) => (d ? { ...d, queue: d.queue.filter((q) => q.change.id !== changeId) } : d));
      setMessage((m) => ({ text, n: (m?.n ?? 0) + 1 }));
      announce(text);
    },
    [announce],
  );

  const title = t('servicesRegister.review.title');
  if (!tenant)
    return (
      <Page title={title}>
        <p>{t('servicesRegister.noTenant')}</p>
      </Page>
    );

  return (
    <Page title={title}>
      <TenantChooser tenants={tenants} tenant={tenant} id={`${id}-kommune`} />
      <p>
        <Link to={`/angebote/register${search}`}>{t('servicesRegister.links.backToRegister')}</Link>
      </p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {!current && !error && <Loading />}
      {current && current.access.mode !== 'planner' && (
        <p className="alert alert-warning">{t('servicesRegister.review.onlyPlanners')}</p>
      )}
      {current && current.access.mode === 'planner' && (
        <>
          <p className="lead">{t('servicesRegister.review.intro')}</p>
          <section aria-labelledby={`${id}-offen`}>
            <h2 id={`${id}-offen`}>{t('servicesRegister.review.pendingTitle')}</h2>
            {message && (
              <p className="alert alert-success" tabIndex={-1} ref={messageRef} data-testid="pruefung-meldung">
                {message.text}
              </p>
            )}
            <p data-testid="pruefung-anzahl">
              {current.queue.length === 0
                ? t('servicesRegister.review.none')
                : t('servicesRegister.review.count', { count: current.queue.length })}
            </p>
            {current.queue.map((q) => (
              <ChangeItem
                key={q.change.id}
                entry={q}
                tenantKey={current.tenantKey}
                search={search}
                diff={serviceDiff(q.current, q.change.proposed, words)}
                organization={words.organization(q.change.organizationId)}
                onDecided={decided}
              />
            ))}
          </section>
          <section aria-labelledby={`${id}-ueberfaellig`}>
            <h2 id={`${id}-ueberfaellig`}>{t('servicesRegister.review.overdueTitle')}</h2>
            <ReminderPanel tenantKey={current.tenantKey} />
            {current.overdue && (
              <OverdueList
                tenantKey={current.tenantKey}
                search={search}
                overdue={current.overdue}
                onChange={(overdue) => setData((d) => (d ? { ...d, overdue } : d))}
              />
            )}
          </section>
        </>
      )}
    </Page>
  );
}

/** One pending change: who and when, the diff table, approve, or reject with a comment. */
function ChangeItem({
  entry,
  tenantKey,
  search,
  diff,
  organization,
  onDecided,
}: {
  entry: QueueEntry;
  tenantKey: string;
  search: string;
  diff: ReturnType<typeof serviceDiff>;
  organization: string;
  onDecided(changeId: string, message: string): void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { change, current } = entry;
  const name = change.proposed?.name ?? current?.name ?? change.serviceId;
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const commentId = `${id}-begruendung`;

  const approve = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await registerApi.approve(tenantKey, change.id);
      onDecided(change.id, t('servicesRegister.review.approved', { name }));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  const reject = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!comment.trim()) {
      setCommentError(t('servicesRegister.review.commentMissing'));
      document.getElementById(commentId)?.focus();
      return;
    }
    setBusy(true);
    try {
      await registerApi.reject(tenantKey, change.id, comment);
      onDecided(change.id, t('servicesRegister.review.rejected', { name }));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <article className="review-item" aria-labelledby={`${id}-titel`} data-change-id={change.id}>
      <h3 id={`${id}-titel`}>
        {t(`servicesRegister.review.kind.${change.kind}`)}: {name}
      </h3>
      <p>
        {t('servicesRegister.review.submitted', {
          who: change.submittedBy,
          date: dateTimeText(change.submittedAt, i18n.language),
        })}
        <br />
        {t('servicesRegister.review.organization', { name: organization })}
        {current && (
          <>
            {' · '}
            <Link to={`/angebote/register/${encodeURIComponent(current.id)}${search}`}>
              {t('servicesRegister.review.openEntry')}
              <span className="visually-hidden"> {name}</span>
            </Link>
          </>
        )}
      </p>
      {change.kind === 'archive' ? (
        <p>{t('servicesRegister.review.archiveNote')}</p>
      ) : diff.length === 0 ? (
        <p>{t('servicesRegister.review.noDiff')}</p>
      ) : (
        <div className="table-wrap">
          <table className="review-diff">
            <caption>{t('servicesRegister.review.diffCaption', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('servicesRegister.review.field')}</th>
                <th scope="col">{t('servicesRegister.review.before')}</th>
                <th scope="col">{t('servicesRegister.review.after')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.map((d) => (
                <tr key={d.field}>
                  <th scope="row">{t(`servicesRegister.fields.${d.field}`)}</th>
                  <td className={d.before ? undefined : 'review-empty'}>{d.before || t('servicesRegister.empty')}</td>
                  <td className={d.after ? undefined : 'review-empty'}>{d.after || t('servicesRegister.empty')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div role="alert" className={error ? 'alert alert-error' : 'alert-empty'}>
        {error}
      </div>
      {!rejecting ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-primary"
            aria-label={t('servicesRegister.review.approveNamed', { name })}
            aria-disabled={busy || undefined}
            onClick={() => void approve()}
          >
            {t('servicesRegister.review.approve')}
          </button>
          <button
            type="button"
            className="button"
            aria-label={t('servicesRegister.review.rejectNamed', { name })}
            onClick={() => {
              setRejecting(true);
              requestAnimationFrame(() => document.getElementById(commentId)?.focus());
            }}
          >
            {t('servicesRegister.review.reject')}
          </button>
        </div>
      ) : (
        <form className="review-reject" onSubmit={(e) => void reject(e)} noValidate>
          <div className={commentError ? 'field field-invalid' : 'field'}>
            <label htmlFor={commentId}>{t('servicesRegister.review.comment')}</label>
            <p className="field-hint" id={`${commentId}-hinweis`}>
              {t('servicesRegister.review.commentHint')}
            </p>
            {commentError && (
              <p className="field-error" id={`${commentId}-fehler`}>
                {commentError}
              </p>
            )}
            <textarea
              id={commentId}
              className="register-textarea"
              rows={3}
              maxLength={2000}
              required
              aria-required
              value={comment}
              aria-invalid={commentError ? true : undefined}
              aria-describedby={commentError ? `${commentId}-hinweis ${commentId}-fehler` : `${commentId}-hinweis`}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button-danger" aria-disabled={busy || undefined}>
              {t('servicesRegister.review.sendReject')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setRejecting(false);
                setCommentError(null);
              }}
            >
              {t('servicesRegister.review.cancel')}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}

/** The overdue entries with the review age setting and a quick „mark as checked“. */
function OverdueList({
  tenantKey,
  search,
  overdue,
  onChange,
}: {
  tenantKey: string;
  search: string;
  overdue: Overdue;
  onChange(overdue: Overdue): void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const announce = useAnnounce();
  const [days, setDays] = useState(String(overdue.maxAgeDays));
  const [ageError, setAgeError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const saveAge = async (event: FormEvent) => {
    event.preventDefault();
    const value = days.trim();
    if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > 3650) {
      setAgeError(t('servicesRegister.review.ageInvalid'));
      document.getElementById(`${id}-frist`)?.focus();
      return;
    }
    try {
      const saved = await registerApi.setReviewAge(tenantKey, Number(value));
      setAgeError(null);
      onChange(await registerApi.overdue(tenantKey));
      const text = t('servicesRegister.review.ageSaved', { count: saved.maxAgeDays });
      setStatus(text);
      announce(text);
    } catch (e) {
      setAgeError(errorMessage(e));
    }
  };

  const markChecked = async (service: Service) => {
    try {
      await registerApi.update(tenantKey, service.id, bodyFromService(service));
      setError(null);
      onChange({ ...overdue, services: overdue.services.filter((s) => s.id !== service.id) });
      const text = t('servicesRegister.review.checked', { name: service.name });
      setStatus(text);
      announce(text);
      requestAnimationFrame(() => document.getElementById(`${id}-tabelle`)?.focus());
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <form className="inline-form register-age" onSubmit={(e) => void saveAge(e)} noValidate>
        <Field
          id={`${id}-frist`}
          label={t('servicesRegister.review.reviewAge')}
          hint={t('servicesRegister.review.reviewAgeHint')}
          value={days}
          onChange={setDays}
          error={ageError ?? undefined}
          inputMode="numeric"
          autoComplete="off"
        />
        <button type="submit" className="button">
          {t('servicesRegister.review.saveAge')}
        </button>
      </form>
      {status && (
        <p className="alert alert-success" role="status">
          {status}
        </p>
      )}
      <div role="alert" className={error ? 'alert alert-error' : 'alert-empty'}>
        {error}
      </div>
      <p>{t('servicesRegister.review.overdueIntro', { count: overdue.maxAgeDays })}</p>
      {overdue.services.length === 0 ? (
        <p>{t('servicesRegister.review.noOverdue')}</p>
      ) : (
        <div className="table-wrap">
          <table id={`${id}-tabelle`} tabIndex={-1} data-testid="ueberfaellig-tabelle">
            <caption>{t('servicesRegister.review.overdueCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('servicesRegister.register.name')}</th>
                <th scope="col">{t('servicesRegister.review.assured')}</th>
                <th scope="col" className="cell-number">
                  {t('servicesRegister.review.age')}
                </th>
                <th scope="col">{t('servicesRegister.review.action')}</th>
              </tr>
            </thead>
            <tbody>
              {overdue.services.map((s) => (
                <tr key={s.id}>
                  <th scope="row" className="register-name">
                    <Link to={`/angebote/register/${encodeURIComponent(s.id)}${search}`}>{s.name}</Link>
                  </th>
                  <td className="cell-nowrap">
                    {s.assuredDate ? calendarDate(s.assuredDate, i18n.language) : t('servicesRegister.never')}
                  </td>
                  <td className="cell-number">{s.ageDays ?? '–'}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('servicesRegister.review.markCheckedNamed', { name: s.name })}
                      onClick={() => void markChecked(s)}
                    >
                      {t('servicesRegister.review.markChecked')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
