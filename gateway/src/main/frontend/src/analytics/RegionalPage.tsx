import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, DatePicker, Descriptions, Form, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { useMe } from '../session/me';
import { dayjs, DATE, latestToday } from '../time/zone';
import { ProblemAlert } from '../layout/ProblemAlert';
import { TONE } from '../layout/tones';
import { ru } from '../i18n/ru';
import { Chart } from './Chart';
import { ChoroplethCard } from './ChoroplethCard';
import { hours, percent } from './format';

type Compared = Core['ComparedMunicipality'];
type ComparedRegion = Core['ComparedRegion'];
type Figures = Core['Figures'];


/**
 * The regional ЦУР's comparison: its municipalities side by side over a period (each one's days in its
 * own zone), their place in the region by the share answered on time and how it changed. Counts only.
 * The federal methodologist first sees the regions side by side and opens one to see its municipalities.
 */
export function RegionalPage() {
  const me = useMe().data;
  const federal = !!me?.roles?.includes('federal-methodologist');
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? latestToday();
  const from = params.get('from') ?? dayjs(to).subtract(29, 'day').format('YYYY-MM-DD');
  const region = params.get('region') ?? undefined;
  const byRegion = federal && !region;
  const regions = useQuery({
    queryKey: ['regional', 'regions', from, to],
    queryFn: () => ok(core.GET('/api/regional/regions', { params: { query: { from, to } } })),
    placeholderData: keepPreviousData,
    enabled: federal,
  });
  const comparison = useQuery({
    queryKey: ['regional', from, to, region],
    queryFn: () => ok(core.GET('/api/regional/comparison', { params: { query: { from, to, region } } })),
    placeholderData: keepPreviousData,
    enabled: !!me && !byRegion,
  });
  const shown = byRegion ? regions : comparison;
  const rows = comparison.data?.municipalities ?? [];
  const key = (m: Compared) => `${m.region}-${m.slug}`;
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  // A municipality picked on the map opens its row: ranks and categories over time.
  const pick = (slug: string) => {
    const row = rows.find((m) => m.slug === slug);
    if (!row) return;
    setExpanded((keys) => (keys.includes(key(row)) ? keys : [...keys, key(row)]));
    requestAnimationFrame(() => document.querySelector(`[data-row-key="${key(row)}"]`)?.scrollIntoView({ block: 'center' }));
  };
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    Object.entries(changes).forEach(([k, v]) => (v ? next.set(k, v) : next.delete(k)));
    setParams(next);
  };
  const regionRows = regions.data?.regions ?? [];
  const charted: { name?: string; current?: Figures }[] = byRegion ? regionRows : rows;
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { data: [ru.regional.per10k, ru.regional.onTimeShare] },
    grid: { left: 48, right: 48, top: 40, bottom: 64 },
    xAxis: { type: 'category', data: charted.map((m) => m.name), axisLabel: { interval: 0, rotate: charted.length > 6 ? 30 : 0 } },
    yAxis: [{ type: 'value', name: ru.regional.per10k }, { type: 'value', name: '%', max: 100 }],
    series: [
      { name: ru.regional.per10k, type: 'bar', data: charted.map((m) => m.current?.receivedPer10k ?? 0), color: TONE.info },
      { name: ru.regional.onTimeShare, type: 'bar', yAxisIndex: 1, data: charted.map((m) => Math.round((m.current?.onTimeShare ?? 0) * 1000) / 10), color: TONE.ok },
    ],
  }), [charted]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{byRegion ? ru.regional.countryTitle : ru.regional.title}</Typography.Title>
      <Card size="small">
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={ru.analytics.period} htmlFor="regional-from">
            <DatePicker.RangePicker id={{ start: 'regional-from', end: 'regional-to' }} format={DATE} allowClear={false}
              value={[dayjs(from), dayjs(to)]}
              onChange={(range) => range?.[0] && range[1] && set({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })} />
          </Form.Item>
          {federal && (
            <Form.Item label={ru.regional.region} htmlFor="regional-region">
              <Select id="regional-region" allowClear style={{ minWidth: 160 }} value={region} placeholder={ru.regional.allRegions}
                showSearch={{ optionFilterProp: 'label' }}
                options={[...regionRows].sort((a, b) => a.region!.localeCompare(b.region!))
                  .map((r) => ({ value: r.region!, label: `${r.region} — ${r.name}` }))}
                onChange={(value?: string) => set({ region: value })} />
            </Form.Item>
          )}
          <Typography.Text type="secondary">{ru.regional.countsOnly}</Typography.Text>
        </Form>
      </Card>
      {shown.isError && <ProblemAlert error={shown.error} />}
      {shown.data && (
        <Typography.Text type="secondary">
          {ru.analytics.against(dayjs(shown.data.previousFrom).format(DATE), dayjs(shown.data.previousTo).format(DATE))}
        </Typography.Text>
      )}
      {charted.length > 0 && (
        <Card size="small" title={byRegion ? ru.regional.regionsChart : ru.regional.chart}>
          <Chart option={option} label={byRegion ? ru.regional.regionsChartLabel : ru.regional.chartLabel} height={300}
            onPick={byRegion ? (index) => set({ region: regionRows[index]?.region }) : undefined} />
        </Card>
      )}
      {byRegion ? (
        <Table<ComparedRegion> size="small" rowKey="region" loading={regions.isPending} dataSource={regionRows}
          pagination={{ pageSize: 100, hideOnSinglePage: true }} locale={{ emptyText: ru.analytics.empty }} scroll={{ x: 1100 }}
          expandable={{ expandedRowRender: (r) => <Ranks ranks={r.ranks ?? {}} />, columnTitle: ru.regional.ranks }}
          columns={[
            { title: ru.regional.placeInCountry, key: 'place', width: 110, render: (_, r) => <Place now={r.place} before={r.previousPlace} /> },
            { title: ru.regional.region, key: 'region', render: (_, r) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => set({ region: r.region })}>{`${r.region} — ${r.name}`}</Button>) },
            { title: ru.regional.municipalitiesCount, dataIndex: 'municipalities', align: 'right' },
            { title: ru.regional.population, dataIndex: 'population', align: 'right', render: (v?: number) => v?.toLocaleString('ru-RU') ?? '—' },
            ...figureColumns<ComparedRegion>(),
          ]} />
      ) : (<>
      <ChoroplethCard region={region} rows={rows} onPick={pick} />
      <Table<Compared> size="small" rowKey={key} loading={comparison.isPending} dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }} locale={{ emptyText: ru.analytics.empty }} scroll={{ x: 1100 }}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded([...keys]),
          expandedRowRender: (m) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Ranks ranks={m.ranks ?? {}} />
              <CategoriesOverTime slug={m.slug!} from={from} to={to} />
            </Space>
          ),
          columnTitle: ru.regional.ranks,
        }}
        columns={[
          { title: ru.regional.region, dataIndex: 'region', width: 80 },
          { title: ru.regional.place, key: 'place', width: 110, render: (_, m) => <Place now={m.place} before={m.previousPlace} /> },
          { title: ru.regional.municipality, dataIndex: 'name' },
          { title: ru.regional.population, dataIndex: 'population', align: 'right', render: (v?: number) => v?.toLocaleString('ru-RU') ?? '—' },
          ...figureColumns<Compared>(),
        ]} />
      </>)}
    </Space>
  );
}

/** The figures' columns, the same for a municipality and for a region. */
function figureColumns<T extends { current?: Figures }>(): ColumnsType<T> {
  return [
    { title: ru.analytics.received, key: 'received', align: 'right', render: (_, m) => m.current?.received },
    { title: ru.regional.per10k, key: 'per10k', align: 'right', render: (_, m) => m.current?.receivedPer10k ?? '—' },
    { title: ru.analytics.answered, key: 'answered', align: 'right', render: (_, m) => m.current?.answered },
    { title: ru.regional.onTimeShare, key: 'onTime', align: 'right', render: (_, m) => percent(m.current?.onTimeShare) },
    { title: ru.analytics.meanAnswer, key: 'mean', align: 'right', render: (_, m) => hours(m.current?.meanAnswerHours) },
    { title: ru.regional.resolvedShare, key: 'resolved', align: 'right', render: (_, m) => percent(m.current?.resolvedShare) },
    { title: ru.regional.acceptedShare, key: 'accepted', align: 'right', render: (_, m) => percent(m.current?.acceptedShare) },
    { title: ru.regional.reopenedShare, key: 'reopened', align: 'right', render: (_, m) => percent(m.current?.reopenedShare) },
    { title: ru.regional.meanRating, key: 'rating', align: 'right', render: (_, m) => m.current?.meanRating?.toFixed(1) ?? '—' },
  ];
}

/** A municipality's categories month by month: the eight with most messages stacked, the rest together. */
function CategoriesOverTime({ slug, from, to }: { slug: string; from: string; to: string }) {
  const categories = useQuery({
    queryKey: ['regional', 'categories', slug, from, to],
    queryFn: () => ok(core.GET('/api/regional/municipalities/{slug}/categories', { params: { path: { slug }, query: { from, to } } })),
  });
  const option = useMemo(() => {
    const rows = categories.data?.months ?? [];
    const months = [...new Set(rows.map((r) => r.month!))].sort();
    const totals = new Map<string, number>();
    rows.forEach((r) => totals.set(r.name ?? ru.analytics.unassigned, (totals.get(r.name ?? ru.analytics.unassigned) ?? 0) + (r.received ?? 0)));
    const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name]) => name);
    const series = [...top, ru.regional.otherCategories].map((name) => ({
      name, type: 'bar', stack: 'all',
      data: months.map((month) => rows.filter((r) => r.month === month && (name === ru.regional.otherCategories
        ? !top.includes(r.name ?? ru.analytics.unassigned) : (r.name ?? ru.analytics.unassigned) === name))
        .reduce((sum, r) => sum + (r.received ?? 0), 0)),
    })).filter((s) => s.data.some((v) => v > 0));
    return {
      tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: months.map((m) => dayjs(m).format('MM.YYYY')) }, yAxis: { type: 'value', minInterval: 1 }, series,
    };
  }, [categories.data]);
  if (categories.isError) return <ProblemAlert error={categories.error} />;
  if (!categories.data) return null;
  return (
    <div data-testid={`categories-${slug}`}>
      <Typography.Text strong>{ru.regional.categoriesOverTime}</Typography.Text>
      {(categories.data.months ?? []).length === 0 ? <Typography.Paragraph type="secondary">{ru.analytics.empty}</Typography.Paragraph>
        : <Chart option={option} label={ru.regional.categoriesLabel(categories.data.name ?? slug)} height={240} />}
    </div>
  );
}

const RANKED: [string, string][] = [
  ['onTimeShare', ru.regional.onTimeShare], ['meanAnswerHours', ru.regional.meanAnswer], ['resolvedShare', ru.regional.resolvedShare],
  ['acceptedShare', ru.regional.acceptedShare], ['reopenedShare', ru.regional.reopenedShare], ['meanRating', ru.regional.meanRating],
];

/** A place (of a municipality in its region, of a region in the country) by each ranked measure, and how each moved. */
function Ranks({ ranks }: { ranks: Record<string, Core['Rank']> }) {
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3, xl: 5 }} data-testid="ranks"
      items={RANKED.map(([key, label]) => ({ key, label, children: <Place now={ranks[key]?.place} before={ranks[key]?.previousPlace} /> }))} />
  );
}

/** The place now, and how it moved since the previous period (a smaller number is a better place). */
function Place({ now, before }: { now?: number; before?: number }) {
  if (now == null) return <>—</>;
  if (before == null || before === now) return <>{now}</>;
  const up = now < before;
  return (
    <span>
      {now} <span style={{ color: up ? TONE.ok : TONE.bad }} aria-label={up ? ru.regional.up(before - now) : ru.regional.down(now - before)}>
        {up ? `▲${before - now}` : `▼${now - before}`}
      </span>
    </span>
  );
}
