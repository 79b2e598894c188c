import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, fieldErrors } from '../../api.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Field } from '../../components/Field.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { addressLine } from '../../services/format.ts';
import { calendarDate } from '../../services/opening-text.ts';
import { registerApi } from '../../services/register/api.ts';
import { CheckField, fieldId, SelectField, TextArea } from '../../services/register/fields.tsx';
import { bodyFromForm, emptyForm, formFromService, type ServiceForm } from '../../services/register/form.ts';
import { useRegisterTenant } from '../../services/register/tenant.tsx';
import type {
  Location,
  Organization,
  QueueEntry,
  RegisterAccessInfo,
  Service,
  ServiceStatus,
  TaxonomyTerm,
  Weekday,
} from '../../services/register/types.ts';
import { dateTimeText, latestChanges } from '../../services/register/words.ts';
import '../../services/register/register.css';

const STATUSES: ServiceStatus[] = ['active', 'inactive', 'temporarily closed', 'defunct'];
const WEEK: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const VOCABULARIES = ['zielgruppe', 'lebenslage', 'handlungsfeld'] as const;

interface Loaded {
  key: string;
  access: RegisterAccessInfo;
  organizations: Organization[];
  locations: Location[];
  terms: TaxonomyTerm[];
  service: Service | null;
  /** The newest change of this service (providers: their own, with the reviewer's comment; planners: a pending one). */
  change: QueueEntry['change'] | null;
}

/**
 * The edit form of one service (/angebote/register/:serviceId, new: /angebote/register/neu).
 * Planners save directly (and may publish and mark the entry as checked); a provider's save
 * goes to the review queue and the page shows it as pending. Validation messages of the API
 * appear beside the fields and in a summary; the form keeps every input on error.
 */
export default function RegisterEditPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const { serviceId: routeId } = useParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const isNew = routeId === undefined || routeId === 'neu';
  const serviceId = isNew ? null : routeId;
  const { tenant, search } = useRegisterTenant();
  const tenantKey = tenant?.tenantKey ?? null;
  const key = `${tenantKey ?? ''}|${serviceId ?? 'neu'}`;

  const [data, setData] = useState<Loaded | null>(null);
  const [form, setForm] = useState<ServiceForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const successRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (!tenantKey) return;
    let cancelled = false;
    (async () => {
      const access = await registerApi.access(tenantKey);
      const [organizations, locations, terms, entry, queue] = await Promise.all([
        registerApi.organizations(tenantKey),
        registerApi.locations(tenantKey),
        registerApi.taxonomy(tenantKey),
        serviceId ? registerApi.service(tenantKey, serviceId) : Promise.resolve(null),
        access.mode === 'read' || !serviceId ? Promise.resolve([]) : registerApi.queue(tenantKey),
      ]);
      const change = serviceId ? (latestChanges(queue).get(serviceId)?.change ?? null) : null;
      return { key, access, organizations, locations, terms, service: entry?.service ?? null, change };
    })().then(
      (loaded) => {
        if (cancelled) return;
        setLoadError(null);
        setData(loaded);
        const pendingOwn =
          loaded.access.mode === 'provider' && loaded.change?.status === 'pending' && loaded.change.proposed !== null;
        setForm(
          loaded.service
            ? pendingOwn
              ? formFromService({ ...loaded.change!.proposed!, published: loaded.service.published })
              : formFromService(loaded.service)
            : emptyForm(loaded.access.mode === 'provider' ? (loaded.access.organizationIds[0] ?? '') : ''),
        );
        setErrors({});
        setAlert(null);
        setSuccess(null);
      },
      (e: unknown) => !cancelled && setLoadError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
    // key covers tenant and service.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const current = data && data.key === key ? data : null;
  const mode = current?.access.mode ?? null;
  const provider = mode === 'provider';
  const ownOrgs = useMemo(
    () =>
      current
        ? current.organizations.filter((o) => current.access.mode !== 'provider' || current.access.organizationIds.includes(o.id))
        : [],
    [current],
  );
  const mayEdit =
    current !== null &&
    mode !== 'read' &&
    (!current.service || !provider || current.access.organizationIds.includes(current.service.organizationId));

  const backLink = (
    <p>
      <Link to={`/angebote/register${search}`}>
        {provider ? t('servicesRegister.links.backToMine') : t('servicesRegister.links.backToRegister')}
      </Link>
    </p>
  );

  const title = isNew
    ? t('servicesRegister.form.titleNew')
    : current?.service
      ? t('servicesRegister.form.titleEdit', { name: current.service.name })
      : t('servicesRegister.form.documentTitleEdit');
  const documentTitle = isNew ? title : t('servicesRegister.form.documentTitleEdit');

  if (!tenant)
    return (
      <Page title={title} documentTitle={documentTitle}>
        <p>{t('servicesRegister.noTenant')}</p>
      </Page>
    );
  if (loadError)
    return (
      <Page title={title} documentTitle={documentTitle}>
        {backLink}
        <p className="alert alert-error" role="alert">
          {loadError}
        </p>
      </Page>
    );
  if (!current || !form)
    return (
      <Page title={title} documentTitle={documentTitle}>
        <Loading />
      </Page>
    );
  if (!mayEdit)
    return (
      <Page title={title} documentTitle={documentTitle}>
        {backLink}
        <p className="alert alert-warning">{t('servicesRegister.form.readOnly')}</p>
      </Page>
    );

  const set = (patch: Partial<ServiceForm>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const fid = (k: string) => fieldId(id, k);
  const err = (k: string) => errors[k];
  const change = current.change;
  const pendingOwn = provider && change?.status === 'pending';
  const rejectedOwn = provider && change?.status === 'rejected';

  /** A row list editor: replace item `i` with a patch. */
  const patchRow = <K extends 'schedules' | 'contacts' | 'phones' | 'costOptions'>(
    field: K,
    i: number,
    patch: Partial<ServiceForm[K][number]>,
  ) => set({ [field]: form[field].map((row, j) => (j === i ? { ...row, ...patch } : row)) } as Partial<ServiceForm>);
  const removeRow = (field: 'schedules' | 'contacts' | 'phones' | 'costOptions', i: number, focusAfter: string) => {
    set({ [field]: form[field].filter((_, j) => j !== i) } as Partial<ServiceForm>);
    // The removed row's button is gone: focus the „add“ button of the list.
    requestAnimationFrame(() => document.getElementById(focusAfter)?.focus());
  };
  const addRow = (
    field: 'schedules' | 'contacts' | 'phones' | 'costOptions',
    row: ServiceForm[typeof field][number],
    focus: string,
  ) => {
    set({ [field]: [...form[field], row] } as Partial<ServiceForm>);
    requestAnimationFrame(() => document.getElementById(focus)?.focus());
  };

  const errorLabel = (k: string): string => {
    const [head, n] = k.split('.');
    if (n !== undefined) {
      const row = { schedules: 'hoursRow', contacts: 'contactRow', costOptions: 'costRow', phones: 'phoneRow' }[head ?? ''];
      if (row) return t(`servicesRegister.form.${row}`, { number: n });
    }
    return i18n.exists(`servicesRegister.fields.${head}`) ? t(`servicesRegister.fields.${head}`) : k;
  };

  const showErrors = (message: string, fields: Record<string, string>) => {
    setErrors(fields);
    setAlert(message);
    setSuccess(null);
    requestAnimationFrame(() => alertRef.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const { body, errors: local } = bodyFromForm(form, change?.proposed ?? current.service, provider ? 'provider' : 'planner');
    if (Object.keys(local).length > 0) {
      showErrors(
        t('servicesRegister.form.localInvalid'),
        Object.fromEntries(Object.entries(local).map(([k, m]) => [k, t(`servicesRegister.form.${m}`)])),
      );
      return;
    }
    setSaving(true);
    try {
      const result = current.service
        ? await registerApi.update(tenant.tenantKey, current.service.id, body)
        : await registerApi.create(tenant.tenantKey, body);
      setErrors({});
      setAlert(null);
      if (result.outcome === 'pending' && result.change) {
        if (!current.service) {
          navigate(`/angebote/register${search}`, {
            state: { notice: t('servicesRegister.form.submittedNew', { name: body.name }) },
          });
          return;
        }
        setData({ ...current, change: result.change });
        setSuccess(t('servicesRegister.form.submitted'));
      } else if (result.service) {
        if (!current.service) {
          navigate(`/angebote/register/${encodeURIComponent(result.service.id)}${search}`, {
            state: { notice: t('servicesRegister.form.created', { name: result.service.name }) },
          });
          return;
        }
        setData({ ...current, service: result.service });
        setForm(formFromService(result.service));
        setSuccess(t('servicesRegister.form.saved'));
      }
      requestAnimationFrame(() => successRef.current?.focus());
    } catch (e) {
      showErrors(errorMessage(e), fieldErrors(e));
    } finally {
      setSaving(false);
    }
  };

  const errorEntries = Object.entries(errors);
  const locationsOf = (own: boolean) =>
    current.locations.filter(
      (l) => (l.organizationId === form.organizationId) === own || (own && form.locationIds.includes(l.id)),
    );
  const ownLocations = locationsOf(true);
  const otherLocations = current.locations.filter((l) => !ownLocations.includes(l));

  const locationChoice = (l: Location) => {
    const checked = form.locationIds.includes(l.id);
    const address = addressLine(l.address);
    const inputId = `${id}-ort-${l.id}`;
    const access = l.accessibility.map((a) => a.description).join('; ');
    return (
      <li key={l.id}>
        <div className="choice">
          <input
            id={inputId}
            type="checkbox"
            checked={checked}
            aria-describedby={`${inputId}-barrierefreiheit`}
            onChange={(e) =>
              set({
                locationIds: e.target.checked ? [...form.locationIds, l.id] : form.locationIds.filter((x) => x !== l.id),
              })
            }
          />
          <label htmlFor={inputId}>
            {l.name}
            {address ? `, ${address}` : ''}
            {l.latitude === null ? ` (${t('servicesRegister.form.noCoordinates')})` : ''}
          </label>
        </div>
        <p className="field-hint register-location-hint" id={`${inputId}-barrierefreiheit`}>
          {access ? t('servicesRegister.form.accessibility', { text: access }) : t('servicesRegister.form.noAccessibility')}
        </p>
      </li>
    );
  };

  return (
    <Page title={title} documentTitle={documentTitle}>
      {backLink}
      {provider && <p className="lead">{t('servicesRegister.form.providerNote')}</p>}
      {pendingOwn && change && (
        <p className="alert alert-info" data-testid="aenderung-wartet">
          {t('servicesRegister.form.pendingOwn', { date: dateTimeText(change.submittedAt, i18n.language) })}
        </p>
      )}
      {rejectedOwn && change && (
        <p className="alert alert-warning" data-testid="aenderung-abgelehnt">
          {t('servicesRegister.form.rejectedOwn', {
            date: dateTimeText(change.submittedAt, i18n.language),
            comment: change.comment ?? '',
          })}
        </p>
      )}
      {mode === 'planner' && change?.status === 'pending' && (
        <p className="alert alert-info">
          {t('servicesRegister.form.pendingPlanner', {
            who: change.submittedBy,
            date: dateTimeText(change.submittedAt, i18n.language),
          })}{' '}
          <Link to={`/angebote/pruefung${search}`}>{t('servicesRegister.form.pendingPlannerLink')}</Link>
        </p>
      )}
      {notice && !success && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      {success && (
        <p className="alert alert-success" role="status" tabIndex={-1} ref={successRef}>
          {success}
        </p>
      )}
      <div ref={alertRef} tabIndex={-1} role="alert" className={alert ? 'alert alert-error' : 'alert-empty'}>
        {alert && (
          <>
            <p>{alert}</p>
            {errorEntries.length > 0 && (
              <>
                <p>{t('servicesRegister.form.errorsTitle')}</p>
                <ul>
                  {errorEntries.map(([k, m]) => (
                    <li key={k}>
                      <a href={`#${fid(k)}`}>
                        {errorLabel(k)}: {m}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </div>

      <form className="register-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('servicesRegister.form.basics')}</legend>
          <Field
            id={fid('name')}
            label={`${t('servicesRegister.form.name')} (${t('servicesRegister.form.required')})`}
            value={form.name}
            onChange={(name) => set({ name })}
            error={err('name')}
            maxLength={300}
            required
            aria-required
          />
          <Field
            id={fid('alternateName')}
            label={t('servicesRegister.form.alternateName')}
            value={form.alternateName}
            onChange={(alternateName) => set({ alternateName })}
            error={err('alternateName')}
            maxLength={300}
          />
          <SelectField
            id={fid('organizationId')}
            label={`${t('servicesRegister.form.organization')} (${t('servicesRegister.form.required')})`}
            value={form.organizationId}
            onChange={(organizationId) => set({ organizationId })}
            error={err('organizationId')}
            required
          >
            {form.organizationId === '' && <option value="">{t('servicesRegister.form.chooseOrganization')}</option>}
            {ownOrgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={fid('status')}
            label={t('servicesRegister.form.status')}
            value={form.status}
            onChange={(status) => set({ status: status as ServiceStatus })}
            error={err('status')}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`servicesRegister.status.${s}`)}
              </option>
            ))}
          </SelectField>
          <TextArea
            id={fid('description')}
            label={t('servicesRegister.form.description')}
            value={form.description}
            onChange={(description) => set({ description })}
            error={err('description')}
            rows={6}
            maxLength={10_000}
          />
        </fieldset>

        <fieldset className={err('termKeys') ? 'fieldset-invalid' : undefined} aria-describedby={`${id}-begriffe-hinweis`}>
          <legend>{t('servicesRegister.form.terms')}</legend>
          <p className="field-hint" id={`${id}-begriffe-hinweis`}>
            {t('servicesRegister.form.termsHint')}
          </p>
          {err('termKeys') && (
            <p className="field-error" id={fid('termKeys')} tabIndex={-1}>
              {err('termKeys')}
            </p>
          )}
          {VOCABULARIES.map((v) => {
            const terms = current.terms.filter((x) => x.vocabulary === v && (!x.hidden || form.termKeys.includes(x.key)));
            if (terms.length === 0) return null;
            return (
              <fieldset key={v}>
                <legend>{t(`servicesRegister.form.vocabulary.${v}`)}</legend>
                <div className="choice-grid">
                  {terms.map((x) => (
                    <div className="choice" key={x.key}>
                      <input
                        id={`${id}-begriff-${x.key}`}
                        type="checkbox"
                        checked={form.termKeys.includes(x.key)}
                        onChange={(e) =>
                          set({
                            termKeys: e.target.checked ? [...form.termKeys, x.key] : form.termKeys.filter((k) => k !== x.key),
                          })
                        }
                      />
                      <label htmlFor={`${id}-begriff-${x.key}`}>
                        {x.hidden ? t('servicesRegister.form.hiddenTerm', { label: x.label }) : x.label}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            );
          })}
        </fieldset>

        <fieldset>
          <legend>{t('servicesRegister.form.access')}</legend>
          <div className="register-row">
            <Field
              id={fid('minimumAge')}
              label={t('servicesRegister.form.minimumAge')}
              hint={t('servicesRegister.form.ageHint')}
              value={form.minimumAge}
              onChange={(minimumAge) => set({ minimumAge })}
              error={err('minimumAge')}
              inputMode="numeric"
              autoComplete="off"
            />
            <Field
              id={fid('maximumAge')}
              label={t('servicesRegister.form.maximumAge')}
              hint={t('servicesRegister.form.ageHint')}
              value={form.maximumAge}
              onChange={(maximumAge) => set({ maximumAge })}
              error={err('maximumAge')}
              inputMode="numeric"
              autoComplete="off"
            />
          </div>
          <TextArea
            id={fid('eligibilityDescription')}
            label={t('servicesRegister.form.eligibility')}
            value={form.eligibilityDescription}
            onChange={(eligibilityDescription) => set({ eligibilityDescription })}
            error={err('eligibilityDescription')}
            rows={2}
            maxLength={2000}
          />
          <Field
            id={fid('capacity')}
            label={t('servicesRegister.form.capacity')}
            hint={t('servicesRegister.form.capacityHint')}
            value={form.capacity}
            onChange={(capacity) => set({ capacity })}
            error={err('capacity')}
            inputMode="numeric"
            autoComplete="off"
          />
          <TextArea
            id={fid('applicationProcess')}
            label={t('servicesRegister.form.applicationProcess')}
            value={form.applicationProcess}
            onChange={(applicationProcess) => set({ applicationProcess })}
            error={err('applicationProcess')}
            rows={2}
            maxLength={2000}
          />
          <Field
            id={fid('languages')}
            label={t('servicesRegister.form.languages')}
            hint={t('servicesRegister.form.languagesHint')}
            value={form.languages}
            onChange={(languages) => set({ languages })}
            error={err('languages')}
          />
        </fieldset>

        <fieldset>
          <legend>{t('servicesRegister.form.costs')}</legend>
          <Field
            id={fid('feesDescription')}
            label={t('servicesRegister.form.feesDescription')}
            hint={t('servicesRegister.form.feesHint')}
            value={form.feesDescription}
            onChange={(feesDescription) => set({ feesDescription })}
            error={err('feesDescription')}
            maxLength={2000}
          />
          {form.costOptions.map((c, i) => (
            <Row key={i} legend={t('servicesRegister.form.costRow', { number: i + 1 })}>
              <div className="register-row">
                <Field
                  id={fid(`costOptions.${i + 1}.option`)}
                  label={t('servicesRegister.form.costOption')}
                  value={c.option}
                  onChange={(option) => patchRow('costOptions', i, { option })}
                  error={err(`costOptions.${i + 1}.option`)}
                />
                <Field
                  id={fid(`costOptions.${i + 1}.amount`)}
                  label={t('servicesRegister.form.amount')}
                  hint={t('servicesRegister.form.amountHint')}
                  value={c.amount}
                  onChange={(amount) => patchRow('costOptions', i, { amount })}
                  error={err(`costOptions.${i + 1}.amount`)}
                  inputMode="decimal"
                  autoComplete="off"
                />
              </div>
              <Field
                id={fid(`costOptions.${i + 1}.amountDescription`)}
                label={t('servicesRegister.form.amountDescription')}
                value={c.amountDescription}
                onChange={(amountDescription) => patchRow('costOptions', i, { amountDescription })}
              />
              <RemoveButton
                label={t('servicesRegister.form.removeCost', { number: i + 1 })}
                onClick={() => removeRow('costOptions', i, `${id}-preis-neu`)}
              />
            </Row>
          ))}
          <AddButton
            id={`${id}-preis-neu`}
            label={t('servicesRegister.form.addCost')}
            onClick={() =>
              addRow(
                'costOptions',
                { option: '', amount: '', amountDescription: '', currency: null },
                fid(`costOptions.${form.costOptions.length + 1}.option`),
              )
            }
          />
        </fieldset>

        <fieldset className={err('locationIds') ? 'fieldset-invalid' : undefined} aria-describedby={`${id}-orte-hinweis`}>
          <legend>{t('servicesRegister.form.locations')}</legend>
          <p className="field-hint" id={`${id}-orte-hinweis`}>
            {t('servicesRegister.form.locationsHint')}
          </p>
          {err('locationIds') && (
            <p className="field-error" id={fid('locationIds')} tabIndex={-1}>
              {err('locationIds')}
            </p>
          )}
          {current.locations.length === 0 && <p>{t('servicesRegister.form.noLocations')}</p>}
          {ownLocations.length > 0 && (
            <>
              <h3 className="register-subheading">{t('servicesRegister.form.ownLocations')}</h3>
              <ul className="register-locations">{ownLocations.map(locationChoice)}</ul>
            </>
          )}
          {otherLocations.length > 0 && (
            <details>
              <summary>
                {t('servicesRegister.form.otherLocations')} ({otherLocations.length})
              </summary>
              <ul className="register-locations">{otherLocations.map(locationChoice)}</ul>
            </details>
          )}
          {provider ? (
            <p className="field-hint">{t('servicesRegister.form.providerLocations')}</p>
          ) : (
            <NewLocation
              prefix={`${id}-neuer-ort`}
              tenantKey={tenant.tenantKey}
              organizationId={form.organizationId || null}
              onCreated={(l) => {
                setData({ ...current, locations: [...current.locations, l] });
                set({ locationIds: [...form.locationIds, l.id] });
                announce(t('servicesRegister.form.locationAdded', { name: l.name }));
              }}
            />
          )}
        </fieldset>

        <fieldset aria-describedby={`${id}-zeiten-hinweis`}>
          <legend>{t('servicesRegister.form.hours')}</legend>
          <p className="field-hint" id={`${id}-zeiten-hinweis`}>
            {t('servicesRegister.form.hoursHint')}
          </p>
          {form.schedules.map((s, i) => {
            const n = i + 1;
            const special =
              s.original !== null &&
              (s.original.freq !== 'WEEKLY' || (s.original.interval ?? 1) > 1 || s.original.bymonthday.length > 0);
            return (
              <Row key={i} legend={t('servicesRegister.form.hoursRow', { number: n })}>
                {special && <p className="field-hint">{t('servicesRegister.form.special')}</p>}
                <fieldset className={err(`schedules.${n}.byday`) ? 'fieldset-invalid' : undefined}>
                  <legend>{t('servicesRegister.form.days')}</legend>
                  <div className="choice-grid">
                    {WEEK.map((d) => (
                      <div className="choice" key={d}>
                        <input
                          id={`${id}-tag-${i}-${d}`}
                          type="checkbox"
                          checked={s.days.includes(d)}
                          onChange={(e) =>
                            patchRow('schedules', i, {
                              days: e.target.checked
                                ? WEEK.filter((w) => w === d || s.days.includes(w))
                                : s.days.filter((w) => w !== d),
                            })
                          }
                        />
                        <label htmlFor={`${id}-tag-${i}-${d}`}>{t(`servicesRegister.weekdayLong.${d}`)}</label>
                      </div>
                    ))}
                  </div>
                </fieldset>
                <div className="register-row">
                  <Field
                    id={fid(`schedules.${n}.opensAt`)}
                    label={t('servicesRegister.form.opensAt')}
                    type="time"
                    value={s.opensAt}
                    onChange={(opensAt) => patchRow('schedules', i, { opensAt })}
                    error={err(`schedules.${n}.opensAt`)}
                  />
                  <Field
                    id={fid(`schedules.${n}.closesAt`)}
                    label={t('servicesRegister.form.closesAt')}
                    type="time"
                    value={s.closesAt}
                    onChange={(closesAt) => patchRow('schedules', i, { closesAt })}
                    error={err(`schedules.${n}.closesAt`)}
                  />
                </div>
                <Field
                  id={fid(`schedules.${n}.description`)}
                  label={t('servicesRegister.form.hoursDescription')}
                  value={s.description}
                  onChange={(description) => patchRow('schedules', i, { description })}
                  error={err(`schedules.${n}.description`)}
                />
                <RemoveButton
                  label={t('servicesRegister.form.removeHours', { number: n })}
                  onClick={() => removeRow('schedules', i, `${id}-zeit-neu`)}
                />
              </Row>
            );
          })}
          <AddButton
            id={`${id}-zeit-neu`}
            label={t('servicesRegister.form.addHours')}
            onClick={() =>
              addRow(
                'schedules',
                { days: [], opensAt: '', closesAt: '', description: '', original: null },
                `${id}-tag-${form.schedules.length}-MO`,
              )
            }
          />
        </fieldset>

        <fieldset>
          <legend>{t('servicesRegister.form.contact')}</legend>
          <Field
            id={fid('email')}
            label={t('servicesRegister.form.email')}
            type="email"
            autoComplete="off"
            value={form.email}
            onChange={(email) => set({ email })}
            error={err('email')}
          />
          <Field
            id={fid('url')}
            label={t('servicesRegister.form.url')}
            hint={t('servicesRegister.form.urlHint')}
            type="url"
            value={form.url}
            onChange={(url) => set({ url })}
            error={err('url')}
          />
          {form.phones.map((p, i) => (
            <Row key={i} legend={t('servicesRegister.form.phoneRow', { number: i + 1 })}>
              <div className="register-row">
                <Field
                  id={fid(`phones.${i + 1}.number`)}
                  label={t('servicesRegister.form.phone')}
                  type="tel"
                  value={p.number}
                  onChange={(number) => patchRow('phones', i, { number })}
                  error={err(`phones.${i + 1}.number`)}
                />
                <Field
                  id={fid(`phones.${i + 1}.description`)}
                  label={t('servicesRegister.form.phoneDescription')}
                  value={p.description}
                  onChange={(description) => patchRow('phones', i, { description })}
                />
              </div>
              <RemoveButton
                label={t('servicesRegister.form.removePhone', { number: i + 1 })}
                onClick={() => removeRow('phones', i, `${id}-telefon-neu`)}
              />
            </Row>
          ))}
          <AddButton
            id={`${id}-telefon-neu`}
            label={t('servicesRegister.form.addPhone')}
            onClick={() => addRow('phones', { number: '', description: '' }, fid(`phones.${form.phones.length + 1}.number`))}
          />
          <p className="field-hint">{t('servicesRegister.form.contactsHint')}</p>
          {form.contacts.map((c, i) => (
            <Row key={i} legend={t('servicesRegister.form.contactRow', { number: i + 1 })}>
              <div className="register-row">
                <Field
                  id={fid(`contacts.${i + 1}.name`)}
                  label={t('servicesRegister.form.contactName')}
                  value={c.name}
                  onChange={(name) => patchRow('contacts', i, { name })}
                  error={err(`contacts.${i + 1}.name`)}
                />
                <Field
                  id={fid(`contacts.${i + 1}.title`)}
                  label={t('servicesRegister.form.contactTitle')}
                  value={c.title}
                  onChange={(title) => patchRow('contacts', i, { title })}
                />
              </div>
              <div className="register-row">
                <Field
                  id={fid(`contacts.${i + 1}.email`)}
                  label={t('servicesRegister.form.contactEmail')}
                  type="email"
                  autoComplete="off"
                  value={c.email}
                  onChange={(email) => patchRow('contacts', i, { email })}
                  error={err(`contacts.${i + 1}.email`)}
                />
                <Field
                  id={fid(`contacts.${i + 1}.phone`)}
                  label={t('servicesRegister.form.contactPhone')}
                  type="tel"
                  value={c.phone}
                  onChange={(phone) => patchRow('contacts', i, { phone })}
                />
              </div>
              <RemoveButton
                label={t('servicesRegister.form.removeContact', { number: i + 1 })}
                onClick={() => removeRow('contacts', i, `${id}-kontakt-neu`)}
              />
            </Row>
          ))}
          <AddButton
            id={`${id}-kontakt-neu`}
            label={t('servicesRegister.form.addContact')}
            onClick={() =>
              addRow(
                'contacts',
                { name: '', title: '', email: '', phone: '', original: null },
                fid(`contacts.${form.contacts.length + 1}.name`),
              )
            }
          />
        </fieldset>

        {mode === 'planner' && (
          <fieldset>
            <legend>{t('servicesRegister.form.publication')}</legend>
            <CheckField
              id={fid('published')}
              label={t('servicesRegister.form.published')}
              hint={t('servicesRegister.form.publishedHint')}
              checked={form.published}
              onChange={(published) => set({ published })}
            />
            {current.service ? (
              <>
                <p>
                  {current.service.assuredDate
                    ? t('servicesRegister.form.lastAssured', { date: calendarDate(current.service.assuredDate, i18n.language) })
                    : t('servicesRegister.form.neverAssured')}
                </p>
                <CheckField
                  id={fid('assured')}
                  label={t('servicesRegister.form.assured')}
                  hint={t('servicesRegister.form.assuredHint')}
                  checked={form.assured}
                  onChange={(assured) => set({ assured })}
                />
              </>
            ) : (
              <p className="field-hint">{t('servicesRegister.form.assuredNew')}</p>
            )}
          </fieldset>
        )}

        <div className="button-row">
          <button type="submit" className="button button-primary" aria-disabled={saving || undefined}>
            {saving
              ? t('servicesRegister.form.saving')
              : provider
                ? t('servicesRegister.form.submit')
                : t('servicesRegister.form.save')}
          </button>
        </div>
      </form>
    </Page>
  );
}

/** One entry of a repeatable list (price, opening time, phone, contact person). */
function Row({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

function AddButton({ id, label, onClick }: { id: string; label: string; onClick(): void }) {
  return (
    <p>
      <button id={id} type="button" className="button button-small" onClick={onClick}>
        {label}
      </button>
    </p>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <p>
      <button type="button" className="button button-small" onClick={onClick}>
        {label}
      </button>
    </p>
  );
}

/** Planners: a small form to add a location (address and accessibility) and select it at once. */
function NewLocation({
  prefix,
  tenantKey,
  organizationId,
  onCreated,
}: {
  prefix: string;
  tenantKey: string;
  organizationId: string | null;
  onCreated(location: Location): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [street, setStreet] = useState('');
  const [postalCode, setPostalCode] = useState('');
  const [city, setCity] = useState('');
  const [access, setAccess] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    if (!name.trim()) {
      setError(t('servicesRegister.form.needsName'));
      document.getElementById(`${prefix}-name`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const hasAddress = [street, postalCode, city].some((x) => x.trim());
      const created = await registerApi.createLocation(tenantKey, {
        name: name.trim(),
        organizationId,
        address: hasAddress
          ? { address1: street.trim(), postalCode: postalCode.trim(), city: city.trim(), region: null, country: 'DE' }
          : null,
        accessibility: access.trim() ? [{ description: access.trim(), details: null, url: null }] : [],
      });
      setName('');
      setStreet('');
      setPostalCode('');
      setCity('');
      setAccess('');
      setError(null);
      onCreated(created);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details>
      <summary>{t('servicesRegister.form.newLocation')}</summary>
      <div role="alert" className={error ? 'alert alert-error' : 'alert-empty'}>
        {error}
      </div>
      <Field id={`${prefix}-name`} label={t('servicesRegister.form.newLocationName')} value={name} onChange={setName} />
      <Field
        id={`${prefix}-strasse`}
        label={t('servicesRegister.form.street')}
        value={street}
        onChange={setStreet}
        autoComplete="off"
      />
      <div className="register-row">
        <Field
          id={`${prefix}-plz`}
          label={t('servicesRegister.form.postalCode')}
          value={postalCode}
          onChange={setPostalCode}
          inputMode="numeric"
          autoComplete="off"
        />
        <Field id={`${prefix}-ort`} label={t('servicesRegister.form.city')} value={city} onChange={setCity} autoComplete="off" />
      </div>
      <Field
        id={`${prefix}-barrierefreiheit`}
        label={t('servicesRegister.form.accessibilityText')}
        hint={t('servicesRegister.form.accessibilityHint')}
        value={access}
        onChange={setAccess}
      />
      <button type="button" className="button button-small" aria-disabled={busy || undefined} onClick={() => void create()}>
        {t('servicesRegister.form.addLocation')}
      </button>
    </details>
  );
}
