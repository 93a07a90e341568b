import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Card, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { useMe, zoneOf } from '../session/me';
import { dayjs } from '../time/zone';
import { ProblemAlert } from '../layout/ProblemAlert';
import { TONE } from '../layout/tones';
import { ru } from '../i18n/ru';
import { boundsOf, useBaseMap, useUiConfig, type UiConfig } from './baseMap';

type MapPlace = Core['MapPlace'];
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

/** The points on the deployment's base map (or a plain background). */
function PointsMap({ places, onPick, config }: { places: MapPlace[]; onPick: (category?: string) => void; config: UiConfig }) {
  const element = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const { map, ready, unavailable } = useBaseMap(element, config, ru.analytics.mapLabel, (instance) => {
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
  });

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
    instance.fitBounds(boundsOf(places.map((p) => [p.longitude!, p.latitude!])), { padding: 40, maxZoom: 14, duration: 0 });
  }, [places, ready, map]);

  if (unavailable) return <Alert type="info" showIcon title={ru.analytics.mapUnavailable} />;
  // A region, not an image: the map has its own controls (zoom buttons, a focusable canvas) inside.
  return <div ref={element} role="region" aria-label={ru.analytics.mapLabel} data-ready={ready ? 'true' : 'false'} style={{ width: '100%', height: 360 }} />;
}
