import { useState, type Key } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { can, useMe, zoneOf } from '../session/me';
import { categoryOptions, useReference } from '../message/reference';
import { ProblemAlert } from '../layout/ProblemAlert';
import { showFieldProblems } from '../layout/useProblemForm';
import { TONE } from '../layout/tones';
import type { Dayjs } from 'dayjs';
import { DATE, formatDate } from '../time/zone';
import { ru } from '../i18n/ru';
import { percent } from './format';

type Roadmap = Core['RoadmapView'];
type Measure = Core['MeasureView'];
type Effect = Core['Effect'];

const STATUSES = ['planned', 'in-progress', 'done', 'cancelled'] as const;

/** «было → стало» of a cluster around a day: 30 days before against the days after, and the daily rate's change. */
function EffectText({ effect }: { effect?: Effect | null }) {
  if (!effect) return <>—</>;
  const change = effect.change == null ? '' : ` (${effect.change > 0 ? '+' : ''}${percent(effect.change)})`;
  return <>{ru.roadmaps.effect(effect.before ?? 0, effect.after ?? 0, effect.afterDays ?? 0)}{change}</>;
}

/**
 * Roadmaps that remove the root causes of problems that keep coming back: each with its cluster, its
 * measures (owner, due date, state), whether it is adopted, and the effect of what was done. Those with
 * roadmap.manage make them (from «Повторяющиеся проблемы»: the cluster comes in the URL) and move their
 * measures; the template's approvers approve them.
 */
export function RoadmapsPage() {
  const me = useMe().data;
  const zone = zoneOf(me);
  const managing = can(me, 'roadmap.manage');
  const list = useQuery({ queryKey: ['roadmaps'], queryFn: () => ok(core.GET('/api/roadmaps')) });
  const client = useQueryClient();
  const { message: notify } = App.useApp();
  const refresh = () => client.invalidateQueries({ queryKey: ['roadmaps'] });
  const approve = useMutation({
    mutationFn: (id: string) => ok(core.POST('/api/roadmaps/{id}/approve', { params: { path: { id } } })),
    onSuccess: () => { refresh(); notify.success(ru.roadmaps.approved); },
  });
  const progress = useMutation({
    mutationFn: ({ id, measure, status }: { id: string; measure: string; status: string }) =>
      ok(core.PUT('/api/roadmaps/{id}/measures/{measureId}', { params: { path: { id, measureId: measure } }, body: { status } })),
    onSuccess: refresh,
  });
  // Every roadmap open with its measures until the person folds one (also those that arrive after the first render).
  const [folded, setFolded] = useState<Key[]>([]);
  const open = (list.data ?? []).map((r) => r.id!).filter((id) => !folded.includes(id));
  const approver = (r: Roadmap) => (me?.roles ?? []).some((role) => (r.approvers ?? []).includes(role));

  const measures = (r: Roadmap) => (
    <Table<Measure> size="small" rowKey={(m) => m.id!} dataSource={r.measures ?? []} pagination={false} aria-label={ru.roadmaps.measuresOf(r.title ?? '')}
      columns={[
        { title: ru.roadmaps.measure, dataIndex: 'text' },
        { title: ru.roadmaps.owner, dataIndex: 'ownerName' },
        { title: ru.roadmaps.due, dataIndex: 'due', render: (d: string, m) => <>{formatDate(d)}{m.overdue && <Tag color={TONE.bad} style={{ marginLeft: 8 }}>{ru.roadmaps.overdue}</Tag>}</> },
        { title: ru.roadmaps.status, dataIndex: 'status', render: (s: string, m) => (managing && r.status === 'adopted'
          ? <Select size="small" value={s} style={{ minWidth: 150 }} aria-label={ru.roadmaps.statusOf(m.text ?? '')}
              onChange={(status: string) => progress.mutate({ id: r.id!, measure: m.id!, status })}
              options={STATUSES.map((value) => ({ value, label: ru.roadmaps.statuses[value] }))} />
          : ru.roadmaps.statuses[s] ?? s) },
        { title: ru.roadmaps.doneOn, dataIndex: 'doneOn', render: (d?: string) => (d ? formatDate(d) : '—') },
        { title: ru.roadmaps.effectTitle, dataIndex: 'effect', render: (e?: Effect) => <EffectText effect={e} /> },
      ]} />
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{ru.roadmaps.title}</Typography.Title>
      {list.error && <ProblemAlert error={list.error} />}
      {(approve.error || progress.error) && <ProblemAlert error={approve.error ?? progress.error} />}
      {managing && <NewRoadmap zone={zone} onMade={refresh} />}
      <Card size="small" title={ru.roadmaps.all} data-testid="roadmaps">
        <Table<Roadmap> size="small" rowKey={(r) => r.id!} dataSource={list.data ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: ru.roadmaps.none }} expandable={{ expandedRowRender: measures, expandedRowKeys: open,
            onExpand: (expanded, r) => setFolded(expanded ? folded.filter((k) => k !== r.id) : [...folded, r.id!]) }}
          columns={[
            { title: ru.roadmaps.name, dataIndex: 'title', render: (t: string, r) => <><strong>{t}</strong><div><Typography.Text type="secondary">{r.cause}</Typography.Text></div></> },
            { title: ru.roadmaps.cluster, render: (_, r) => `${r.categoryName || ru.roadmaps.anyCategory} · ${r.territoryName}` },
            { title: ru.roadmaps.state, dataIndex: 'status', render: (s: string, r) => (s === 'adopted'
              ? <Tag color={TONE.ok}>{ru.roadmaps.adopted}</Tag>
              : <Space><Tag color={TONE.warn}>{ru.roadmaps.draft}</Tag>
                  {approver(r) && <Button size="small" type="primary" onClick={() => approve.mutate(r.id!)}>{ru.roadmaps.approve}</Button>}</Space>) },
            { title: ru.roadmaps.progress, render: (_, r) => ru.roadmaps.doneOf(r.done ?? 0, r.measures?.length ?? 0), align: 'right' },
            { title: ru.roadmaps.overdue, dataIndex: 'overdue', align: 'right', render: (n: number) => n || '—' },
            { title: ru.roadmaps.effectTitle, dataIndex: 'effect', render: (e?: Effect) => <EffectText effect={e} /> },
          ]} />
        <Typography.Text type="secondary">{ru.roadmaps.effectNote}</Typography.Text>
      </Card>
    </Space>
  );
}

/** A new roadmap; a problem from «Повторяющиеся проблемы» comes with its category and territory in the URL. */
function NewRoadmap({ zone, onMade }: { zone: string; onMade: () => void }) {
  const [form] = Form.useForm();
  const [params] = useSearchParams();
  const reference = useReference().data;
  const owners = useQuery({ queryKey: ['roadmaps', 'owners'], queryFn: () => ok(core.GET('/api/roadmaps/owners')) });
  const { message: notify } = App.useApp();
  const ownerOptions = (['recipient', 'block', 'role'] as const).map((kind) => ({
    label: ru.roadmaps.ownerKinds[kind],
    options: Object.entries(owners.data?.[kind] ?? {}).map(([code, name]) => ({ value: `${kind}:${code}`, label: name })),
  })).filter((group) => group.options.length > 0);
  const make = useMutation({
    mutationFn: (values: { title: string; cause: string; category?: string; territory?: string;
      measures: { text: string; owner: string; due: Dayjs }[] }) => ok(core.POST('/api/roadmaps', { body: {
      title: values.title, cause: values.cause, category: values.category ?? '', territory: values.territory ?? '',
      measures: (values.measures ?? []).map((m) => ({ text: m.text, ownerKind: m.owner?.split(':')[0], owner: m.owner?.split(':').slice(1).join(':'),
        due: m.due?.format('YYYY-MM-DD') })),
    } })),
    onSuccess: () => { form.resetFields(); onMade(); notify.success(ru.roadmaps.made); },
    onError: (error) => showFieldProblems(form, error, ['title', 'cause', 'category', 'territory', 'measures']),
  });
  const required = [{ required: true, message: ru.step.required }];
  return (
    <Card size="small" title={ru.roadmaps.new}>
      {make.error && <ProblemAlert error={make.error} />}
      <Form form={form} layout="vertical" onFinish={(v) => make.mutate(v)}
        initialValues={{ category: params.get('category') ?? undefined, territory: params.get('territory') ?? undefined, measures: [{}] }}>
        <Form.Item name="title" label={ru.roadmaps.name} rules={required}><Input maxLength={300} /></Form.Item>
        <Form.Item name="cause" label={ru.roadmaps.cause} rules={required}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        <Space wrap>
          <Form.Item name="category" label={ru.analytics.category}>
            <Select allowClear showSearch optionFilterProp="label" style={{ minWidth: 260 }} options={categoryOptions(reference)} placeholder={ru.roadmaps.anyCategory} />
          </Form.Item>
          <Form.Item name="territory" label={ru.analytics.territory}>
            <Select allowClear showSearch optionFilterProp="label" style={{ minWidth: 260 }} placeholder={ru.roadmaps.anyTerritory}
              options={(reference?.territories ?? []).map((t) => ({ value: t.code!, label: t.name }))} />
          </Form.Item>
        </Space>
        <Form.List name="measures">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} wrap align="start">
                  <Form.Item name={[field.name, 'text']} label={ru.roadmaps.measureN(i + 1)} rules={required}><Input style={{ minWidth: 320 }} maxLength={2000} /></Form.Item>
                  <Form.Item name={[field.name, 'owner']} label={ru.roadmaps.owner} rules={required}>
                    <Select style={{ minWidth: 260 }} options={ownerOptions} showSearch optionFilterProp="label" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'due']} label={ru.roadmaps.dueIn(zone)} rules={required}><DatePicker format={DATE} /></Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(field.name)} style={{ marginTop: 30 }}>{ru.roadmaps.removeMeasure}</Button>}
                </Space>
              ))}
              <Form.Item><Button onClick={() => add()}>{ru.roadmaps.addMeasure}</Button></Form.Item>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={make.isPending}>{ru.roadmaps.make}</Button>
      </Form>
    </Card>
  );
}
