import { useTranslation } from 'react-i18next';
import { addressLine } from '../format.ts';
import { formatDegrees } from './coordinates.ts';
import { locationPoint, type Location, type ServiceAtLocation } from './locations.ts';

export interface LocationListProps {
  locations: readonly Location[];
  services: ReadonlyMap<string, readonly ServiceAtLocation[]>;
  chosen: string | null;
  onChoose(locationId: string): void;
}

/**
 * The locations of the municipality as a list: name, address, the services offered there and
 * either the flag „ohne Koordinaten“ or the saved position; a button opens the position form.
 */
export function LocationList({ locations, services, chosen, onChoose }: LocationListProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <ul className="services-list" data-testid="verortung-liste" data-count={locations.length}>
      {locations.map((location) => {
        const point = locationPoint(location);
        const offered = services.get(location.id) ?? [];
        const isChosen = location.id === chosen;
        const action = point ? t('servicesPlace.list.change') : t('servicesPlace.list.place');
        return (
          <li
            key={location.id}
            className={isChosen ? 'services-item services-item-selected' : 'services-item'}
            data-location-id={location.id}
          >
            <h3 className="services-item-name">
              {location.name} {!point && <span className="badge">{t('servicesPlace.list.flag')}</span>}
            </h3>
            <dl className="services-facts">
              <div>
                <dt>{t('servicesPlace.list.address')}</dt>
                <dd>{addressLine(location.address) ?? t('servicesPlace.list.noAddress')}</dd>
              </div>
              <div>
                <dt>{t('servicesPlace.list.services')}</dt>
                <dd>
                  {offered.length === 0
                    ? t('servicesPlace.list.noServices')
                    : offered.map((s, index) => (
                        <span key={s.id}>
                          {index > 0 && ', '}
                          {s.name}
                          {!s.public && ` (${t('servicesPlace.list.notPublic')})`}
                        </span>
                      ))}
                </dd>
              </div>
              {point && (
                <div>
                  <dt>{t('servicesPlace.list.position')}</dt>
                  <dd>
                    {t('servicesPlace.position', {
                      latitude: formatDegrees(point.latitude, language),
                      longitude: formatDegrees(point.longitude, language),
                    })}{' '}
                    (
                    {location.coordinateSource === 'manual'
                      ? t('servicesPlace.list.sourceManual')
                      : t('servicesPlace.list.sourceImported')}
                    )
                  </dd>
                </div>
              )}
            </dl>
            <button
              type="button"
              className="services-select"
              aria-pressed={isChosen}
              aria-label={`${action}: ${location.name}`}
              onClick={() => onChoose(location.id)}
            >
              {action}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
