import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, DatePicker, Form, Grid, Input, List, Modal, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { can, useMe, zoneOf } from '../session/me';
import { blockName, categoryName, executorName, recipientOptions, stateOptions, useChannels, useReference } from '../message/reference';
import { deadlinesRequest } from '../start/first';
import { messagesQuery, queryOf, savedFilters, saveFilters, type MessageView, type SavedFilter } from './filters';
import { dayjs, formatDateTime, formatTime, fromPicker, toPicker, DATE } from '../time/zone';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';
import { TONE } from '../layout/tones';

function DueTag({ m, zone }: { m: MessageView; zone: string }) {
  if (m.isFinal) return <Tag>{ru.message.final}</Tag>;
  if (m.pausedAt) return <Tag color={TONE.muted}>{ru.message.paused}</Tag>;
  if (!m.dueAt) return <>—</>;
  const atRisk = !m.overdue && dayjs(m.dueAt).diff(dayjs(), 'hour', true) < 4;
  return <Tag color={m.overdue ? TONE.bad : atRisk ? TONE.warn : TONE.muted}>
    {m.overdue ? ru.queue.overdue + ': ' : atRisk ? ru.queue.atRisk + ': ' : ''}{formatDateTime(m.dueAt, zone)}
  </Tag>;
}

/** A person's work queue: filters in the URL, counts, sort, pages, refreshed as the work changes. */
export function QueuePage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe().data;
  const zone = zoneOf(me);
  const phone = !Grid.useBreakpoint().md;
  const reference = useReference().data;
  const channels = useChannels().data;
  const query = queryOf(params, me?.username);
  const found = useQuery({
    ...messagesQuery(query),
    placeholderData: keepPreviousData,
    // Live: what others do to the queue shows within seconds without a reload.
    refetchInterval: 10_000,
  });
  const counts = useQuery({
    queryKey: deadlinesRequest.key,
    queryFn: deadlinesRequest.call,
    enabled: can(me, 'message.view'),
    refetchInterval: 30_000,
  });
  const [saved, setSaved] = useState<SavedFilter[]>(() => savedFilters(me?.username ?? ''));
  const [naming, setNaming] = useState(false);
  const [filterName, setFilterName] = useState('');

  const set = (changes: Record<string, string | string[] | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      next.delete(key);
      for (const v of Array.isArray(value) ? value : value ? [value] : []) next.append(key, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const states = useMemo(() => stateOptions(reference), [reference]);
  const executors = (reference?.executors ?? []).map((e) => ({ value: e.username!, label: e.name }));
  const items = found.data?.items ?? [];

  const columns = [
    { title: ru.queue.receivedAt, dataIndex: 'receivedAt', width: 140, render: (v: string) => formatDateTime(v, zone) },
    { title: ru.queue.channel, dataIndex: 'channelName', width: 150 },
    {
      title: ru.queue.text, dataIndex: 'text', render: (text: string, m: MessageView) =>
        <Link to={`/messages/${m.id}`} className="queue-text">{text}</Link>,
    },
    { title: ru.queue.state, dataIndex: 'stateName', width: 160 },
    { title: ru.queue.block, dataIndex: 'block', width: 150, render: (b: string) => blockName(reference, b) },
    { title: ru.queue.executor, dataIndex: 'executor', width: 150, render: (e: string) => executorName(reference, e) },
    { title: ru.queue.dueAt, key: 'due', width: 190, render: (_: unknown, m: MessageView) => <DueTag m={m} zone={zone} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{ru.queue.title}</Typography.Title>
      {counts.data && (
        <Space size="large" wrap>
          <Card size="small"><Statistic title={ru.queue.overdueCount} value={counts.data.overdue} valueStyle={{ color: TONE.bad }} /></Card>
          <Card size="small"><Statistic title={ru.queue.atRiskCount} value={counts.data.atRisk} valueStyle={{ color: TONE.warn }} /></Card>
        </Space>
      )}
      <Card size="small">
        <Form layout={phone ? 'vertical' : 'inline'} aria-label={ru.queue.title} style={{ rowGap: 8 }}>
          <Form.Item>
            <Segmented aria-label={ru.queue.mine} value={params.get('mine') === 'true' ? 'mine' : 'all'}
              options={[{ value: 'all', label: ru.queue.all }, { value: 'mine', label: ru.queue.mine }]}
              onChange={(v) => set({ mine: v === 'mine' ? 'true' : undefined })} />
          </Form.Item>
          <Form.Item label={ru.queue.search} htmlFor="queue-q">
            <Input.Search key={params.get('q') ?? ''} id="queue-q" allowClear defaultValue={params.get('q') ?? ''} onSearch={(q) => set({ q })} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item label={ru.queue.state} htmlFor="queue-state">
            <Select id="queue-state" mode="multiple" allowClear style={{ minWidth: 180 }} options={states} value={params.getAll('state')}
              onChange={(v: string[]) => set({ state: v })} maxTagCount="responsive" />
          </Form.Item>
          <Form.Item label={ru.queue.channel} htmlFor="queue-channel">
            <Select id="queue-channel" allowClear style={{ minWidth: 160 }} value={params.get('channel') ?? undefined}
              options={(channels ?? []).map((c) => ({ value: c.code!, label: c.name }))} onChange={(channel?: string) => set({ channel })} />
          </Form.Item>
          <Form.Item label={ru.queue.block} htmlFor="queue-block">
            <Select id="queue-block" allowClear style={{ minWidth: 160 }} value={params.get('block') ?? undefined}
              options={(reference?.blocks ?? []).map((b) => ({ value: b.code!, label: b.name }))} onChange={(block?: string) => set({ block })} />
          </Form.Item>
          <Form.Item label={ru.queue.recipient} htmlFor="queue-recipient">
            <Select id="queue-recipient" allowClear style={{ minWidth: 160 }} value={params.get('recipient') ?? undefined}
              options={recipientOptions(reference, params.get('block') ?? undefined)} onChange={(recipient?: string) => set({ recipient })} />
          </Form.Item>
          {params.get('mine') !== 'true' && can(me, 'message.view') && (
            <Form.Item label={ru.queue.executor} htmlFor="queue-executor">
              <Select id="queue-executor" allowClear showSearch optionFilterProp="label" style={{ minWidth: 160 }}
                value={params.get('executor') ?? undefined} options={executors} onChange={(executor?: string) => set({ executor })} />
            </Form.Item>
          )}
          {params.get('category') && (
            <Form.Item>
              <Tag closable onClose={() => set({ category: undefined })} data-testid="queue-category">
                {ru.queue.category}: {categoryName(reference, params.get('category') ?? undefined)}</Tag>
            </Form.Item>
          )}
          <Form.Item label={ru.queue.period} htmlFor="queue-from">
            <DatePicker.RangePicker id={{ start: 'queue-from', end: 'queue-to' }} format={DATE}
              value={params.get('from') ? [toPicker(params.get('from'), zone) ?? null, toPicker(params.get('to'), zone) ?? null] : null}
              onChange={(range) => set({
                from: range?.[0] ? fromPicker(range[0].startOf('day'), zone) : undefined,
                to: range?.[1] ? fromPicker(range[1].add(1, 'day').startOf('day'), zone) : undefined,
              })} />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={params.get('overdue') === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>
              {ru.queue.overdue}</Checkbox>
          </Form.Item>
          <Form.Item>
            <Checkbox checked={params.get('atRisk') === 'true'} onChange={(e) => set({ atRisk: e.target.checked ? 'true' : undefined })}>
              {ru.queue.atRisk}</Checkbox>
          </Form.Item>
          <Form.Item label={ru.queue.sort} htmlFor="queue-sort">
            <Select id="queue-sort" style={{ minWidth: 160 }} value={params.get('sort') ?? 'received-desc'} onChange={(sort: string) => set({ sort })}
              options={[{ value: 'received-desc', label: ru.queue.sortNewest }, { value: 'received-asc', label: ru.queue.sortOldest },
                { value: 'due-asc', label: ru.queue.sortDue }]} />
          </Form.Item>
          <Form.Item>
            <Space wrap>
              <Button onClick={() => setParams(new URLSearchParams())}>{ru.queue.resetFilters}</Button>
              <Button onClick={() => setNaming(true)}>{ru.queue.saveFilter}</Button>
              {saved.length > 0 && (
                <Select aria-label={ru.queue.savedFilters} placeholder={ru.queue.savedFilters} style={{ minWidth: 180 }} value={null}
                  options={saved.map((f) => ({ value: f.search, label: f.name }))} onChange={(search: string) => navigate(`/queue?${search}`)} />
              )}
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {found.isError && <ProblemAlert error={found.error} />}
      <Typography.Text type="secondary" data-testid="queue-total">
        {ru.queue.total(found.data?.total ?? 0)} · {ru.queue.refreshed(formatTime(found.dataUpdatedAt, zone))}
      </Typography.Text>
      {phone ? (
        <List loading={found.isPending || found.isPlaceholderData} dataSource={items} locale={{ emptyText: ru.queue.empty }}
          pagination={{ current: (query.page ?? 0) + 1, pageSize: query.size, total: found.data?.total, onChange: (p) => set({ page: String(p - 1) }) }}
          renderItem={(m) => (
            <List.Item>
              <List.Item.Meta title={<Link to={`/messages/${m.id}`} className="queue-text">{m.text}</Link>}
                description={<Space wrap size={4}><span>{formatDateTime(m.receivedAt, zone)}</span><Tag>{m.stateName}</Tag><DueTag m={m} zone={zone} /></Space>} />
            </List.Item>
          )} />
      ) : (
        <Table<MessageView> rowKey="id" size="middle" loading={found.isPending || found.isPlaceholderData} columns={columns} dataSource={items}
          locale={{ emptyText: ru.queue.empty }}
          pagination={{
            current: (query.page ?? 0) + 1, pageSize: query.size, total: found.data?.total, showSizeChanger: true, pageSizeOptions: [20, 50, 100],
            onChange: (p, size) => set({ page: String(p - 1), size: String(size) }),
          }} />
      )}
      <Modal open={naming} title={ru.queue.saveFilter} okButtonProps={{ disabled: !filterName.trim() }} onCancel={() => setNaming(false)}
        onOk={() => {
          const next = [...saved.filter((f) => f.name !== filterName.trim()), { name: filterName.trim(), search: params.toString() }];
          saveFilters(me?.username ?? '', next);
          setSaved(next);
          setNaming(false);
          setFilterName('');
        }}>
        <Form layout="vertical"><Form.Item label={ru.queue.filterName} htmlFor="filter-name">
          <Input id="filter-name" value={filterName} onChange={(e) => setFilterName(e.target.value)} maxLength={60} />
        </Form.Item></Form>
      </Modal>
    </Space>
  );
}
