import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { Loading, Page } from '../../components/Page.tsx';
import { calendarDate } from '../../services/opening-text.ts';
import { registerApi } from '../../services/register/api.ts';
import { TenantChooser, useRegisterTenant } from '../../services/register/tenant.tsx';
import type { QueueEntry, RegisterAccessInfo, RegisterEntry, ServiceStatus } from '../../services/register/types.ts';
import { dateTimeText, latestChanges } from '../../services/register/words.ts';
import '../../services/register/register.css';

const STATUSES: ServiceStatus[] = ['active', 'inactive', 'temporarily closed', 'defunct'];

interface Loaded {
  tenantKey: string;
  access: RegisterAccessInfo;
  entries: RegisterEntry[];
  queue: QueueEntry[];
}

/**
 * The register of a municipality for its members (/angebote/register): planners and admins
 * see every entry with status, publication, last check, overdue and pending-change marks;
 * provider accounts see their organisations' entries („Meine Angebote“) with the state and
 * the reviewers' comments of their changes.
 */
export default function RegisterPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice ?? null;
  const { tenants, tenant, search } = useRegisterTenant();
  const tenantKey = tenant?.tenantKey ?? null;
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [onlyPending, setOnlyPending] = useState(false);
  const [onlyUnpublished, setOnlyUnpublished] = useState(false);

  useEffect(() => {
    if (!tenantKey) return;
    let cancelled = false;
    (async () => {
      const access = await registerApi.access(tenantKey);
      const [list, queue] = await Promise.all([
        registerApi.services(tenantKey),
        access.mode === 'read' ? Promise.resolve([]) : registerApi.queue(tenantKey),
      ]);
      return { tenantKey, access, entries: list.entries, queue };
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
  const mode = current?.access.mode ?? null;
  const latest = useMemo(() => latestChanges(current?.queue ?? []), [current]);
  const mine = useMemo(() => {
    if (!current) return [];
    if (current.access.mode !== 'provider') return current.entries;
    const own = new Set(current.access.organizationIds);
    return current.entries.filter((e) => own.has(e.service.organizationId));
  }, [current]);
  // New services a provider proposed that are not in the register yet.
  const proposals = useMemo(
    () =>
      mode === 'provider'
        ? [...latest.values()].filter((q) => q.change.kind === 'create' && q.current === null && q.change.status !== 'superseded')
        : [],
    [latest, mode],
  );

  const needle = text.trim().toLocaleLowerCase('de');
  const shown = mine.filter((e) => {
    const change = latest.get(e.service.id)?.change;
    if (needle && !`${e.service.name} ${e.organization?.name ?? ''}`.toLocaleLowerCase('de').includes(needle)) return false;
    if (status && e.service.status !== status) return false;
    if (onlyOverdue && !e.overdue) return false;
    if (onlyPending && change?.status !== 'pending') return false;
    if (onlyUnpublished && e.service.published) return false;
    return true;
  });

  const provider = mode === 'provider';
  const title = provider ? t('servicesRegister.register.titleProvider') : t('servicesRegister.register.title');
  if (!tenant)
    return (
      <Page title={t('servicesRegister.register.title')} documentTitle={t('servicesRegister.register.documentTitle')}>
        <p>{t('servicesRegister.noTenant')}</p>
      </Page>
    );
  const pendingCount = mode === 'planner' ? (current?.queue.filter((q) => q.change.status === 'pending').length ?? 0) : 0;

  return (
    <Page title={title} documentTitle={provider ? title : t('servicesRegister.register.documentTitle')}>
      <TenantChooser tenants={tenants} tenant={tenant} id={`${id}-kommune`} />
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {!current && !error && <Loading />}
      {current && (
        <>
          <p className="lead">
            {t(
              provider
                ? 'servicesRegister.register.introProvider'
                : mode === 'planner'
                  ? 'servicesRegister.register.intro'
                  : 'servicesRegister.register.introRead',
              { name: tenant.tenantName },
            )}
          </p>
          <ul className="register-actions">
            {mode !== 'read' && (
              <li>
                <Link className="button button-primary" to={`/angebote/register/neu${search}`}>
                  {t('servicesRegister.links.newService')}
                </Link>
              </li>
            )}
            {mode === 'planner' && (
              <>
                <li>
                  <Link to={`/angebote/pruefung${search}`}>{t('servicesRegister.links.review', { count: pendingCount })}</Link>
                </li>
                <li>
                  <Link to={`/angebote/verortung${search}`}>{t('servicesRegister.links.place')}</Link>
                </li>
                <li>
                  <Link to={`/angebote/taxonomie${search}`}>{t('servicesTaxonomy.manageLink')}</Link>
                </li>
              </>
            )}
            <li>
              <Link to={`/angebote${search}`}>{t('servicesRegister.links.map')}</Link>
            </li>
          </ul>

          {proposals.length > 0 && (
            <section aria-labelledby={`${id}-vorschlaege`}>
              <h2 id={`${id}-vorschlaege`}>{t('servicesRegister.register.proposals')}</h2>
              <ul className="register-proposals">
                {proposals.map((q) => (
                  <li key={q.change.id} data-testid="eigener-vorschlag">
                    <strong>{q.change.proposed?.name}</strong> (
                    {t('servicesRegister.register.submittedAt', {
                      date: dateTimeText(q.change.submittedAt, i18n.language),
                    })}
                    ):{' '}
                    {q.change.status === 'pending' && <span className="badge">{t('servicesRegister.register.pendingNew')}</span>}
                    {q.change.status === 'rejected' && (
                      <span className="register-rejected">
                        {t('servicesRegister.register.rejectedComment', {
                          date: q.change.decidedAt ? dateTimeText(q.change.decidedAt, i18n.language) : '',
                          comment: q.change.comment ?? '',
                        })}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}

          <form
            className="register-filters"
            aria-label={t('servicesRegister.register.filters')}
            onSubmit={(e) => e.preventDefault()}
          >
            <div className="field">
              <label htmlFor={`${id}-suche`}>{t('servicesRegister.register.search')}</label>
              <p className="field-hint" id={`${id}-suche-hinweis`}>
                {t('servicesRegister.register.searchHint')}
              </p>
              <input
                id={`${id}-suche`}
                type="search"
                value={text}
                aria-describedby={`${id}-suche-hinweis`}
                onChange={(e) => setText(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-status`}>{t('servicesRegister.register.statusFilter')}</label>
              <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value)}>
                <option value="">{t('servicesRegister.register.allStatuses')}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`servicesRegister.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="register-checks">
              <div className="choice">
                <input
                  id={`${id}-ueberfaellig`}
                  type="checkbox"
                  checked={onlyOverdue}
                  onChange={(e) => setOnlyOverdue(e.target.checked)}
                />
                <label htmlFor={`${id}-ueberfaellig`}>{t('servicesRegister.register.onlyOverdue')}</label>
              </div>
              {mode !== 'read' && (
                <div className="choice">
                  <input
                    id={`${id}-offen`}
                    type="checkbox"
                    checked={onlyPending}
                    onChange={(e) => setOnlyPending(e.target.checked)}
                  />
                  <label htmlFor={`${id}-offen`}>{t('servicesRegister.register.onlyPending')}</label>
                </div>
              )}
              <div className="choice">
                <input
                  id={`${id}-unveroeffentlicht`}
                  type="checkbox"
                  checked={onlyUnpublished}
                  onChange={(e) => setOnlyUnpublished(e.target.checked)}
                />
                <label htmlFor={`${id}-unveroeffentlicht`}>{t('servicesRegister.register.onlyUnpublished')}</label>
              </div>
            </div>
          </form>

          <p role="status" data-testid="register-anzahl">
            {shown.length === mine.length
              ? t('servicesRegister.register.count', { count: mine.length })
              : t('servicesRegister.register.countOf', { shown: shown.length, total: mine.length })}
          </p>
          {shown.length === 0 ? (
            <p>
              {provider && mine.length === 0 ? t('servicesRegister.register.noneProvider') : t('servicesRegister.register.none')}
            </p>
          ) : (
            <div className="table-wrap">
              <table data-testid="register-tabelle">
                <caption className="visually-hidden">{t('servicesRegister.register.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('servicesRegister.register.name')}</th>
                    <th scope="col">{t('servicesRegister.register.organization')}</th>
                    <th scope="col">{t('servicesRegister.register.statusColumn')}</th>
                    <th scope="col">{t('servicesRegister.register.published')}</th>
                    <th scope="col">{t('servicesRegister.register.assured')}</th>
                    <th scope="col">{t('servicesRegister.register.notes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((e) => {
                    const change = latest.get(e.service.id)?.change;
                    return (
                      <tr key={e.service.id} data-service-id={e.service.id}>
                        <th scope="row" className="register-name">
                          {mode === 'read' ? (
                            e.service.name
                          ) : (
                            <Link to={`/angebote/register/${encodeURIComponent(e.service.id)}${search}`}>{e.service.name}</Link>
                          )}
                        </th>
                        <td>{e.organization?.name ?? ''}</td>
                        <td>{t(`servicesRegister.status.${e.service.status}`)}</td>
                        <td>{e.service.published ? t('servicesRegister.yes') : t('servicesRegister.no')}</td>
                        <td className="cell-nowrap">
                          {e.service.assuredDate
                            ? calendarDate(e.service.assuredDate, i18n.language)
                            : t('servicesRegister.never')}
                        </td>
                        <td>
                          <ul className="register-notes">
                            {e.overdue && (
                              <li>
                                <span className="badge">{t('servicesRegister.register.overdue')}</span>
                              </li>
                            )}
                            {change?.status === 'pending' && (
                              <li>
                                <span className="badge badge-info">{t('servicesRegister.register.pending')}</span>
                              </li>
                            )}
                            {provider && change?.status === 'rejected' && (
                              <li className="register-rejected">
                                {t('servicesRegister.register.rejectedComment', {
                                  date: change.decidedAt ? dateTimeText(change.decidedAt, i18n.language) : '',
                                  comment: change.comment ?? '',
                                })}
                              </li>
                            )}
                            {e.withoutCoordinates && <li>{t('servicesRegister.register.withoutCoordinates')}</li>}
                          </ul>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
