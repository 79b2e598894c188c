import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import type { RegionCollection } from '../../atlas/types.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { FormAlert } from '../../components/Field.tsx';
import { useMeta } from '../../meta.ts';
import { EMPTY_FILTERS, writeFilters } from '../filters.ts';
import { placeData } from './data.ts';
import { LocationList } from './LocationList.tsx';
import {
  filterLocations,
  gemeindeCentres,
  locationPoint,
  servicesByLocation,
  withoutCoordinates,
  type Location,
  type LocationFilter,
  type ServiceAtLocation,
} from './locations.ts';
import { PositionEditor, usePositionText } from './PositionEditor.tsx';

interface Loaded {
  locations: Location[];
  services: Map<string, ServiceAtLocation[]>;
}

/** The last change, shown above the list: after saving with „Rückgängig“, after undoing without. */
interface Outcome {
  message: string;
  /** The state before and after saving, while the change can be undone. */
  undo: { before: Location; after: Location } | null;
  /** A published, active service at the location, to look at it on the public map. */
  publicServiceId: string | null;
  error: string | null;
}

const LIST_PARAM = 'liste';

/**
 * Placing the locations of one municipality by hand: the list of locations without coordinates
 * (or all, to correct a position) beside the position form with its map. A saved location leaves
 * the list with a confirmation that is announced and can be undone.
 */
export function PlaceLocations({ tenantKey }: { tenantKey: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const meta = useMeta();
  const positionText = usePositionText();
  const [params] = useSearchParams();
  // Read once from the address (`?liste=alle` links to the correction view); changing it does not
  // navigate, because every navigation moves focus to the page heading.
  const [filter, setFilter] = useState<LocationFilter>(() => (params.get(LIST_PARAM) === 'alle' ? 'alle' : 'ohne'));
  const [data, setData] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [boundaries, setBoundaries] = useState<RegionCollection | null>(null);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [undoing, setUndoing] = useState(false);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    Promise.all([placeData.locations(tenantKey), placeData.services(tenantKey)])
      .then(([locations, entries]) => live && setData({ locations, services: servicesByLocation(entries) }))
      .catch((error: unknown) => live && setLoadError(errorMessage(error)));
    // The boundaries are orientation only: without them the map and the typed coordinates still work.
    placeData.gemeinden(tenantKey).then(
      (collection) => live && setBoundaries(collection),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [tenantKey]);

  const gemeinden = useMemo(() => gemeindeCentres(boundaries), [boundaries]);
  const locations = useMemo(() => data?.locations ?? [], [data]);
  const services = useMemo(() => data?.services ?? new Map<string, ServiceAtLocation[]>(), [data]);
  const shown = useMemo(() => filterLocations(locations, filter, search, services), [locations, filter, search, services]);
  const missing = locations.filter(withoutCoordinates).length;
  const location = locations.find((l) => l.id === chosen) ?? null;

  // A new outcome takes focus: the saved location has left the list, and „Rückgängig“ follows it.
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const replace = (after: Location) =>
    setData((d) => (d ? { ...d, locations: d.locations.map((l) => (l.id === after.id ? after : l)) } : d));

  const publicService = (locationId: string) => services.get(locationId)?.find((s) => s.public)?.id ?? null;

  const saved = (before: Location, after: Location) => {
    replace(after);
    setChosen(null);
    const point = locationPoint(after)!;
    const gone = filter === 'ohne' && withoutCoordinates(before);
    const message = [
      t('servicesPlace.saved', { name: after.name, position: positionText(point) }),
      ...(gone ? [t('servicesPlace.savedGone')] : []),
    ].join(' ');
    setOutcome({ message, undo: { before, after }, publicServiceId: publicService(after.id), error: null });
    announce(message);
  };

  const undo = async () => {
    if (!outcome?.undo || undoing) return;
    const { before, after } = outcome.undo;
    const previous = locationPoint(before);
    setUndoing(true);
    try {
      const restored = previous ? await placeData.place(tenantKey, before.id, previous) : await placeData.clear(tenantKey, after);
      replace(restored);
      const message = previous
        ? t('servicesPlace.undoneRestored', { name: restored.name, position: positionText(previous) })
        : t('servicesPlace.undoneCleared', { name: restored.name });
      setOutcome({ message, undo: null, publicServiceId: null, error: null });
      announce(message);
    } catch (error) {
      setOutcome({ ...outcome, error: errorMessage(error) });
    } finally {
      setUndoing(false);
    }
  };

  const choose = (id: string) => {
    setChosen(id);
    setOutcome(null);
  };

  if (loadError) return <FormAlert id="verortung-ladefehler" message={loadError} />;
  if (!data) {
    return (
      <p className="loading" role="status">
        {t('servicesPlace.loading')}
      </p>
    );
  }

  const publicLink = (serviceId: string) =>
    `/angebote?${writeFilters({ ...EMPTY_FILTERS, tenant: tenantKey, selected: serviceId }).toString()}`;

  return (
    <>
      <fieldset>
        <legend>{t('servicesPlace.filter.legend')}</legend>
        {(['ohne', 'alle'] as const).map((value) => (
          <div className="choice" key={value}>
            <input
              type="radio"
              id={`verortung-liste-${value}`}
              name="verortung-liste"
              value={value}
              checked={filter === value}
              onChange={() => setFilter(value)}
            />
            <label htmlFor={`verortung-liste-${value}`}>
              {t(`servicesPlace.filter.${value}`, { count: value === 'ohne' ? missing : locations.length })}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="services-layout">
        <section className="services-list-section" aria-labelledby="verortung-liste-titel">
          <h2 id="verortung-liste-titel">
            {filter === 'ohne' ? t('servicesPlace.list.titleOhne') : t('servicesPlace.list.titleAlle')}
          </h2>
          {outcome && (
            <div
              ref={outcomeRef}
              tabIndex={-1}
              className={outcome.error ? 'alert alert-error' : 'alert alert-success'}
              data-testid="verortung-ergebnis"
            >
              <p>{outcome.error ?? outcome.message}</p>
              <div className="button-row">
                {outcome.undo && (
                  <button
                    type="button"
                    className="button"
                    aria-label={t('servicesPlace.undoLabel', { name: outcome.undo.after.name })}
                    aria-disabled={undoing || undefined}
                    onClick={() => void undo()}
                  >
                    {undoing ? t('servicesPlace.undoing') : t('servicesPlace.undo')}
                  </button>
                )}
                {outcome.publicServiceId && <Link to={publicLink(outcome.publicServiceId)}>{t('servicesPlace.publicLink')}</Link>}
              </div>
            </div>
          )}
          <div className="field">
            <label htmlFor="verortung-suche">{t('servicesPlace.search.label')}</label>
            <p className="field-hint" id="verortung-suche-hinweis">
              {t('servicesPlace.search.hint')}
            </p>
            <input
              id="verortung-suche"
              type="search"
              value={search}
              maxLength={200}
              aria-describedby="verortung-suche-hinweis verortung-anzahl"
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <p className="services-count" id="verortung-anzahl" data-testid="verortung-anzahl">
            {t('servicesPlace.list.count', { count: shown.length })}
          </p>
          {shown.length === 0 ? (
            <p>{filter === 'ohne' && missing === 0 ? t('servicesPlace.list.noneOhne') : t('servicesPlace.list.noneMatch')}</p>
          ) : (
            <LocationList locations={shown} services={services} chosen={chosen} onChoose={choose} />
          )}
        </section>
        <section className="services-map-section" aria-labelledby="verortung-karte-titel">
          <h2 id="verortung-karte-titel">{t('servicesPlace.editor.section')}</h2>
          <PositionEditor
            tenantKey={tenantKey}
            location={location}
            boundaries={boundaries}
            gemeinden={gemeinden}
            basemapUrl={meta?.basemapStyleUrl ?? null}
            basemapAttribution={meta?.basemapAttribution ?? null}
            onSaved={saved}
            onCancel={() => {
              const id = chosen;
              setChosen(null);
              // Back to the list entry the form was opened from.
              if (id) document.querySelector<HTMLButtonElement>(`[data-location-id="${CSS.escape(id)}"] button`)?.focus();
            }}
          />
        </section>
      </div>
      <p>
        <Link to={`/angebote?${new URLSearchParams({ kommune: tenantKey }).toString()}`}>{t('servicesPlace.toMap')}</Link>
      </p>
    </>
  );
}
