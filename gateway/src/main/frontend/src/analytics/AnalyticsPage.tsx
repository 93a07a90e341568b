import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Card, Col, DatePicker, Form, Row, Segmented, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { can, useMe, zoneOf } from '../session/me';
import { dayjs, DATE } from '../time/zone';
import { ProblemAlert } from '../layout/ProblemAlert';
import { TONE } from '../layout/tones';
import { ru } from '../i18n/ru';
import { Chart } from './Chart';
import { hours, percent } from './format';
import { BackgroundExport } from '../reports/BackgroundExport';
import { PlacesCard } from './PlacesCard';
import { RecurringCard } from './RecurringCard';

type Measures = Core['Measures'];
type Slice = Core['Slice'];
type Rating = Core['Rating'];
type Place = Core['Place'];
type Trend = 'day' | 'week' | 'month';

/** The municipality's dashboard: a period's measures against the one before, the trend, the backlog, and the slices, each a way into the queue. */
export function AnalyticsPage() {
  const me = useMe().data;
  const zone = zoneOf(me);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = dayjs().tz(zone).format('YYYY-MM-DD');
  const to = params.get('to') ?? today;
  const from = params.get('from') ?? dayjs(to).subtract(29, 'day').format('YYYY-MM-DD');
  const trend = (params.get('trend') ?? 'day') as Trend;
  const summary = useQuery({
    queryKey: ['analytics', from, to, trend],
    queryFn: () => ok(core.GET('/api/analytics/summary', { params: { query: { from, to, trend } } })),
    placeholderData: keepPreviousData,
  });
  const ratings = useQuery({
    queryKey: ['ratings', from, to],
    queryFn: () => ok(core.GET('/api/analytics/ratings', { params: { query: { from, to } } })),
    placeholderData: keepPreviousData,
  });
  const heat = useQuery({
    queryKey: ['heatmap', from, to],
    queryFn: () => ok(core.GET('/api/analytics/heatmap', { params: { query: { from, to } } })),
    placeholderData: keepPreviousData,
  });
  const recurring = useQuery({
    queryKey: ['recurring', from, to],
    queryFn: () => ok(core.GET('/api/analytics/recurring', { params: { query: { from, to } } })),
    placeholderData: keepPreviousData,
  });
  // The roadmaps' progress beside the problems they are for, for those who may read roadmaps.
  const readsRoadmaps = ['roadmap.view', 'roadmap.manage'].some((p) => can(me, p));
  const roadmaps = useQuery({ queryKey: ['roadmaps'], queryFn: () => ok(core.GET('/api/roadmaps')), enabled: readsRoadmaps });
  const load = useQuery({
    queryKey: ['workload', from, to],
    queryFn: () => ok(core.GET('/api/analytics/workload', { params: { query: { from, to } } })),
    placeholderData: keepPreviousData,
  });
  const s = summary.data;
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    Object.entries(changes).forEach(([k, v]) => (v ? next.set(k, v) : next.delete(k)));
    setParams(next);
  };
  /** The queue of the messages received in [first, last] (days in the municipality's zone), with a filter. */
  const queueOf = (first: string, last: string, filter: Record<string, string> = {}) => {
    const q = new URLSearchParams(filter);
    q.set('from', dayjs.tz(first, zone).toISOString());
    q.set('to', dayjs.tz(last, zone).add(1, 'day').toISOString());
    return `/queue?${q}`;
  };

  const trendOption = useMemo(() => s && {
    tooltip: { trigger: 'axis' },
    legend: { data: [ru.analytics.received, ru.analytics.answered, ru.analytics.answeredOnTime] },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: (s.trend ?? []).map((p) => dayjs(p.from).format(trend === 'month' ? 'MM.YYYY' : 'DD.MM')) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: ru.analytics.received, type: 'line', data: (s.trend ?? []).map((p) => p.received), color: TONE.info },
      { name: ru.analytics.answered, type: 'line', data: (s.trend ?? []).map((p) => p.answered), color: TONE.muted },
      { name: ru.analytics.answeredOnTime, type: 'line', data: (s.trend ?? []).map((p) => p.answeredOnTime), color: TONE.ok },
    ],
  }, [s, trend]);

  const backlog = s?.backlog;
  const ages = backlog ? [backlog.upTo1Day, backlog.upTo3Days, backlog.upTo7Days, backlog.upTo30Days, backlog.over30Days] : [];
  const backlogOption = useMemo(() => backlog && {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: ru.analytics.ages },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: ru.analytics.open, type: 'bar', data: ages, color: TONE.warn }],
  }, [backlog]); // eslint-disable-line react-hooks/exhaustive-deps

  const pickStep = (index: number) => {
    const point = s?.trend?.[index];
    if (!point?.from) return;
    const last = trend === 'day' ? point.from : dayjs(point.from).add(1, trend).subtract(1, 'day').format('YYYY-MM-DD');
    navigate(queueOf(point.from < from ? from : point.from, last > to ? to : last));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{ru.analytics.title}</Typography.Title>
      <Card size="small">
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={ru.analytics.period} htmlFor="analytics-from">
            <DatePicker.RangePicker id={{ start: 'analytics-from', end: 'analytics-to' }} format={DATE} allowClear={false}
              value={[dayjs(from), dayjs(to)]}
              onChange={(range) => range?.[0] && range[1] && set({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })} />
          </Form.Item>
          <Form.Item label={ru.analytics.trendBy}>
            <Segmented aria-label={ru.analytics.trendBy} value={trend} onChange={(v) => set({ trend: String(v) })}
              options={(['day', 'week', 'month'] as const).map((value) => ({ value, label: ru.analytics.steps[value] }))} />
          </Form.Item>
          <Typography.Text type="secondary">{ru.analytics.zone(zone)}</Typography.Text>
          {can(me, 'analytics.export') && <BackgroundExport from={from} to={to} />}
        </Form>
      </Card>
      {summary.isError && <ProblemAlert error={summary.error} />}
      {s && (
        <>
          <Typography.Text type="secondary" data-testid="analytics-previous">
            {ru.analytics.against(dayjs(s.previousFrom).format(DATE), dayjs(s.previousTo).format(DATE))}
          </Typography.Text>
          <MeasureCards current={s.current!} previous={s.previous!} />
          <Card size="small" title={ru.analytics.trend}>
            {trendOption && <Chart option={trendOption} label={ru.analytics.trendLabel} onPick={pickStep} />}
            <Typography.Text type="secondary">{ru.analytics.pickHint}</Typography.Text>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={ru.analytics.backlog}>
                <Space size="large" wrap>
                  <Statistic title={ru.analytics.open} value={backlog?.open ?? 0} />
                  <Statistic title={ru.analytics.overdueOpen} value={backlog?.overdue ?? 0} valueStyle={{ color: TONE.bad }} />
                </Space>
                {backlogOption && <Chart option={backlogOption} label={ru.analytics.backlogLabel} height={200} />}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={ru.analytics.slices}>
                <Tabs items={([['byChannel', 'channel'], ['byBlock', 'block'], ['byRecipient', 'recipient'], ['byTerritory', undefined]] as const)
                  .map(([key, filter]) => ({
                    key,
                    label: ru.analytics.sliceNames[key],
                    children: <SliceTable rows={s[key] ?? []} link={(code) => (filter && code ? queueOf(from, to, { [filter]: code }) : undefined)} />,
                  }))} />
              </Card>
            </Col>
          </Row>
        </>
      )}
      {load.isError && <ProblemAlert error={load.error} />}
      {load.data && (
        <Card size="small" title={ru.analytics.workload} data-testid="workload">
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}><LoadTable title={ru.analytics.byBlock} rows={load.data.byBlock ?? []} /></Col>
            <Col xs={24} lg={12}><LoadTable title={ru.analytics.byExecutor} rows={load.data.byExecutor ?? []} /></Col>
          </Row>
        </Card>
      )}
      {heat.isError && <ProblemAlert error={heat.error} />}
      {heat.data && <HeatMapCard map={heat.data} />}
      {recurring.data && <RecurringCard recurring={recurring.data} link={(category) => queueOf(from, to, { category })} plan={can(me, 'roadmap.manage')} roadmaps={readsRoadmaps ? roadmaps.data ?? [] : undefined} />}
      <PlacesCard from={from} to={to} />
      {ratings.isError && <ProblemAlert error={ratings.error} />}
      {(ratings.data ?? []).map((rating) => <RatingCard key={rating.code} rating={rating} />)}
    </Space>
  );
}

function LoadTable({ title, rows }: { title: string; rows: Core['Load'][] }) {
  return (
    <Table<Core['Load']> size="small" title={() => title} rowKey={(r) => r.code ?? '—'} dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true }} locale={{ emptyText: ru.analytics.empty }}
      columns={[
        { title: ru.analytics.name, dataIndex: 'name', render: (name?: string) => name ?? ru.analytics.unassigned },
        { title: ru.analytics.open, dataIndex: 'open', align: 'right' },
        { title: ru.analytics.overdueOpen, dataIndex: 'overdue', align: 'right' },
        { title: ru.analytics.answeredInPeriod, dataIndex: 'answered', align: 'right' },
      ]} />
  );
}

/** Where problems concentrate: categories (rows) × territories (columns), the darker the more messages; the same figures as a table. */
function HeatMapCard({ map }: { map: Core['HeatMap'] }) {
  const categories = (map.categories ?? []).slice(0, 15);
  const territories = (map.territories ?? []).slice(0, 20);
  const label = (x: { name?: string }) => x.name ?? ru.analytics.unassigned;
  const cells = (map.cells ?? []).filter((c) => categories.some((k) => k.code === c.category) && territories.some((t) => t.code === c.territory));
  const max = Math.max(1, ...cells.map((c) => c.received ?? 0));
  const option = useMemo(() => ({
    tooltip: { position: 'top' },
    grid: { left: 200, right: 24, top: 16, bottom: 96 },
    xAxis: { type: 'category', data: territories.map(label), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'category', data: categories.map(label) },
    visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f0f5ff', TONE.info] } },
    series: [{
      type: 'heatmap', name: ru.analytics.received, label: { show: true },
      data: cells.map((c) => [territories.findIndex((t) => t.code === c.territory), categories.findIndex((k) => k.code === c.category), c.received]),
    }],
  }), [map]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Card size="small" title={ru.analytics.heatMap} data-testid="heat-map">
      {cells.length === 0 ? <Typography.Text type="secondary">{ru.analytics.empty}</Typography.Text> : (
        <>
          <Chart option={option} label={ru.analytics.heatMapLabel} height={Math.max(240, 40 * categories.length + 120)} />
          <Table size="small" rowKey={(c) => `${c.category}|${c.territory}`} dataSource={map.cells ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: ru.analytics.category, dataIndex: 'category', render: (code: string) => label(map.categories?.find((k) => k.code === code) ?? {}) },
              { title: ru.analytics.territory, dataIndex: 'territory', render: (code: string) => label(map.territories?.find((t) => t.code === code) ?? {}) },
              { title: ru.analytics.received, dataIndex: 'received', align: 'right' },
              { title: ru.analytics.per10k, dataIndex: 'receivedPer10k', align: 'right', render: (v?: number) => v ?? '—' },
            ]} />
          <Typography.Text type="secondary">{ru.analytics.perCapitaNote}</Typography.Text>
        </>
      )}
    </Card>
  );
}

/** One of the template's ratings: places, scores and the figures behind them; those below the minimum volume follow, unranked. */
function RatingCard({ rating }: { rating: Rating }) {
  const criteria = rating.criteria ?? [];
  const figure = (code: string | undefined, value: number | undefined | null) => {
    if (value === undefined || value === null) return '—';
    const c = criteria.find((x) => x.code === code);
    return c?.figure?.endsWith('Share') ? percent(value) : c?.figure === 'meanAnswerHours' ? hours(value) : String(value);
  };
  return (
    <Card size="small" title={`${ru.analytics.rating}: ${rating.name}`} data-testid={`rating-${rating.code}`}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {ru.analytics.criteria}: {criteria.map((c) => `${c.name}${c.weight !== undefined && criteria.some((x) => x.weight !== 1) ? ` (${c.weight})` : ''}`).join('; ')}
        {rating.minimumVolume ? ` · ${ru.analytics.minimumVolume(rating.minimumVolume)}` : ''}
        {rating.channels?.length ? ` · ${ru.analytics.onlyChannels(rating.channels.join(', '))}` : ''}
      </Typography.Paragraph>
      {rating.notComputed ? <Alert type="info" showIcon title={rating.notComputed} /> : (
        <Table<Place> size="small" rowKey={(p) => p.code ?? ''} dataSource={rating.places ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: ru.analytics.empty }}
          columns={[
            { title: ru.analytics.place, dataIndex: 'place', width: 80, render: (place?: number) => place ?? <Tag>{ru.analytics.unranked}</Tag> },
            { title: ru.analytics.name, dataIndex: 'name' },
            { title: ru.analytics.score, dataIndex: 'score', align: 'right', render: (v?: number) => (v == null ? '—' : v.toFixed(3)) },
            ...criteria.map((c) => ({
              title: c.name, key: c.code, align: 'right' as const, render: (_: unknown, p: Place) => figure(c.code, p.figures?.[c.code!]),
            })),
          ]} />
      )}
    </Card>
  );
}

function MeasureCards({ current, previous }: { current: Measures; previous: Measures }) {
  const cards: { key: keyof Measures; title: string; percent?: boolean; hours?: boolean; lowerIsBetter?: boolean }[] = [
    { key: 'received', title: ru.analytics.received },
    { key: 'receivedPer10k', title: ru.analytics.per10k },
    { key: 'answered', title: ru.analytics.answered },
    { key: 'onTimeShare', title: ru.analytics.onTimeShare, percent: true },
    { key: 'lateShare', title: ru.analytics.lateShare, percent: true, lowerIsBetter: true },
    { key: 'meanAnswerHours', title: ru.analytics.meanAnswer, hours: true, lowerIsBetter: true },
    { key: 'medianAnswerHours', title: ru.analytics.medianAnswer, hours: true, lowerIsBetter: true },
    { key: 'meanAnswerWorkingHours', title: ru.analytics.meanAnswerWorking, hours: true, lowerIsBetter: true },
    { key: 'medianAnswerWorkingHours', title: ru.analytics.medianAnswerWorking, hours: true, lowerIsBetter: true },
    { key: 'meanFirstReplyHours', title: ru.analytics.meanFirstReply, hours: true, lowerIsBetter: true },
    { key: 'resolved', title: ru.analytics.resolved },
    { key: 'explained', title: ru.analytics.explained },
    { key: 'acceptedShare', title: ru.analytics.acceptedShare, percent: true },
    { key: 'reopenedShare', title: ru.analytics.reopenedShare, percent: true, lowerIsBetter: true },
    { key: 'repeatedShare', title: ru.analytics.repeatedShare, percent: true, lowerIsBetter: true },
    { key: 'meanRating', title: ru.analytics.meanRating },
  ];
  const shown = (value: number | undefined, c: (typeof cards)[number]) =>
    value === undefined || value === null ? '—' : c.percent ? percent(value) : c.hours ? hours(value) : String(value);
  return (
    <Row gutter={[12, 12]}>
      {cards.map((c) => {
        const now = current[c.key] as number | undefined;
        const before = previous[c.key] as number | undefined;
        const better = now !== undefined && before !== undefined && now !== null && before !== null && now !== before
          ? (now > before) !== !!c.lowerIsBetter : undefined;
        return (
          <Col key={c.key} xs={12} md={8} xl={4}>
            <Card size="small" data-testid={`measure-${c.key}`}>
              <Statistic title={c.title} value={shown(now, c)} />
              <Typography.Text type="secondary" style={{ color: better === undefined ? undefined : better ? TONE.ok : TONE.bad }}>
                {ru.analytics.before(shown(before, c))}
              </Typography.Text>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

function SliceTable({ rows, link }: { rows: Slice[]; link: (code: string | undefined) => string | undefined }) {
  return (
    <Table<Slice> size="small" rowKey={(r) => r.code ?? '—'} dataSource={rows} pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: ru.analytics.empty }}
      columns={[
        {
          title: ru.analytics.name, dataIndex: 'name', render: (name: string | undefined, r) => {
            const to = link(r.code);
            const text = name ?? ru.analytics.unassigned;
            return to ? <Link to={to}>{text}</Link> : text;
          },
        },
        { title: ru.analytics.received, dataIndex: 'received', align: 'right' },
        { title: ru.analytics.answered, dataIndex: 'answered', align: 'right' },
        { title: ru.analytics.onTimeShare, dataIndex: 'onTimeShare', align: 'right', render: (v?: number) => percent(v) },
        { title: ru.analytics.meanAnswer, dataIndex: 'meanAnswerHours', align: 'right', render: (v?: number) => hours(v) },
      ]} />
  );
}
