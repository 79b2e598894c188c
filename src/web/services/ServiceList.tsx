import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { addressLine, termLabels } from './format.ts';
import { calendarDate, todayState, todayText } from './opening-text.ts';
import type { PublicServiceEntry, TaxonomyTerm } from './types.ts';

export interface ServiceListProps {
  tenantKey: string;
  services: readonly PublicServiceEntry[];
  terms: readonly TaxonomyTerm[];
  selected: string | null;
  onSelect(serviceId: string): void;
  /** The query string of the list, carried to the detail page for its back link. */
  search: string;
  /** The moment the opening hours are read at. */
  now: Date;
}

/**
 * The list of services, the accessible equivalent of the map: name (link to the detail page),
 * Träger, address, Zielgruppen, today's opening hours and the date of the last check. A
 * service selected on the map is marked here and scrolled into view.
 */
export function ServiceList({ tenantKey, services, terms, selected, onSelect, search, now }: ServiceListProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!selected) return;
    const item = listRef.current?.querySelector(`[data-service-id="${CSS.escape(selected)}"]`);
    item?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <ul ref={listRef} className="services-list" data-testid="angebote-liste" data-count={services.length}>
      {services.map((s) => {
        const first = s.locations[0] ?? null;
        const address = addressLine(first?.address ?? null);
        const groups = termLabels(s.termKeys, 'zielgruppe', terms);
        const hasPoint = s.locations.some((l) => l.latitude !== null && l.longitude !== null);
        const isSelected = s.id === selected;
        const detail = `/angebote/${encodeURIComponent(tenantKey)}/${encodeURIComponent(s.id)}${search ? `?${search}` : ''}`;
        return (
          <li key={s.id} className={isSelected ? 'services-item services-item-selected' : 'services-item'} data-service-id={s.id}>
            <h3 className="services-item-name">
              <Link to={detail}>{s.name}</Link>
            </h3>
            <dl className="services-facts">
              <div>
                <dt>{t('services.list.organization')}</dt>
                <dd>{s.organization.name}</dd>
              </div>
              <div>
                <dt>{t('services.list.address')}</dt>
                <dd>
                  {address ?? t('services.list.noAddress')}
                  {s.locations.length > 1 && <> {t('services.list.moreLocations', { count: s.locations.length - 1 })}</>}
                </dd>
              </div>
              <div>
                <dt>{t('services.list.zielgruppen')}</dt>
                <dd>{groups.length > 0 ? groups.join(', ') : t('services.list.noZielgruppen')}</dd>
              </div>
              <div>
                <dt>{t('services.list.today')}</dt>
                <dd data-testid="angebot-heute">{todayText(todayState(s.schedules, now), t)}</dd>
              </div>
            </dl>
            <p className="services-assured">
              {s.assuredDate
                ? t('services.list.assured', { date: calendarDate(s.assuredDate, language) })
                : t('services.list.notAssured')}
            </p>
            {hasPoint ? (
              <button
                type="button"
                className="services-select"
                aria-pressed={isSelected}
                aria-label={`${t('services.list.showOnMap')}: ${s.name}`}
                onClick={() => onSelect(s.id)}
              >
                {t('services.list.showOnMap')}
              </button>
            ) : (
              <p className="services-no-point">{t('services.list.noPoint')}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
