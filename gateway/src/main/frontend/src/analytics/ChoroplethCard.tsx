import { useMemo, useRef, useEffect, useState } from 'react';
import { Alert, Card, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';
import { boundsOf, useBaseMap, useUiConfig, type UiConfig } from './baseMap';
import { classes, type Classed } from './classes';
import { hours, percent } from './format';

type Compared = Core['ComparedMunicipality'];
type Figures = Core['Figures'];
/** GeoJSON as /api/regional/boundaries sends it (RFC 7946): positions are [longitude, latitude]. */
type Ring = [number, number][];
type Outline = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
type Outlines = {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: { municipality: string; name: string; region: string }; geometry: Outline }[];
};

/** The measures a choropleth can be coloured by: which way is better (none: neither, a volume) and how a value reads. */
const MEASURES: { key: keyof Figures; label: string; better?: 'more' | 'less'; show: (v: number) => string }[] = [
  { key: 'onTimeShare', label: ru.regional.onTimeShare, better: 'more', show: (v) => percent(v) },
  { key: 'receivedPer10k', label: ru.regional.per10k, show: (v) => v.toLocaleString('ru-RU') },
  { key: 'meanAnswerHours', label: ru.regional.meanAnswer, better: 'less', show: (v) => hours(v) },
  { key: 'acceptedShare', label: ru.regional.acceptedShare, better: 'more', show: (v) => percent(v) },
  { key: 'reopenedShare', label: ru.regional.reopenedShare, better: 'less', show: (v) => percent(v) },
  { key: 'meanRating', label: ru.regional.meanRating, better: 'more', show: (v) => v.toFixed(1) },
];

/** Worse to better (a diverging scale, colour-blind safe), and light to dark for a volume. */
const BETTER = ['#d73027', '#fc8d59', '#fee08b', '#91cf60', '#1a9850'];
const VOLUME = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const NO_FIGURE = '#d9d9d9';

/**
 * The region's municipalities on a map, each filled by its class of the chosen measure over the
 * period (five classes of equal counts), where the regional operator has loaded their outlines;
 * a click opens the municipality's row below. The legend names each class's range.
 */
export function ChoroplethCard({ region, rows, onPick }: { region?: string; rows: Compared[]; onPick: (slug: string) => void }) {
  const [measure, setMeasure] = useState<keyof Figures>('onTimeShare');
  const outlines = useQuery({
    queryKey: ['regional', 'boundaries', region],
    staleTime: 10 * 60_000,
    // Sent as application/geo+json: the body is the collection itself.
    queryFn: async () => (await ok(core.GET('/api/regional/boundaries', { params: { query: { region } }, parseAs: 'json' }))) as unknown as Outlines,
  });
  const ui = useUiConfig();
  const chosen = MEASURES.find((m) => m.key === measure)!;
  const classed = useMemo(() => {
    const values = new Map(rows.map((m) => [m.slug!, (m.current?.[measure] as number | undefined) ?? null]));
    return classes(values, chosen.better === 'less' ? [...BETTER].reverse() : chosen.better ? BETTER : VOLUME, NO_FIGURE);
  }, [rows, measure, chosen.better]);
  const features = outlines.data?.features ?? [];

  return (
    <Card size="small" title={ru.regional.choropleth} data-testid="choropleth">
      {outlines.isError && <ProblemAlert error={outlines.error} />}
      {outlines.data && features.length === 0 && <Typography.Text type="secondary">{ru.regional.noBoundaries}</Typography.Text>}
      {features.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <label htmlFor="choropleth-measure">{ru.regional.choroplethMeasure}</label>
            <Select id="choropleth-measure" style={{ minWidth: 260 }} value={measure} onChange={setMeasure}
              options={MEASURES.map((m) => ({ value: m.key, label: m.label }))} />
          </Space>
          {ui.data && <OutlinesMap outlines={outlines.data!} classed={classed} onPick={onPick} config={ui.data} />}
          <Legend classed={classed} show={chosen.show} loaded={features.length} of={rows.length} />
        </Space>
      )}
    </Card>
  );
}

function Legend({ classed, show, loaded, of }: { classed: Classed; show: (v: number) => string; loaded: number; of: number }) {
  return (
    <Space wrap size="middle" data-testid="choropleth-legend" aria-label={ru.regional.choroplethLegend}>
      {classed.ranges.map((r) => (
        <span key={r.color} data-testid="choropleth-class">
          <Swatch color={r.color} /> {r.from === r.to ? show(r.from) : `${show(r.from)} – ${show(r.to)}`} ({r.count})
        </span>
      ))}
      <span><Swatch color={NO_FIGURE} /> {ru.regional.noFigure}</span>
      <Typography.Text type="secondary">{ru.regional.outlinesLoaded(loaded, of)}</Typography.Text>
    </Space>
  );
}

function Swatch({ color }: { color: string }) {
  return <span aria-hidden style={{ display: 'inline-block', width: 14, height: 14, background: color, border: '1px solid #8c8c8c', verticalAlign: 'middle' }} />;
}

/** The outlines filled by class, on the deployment's base map (or a plain background). */
function OutlinesMap({ outlines, classed, onPick, config }: { outlines: Outlines; classed: Classed; onPick: (slug: string) => void; config: UiConfig }) {
  const element = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const { map, ready, unavailable } = useBaseMap(element, config, ru.regional.choroplethLabel, (instance) => {
    instance.addSource('outlines', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    instance.addLayer({ id: 'outlines-fill', type: 'fill', source: 'outlines', paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.8 } });
    instance.addLayer({ id: 'outlines-line', type: 'line', source: 'outlines', paint: { 'line-color': '#434343', 'line-width': 1 } });
    instance.on('click', 'outlines-fill', (event) => {
      const slug = event.features?.[0]?.properties?.municipality;
      if (slug) pick.current(slug);
    });
    instance.on('mouseenter', 'outlines-fill', () => { instance.getCanvas().style.cursor = 'pointer'; });
    instance.on('mouseleave', 'outlines-fill', () => { instance.getCanvas().style.cursor = ''; });
  });
  const [painted, setPainted] = useState(0);

  useEffect(() => {
    const instance = map.current;
    if (!instance || !ready) return;
    const source = instance.getSource('outlines') as import('maplibre-gl').GeoJSONSource | undefined;
    source?.setData({
      ...outlines,
      features: outlines.features.map((f) => ({ ...f, properties: { ...f.properties, color: classed.color(f.properties.municipality) } })),
    });
    setPainted(outlines.features.length);
  }, [outlines, classed, ready, map]);

  useEffect(() => {
    const instance = map.current;
    if (!instance || !ready || outlines.features.length === 0) return;
    const positions = outlines.features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
      .flatMap((polygon) => (polygon[0] ?? []).map((p) => [p[0], p[1]] as [number, number])));
    instance.fitBounds(boundsOf(positions), { padding: 24, duration: 0 });
  }, [outlines, ready, map]);

  if (unavailable) return <Alert type="info" showIcon title={ru.analytics.mapUnavailable} />;
  return <div ref={element} role="region" aria-label={ru.regional.choroplethLabel} data-ready={ready ? 'true' : 'false'} data-painted={painted} data-testid="choropleth-map"
    style={{ width: '100%', height: 420 }} />;
}
