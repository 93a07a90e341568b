import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Segmented, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { useMe, zoneOf } from '../session/me';
import { dayjs } from '../time/zone';
import { ProblemAlert } from '../layout/ProblemAlert';
import { TONE } from '../layout/tones';
import { ru } from '../i18n/ru';
import { Chart } from './Chart';
import { percent } from './format';

type Series = Core['Series'];
type Week = Core['Week'];
type By = 'total' | 'channel' | 'category';
const HORIZONS = [4, 8, 12] as const;

const span = (w: Week) => `${dayjs(w.from).format('DD.MM')}–${dayjs(w.to).format('DD.MM.YYYY')}`;
const count = (v?: number) => (v == null ? '—' : Math.round(v).toLocaleString('ru-RU'));

/**
 * The expected messages of the coming weeks (the SMM manager's duty in Tashtagol's act): in all, per
 * channel or per category, the weeks as they came in beside the weeks ahead with their 80 % interval,
 * and how wrong the same forecast was when made earlier on this municipality's own history.
 */
export function ForecastPage() {
  const zone = zoneOf(useMe().data);
  const [params, setParams] = useSearchParams();
  const weeks = Number(params.get('weeks') ?? 4);
  const by = (params.get('by') ?? 'total') as By;
  const forecast = useQuery({
    queryKey: ['forecast', weeks],
    queryFn: () => ok(core.GET('/api/analytics/forecast', { params: { query: { weeks: String(weeks) } } })),
    placeholderData: keepPreviousData,
  });
  const f = forecast.data;
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    Object.entries(changes).forEach(([k, v]) => (v ? next.set(k, v) : next.delete(k)));
    setParams(next);
  };
  const all: Series[] = !f ? [] : by === 'channel' ? f.byChannel ?? [] : by === 'category' ? f.byCategory ?? [] : f.total ? [f.total] : [];
  const chosen = all.find((s) => s.code === params.get('series')) ?? all[0];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{ru.forecast.title}</Typography.Title>
      <Form layout="inline">
        <Form.Item label={ru.forecast.by}>
          <Segmented aria-label={ru.forecast.by} value={by} onChange={(v) => set({ by: v === 'total' ? undefined : String(v), series: undefined })}
            options={(['total', 'channel', 'category'] as const).map((value) => ({ value, label: ru.forecast.groupings[value] }))} />
        </Form.Item>
        <Form.Item label={ru.forecast.horizon}>
          <Segmented aria-label={ru.forecast.horizon} value={weeks} onChange={(v) => set({ weeks: v === 4 ? undefined : String(v) })}
            options={HORIZONS.map((value) => ({ value, label: ru.forecast.weeks(value) }))} />
        </Form.Item>
        <Typography.Text type="secondary">{ru.forecast.zone(zone)}</Typography.Text>
      </Form>
      {forecast.error && <ProblemAlert error={forecast.error} />}
      {f && !f.total?.enoughHistory && (
        <Alert type="info" showIcon message={ru.forecast.tooShort} description={f.historyFrom ? ru.forecast.historySince(dayjs(f.historyFrom).format('DD.MM.YYYY')) : ru.forecast.noHistory} />
      )}
      {f && f.total?.enoughHistory && by !== 'total' && (
        <Card title={ru.forecast.groupings[by]} size="small">
          <Table<Series> size="small" rowKey={(s) => s.code ?? ''} dataSource={all} pagination={false}
            rowClassName={(s) => (s.code === chosen?.code ? 'ant-table-row-selected' : '')}
            columns={[
              { title: ru.forecast.name, dataIndex: 'name', render: (name: string, s) => <Button type="link" size="small" onClick={() => set({ series: s.code })}>{name}</Button> },
              { title: ru.forecast.thisWeek, align: 'right', render: (_, s) => count(s.weeks?.[0]?.expected) },
              { title: ru.forecast.nextWeek, align: 'right', render: (_, s) => count(s.weeks?.[1]?.expected) },
              { title: ru.forecast.error, align: 'right', render: (_, s) => percent(s.backtest?.meanModelError) },
              { title: ru.forecast.naiveError, align: 'right', render: (_, s) => percent(s.backtest?.meanNaiveError) },
            ]} />
        </Card>
      )}
      {f && chosen && chosen.enoughHistory && <SeriesCard series={chosen} />}
    </Space>
  );
}

/** One series: the chart of weeks behind and ahead, the weeks ahead, and the backtest's error. */
function SeriesCard({ series }: { series: Series }) {
  const recent = series.recent ?? [];
  const ahead = series.weeks ?? [];
  const option = useMemo(() => {
    const labels = [...recent.map((w) => dayjs(w.from).format('DD.MM')), ...ahead.map((w) => dayjs(w.from).format('DD.MM'))];
    const gap = recent.map(() => null);
    return {
      // The tooltip names the interval's edges, not the stacked width the band is drawn with.
      tooltip: { trigger: 'axis', formatter: (points: { dataIndex: number }[]) => {
        const i = points[0]?.dataIndex ?? 0;
        if (i < recent.length) return `${labels[i]}: ${ru.forecast.received.toLowerCase()} ${count(recent[i]?.received)}`;
        const w = ahead[i - recent.length];
        if (!w) return '';
        return `${labels[i]}: ${ru.forecast.expected.toLowerCase()} ${count(w.expected)}, ${ru.forecast.interval} ${count(w.low)} – ${count(w.high)}`;
      } },
      legend: { data: [ru.forecast.received, ru.forecast.expected, ru.forecast.interval] },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: ru.forecast.received, type: 'line', data: recent.map((w) => w.received), color: TONE.info },
        { name: ru.forecast.expected, type: 'line', data: [...gap, ...ahead.map((w) => w.expected)], color: TONE.warn, lineStyle: { type: 'dashed' } },
        // The band: its lower edge drawn invisibly, the interval's width stacked on it.
        { name: 'low', type: 'line', stack: 'band', data: [...gap, ...ahead.map((w) => w.low)], lineStyle: { opacity: 0 }, symbol: 'none' },
        { name: ru.forecast.interval, type: 'line', stack: 'band', data: [...gap, ...ahead.map((w) => (w.high ?? 0) - (w.low ?? 0))],
          lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: TONE.warn, opacity: 0.2 }, color: TONE.warn },
      ],
    };
  }, [recent, ahead]);
  const b = series.backtest;
  return (
    <Card title={ru.forecast.of(series.name ?? '')} size="small">
      <Chart option={option} label={ru.forecast.chart(series.name ?? '')} />
      <Table<Week> size="small" rowKey={(w) => w.from ?? ''} dataSource={ahead} pagination={false} aria-label={ru.forecast.weeksAhead}
        columns={[
          { title: ru.forecast.week, render: (_, w) => span(w) },
          { title: ru.forecast.holidays, dataIndex: 'holidays', align: 'right', render: (n: number) => (n ? n : '—') },
          { title: ru.forecast.soFar, dataIndex: 'receivedSoFar', align: 'right', render: (n: number) => (n ? count(n) : '—') },
          { title: ru.forecast.expected, dataIndex: 'expected', align: 'right', render: count },
          { title: ru.forecast.interval, align: 'right', render: (_, w) => `${count(w.low)} – ${count(w.high)}` },
        ]} />
      <Typography.Paragraph style={{ marginTop: 12 }} data-testid="backtest">
        {b && b.origins ? ru.forecast.backtest(b.origins, (b.modelError ?? []).map((e) => percent(e)), percent(b.meanModelError), percent(b.meanNaiveError))
          : ru.forecast.noBacktest}
      </Typography.Paragraph>
    </Card>
  );
}
