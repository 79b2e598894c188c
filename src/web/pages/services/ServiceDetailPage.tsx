import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api.ts';
import { Loading, Page } from '../../components/Page.tsx';
import { serviceData } from '../../services/data.ts';
import { readFilters, writeFilters } from '../../services/filters.ts';
import { addressLine, ageRangeText, costText, termLabels } from '../../services/format.ts';
import { calendarDate, intervalsText, todayState, todayText, upcomingHours, weekdayName } from '../../services/opening-text.ts';
import type { PublicServiceEntry, TaxonomyTerm } from '../../services/types.ts';

/** A labelled list of texts, or the `empty` text when there are none. */
function TextList({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <p>{empty}</p>;
  if (items.length === 1) return <p>{items[0]}</p>;
  return (
    <ul>
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

/**
 * One public service (/angebote/:tenantKey/:serviceId): description, Träger, locations with
 * address and accessibility, opening hours, eligibility, cost, languages, the organisation's
 * public contact and the date of the last check. The back link keeps the list's filters.
 */
export default function ServiceDetailPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { tenantKey = '', serviceId = '' } = useParams();
  const location = useLocation();
  const key = `${tenantKey}/${serviceId}`;
  const [loaded, setLoaded] = useState<{
    key: string;
    service: PublicServiceEntry | null;
    error: { message: string; notFound: boolean } | null;
  } | null>(null);
  const [terms, setTerms] = useState<TaxonomyTerm[]>([]);

  useEffect(() => {
    let cancelled = false;
    const done = (service: PublicServiceEntry | null, error: { message: string; notFound: boolean } | null) =>
      !cancelled && setLoaded({ key: `${tenantKey}/${serviceId}`, service, error });
    serviceData.service(tenantKey, serviceId).then(
      (s) => done(s, null),
      (e: unknown) => done(null, { message: errorMessage(e), notFound: e instanceof ApiError && e.status === 404 }),
    );
    serviceData.taxonomy(tenantKey).then(
      (list) => !cancelled && setTerms(list),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [tenantKey, serviceId]);

  const current = loaded?.key === key ? loaded : null;
  const service = current?.service ?? null;
  const error = current?.error ?? null;

  const back = useMemo(() => {
    const filters = readFilters(new URLSearchParams(location.search));
    const query = writeFilters({ ...filters, tenant: filters.tenant ?? tenantKey, selected: serviceId }).toString();
    return `/angebote?${query}`;
  }, [location.search, tenantKey, serviceId]);
  const now = useMemo(() => new Date(), [service]); // eslint-disable-line react-hooks/exhaustive-deps

  const backLink = (
    <p className="services-back">
      <Link to={back}>{t('services.detail.back')}</Link>
    </p>
  );

  if (error) {
    return (
      <Page title={error.notFound ? t('services.detail.notFound') : t('services.title')} documentTitle={t('services.title')}>
        {backLink}
        {!error.notFound && (
          <p className="alert alert-error" role="alert">
            {error.message}
          </p>
        )}
      </Page>
    );
  }
  if (!service) return <Loading />;

  const org = service.organization;
  const contact = [
    ...(service.url ? [{ label: t('services.detail.website'), href: service.url, text: service.url }] : []),
    ...(org.website && org.website !== service.url
      ? [{ label: `${t('services.detail.website')} (${org.name})`, href: org.website, text: org.website }]
      : []),
    ...(service.email ? [{ label: t('services.detail.email'), href: `mailto:${service.email}`, text: service.email }] : []),
    ...service.phones.map((p) => ({
      label: [t('services.detail.phone'), p.description].filter(Boolean).join(', '),
      href: `tel:${p.number.replace(/[^\d+]/g, '')}`,
      text: p.number,
    })),
  ];
  const notes = service.schedules.map((s) => s.description).filter((d): d is string => Boolean(d));
  const week = upcomingHours(service.schedules, now);
  const hasHours = service.schedules.some((s) => s.opensAt !== null && s.closesAt !== null);

  return (
    <Page title={service.name} documentTitle={`${service.name} – ${t('services.title')}`} className="services-detail">
      {backLink}
      {service.alternateName && <p className="lead">{service.alternateName}</p>}
      <p className="services-assured" data-testid="angebot-geprueft">
        {service.assuredDate
          ? t('services.detail.assured', { date: calendarDate(service.assuredDate, language) })
          : t('services.detail.notAssured')}
      </p>

      <section aria-labelledby="angebot-beschreibung">
        <h2 id="angebot-beschreibung">{t('services.detail.description')}</h2>
        <p className="services-description">{service.description ?? t('services.detail.noDescription')}</p>
      </section>

      <section aria-labelledby="angebot-traeger">
        <h2 id="angebot-traeger">{t('services.detail.organization')}</h2>
        <p>{org.name}</p>
        {org.privatePerson && <p className="field-hint">{t('services.detail.privatePerson')}</p>}
        <h3>{t('services.detail.contact')}</h3>
        {contact.length === 0 ? (
          <p>{t('services.detail.noContact')}</p>
        ) : (
          <dl className="services-facts" data-testid="angebot-kontakt">
            {contact.map((c, index) => (
              <div key={index}>
                <dt>{c.label}</dt>
                <dd>
                  <a href={c.href}>{c.text}</a>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <section aria-labelledby="angebot-zeiten">
        <h2 id="angebot-zeiten">{t('services.hours.title')}</h2>
        <p className="services-today" data-testid="angebot-heute">
          {todayText(todayState(service.schedules, now), t)}
        </p>
        {hasHours && (
          <table className="services-week">
            <caption>{t('services.hours.week')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('services.hours.day')}</th>
                <th scope="col">{t('services.hours.times')}</th>
              </tr>
            </thead>
            <tbody>
              {week.map((day, index) => (
                <tr key={day.date}>
                  <th scope="row">
                    {t('services.hours.dayDate', {
                      weekday: weekdayName(day.date, language),
                      date: calendarDate(day.date, language),
                    })}
                    {index === 0 && <> {t('services.hours.todayMark')}</>}
                  </th>
                  <td>{intervalsText(day.intervals, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {notes.length > 0 && (
          <>
            <h3>{t('services.detail.scheduleNote')}</h3>
            <TextList items={notes} empty="" />
          </>
        )}
      </section>

      <section aria-labelledby="angebot-orte">
        <h2 id="angebot-orte">{t('services.detail.locations')}</h2>
        {service.locations.length === 0 && <p>{t('services.detail.noLocations')}</p>}
        {service.locations.map((l) => (
          <div key={l.id} className="services-location">
            <h3>{l.name}</h3>
            <p>{addressLine(l.address) ?? t('services.list.noAddress')}</p>
            {l.transportation && (
              <p>
                <strong>{t('services.detail.transportation')}:</strong> {l.transportation}
              </p>
            )}
            <h4>{t('services.detail.accessibility')}</h4>
            <TextList
              items={l.accessibility.map((a) => [a.description, a.details].filter(Boolean).join(' – '))}
              empty={t('services.detail.noAccessibility')}
            />
          </div>
        ))}
      </section>

      <section aria-labelledby="angebot-nutzung">
        <h2 id="angebot-nutzung">{t('services.detail.eligibility')}</h2>
        <dl className="services-facts">
          <div>
            <dt>{t('services.detail.ageRange')}</dt>
            <dd data-testid="angebot-alter">{ageRangeText(service.minimumAge, service.maximumAge, t)}</dd>
          </div>
          {service.eligibilityDescription && (
            <div>
              <dt>{t('services.detail.eligibility')}</dt>
              <dd>{service.eligibilityDescription}</dd>
            </div>
          )}
          {service.capacity !== null && (
            <div>
              <dt>{t('services.detail.capacity')}</dt>
              <dd>{service.capacity}</dd>
            </div>
          )}
          {service.applicationProcess && (
            <div>
              <dt>{t('services.detail.application')}</dt>
              <dd>{service.applicationProcess}</dd>
            </div>
          )}
          <div>
            <dt>{t('services.detail.cost')}</dt>
            <dd>
              <TextList
                items={[
                  ...service.costOptions.map((c) => costText(c, language)),
                  ...(service.feesDescription ? [service.feesDescription] : []),
                ]}
                empty={t('services.detail.noCost')}
              />
            </dd>
          </div>
          <div>
            <dt>{t('services.detail.languages')}</dt>
            <dd>
              <TextList
                items={service.languages.map((l) => [l.name, l.note].filter(Boolean).join(' – '))}
                empty={t('services.detail.noLanguages')}
              />
            </dd>
          </div>
          {service.funding.length > 0 && (
            <div>
              <dt>{t('services.detail.funding')}</dt>
              <dd>{service.funding.map((f) => f.source).join(', ')}</dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="angebot-einordnung">
        <h2 id="angebot-einordnung">{t('services.detail.terms')}</h2>
        <dl className="services-facts">
          {(
            [
              ['zielgruppe', 'zielgruppen'],
              ['lebenslage', 'lebenslagen'],
              ['handlungsfeld', 'handlungsfelder'],
            ] as const
          ).map(([vocabulary, label]) => {
            const labels = termLabels(service.termKeys, vocabulary, terms);
            return labels.length === 0 ? null : (
              <div key={vocabulary}>
                <dt>{t(`services.detail.${label}`)}</dt>
                <dd>{labels.join(', ')}</dd>
              </div>
            );
          })}
        </dl>
      </section>
      {backLink}
    </Page>
  );
}
