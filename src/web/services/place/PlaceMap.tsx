import {
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
  type GeoJSONSource,
  type LayerSpecification,
  type LngLatBoundsLike,
  type MapLayerMouseEvent,
  type MapMouseEvent,
  type SourceSpecification,
  type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { collectionBounds } from '../../atlas/data.ts';
import { BACKGROUND_COLOUR } from '../../atlas/palette.ts';
import type { RegionCollection } from '../../atlas/types.ts';
import type { LonLat } from './coordinates.ts';

// The worker script is bundled as a file of its own (CSP: worker-src 'self').
setWorkerUrl(workerUrl);

const BOUNDARIES = 'gemeinden';
const POINTS = 'place-points';
const BASEMAP_PREFIX = 'basemap-';
/** Zoom when a location with a point is opened: streets apart, about 10 m per pixel. */
const DETAIL_ZOOM = 14;
const DARK = '#1b1f24';
const MARKER = '#ffcc33';
const SAVED = '#4a5563';

/** What the form may ask of the map. */
export interface PlaceMapHandle {
  /** The centre of the visible map (keyboard users pan with the arrow keys and take it). */
  centre(): LonLat;
}

export interface PlaceMapProps {
  /** Boundaries of the Gemeinden for orientation (no basemap by default), or null. */
  boundaries: RegionCollection | null;
  /** The point being set (marker), or null. */
  point: LonLat | null;
  /** The saved point of the location, drawn as a grey ring while it is being moved, or null. */
  saved: LonLat | null;
  /** A new key brings the map to `frameOn` (a location was opened): its point, else all boundaries. */
  frameKey: string;
  frameOn: LonLat | null;
  /** A click on the map; null while no location is open (the click then does nothing). */
  onPick: ((point: LonLat) => void) | null;
  /** Set as `data-ready` on the map element once MapLibre has drawn this state (`idle`). */
  readyKey: string;
  /** Accessible name of the map canvas. */
  label: string;
  /** Names of the zoom buttons. */
  locale: Record<string, string>;
  /** Optional basemap (MapLibre style URL from the configuration); drawn under the boundaries while `showBasemap`. */
  basemapUrl: string | null;
  showBasemap: boolean;
  handleRef?: MutableRefObject<PlaceMapHandle | null>;
}

/** Adds the sources and layers of a basemap style under the boundaries (ids prefixed, so they can be removed again). */
function addBasemap(map: MapLibreMap, style: StyleSpecification): void {
  if (style.glyphs) map.setGlyphs(style.glyphs);
  if (typeof style.sprite === 'string') map.setSprite(style.sprite);
  for (const [id, source] of Object.entries(style.sources ?? {})) {
    map.addSource(BASEMAP_PREFIX + id, source as SourceSpecification);
  }
  for (const layer of style.layers ?? []) {
    const copy = { ...layer, id: BASEMAP_PREFIX + layer.id } as LayerSpecification & { source?: unknown };
    if (typeof copy.source === 'string') copy.source = BASEMAP_PREFIX + copy.source;
    map.addLayer(copy as LayerSpecification, 'gemeinden-fill');
  }
}

function removeBasemap(map: MapLibreMap): void {
  for (const layer of map.getStyle().layers ?? []) {
    if (layer.id.startsWith(BASEMAP_PREFIX)) map.removeLayer(layer.id);
  }
  for (const id of Object.keys(map.getStyle().sources ?? {})) {
    if (id.startsWith(BASEMAP_PREFIX)) map.removeSource(id);
  }
}

function pointFeatures(point: LonLat | null, saved: LonLat | null): GeoJSON.FeatureCollection<GeoJSON.Point> {
  const feature = (p: LonLat, kind: string): GeoJSON.Feature<GeoJSON.Point> => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] },
    properties: { kind },
  });
  return {
    type: 'FeatureCollection',
    features: [...(saved ? [feature(saved, 'saved')] : []), ...(point ? [feature(point, 'new')] : [])],
  };
}

/** Makes the map instance reachable from browser tests (a property, not an attribute). */
function expose(container: HTMLElement, map: MapLibreMap | null): void {
  Object.defineProperty(container, 'maplibreMap', { value: map, configurable: true });
}

/**
 * The map of the placing page: no basemap unless chosen (works offline), the Gemeinden as
 * orientation, the point being set as a yellow marker with a dark ring and the saved point as
 * a grey ring, the Gemeinde under the pointer named. A click sets the point; the form beside it
 * is the equivalent for the keyboard.
 */
export default function PlaceMap(props: PlaceMapProps) {
  const { boundaries, point, saved, frameKey, frameOn, onPick, readyKey, label, locale, basemapUrl, showBasemap, handleRef } =
    props;
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [hover, setHover] = useState<{ name: string; x: number; y: number } | null>(null);
  const onPickRef = useRef(onPick);
  useEffect(() => {
    onPickRef.current = onPick;
  });

  const outlines = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: (boundaries?.features ?? [])
        .filter((f) => f.geometry)
        .map((f) => ({
          type: 'Feature',
          geometry: f.geometry as GeoJSON.Geometry,
          properties: { name: typeof f.properties?.name === 'string' ? f.properties.name : '' },
        })),
    }),
    [boundaries],
  );
  const bounds = useMemo(() => (boundaries ? collectionBounds(boundaries) : null), [boundaries]);
  const points = useMemo(() => pointFeatures(point, saved), [point, saved]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const map = new MapLibreMap({
      container: element,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } }],
      },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      locale,
      center: [10.5, 51],
      zoom: 6,
    });
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    map.doubleClickZoom.disable();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      map.addSource(BOUNDARIES, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({
        id: 'gemeinden-fill',
        type: 'fill',
        source: BOUNDARIES,
        paint: { 'fill-color': '#e9eef5', 'fill-opacity': 0.6 },
      });
      map.addLayer({
        id: 'gemeinden-line',
        type: 'line',
        source: BOUNDARIES,
        paint: { 'line-color': '#5b6675', 'line-width': 1.25 },
      });
      map.addSource(POINTS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({
        id: 'point-saved',
        type: 'circle',
        source: POINTS,
        filter: ['==', ['get', 'kind'], 'saved'],
        paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': SAVED, 'circle-stroke-width': 3 },
      });
      map.addLayer({
        id: 'point-new',
        type: 'circle',
        source: POINTS,
        filter: ['==', ['get', 'kind'], 'new'],
        paint: { 'circle-radius': 8, 'circle-color': MARKER, 'circle-stroke-color': DARK, 'circle-stroke-width': 3 },
      });
      // The Gemeinde under the pointer by name: the map has no labels (no glyph server offline).
      map.on('mousemove', 'gemeinden-fill', (event: MapLayerMouseEvent) => {
        const name = event.features?.[0]?.properties?.name;
        setHover(typeof name === 'string' && name ? { name, x: event.point.x, y: event.point.y } : null);
      });
      map.on('mouseleave', 'gemeinden-fill', () => setHover(null));
      map.on('click', (event: MapMouseEvent) => {
        onPickRef.current?.({ longitude: event.lngLat.lng, latitude: event.lngLat.lat });
      });
      setLoaded(true);
    });
    mapRef.current = map;
    expose(element, map);
    if (handleRef) {
      handleRef.current = {
        centre: () => {
          const c = map.getCenter();
          return { longitude: c.lng, latitude: c.lat };
        },
      };
    }
    return () => {
      if (handleRef) handleRef.current = null;
      expose(element, null);
      map.remove();
      mapRef.current = null;
    };
    // The map is created once; data and labels follow in the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    (map.getSource(BOUNDARIES) as GeoJSONSource).setData(outlines);
  }, [loaded, outlines]);

  // A location was opened (or the boundaries arrived): its point in detail, else the whole municipality.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    if (frameOn) map.jumpTo({ center: [frameOn.longitude, frameOn.latitude], zoom: Math.max(map.getZoom(), DETAIL_ZOOM) });
    else if (bounds) map.fitBounds(bounds as LngLatBoundsLike, { padding: 24, animate: false });
    // frameKey stands for frameOn.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, frameKey, bounds]);

  // A point typed or taken from a Gemeinde that lies outside the view is brought into it.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !point) return;
    if (!map.getBounds().contains([point.longitude, point.latitude])) map.jumpTo({ center: [point.longitude, point.latitude] });
  }, [loaded, point]);

  // New points: redraw, then mark the state as drawn after `idle`.
  useEffect(() => {
    const map = mapRef.current;
    const element = container.current;
    if (!map || !element || !loaded) return;
    delete element.dataset.ready;
    element.dataset.marker = point ? `${point.longitude},${point.latitude}` : '';
    let cancelled = false;
    (map.getSource(POINTS) as GeoJSONSource).setData(points);
    const done = () => {
      if (!cancelled) element.dataset.ready = readyKey;
    };
    map.once('idle', done);
    map.triggerRepaint();
    return () => {
      cancelled = true;
      map.off('idle', done);
    };
  }, [loaded, points, point, readyKey]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    map.getCanvas().style.cursor = onPick ? 'crosshair' : '';
  }, [loaded, onPick]);

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', label);
  }, [label, loaded]);

  // The optional basemap: its style's layers go under the boundaries.
  const styleUrl = showBasemap ? basemapUrl : null;
  useEffect(() => {
    const map = mapRef.current;
    const element = container.current;
    if (!map || !element || !loaded) return;
    let cancelled = false;
    removeBasemap(map);
    map.setPaintProperty('gemeinden-fill', 'fill-opacity', styleUrl ? 0.15 : 0.6);
    if (!styleUrl) {
      element.dataset.basemap = 'aus';
      return;
    }
    delete element.dataset.basemap;
    fetch(styleUrl)
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json() as Promise<StyleSpecification>;
      })
      .then((style) => {
        if (cancelled) return;
        addBasemap(map, style);
        map.once('idle', () => {
          if (!cancelled) element.dataset.basemap = 'an';
        });
        map.triggerRepaint();
      })
      .catch(() => {
        if (!cancelled) element.dataset.basemap = 'fehler';
      });
    return () => {
      cancelled = true;
    };
  }, [loaded, styleUrl]);

  return (
    <div className="atlas-map-frame">
      <div ref={container} className="services-map" data-testid="verortung-karte" />
      {hover && (
        <div className="atlas-tooltip" style={{ left: hover.x, top: hover.y }}>
          {hover.name}
        </div>
      )}
    </div>
  );
}
