import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Card, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { core, ok, type Core } from '../api/client';
import { useMe, zoneOf } from '../session/me';
import { dayjs } from '../time/zone';
import { ProblemAlert } from '../layout/ProblemAlert';
import { TONE } from '../layout/tones';
import { ru } from '../i18n/ru';

type MapPlace = Core['MapPlace'];
/** The deployment's map settings (the gateway's mcu.map.tiles): a raster tile URL template, or none. */
type UiConfig = { mapTiles: string | null; mapAttribution: string | null };

function useUiConfig() {
  return useQuery({
    queryKey: ['ui-config'],
    staleTime: Infinity,
    queryFn: async (): Promise<UiConfig> => {
      const response = await fetch('/api/ui/config', { credentials: 'same-origin' });
      return response.ok ? response.json() : { mapTiles: null, mapAttribution: null };
    },
  });
}

/**
 * Where the period's messages came from: a point per place (about 100 m) and category, the larger the
 * more messages; clicking one opens the queue of that category in the period. The base layer is the
 * deployment's tile server where one is configured; with none, the points alone on a plain background
 * (the templates carry no territories' boundaries). The same places are listed in a table below.
 */
export function PlacesCard({ from, to }: { from: string; to: string }) {
  const zone = zoneOf(useMe().data);
  const navigate = useNavigate();
  const places = useQuery({
    queryKey: ['places', from, to],
    queryFn: () => ok(core.GET('/api/analytics/places', { params: { query: { from, to } } })),
    placeholderData: keepPreviousData,
  });
  const data = places.data;
  const ui = useUiConfig();
  const openQueue = (category?: string) => {
    const q = new URLSearchParams();
    if (category) q.set('category', category);
    q.set('from', dayjs.tz(from, zone).toISOString());
    q.set('to', dayjs.tz(to, zone).add(1, 'day').toISOString());
    navigate(`/queue?${q}`);
  };
  return (
    <Card size="small" title={ru.analytics.map} data-testid="places-map">
      {places.isError && <ProblemAlert error={places.error} />}
      {data && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }} data-testid="places-located">
            {ru.analytics.mapLocated(data.located ?? 0, data.received ?? 0)}
            {data.truncated ? ` · ${ru.analytics.mapTruncated(data.places?.length ?? 0)}` : ''}
            {ui.data && !ui.data.mapTiles ? <>{' · '}{ru.analytics.mapNoBoundaries}</> : null}
          </Typography.Paragraph>
          {(data.places ?? []).length === 0 ? <Typography.Text type="secondary">{ru.analytics.mapNoPoints}</Typography.Text> : (
            <>
              {ui.data && <PointsMap places={data.places ?? []} onPick={openQueue} config={ui.data} />}
              <Table<MapPlace> size="small" rowKey={(p) => `${p.latitude}|${p.longitude}|${p.category}`} dataSource={data.places ?? []}
                pagination={{ pageSize: 10, hideOnSinglePage: true }} style={{ marginTop: 12 }}
                columns={[
                  { title: ru.analytics.category, dataIndex: 'categoryName', render: (name?: string) => name ?? ru.analytics.unassigned },
                  { title: ru.analytics.latitude, dataIndex: 'latitude', align: 'right' },
                  { title: ru.analytics.longitude, dataIndex: 'longitude', align: 'right' },
                  { title: ru.analytics.received, dataIndex: 'received', align: 'right' },
                ]} />
            </>
          )}
        </>
      )}
    </Card>
  );
}

/** MapLibre GL, loaded with the card (its own chunk), on a background-only style. */
function PointsMap({ places, onPick, config }: { places: MapPlace[]; onPick: (category?: string) => void; config: UiConfig }) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [unavailable, setUnavailable] = useState(false);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    Promise.all([import('maplibre-gl'), import('maplibre-gl/dist/maplibre-gl.css')]).then(([maplibre]) => {
      if (disposed || !element.current) return;
      try {
        const instance = new maplibre.Map({
          container: element.current,
          style: config.mapTiles ? {
            version: 8,
            sources: { base: { type: 'raster', tiles: [config.mapTiles], tileSize: 256, attribution: config.mapAttribution ?? undefined } },
            layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f6f8' } }, { id: 'base', type: 'raster', source: 'base' }],
          } : { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f6f8' } }] },
          center: [0, 0], zoom: 1, attributionControl: config.mapTiles ? { compact: true } : false,
          locale: { 'Map.Title': ru.analytics.mapLabel, 'NavigationControl.ZoomIn': ru.analytics.zoomIn, 'NavigationControl.ZoomOut': ru.analytics.zoomOut,
            'NavigationControl.ResetBearing': ru.analytics.resetBearing },
        });
        instance.addControl(new maplibre.NavigationControl({ showCompass: false }));
        instance.on('load', () => {
          instance.addSource('places', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
          instance.addLayer({
            id: 'places', type: 'circle', source: 'places',
            paint: {
              'circle-color': TONE.info, 'circle-opacity': 0.7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1,
              'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'received']], 1, 4, 30, 24],
            },
          });
          instance.on('click', 'places', (event) => pick.current(event.features?.[0]?.properties?.category || undefined));
          instance.on('mouseenter', 'places', () => { instance.getCanvas().style.cursor = 'pointer'; });
          instance.on('mouseleave', 'places', () => { instance.getCanvas().style.cursor = ''; });
          setReady(true);
        });
        map.current = instance;
      } catch {
        setUnavailable(true);
      }
    });
    return () => {
      disposed = true;
      map.current?.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = map.current;
    if (!instance || !ready) return;
    const source = instance.getSource('places') as import('maplibre-gl').GeoJSONSource | undefined;
    source?.setData({
      type: 'FeatureCollection',
      features: places.map((p) => ({
        type: 'Feature', geometry: { type: 'Point', coordinates: [p.longitude!, p.latitude!] },
        properties: { received: p.received, category: p.category ?? '' },
      })),
    });
    const lons = places.map((p) => p.longitude!);
    const lats = places.map((p) => p.latitude!);
    instance.fitBounds([[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]], { padding: 40, maxZoom: 14, duration: 0 });
  }, [places, ready]);

  if (unavailable) return <Alert type="info" showIcon title={ru.analytics.mapUnavailable} />;
  // A region, not an image: the map has its own controls (zoom buttons, a focusable canvas) inside.
  return <div ref={element} role="region" aria-label={ru.analytics.mapLabel} data-ready={ready ? 'true' : 'false'} style={{ width: '100%', height: 360 }} />;
}
