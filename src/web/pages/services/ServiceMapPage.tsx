import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { serviceData } from '../../services/data.ts';
import { EMPTY_FILTERS, hasFilters, readFilters, writeFilters, type ServiceFilters } from '../../services/filters.ts';
import { servicePoints } from '../../services/points.ts';
import { ServiceList } from '../../services/ServiceList.tsx';
import { importTenants } from '../../permissions.ts';
import { registerApi } from '../../services/register/api.ts';
import '../../services/register/register.css';
import { useSession } from '../../session.tsx';
import type { RegionCollection } from '../../atlas/types.ts';
import type { ServiceSearchResult, ServiceTenant, TaxonomyTerm } from '../../services/types.ts';

// MapLibre (about 1 MB) loads only with the map, after the filters and the list.
const ServiceMap = lazy(() => import('../../services/ServiceMap.tsx'));

/** Where focus and scroll were before a filter changed the address (the page heading takes focus on every navigation). */
interface Place {
  focus: HTMLElement | null;
  x: number;
  y: number;
}

/**
 * The public Angebotslandkarte (/angebote): search and filters (all in the address), the
 * list of matching services and the clustered map of their locations, linked by selection.
 * Members see the same public view.
 */
export default function ServiceMapPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const id = useId();
  const { session } = useSession();

  const [tenants, setTenants] = useState<ServiceTenant[] | null>(null);
  const [terms, setTerms] = useState<{ tenant: string; list: TaxonomyTerm[] } | null>(null);
  const [shapes, setShapes] = useState<{ tenant: string; collection: RegionCollection | null } | null>(null);
  const [result, setResult] = useState<{ key: string; data: ServiceSearchResult } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    serviceData.tenants().then(
      (list) => !cancelled && setTenants(list),
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  // A municipality named in the address is used even when the list does not offer it (the search answers 404 for unknown keys).
  const tenant =
    tenants === null
      ? null
      : (tenants.find((x) => x.tenantKey === filters.tenant) ??
        (filters.tenant ? { tenantKey: filters.tenant, name: filters.tenant } : (tenants[0] ?? null)));
  const tenantKey = tenant?.tenantKey ?? null;

  useEffect(() => {
    if (!tenantKey) return;
    let cancelled = false;
    serviceData.taxonomy(tenantKey).then(
      (list) => !cancelled && setTerms({ tenant: tenantKey, list }),
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [tenantKey]);

  useEffect(() => {
    if (!tenantKey) return;
    let cancelled = false;
    // The outlines are only orientation: without them the map still shows every point.
    serviceData.areaShapes(tenantKey).then(
      (collection) => !cancelled && setShapes({ tenant: tenantKey, collection }),
      () => !cancelled && setShapes({ tenant: tenantKey, collection: null }),
    );
    return () => {
      cancelled = true;
    };
  }, [tenantKey]);

  // The search itself does not depend on the selection.
  const searchKey = tenantKey ? `${tenantKey}|${writeFilters({ ...filters, tenant: null, selected: null }).toString()}` : null;
  useEffect(() => {
    if (!tenantKey || searchKey === null) return;
    let cancelled = false;
    serviceData.search(tenantKey, filters).then(
      (data) => {
        if (cancelled) return;
        setError(null);
        setResult({ key: searchKey, data });
      },
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
    // searchKey covers the tenant and every search filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [searchKey]);

  // Members get links into the register: planners to manage and review it, provider accounts to their own entries.
  const member = tenantKey !== null && (session?.user?.memberships ?? []).some((m) => m.tenantKey === tenantKey);
  const [registerLinks, setRegisterLinks] = useState<{ tenant: string; mode: string; pending: number } | null>(null);
  useEffect(() => {
    if (!member || !tenantKey) return;
    let cancelled = false;
    (async () => {
      const access = await registerApi.access(tenantKey);
      const pending = access.mode === 'planner' ? (await registerApi.queue(tenantKey)).length : 0;
      return { tenant: tenantKey, mode: access.mode, pending };
    })().then(
      (links) => !cancelled && setRegisterLinks(links),
      // Without the links the map works as for anyone.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [member, tenantKey]);
  const links = member && registerLinks && registerLinks.tenant === tenantKey ? registerLinks : null;

  const place = useRef<Place | null>(null);
  // Runs after the page frame moved focus to the heading: give focus and scroll back to the control used.
  useEffect(() => {
    const kept = place.current;
    place.current = null;
    if (!kept) return;
    if (kept.focus?.isConnected) kept.focus.focus({ preventScroll: true });
    window.scrollTo(kept.x, kept.y);
  }, [location.key]);

  /** Changes filters: a new history entry (back and forward step through searches) unless `replace`. */
  const change = useCallback(
    (patch: Partial<ServiceFilters>, options: { replace?: boolean } = {}) => {
      const current = readFilters(new URLSearchParams(window.location.search));
      const next = writeFilters({ ...current, ...patch, tenant: patch.tenant ?? current.tenant ?? tenantKey });
      const active = document.activeElement;
      place.current = { focus: active instanceof HTMLElement ? active : null, x: window.scrollX, y: window.scrollY };
      navigate({ pathname: location.pathname, search: `?${next.toString()}` }, { replace: options.replace ?? false });
    },
    [navigate, location.pathname, tenantKey],
  );

  const services = useMemo(() => result?.data.services ?? [], [result]);
  const points = useMemo(() => servicePoints(services), [services]);
  const areas = result?.data.areas ?? [];
  const termList = terms && terms.tenant === tenantKey ? terms.list : [];
  const zielgruppen = termList.filter((x) => x.vocabulary === 'zielgruppe' && !x.hidden);
  const lebenslagen = termList.filter((x) => x.vocabulary === 'lebenslage' && !x.hidden);
  const withoutPoint = services.filter((s) => !s.locations.some((l) => l.latitude !== null && l.longitude !== null)).length;
  const current = result !== null && result.key === searchKey;
  const selected = filters.selected && services.some((s) => s.id === filters.selected) ? filters.selected : null;
  // Opening hours in the list are read at the time the results arrived.
  const now = useMemo(() => new Date(), [result]); // eslint-disable-line react-hooks/exhaustive-deps

  // Announce the number of results once they belong to the address.
  useEffect(() => {
    if (current) announce(t('services.result.count', { count: services.length }));
  }, [current, services.length, announce, t, result]);

  const select = useCallback(
    (serviceId: string) => {
      change({ selected: serviceId }, { replace: true });
      const name = services.find((s) => s.id === serviceId)?.name;
      if (name) announce(t('services.list.selected', { name }));
    },
    [change, services, announce, t],
  );

  // What the controls show: the address, plus changes made since it was last read. The router
  // applies an address change a moment later (transition), and a controlled control must not
  // jump back meanwhile. Text and age are typed and apply on „Suchen“ (or Enter) or with the next choice.
  // A selection in list or map leaves typed text alone.
  const addressKey = writeFilters({ ...filters, selected: null }).toString();
  const fromAddress = () => ({ key: addressKey, filters, age: filters.age === null ? '' : String(filters.age) });
  const [draft, setDraft] = useState(fromAddress);
  const [ageError, setAgeError] = useState(false);
  if (draft.key !== addressKey) {
    setDraft(fromAddress());
    setAgeError(false);
  }
  const shown = draft.filters;
  const setTextDraft = (text: string) => setDraft((d) => ({ ...d, filters: { ...d.filters, text } }));
  const setAgeDraft = (age: string) => setDraft((d) => ({ ...d, age }));
  /** The typed age as a number, null when empty, undefined when invalid. */
  const typedAge = (): number | null | undefined => {
    const trimmed = draft.age.trim();
    if (trimmed === '') return null;
    return /^\d{1,3}$/.test(trimmed) && Number(trimmed) <= 120 ? Number(trimmed) : undefined;
  };
  /** A choice in a select or the checkbox: shown at once, applied with the typed text (and age, when valid). */
  const choose = (patch: Partial<ServiceFilters>) => {
    setDraft((d) => ({ ...d, filters: { ...d.filters, ...patch } }));
    const age = typedAge();
    change({ ...patch, text: shown.text, ...(age !== undefined ? { age } : {}), selected: null });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const age = typedAge();
    if (age === undefined) {
      setAgeError(true);
      document.getElementById(`${id}-alter`)?.focus();
      return;
    }
    setAgeError(false);
    change({ text: shown.text, age, selected: null });
  };

  const search = writeFilters({ ...filters, tenant: tenantKey, selected: null }).toString();
  const title = t('services.title');

  if (tenants !== null && tenant === null) {
    return (
      <Page title={title} className="services-page">
        <p>{t('services.noTenants')}</p>
      </Page>
    );
  }

  return (
    <Page title={title} className="services-page">
      <p className="lead">{tenant ? t('services.intro', { name: tenant.name }) : t('services.introNoTenant')}</p>
      {tenantKey !== null && importTenants(session?.user?.memberships ?? []).some((m) => m.tenantKey === tenantKey) && (
        <p>
          <Link to={`/angebote/abgleich?${new URLSearchParams({ kommune: tenantKey }).toString()}`}>
            {t('servicesGap.mapLink')}
          </Link>
        </p>
      )}
      {links && links.mode !== 'read' && (
        <ul className="register-actions" data-testid="register-links">
          {links.mode === 'planner' ? (
            <>
              <li>
                <Link to={`/angebote/register?${new URLSearchParams({ kommune: links.tenant }).toString()}`}>
                  {t('servicesRegister.links.register')}
                </Link>
              </li>
              <li>
                <Link to={`/angebote/pruefung?${new URLSearchParams({ kommune: links.tenant }).toString()}`}>
                  {t('servicesRegister.links.review', { count: links.pending })}
                </Link>
              </li>
            </>
          ) : (
            <li>
              <Link to={`/angebote/register?${new URLSearchParams({ kommune: links.tenant }).toString()}`}>
                {t('servicesRegister.links.mine')}
              </Link>
            </li>
          )}
        </ul>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <form role="search" aria-label={t('services.filters.label')} className="services-filters" onSubmit={submit} noValidate>
        {tenants && tenants.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-kommune`}>{t('services.filters.tenant')}</label>
            <select
              id={`${id}-kommune`}
              value={tenantKey ?? ''}
              onChange={(e) => change({ ...EMPTY_FILTERS, tenant: e.target.value })}
            >
              {tenants.map((x) => (
                <option key={x.tenantKey} value={x.tenantKey}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field services-field-text">
          <label htmlFor={`${id}-suche`}>{t('services.filters.text')}</label>
          <input
            id={`${id}-suche`}
            type="search"
            value={shown.text}
            maxLength={200}
            aria-describedby={`${id}-suche-hinweis`}
            onChange={(e) => setTextDraft(e.target.value)}
          />
          <p className="field-hint" id={`${id}-suche-hinweis`}>
            {t('services.filters.textHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-zielgruppe`}>{t('services.filters.zielgruppe')}</label>
          <select
            id={`${id}-zielgruppe`}
            value={shown.zielgruppe ?? ''}
            onChange={(e) => choose({ zielgruppe: e.target.value || null })}
          >
            <option value="">{t('services.filters.allZielgruppen')}</option>
            {zielgruppen.map((x) => (
              <option key={x.key} value={x.key.slice('zielgruppe.'.length)}>
                {x.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-lebenslage`}>{t('services.filters.lebenslage')}</label>
          <select
            id={`${id}-lebenslage`}
            value={shown.lebenslage ?? ''}
            onChange={(e) => choose({ lebenslage: e.target.value || null })}
          >
            <option value="">{t('services.filters.allLebenslagen')}</option>
            {lebenslagen.map((x) => (
              <option key={x.key} value={x.key.slice('lebenslage.'.length)}>
                {x.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sozialraum`}>{t('services.filters.area')}</label>
          <select id={`${id}-sozialraum`} value={shown.area ?? ''} onChange={(e) => choose({ area: e.target.value || null })}>
            <option value="">{t('services.filters.allAreas')}</option>
            {areas.map((x) => (
              <option key={x.key} value={x.key}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className={ageError ? 'field field-invalid services-field-age' : 'field services-field-age'}>
          <label htmlFor={`${id}-alter`}>{t('services.filters.age')}</label>
          {ageError && (
            <p className="field-error" id={`${id}-alter-fehler`}>
              {t('services.filters.ageInvalid')}
            </p>
          )}
          <input
            id={`${id}-alter`}
            type="text"
            inputMode="numeric"
            pattern="[0-9]*"
            autoComplete="off"
            value={draft.age}
            aria-invalid={ageError || undefined}
            aria-describedby={ageError ? `${id}-alter-fehler ${id}-alter-hinweis` : `${id}-alter-hinweis`}
            onChange={(e) => setAgeDraft(e.target.value)}
          />
          <p className="field-hint" id={`${id}-alter-hinweis`}>
            {t('services.filters.ageHint')}
          </p>
        </div>
        <div className="field services-field-check">
          <input
            id={`${id}-geoeffnet`}
            type="checkbox"
            checked={shown.openNow}
            onChange={(e) => choose({ openNow: e.target.checked })}
          />
          <label htmlFor={`${id}-geoeffnet`}>{t('services.filters.openNow')}</label>
        </div>
        <div className="services-filter-actions">
          <button type="submit" className="button button-primary">
            {t('services.filters.submit')}
          </button>
          {hasFilters(filters) && (
            <button type="button" className="button" onClick={() => change({ ...EMPTY_FILTERS, tenant: tenantKey })}>
              {t('services.filters.reset')}
            </button>
          )}
        </div>
      </form>

      {!current && !error && <Loading />}
      {result && (
        <>
          <p className="services-count" data-testid="angebote-anzahl" data-current={current}>
            {services.length === 0 ? t('services.result.none') : t('services.result.count', { count: services.length })}
          </p>
          <div className="services-layout">
            <section className="services-map-section" aria-labelledby={`${id}-karte`}>
              <h2 id={`${id}-karte`}>{t('services.map.title')}</h2>
              <p className="field-hint">{t('services.map.hint')}</p>
              <Suspense fallback={<div className="services-map services-map-placeholder">{t('services.map.loading')}</div>}>
                <ServiceMap
                  points={points}
                  areas={shapes && shapes.tenant === tenantKey ? shapes.collection : null}
                  area={filters.area}
                  selected={selected}
                  onSelect={select}
                  readyKey={result.key}
                  label={t('services.map.label', { count: points.length })}
                  locale={{
                    'NavigationControl.ZoomIn': t('services.map.zoomIn'),
                    'NavigationControl.ZoomOut': t('services.map.zoomOut'),
                  }}
                />
              </Suspense>
              {withoutPoint > 0 && <p className="field-hint">{t('services.result.withoutPoint', { count: withoutPoint })}</p>}
            </section>
            <section className="services-list-section" aria-labelledby={`${id}-liste`}>
              <h2 id={`${id}-liste`}>{t('services.list.title')}</h2>
              {tenantKey && (
                <ServiceList
                  tenantKey={tenantKey}
                  services={services}
                  terms={termList}
                  selected={selected}
                  onSelect={select}
                  search={search}
                  now={now}
                />
              )}
            </section>
          </div>
        </>
      )}
    </Page>
  );
}
