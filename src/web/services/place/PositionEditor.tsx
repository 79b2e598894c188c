import { lazy, Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api.ts';
import type { RegionCollection } from '../../atlas/types.ts';
import { useAnnounce } from '../../components/Announcer.tsx';
import { FormAlert } from '../../components/Field.tsx';
import { formatDegrees, parsePair, readTypedPoint, roundPoint, type CoordinateProblem, type LonLat } from './coordinates.ts';
import { placeData } from './data.ts';
import { gemeindeForCity, insideBoundaries, locationPoint, type GemeindeCentre, type Location } from './locations.ts';
import type { PlaceMapHandle } from './PlaceMap.tsx';

// MapLibre (about 1 MB) loads only with the map, after the list.
const PlaceMap = lazy(() => import('./PlaceMap.tsx'));

export interface PositionEditorProps {
  tenantKey: string;
  /** The location being placed, or null (the map then only shows the Gemeinden). */
  location: Location | null;
  boundaries: RegionCollection | null;
  gemeinden: readonly GemeindeCentre[];
  /** The configured basemap style, or null. */
  basemapUrl: string | null;
  basemapAttribution: string | null;
  onSaved(before: Location, after: Location): void;
  onCancel(): void;
}

/** The fields as typed, for one location. */
interface Draft {
  locationId: string | null;
  latitude: string;
  longitude: string;
  gemeinde: string;
  /** Whether the Gemeinde of the address was looked up (the boundaries may arrive later). */
  seeded: boolean;
}

/** The text of a position in the interface language, e.g. „Breite 51,0123, Länge 10,4567“. */
export function usePositionText(): (point: LonLat) => string {
  const { t, i18n } = useTranslation();
  return (point) =>
    t('servicesPlace.position', {
      latitude: formatDegrees(point.latitude, i18n.language),
      longitude: formatDegrees(point.longitude, i18n.language),
    });
}

/**
 * The form for one location's position: Gemeinde (its centre as first approximation),
 * latitude and longitude in German number format, and the map, where a click sets the point.
 * All three write the same two fields, the marker shows them; „Position speichern“ saves.
 */
export function PositionEditor(props: PositionEditorProps) {
  const { tenantKey, location, boundaries, gemeinden, basemapUrl, basemapAttribution, onSaved, onCancel } = props;
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const positionText = usePositionText();
  const id = 'verortung';
  const heading = useRef<HTMLHeadingElement>(null);
  const mapHandle = useRef<PlaceMapHandle | null>(null);
  const [showBasemap, setShowBasemap] = useState(false);
  const [errors, setErrors] = useState<{ latitude: CoordinateProblem | null; longitude: CoordinateProblem | null } | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const fresh = (l: Location | null): Draft => {
    const point = l ? locationPoint(l) : null;
    return {
      locationId: l?.id ?? null,
      latitude: point ? formatDegrees(point.latitude, i18n.language) : '',
      longitude: point ? formatDegrees(point.longitude, i18n.language) : '',
      gemeinde: (l && gemeindeForCity(l.address?.city, gemeinden)?.key) ?? '',
      seeded: gemeinden.length > 0,
    };
  };
  const [draft, setDraft] = useState<Draft>(() => fresh(location));
  const [frame, setFrame] = useState(0);
  // Another location opened: start from its saved state and bring the map to it.
  if (draft.locationId !== (location?.id ?? null)) {
    setDraft(fresh(location));
    setErrors(null);
    setSaveError(null);
    setFrame((n) => n + 1);
  }
  // The boundaries may arrive after the location was opened: preselect its Gemeinde then.
  if (!draft.seeded && gemeinden.length > 0) {
    setDraft({ ...draft, gemeinde: gemeindeForCity(location?.address?.city, gemeinden)?.key ?? '', seeded: true });
  }

  useEffect(() => {
    if (location) heading.current?.focus();
  }, [location?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const typed = readTypedPoint(draft.latitude, draft.longitude);
  const marker = typed.ok ? typed.point : null;
  const saved = location ? locationPoint(location) : null;
  const outside = marker ? insideBoundaries(marker, boundaries) === false : false;

  const setPoint = (point: LonLat) => {
    const rounded = roundPoint(point);
    setDraft((d) => ({
      ...d,
      latitude: formatDegrees(rounded.latitude, i18n.language),
      longitude: formatDegrees(rounded.longitude, i18n.language),
    }));
    setErrors(null);
  };

  const pick = useMemo(
    () =>
      location
        ? (point: LonLat) => {
            setPoint(point);
            announce(t('servicesPlace.editor.picked', { position: positionText(roundPoint(point)) }));
          }
        : null,
    // positionText and setPoint only depend on the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [location?.id, i18n.language, announce, t],
  );

  const applyGemeinde = () => {
    const gemeinde = gemeinden.find((g) => g.key === draft.gemeinde);
    if (!gemeinde) return;
    setPoint(gemeinde.centre);
    announce(
      t('servicesPlace.editor.gemeindeApplied', { name: gemeinde.name, position: positionText(roundPoint(gemeinde.centre)) }),
    );
  };

  const takeCentre = () => {
    const centre = mapHandle.current?.centre();
    if (!centre) return;
    setPoint(centre);
    announce(t('servicesPlace.editor.picked', { position: positionText(roundPoint(centre)) }));
  };

  const typeLatitude = (value: string) => {
    // A pasted pair „51,0123; 10,4567“ fills both fields.
    const pair = /\d.*[\s;/,].*\d/.test(value.trim()) ? parsePair(value) : null;
    if (pair) {
      setDraft((d) => ({
        ...d,
        latitude: formatDegrees(pair.latitude, i18n.language),
        longitude: formatDegrees(pair.longitude, i18n.language),
      }));
    } else setDraft((d) => ({ ...d, latitude: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!location || saving) return;
    if (!typed.ok) {
      setErrors({ latitude: typed.latitude, longitude: typed.longitude });
      document.getElementById(typed.latitude ? `${id}-breite` : `${id}-laenge`)?.focus();
      return;
    }
    setErrors(null);
    setSaveError(null);
    setSaving(true);
    try {
      const after = await placeData.place(tenantKey, location.id, roundPoint(typed.point));
      onSaved(location, after);
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (field: 'latitude' | 'longitude') => {
    const problem = errors?.[field];
    if (!problem) return null;
    const suffix = problem === 'empty' ? 'Empty' : problem === 'invalid' ? 'Invalid' : 'Range';
    return t(`servicesPlace.editor.${field}${suffix}`);
  };
  const latitudeError = fieldError('latitude');
  const longitudeError = fieldError('longitude');
  const describe = (...ids: (string | false | null)[]) => ids.filter(Boolean).join(' ') || undefined;

  const map = (
    <>
      {location && (
        <p className="field-hint" id={`${id}-karte-hinweis`}>
          {t('servicesPlace.editor.mapHint')}
        </p>
      )}
      <Suspense fallback={<div className="services-map services-map-placeholder">{t('servicesPlace.editor.mapLoading')}</div>}>
        <PlaceMap
          boundaries={boundaries}
          point={marker}
          saved={saved}
          frameKey={`${location?.id ?? ''}|${frame}`}
          frameOn={saved}
          onPick={pick}
          readyKey={`${location?.id ?? ''}|${draft.latitude}|${draft.longitude}`}
          label={location ? t('servicesPlace.editor.mapLabel', { name: location.name }) : t('servicesPlace.editor.mapLabelEmpty')}
          locale={{
            'NavigationControl.ZoomIn': t('servicesPlace.editor.zoomIn'),
            'NavigationControl.ZoomOut': t('servicesPlace.editor.zoomOut'),
          }}
          basemapUrl={basemapUrl}
          showBasemap={showBasemap}
          handleRef={mapHandle}
        />
      </Suspense>
      {basemapUrl && (
        <div className="field services-field-check">
          <input
            id={`${id}-hintergrund`}
            type="checkbox"
            checked={showBasemap}
            onChange={(e) => setShowBasemap(e.target.checked)}
          />
          <label htmlFor={`${id}-hintergrund`}>{t('servicesPlace.editor.basemap')}</label>
        </div>
      )}
      {showBasemap && basemapAttribution && <p className="field-hint">{basemapAttribution}</p>}
    </>
  );

  if (!location) {
    return (
      <>
        <p>{t('servicesPlace.editor.empty')}</p>
        {map}
      </>
    );
  }

  return (
    <>
      <h3 ref={heading} tabIndex={-1} id={`${id}-titel`}>
        {t('servicesPlace.editor.title', { name: location.name })}
      </h3>
      <p>
        {saved
          ? t('servicesPlace.editor.current', {
              position: positionText(saved),
              source:
                location.coordinateSource === 'manual'
                  ? t('servicesPlace.list.sourceManual')
                  : t('servicesPlace.list.sourceImported'),
            })
          : t('servicesPlace.editor.currentNone')}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-titel`}>
        <FormAlert id={`${id}-fehler`} message={saveError ?? (errors ? t('servicesPlace.editor.summary') : null)} />
        {gemeinden.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-gemeinde`}>{t('servicesPlace.editor.gemeinde')}</label>
            <p className="field-hint" id={`${id}-gemeinde-hinweis`}>
              {t('servicesPlace.editor.gemeindeHint')}
            </p>
            <div className="button-row">
              <select
                id={`${id}-gemeinde`}
                value={draft.gemeinde}
                aria-describedby={`${id}-gemeinde-hinweis`}
                onChange={(e) => setDraft((d) => ({ ...d, gemeinde: e.target.value }))}
              >
                <option value="">{t('servicesPlace.editor.gemeindeChoose')}</option>
                {gemeinden.map((g) => (
                  <option key={g.key} value={g.key}>
                    {g.name}
                  </option>
                ))}
              </select>
              <button type="button" className="button" disabled={!draft.gemeinde} onClick={applyGemeinde}>
                {t('servicesPlace.editor.gemeindeApply')}
              </button>
            </div>
          </div>
        )}
        <fieldset>
          <legend>{t('servicesPlace.editor.coordinates')}</legend>
          <div className={latitudeError ? 'field field-invalid' : 'field'}>
            <label htmlFor={`${id}-breite`}>{t('servicesPlace.editor.latitude')}</label>
            <p className="field-hint" id={`${id}-breite-hinweis`}>
              {t('servicesPlace.editor.latitudeHint')}
            </p>
            {latitudeError && (
              <p className="field-error" id={`${id}-breite-fehler`}>
                {latitudeError}
              </p>
            )}
            <input
              id={`${id}-breite`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              value={draft.latitude}
              aria-invalid={latitudeError ? true : undefined}
              aria-describedby={describe(
                `${id}-breite-hinweis`,
                latitudeError && `${id}-breite-fehler`,
                outside && `${id}-ausserhalb`,
              )}
              onChange={(e) => typeLatitude(e.target.value)}
            />
          </div>
          <div className={longitudeError ? 'field field-invalid' : 'field'}>
            <label htmlFor={`${id}-laenge`}>{t('servicesPlace.editor.longitude')}</label>
            <p className="field-hint" id={`${id}-laenge-hinweis`}>
              {t('servicesPlace.editor.longitudeHint')}
            </p>
            {longitudeError && (
              <p className="field-error" id={`${id}-laenge-fehler`}>
                {longitudeError}
              </p>
            )}
            <input
              id={`${id}-laenge`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              value={draft.longitude}
              aria-invalid={longitudeError ? true : undefined}
              aria-describedby={describe(
                `${id}-laenge-hinweis`,
                longitudeError && `${id}-laenge-fehler`,
                outside && `${id}-ausserhalb`,
              )}
              onChange={(e) => setDraft((d) => ({ ...d, longitude: e.target.value }))}
            />
          </div>
          {outside && (
            <p className="alert alert-warning" id={`${id}-ausserhalb`} data-testid="verortung-ausserhalb">
              {t('servicesPlace.editor.outside')}
            </p>
          )}
        </fieldset>
        {map}
        <div className="button-row">
          <button type="button" className="button" onClick={takeCentre}>
            {t('servicesPlace.editor.takeCentre')}
          </button>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" aria-disabled={saving || undefined}>
            {saving ? t('servicesPlace.editor.saving') : t('servicesPlace.editor.save')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('servicesPlace.editor.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
