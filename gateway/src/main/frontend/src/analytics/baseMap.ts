import { useEffect, useRef, useState, type RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ru } from '../i18n/ru';

/** The deployment's map settings (the gateway's mcu.map.tiles): a raster tile URL template, or none. */
export type UiConfig = { mapTiles: string | null; mapAttribution: string | null };

export function useUiConfig() {
  return useQuery({
    queryKey: ['ui-config'],
    staleTime: Infinity,
    queryFn: async (): Promise<UiConfig> => {
      const response = await fetch('/api/ui/config', { credentials: 'same-origin' });
      return response.ok ? response.json() : { mapTiles: null, mapAttribution: null };
    },
  });
}

type MapLibre = typeof import('maplibre-gl');

/**
 * A MapLibre GL map in {@code element} (the library and its styles load with the first map, in their
 * own chunk), its canvas named {@code label}: the deployment's base layer where one is configured, else a plain background; Russian
 * control labels; {@code onLoad} adds the card's own sources and layers. {@code ready} once it has.
 */
export function useBaseMap(element: RefObject<HTMLDivElement | null>, config: UiConfig, label: string, onLoad: (map: MapLibreMap, maplibre: MapLibre) => void) {
  const map = useRef<MapLibreMap | null>(null);
  const loaded = useRef(onLoad);
  loaded.current = onLoad;
  const [ready, setReady] = useState(false);
  const [unavailable, setUnavailable] = useState(false);

  useEffect(() => {
    let disposed = false;
    Promise.all([import('maplibre-gl'), import('maplibre-gl/dist/maplibre-gl.css')]).then(([maplibre]) => {
      if (disposed || !element.current) return;
      try {
        const background = { id: 'background', type: 'background' as const, paint: { 'background-color': '#f4f6f8' } };
        const instance = new maplibre.Map({
          container: element.current,
          style: config.mapTiles ? {
            version: 8,
            sources: { base: { type: 'raster', tiles: [config.mapTiles], tileSize: 256, attribution: config.mapAttribution ?? undefined } },
            layers: [background, { id: 'base', type: 'raster', source: 'base' }],
          } : { version: 8, sources: {}, layers: [background] },
          center: [0, 0], zoom: 1, attributionControl: config.mapTiles ? { compact: true } : false,
          locale: { 'Map.Title': label, 'NavigationControl.ZoomIn': ru.analytics.zoomIn, 'NavigationControl.ZoomOut': ru.analytics.zoomOut,
            'NavigationControl.ResetBearing': ru.analytics.resetBearing },
        });
        instance.addControl(new maplibre.NavigationControl({ showCompass: false }));
        instance.on('load', () => {
          loaded.current(instance, maplibre);
          setReady(true);
        });
        map.current = instance;
      } catch {
        // No WebGL in this browser: the card's table still has every figure.
        setUnavailable(true);
      }
    });
    return () => {
      disposed = true;
      map.current?.remove();
      map.current = null;
    };
  }, [element, config, label]);

  return { map, ready, unavailable };
}

/** The smallest box around every position given (longitude, latitude pairs). */
export function boundsOf(positions: [number, number][]): [[number, number], [number, number]] {
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  return [[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]];
}
