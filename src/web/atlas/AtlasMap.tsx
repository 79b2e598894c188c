import {
  Map as MapLibreMap,
  NavigationControl,
  prewarm,
  setWorkerUrl,
  type ExpressionSpecification,
  type GeoJSONSource,
  type LayerSpecification,
  type SourceSpecification,
  type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import { collectionBounds, featureKey, type DetailedRegions } from './data.ts';
import { BACKGROUND_COLOUR, hatchPattern, MISSING_COLOUR } from './palette.ts';
import type { RegionCollection } from './types.ts';

// The worker script is bundled as a file of its own (CSP: worker-src 'self').
setWorkerUrl(workerUrl);
// Start the worker while the page still waits for its data: loading and compiling the worker
// script takes longer than the map's own set-up on a slow machine.
prewarm();

const SOURCE = 'regions';
const HATCH = 'planwerk-hatch';
const BASEMAP_PREFIX = 'basemap-';

/** What the page may ask of a drawn map (exports). */
export interface AtlasMapHandle {
  /** A copy of the map canvas as drawn in the next frame (device pixels) and the device pixels per CSS px. */
  capture(): Promise<{ canvas: HTMLCanvasElement; scale: number }>;
}

export interface AtlasMapProps {
  /**
   * The boundaries of the level, possibly simplified for the zoom that shows them all (`detail`);
   * null while they are loading (the map is created meanwhile, so that MapLibre's set-up overlaps the download).
   */
  regions: DetailedRegions | null;
  /**
   * Loads the boundaries simplified for a zoom (256-px tiles) when the map is zoomed in beyond
   * the detail of `regions`; without it the map keeps `regions` at every zoom.
   */
  loadDetail?: (zoom: number) => Promise<DetailedRegions>;
  /** Region key → class index (0-based), or null for regions without a value. */
  classes: ReadonlyMap<string, number | null>;
  palette: readonly string[];
  selected: string | null;
  onSelect(region: string): void;
  /** Called whenever MapLibre has drawn the data it was handed (`idle`). */
  onDrawn?: () => void;
  /** Set as `data-ready` on the map element once MapLibre has drawn this state (`idle`); null while loading. */
  readyKey: string | null;
  /** Accessible name of the map canvas. */
  label: string;
  /** Names of the zoom buttons. */
  locale: Record<string, string>;
  tooltip(region: string): ReactNode;
  /** Optional basemap (MapLibre style URL from the configuration); drawn under the regions while `showBasemap`. */
  basemap?: { styleUrl: string } | null;
  showBasemap?: boolean;
  /** Receives the handle for exports while the map exists. */
  handleRef?: MutableRefObject<AtlasMapHandle | null>;
}

/** Adds the sources and layers of a basemap style under the regions (ids prefixed, so they can be removed again). */
function addBasemap(map: MapLibreMap, style: StyleSpecification): void {
  if (style.glyphs) map.setGlyphs(style.glyphs);
  if (typeof style.sprite === 'string') map.setSprite(style.sprite);
  for (const [id, source] of Object.entries(style.sources ?? {})) {
    map.addSource(BASEMAP_PREFIX + id, source as SourceSpecification);
  }
  for (const layer of style.layers ?? []) {
    const copy = { ...layer, id: BASEMAP_PREFIX + layer.id } as LayerSpecification & { source?: unknown };
    if (typeof copy.source === 'string') copy.source = BASEMAP_PREFIX + copy.source;
    map.addLayer(copy as LayerSpecification, 'regions-fill');
  }
}

/** Removes what addBasemap added. */
function removeBasemap(map: MapLibreMap): void {
  for (const layer of map.getStyle().layers ?? []) {
    if (layer.id.startsWith(BASEMAP_PREFIX)) map.removeLayer(layer.id);
  }
  for (const id of Object.keys(map.getStyle().sources ?? {})) {
    if (id.startsWith(BASEMAP_PREFIX)) map.removeSource(id);
  }
}

/** The fill colour by class: `cls` −1 (no value) is grey. */
function fillColour(palette: readonly string[]): ExpressionSpecification {
  const stops = palette.flatMap((colour, index) => [index, colour]);
  return ['match', ['get', 'cls'], ...stops, MISSING_COLOUR] as unknown as ExpressionSpecification;
}

/** The boundaries with the class of each region as property `cls` and the key as `key` (no other properties). */
function decorate(regions: RegionCollection, classes: ReadonlyMap<string, number | null>): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: regions.features.map((f) => {
      const key = featureKey(f);
      const cls = classes.get(key);
      return {
        type: 'Feature',
        geometry: f.geometry as GeoJSON.Geometry,
        // Only what the layers and events read: less to copy to MapLibre's worker and to keep in its tiles.
        properties: { key, cls: cls === undefined || cls === null ? -1 : cls },
      };
    }),
  };
}

/** Makes the map instance reachable from browser tests (a property, not an attribute). */
function expose(container: HTMLElement, map: MapLibreMap | null): void {
  Object.defineProperty(container, 'maplibreMap', { value: map, configurable: true });
}

/**
 * The choropleth map: no basemap (a plain background, works offline), regions filled by
 * class, regions without a value grey and hatched, the selected region outlined.
 */
export default function AtlasMap(props: AtlasMapProps) {
  const {
    regions,
    loadDetail,
    onDrawn,
    classes,
    palette,
    selected,
    onSelect,
    readyKey,
    label,
    locale,
    tooltip,
    basemap,
    showBasemap,
    handleRef,
  } = props;
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [hover, setHover] = useState<{ key: string; x: number; y: number } | null>(null);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  });

  // Finer boundaries loaded after zooming in, for the `regions` they refine.
  const [detailed, setDetailed] = useState<{ of: DetailedRegions; regions: DetailedRegions } | null>(null);
  const shown = regions && detailed && detailed.of === regions ? detailed.regions : regions;
  const shownRef = useRef(shown);
  const loadDetailRef = useRef(loadDetail);
  const regionsRef = useRef(regions);
  useEffect(() => {
    shownRef.current = shown;
    loadDetailRef.current = loadDetail;
    regionsRef.current = regions;
  });

  const data = useMemo(() => (shown ? decorate(shown, classes) : null), [shown, classes]);
  const bounds = useMemo(() => (regions ? collectionBounds(regions) : null), [regions]);

  // Create the map once.
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
      // No cross-fade of labels and tiles: the first choropleth counts as drawn as soon as it is.
      fadeDuration: 0,
      ...(bounds ? { bounds, fitBoundsOptions: { padding: 16 } } : { center: [10.5, 51], zoom: 6 }),
    });
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      map.addImage(HATCH, { width: 8, height: 8, data: hatchPattern(8) });
      map.addSource(SOURCE, {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
        // A tile carries 32 px of its neighbours (default 128): enough for the 3-px outline, a quarter of the clipping work.
        buffer: 32,
      });
      // The white borders are the fill's own outline (hairlines drawn with the fill), not a line layer:
      // MapLibre's worker would build line geometry for every border of every tile, which costs
      // about as much as the fills themselves.
      map.addLayer({
        id: 'regions-fill',
        type: 'fill',
        source: SOURCE,
        paint: { 'fill-color': MISSING_COLOUR, 'fill-outline-color': '#ffffff' },
      });
      map.addLayer({
        id: 'regions-hatch',
        type: 'fill',
        source: SOURCE,
        filter: ['==', ['get', 'cls'], -1],
        paint: { 'fill-pattern': HATCH },
      });
      map.addLayer({
        id: 'regions-selected',
        type: 'line',
        source: SOURCE,
        filter: ['==', ['get', 'key'], ''],
        paint: { 'line-color': '#1b1f24', 'line-width': 3 },
      });
      map.on('mousemove', 'regions-fill', (event) => {
        const key = event.features?.[0]?.properties?.key;
        if (typeof key === 'string') setHover({ key, x: event.point.x, y: event.point.y });
        map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', 'regions-fill', () => {
        setHover(null);
        map.getCanvas().style.cursor = '';
      });
      // Zoomed in beyond the detail the boundaries were simplified for: load finer ones.
      map.on('moveend', () => {
        const current = shownRef.current;
        const load = loadDetailRef.current;
        const detail = current?.detail;
        // MapLibre's zoom counts 512-px tiles, the simplification's 256-px tiles.
        const needed = Math.ceil(map.getZoom() + 1 - 1e-9);
        if (!load || detail === null || detail === undefined || needed <= detail) return;
        const of = regionsRef.current;
        if (!of) return;
        load(needed).then(
          (finer) => {
            if (regionsRef.current !== of) return;
            setDetailed((previous) => {
              const had = previous && previous.of === of ? previous.regions.detail : of.detail;
              const better =
                finer.detail === null || finer.detail === undefined || (had !== null && had !== undefined && finer.detail > had);
              return better ? { of, regions: finer } : previous;
            });
          },
          () => undefined,
        );
      });
      map.on('click', 'regions-fill', (event) => {
        const key = event.features?.[0]?.properties?.key;
        if (typeof key === 'string') onSelectRef.current(key);
      });
      setLoaded(true);
    });
    mapRef.current = map;
    expose(element, map);
    if (handleRef) {
      handleRef.current = {
        // MapLibre does not keep the drawing buffer: copy it while the frame is still current.
        capture: () =>
          new Promise((resolve) => {
            map.once('render', () => {
              const source = map.getCanvas();
              const canvas = document.createElement('canvas');
              canvas.width = source.width;
              canvas.height = source.height;
              canvas.getContext('2d')!.drawImage(source, 0, 0);
              resolve({ canvas, scale: source.width / (source.clientWidth || source.width) });
            });
            map.triggerRepaint();
          }),
      };
    }
    return () => {
      if (handleRef) handleRef.current = null;
      expose(element, null);
      map.remove();
      mapRef.current = null;
    };
    // The map is created once; data, bounds and labels follow in the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // New data or palette: redraw, then mark the state as drawn after `idle`.
  useEffect(() => {
    const map = mapRef.current;
    const element = container.current;
    if (!map || !element || !loaded) return;
    delete element.dataset.ready;
    if (!data || readyKey === null) return;
    let cancelled = false;
    (map.getSource(SOURCE) as GeoJSONSource).setData(data);
    map.setPaintProperty('regions-fill', 'fill-color', fillColour(palette));
    const done = () => {
      if (cancelled) return;
      element.dataset.ready = readyKey;
      onDrawn?.();
    };
    map.once('idle', done);
    map.triggerRepaint();
    return () => {
      cancelled = true;
      map.off('idle', done);
    };
  }, [loaded, data, palette, readyKey, onDrawn]);

  // Another level: fit the new boundaries.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !bounds) return;
    map.fitBounds(bounds, { padding: 16, animate: false });
  }, [loaded, bounds]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    map.setFilter('regions-selected', ['==', ['get', 'key'], selected ?? '']);
  }, [loaded, selected]);

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', label);
  }, [label, loaded]);

  // The optional basemap: its style's layers go under the regions, which become slightly transparent.
  const styleUrl = showBasemap ? (basemap?.styleUrl ?? null) : null;
  useEffect(() => {
    const map = mapRef.current;
    const element = container.current;
    if (!map || !element || !loaded) return;
    let cancelled = false;
    removeBasemap(map);
    map.setPaintProperty('regions-fill', 'fill-opacity', styleUrl ? 0.8 : 1);
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
      <div ref={container} className="atlas-map" data-testid="atlas-karte" />
      {hover && (
        <div className="atlas-tooltip" style={{ left: hover.x, top: hover.y }} data-testid="atlas-tooltip">
          {tooltip(hover.key)}
        </div>
      )}
    </div>
  );
}
