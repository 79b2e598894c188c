import {
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
  type GeoJSONSource,
  type LngLatBoundsLike,
  type MapLayerMouseEvent,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { collectionBounds, featureKey } from '../atlas/data.ts';
import { BACKGROUND_COLOUR } from '../atlas/palette.ts';
import type { RegionCollection } from '../atlas/types.ts';
import { pointBounds, type ServicePoint } from './points.ts';

// The worker script is bundled as a file of its own (CSP: worker-src 'self').
setWorkerUrl(workerUrl);

const SOURCE = 'services';
const AREAS = 'areas';
/** Up to this zoom level nearby points are drawn as one cluster. */
const CLUSTER_MAX_ZOOM = 13;
const POINT_COLOUR = '#1f4e8c';
const SELECTED_COLOUR = '#ffcc33';
const DARK = '#1b1f24';

export interface ServiceMapProps {
  points: readonly ServicePoint[];
  /** Outlines of the planning areas for orientation (no basemap), or null. */
  areas: RegionCollection | null;
  /** The planning area chosen as filter: outlined and fitted. */
  area: string | null;
  selected: string | null;
  onSelect(serviceId: string): void;
  /** Set as `data-ready` on the map element once MapLibre has drawn these points (`idle`). */
  readyKey: string;
  /** Accessible name of the map canvas. */
  label: string;
  /** Names of the zoom buttons. */
  locale: Record<string, string>;
}

/**
 * A cluster marker with its count as an image. The map has no basemap and no glyph server
 * (offline), so the number is drawn on a canvas instead of with a text layer.
 */
function clusterImage(count: number): ImageData | null {
  const ratio = 2;
  const size = (count < 10 ? 30 : count < 100 ? 36 : 42) * ratio;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.beginPath();
  g.arc(size / 2, size / 2, size / 2 - 2 * ratio, 0, Math.PI * 2);
  g.fillStyle = POINT_COLOUR;
  g.fill();
  g.lineWidth = 2 * ratio;
  g.strokeStyle = '#ffffff';
  g.stroke();
  g.fillStyle = '#ffffff';
  g.font = `bold ${13 * ratio}px system-ui, sans-serif`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(String(count), size / 2, size / 2 + ratio);
  return g.getImageData(0, 0, size, size);
}

function collection(points: readonly ServicePoint[]): GeoJSON.FeatureCollection<GeoJSON.Point> {
  return {
    type: 'FeatureCollection',
    features: points.map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] },
      properties: { serviceId: p.serviceId, locationId: p.locationId, name: p.name },
    })),
  };
}

/** The outlines with the region key as property `key`. */
function areaCollection(areas: RegionCollection | null): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: (areas?.features ?? []).map((f) => ({
      type: 'Feature',
      geometry: f.geometry as GeoJSON.Geometry,
      properties: { key: featureKey(f) },
    })),
  };
}

/** Makes the map instance reachable from browser tests (a property, not an attribute). */
function expose(container: HTMLElement, map: MapLibreMap | null): void {
  Object.defineProperty(container, 'maplibreMap', { value: map, configurable: true });
}

/**
 * The map of the Angebotslandkarte: no basemap (works offline), the service locations as
 * points clustered by MapLibre (a click on a cluster zooms in), the selected service
 * highlighted. The list beside it is the equivalent accessible view.
 */
export default function ServiceMap({ points, areas, area, selected, onSelect, readyKey, label, locale }: ServiceMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [hover, setHover] = useState<{ name: string; x: number; y: number } | null>(null);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  });

  const data = useMemo(() => collection(points), [points]);
  const outlines = useMemo(() => areaCollection(areas), [areas]);
  // The frame stays put while filters change: the chosen Sozialraum, else all of them, else the points.
  const frame = useMemo(() => {
    const chosen = area && areas ? { ...areas, features: areas.features.filter((f) => featureKey(f) === area) } : null;
    return (chosen && collectionBounds(chosen)) ?? (areas && collectionBounds(areas)) ?? null;
  }, [areas, area]);
  const pointFrame = useMemo(() => (frame ? null : pointBounds(points)), [frame, points]);
  const bounds = frame ?? pointFrame;
  const boundsKey = bounds ? bounds.join(',') : '';

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
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    // Cluster markers are drawn when MapLibre first asks for them.
    map.setMissingStyleImageResolver((id) => {
      const match = /^cluster-(\d+)$/.exec(id);
      if (!match || map.hasImage(id)) return;
      const image = clusterImage(Number(match[1]));
      if (image) map.addImage(id, image, { pixelRatio: 2 });
    });
    map.on('load', () => {
      map.addSource(AREAS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'areas-fill', type: 'fill', source: AREAS, paint: { 'fill-color': '#e9eef5' } });
      map.addLayer({ id: 'areas-line', type: 'line', source: AREAS, paint: { 'line-color': '#8591a3', 'line-width': 1 } });
      map.addLayer({
        id: 'areas-chosen',
        type: 'line',
        source: AREAS,
        filter: ['==', ['get', 'key'], ''],
        paint: { 'line-color': DARK, 'line-width': 2.5 },
      });
      map.addSource(SOURCE, {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
        cluster: true,
        clusterMaxZoom: CLUSTER_MAX_ZOOM,
        clusterRadius: 40,
      });
      map.addLayer({
        id: 'service-clusters',
        type: 'symbol',
        source: SOURCE,
        filter: ['has', 'point_count'],
        layout: {
          'icon-image': ['concat', 'cluster-', ['to-string', ['get', 'point_count']]],
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
        },
      });
      map.addLayer({
        id: 'service-points',
        type: 'circle',
        source: SOURCE,
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': POINT_COLOUR,
          'circle-radius': 7,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      });
      map.addLayer({
        id: 'service-selected',
        type: 'circle',
        source: SOURCE,
        filter: ['==', ['get', 'serviceId'], ''],
        paint: {
          'circle-color': SELECTED_COLOUR,
          'circle-radius': 10,
          'circle-stroke-color': DARK,
          'circle-stroke-width': 3,
        },
      });
      const pointer = (on: boolean) => () => {
        map.getCanvas().style.cursor = on ? 'pointer' : '';
      };
      map.on('mouseenter', 'service-clusters', pointer(true));
      map.on('mouseleave', 'service-clusters', pointer(false));
      map.on('mousemove', 'service-points', (event: MapLayerMouseEvent) => {
        const name = event.features?.[0]?.properties?.name;
        if (typeof name === 'string') setHover({ name, x: event.point.x, y: event.point.y });
        map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', 'service-points', () => {
        setHover(null);
        map.getCanvas().style.cursor = '';
      });
      map.on('click', 'service-points', (event: MapLayerMouseEvent) => {
        const id = event.features?.[0]?.properties?.serviceId;
        if (typeof id === 'string') onSelectRef.current(id);
      });
      map.on('click', 'service-clusters', (event: MapLayerMouseEvent) => {
        const feature = event.features?.[0];
        const clusterId = feature?.properties?.cluster_id;
        if (typeof clusterId !== 'number' || feature?.geometry.type !== 'Point') return;
        const centre = feature.geometry.coordinates as [number, number];
        void (map.getSource(SOURCE) as GeoJSONSource)
          .getClusterExpansionZoom(clusterId)
          .then((zoom) => map.easeTo({ center: centre, zoom }));
      });
      setLoaded(true);
    });
    mapRef.current = map;
    expose(element, map);
    return () => {
      expose(element, null);
      map.remove();
      mapRef.current = null;
    };
    // The map is created once; points and labels follow in the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    (map.getSource(AREAS) as GeoJSONSource).setData(outlines);
  }, [loaded, outlines]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    map.setFilter('areas-chosen', ['==', ['get', 'key'], area ?? '']);
  }, [loaded, area]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !bounds) return;
    map.fitBounds(bounds as LngLatBoundsLike, { padding: 24, maxZoom: 14, animate: false });
    // boundsKey stands for bounds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, boundsKey]);

  // New points: redraw, then mark the state as drawn after `idle`.
  useEffect(() => {
    const map = mapRef.current;
    const element = container.current;
    if (!map || !element || !loaded) return;
    delete element.dataset.ready;
    element.dataset.pointCount = String(data.features.length);
    let cancelled = false;
    (map.getSource(SOURCE) as GeoJSONSource).setData(data);
    const done = () => {
      if (!cancelled) element.dataset.ready = readyKey;
    };
    map.once('idle', done);
    map.triggerRepaint();
    return () => {
      cancelled = true;
      map.off('idle', done);
    };
  }, [loaded, data, readyKey]);

  // A service chosen in the list: highlight it and bring its first location into view, out of any cluster.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    map.setFilter('service-selected', ['==', ['get', 'serviceId'], selected ?? '']);
    const point = selected ? points.find((p) => p.serviceId === selected) : undefined;
    if (point) {
      map.easeTo({ center: [point.longitude, point.latitude], zoom: Math.max(map.getZoom(), CLUSTER_MAX_ZOOM + 1), duration: 0 });
    }
  }, [loaded, selected, points]);

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', label);
  }, [label, loaded]);

  return (
    <div className="atlas-map-frame">
      <div ref={container} className="services-map" data-testid="angebote-karte" />
      {hover && (
        <div className="atlas-tooltip" style={{ left: hover.x, top: hover.y }}>
          {hover.name}
        </div>
      )}
    </div>
  );
}
