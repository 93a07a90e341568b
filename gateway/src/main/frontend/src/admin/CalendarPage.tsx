import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Typography, App } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { showFieldProblems } from '../layout/useProblemForm';
import { ProblemAlert } from '../layout/ProblemAlert';
import { DATE, formatDate } from '../time/zone';
import { ru } from '../i18n/ru';

/** The municipality's own working-day changes on top of the federal production calendar; deadlines are recomputed. */
export function CalendarPage() {
  const client = useQueryClient();
  const { message: notify } = App.useApp();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<unknown>();
  const overrides = useQuery({ queryKey: ['calendar'], queryFn: () => ok(core.GET('/api/calendar/overrides')) });
  const done = (applied: Core['Applied']) => {
    notify.success(ru.calendar.recomputed(applied.recomputed ?? 0));
    client.invalidateQueries({ queryKey: ['calendar'] });
  };
  const put = useMutation({
    mutationFn: (v: { day: { format: (f: string) => string }; kind: string; reason: string }) =>
      ok(core.PUT('/api/calendar/overrides/{day}', { params: { path: { day: v.day.format('YYYY-MM-DD') } }, body: { kind: v.kind, reason: v.reason } })),
    onSuccess: (applied) => { form.resetFields(); done(applied); },
    onError: (error) => setProblem(showFieldProblems(form, error, ['day', 'kind', 'reason']) ? undefined : error),
  });
  const remove = useMutation({
    mutationFn: (day: string) => ok(core.DELETE('/api/calendar/overrides/{day}', { params: { path: { day } } })),
    onSuccess: done,
    onError: setProblem,
  });
  const kinds = Object.entries(ru.calendar.kinds).map(([value, label]) => ({ value, label }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{ru.calendar.title}</Typography.Title>
      {problem !== undefined && <ProblemAlert error={problem} />}
      <Card size="small" title={ru.calendar.add}>
        <Form form={form} layout="inline" onFinish={(v) => { setProblem(undefined); put.mutate(v); }} style={{ rowGap: 8 }}>
          <Form.Item name="day" label={ru.calendar.day} rules={[{ required: true, message: ru.step.required }]}><DatePicker format={DATE} /></Form.Item>
          <Form.Item name="kind" label={ru.calendar.kind} rules={[{ required: true, message: ru.step.required }]}>
            <Select options={kinds} style={{ minWidth: 200 }} /></Form.Item>
          <Form.Item name="reason" label={ru.calendar.reason} rules={[{ required: true, message: ru.step.required }]}>
            <Input maxLength={500} style={{ minWidth: 260 }} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={put.isPending}>{ru.calendar.add}</Button>
        </Form>
      </Card>
      {overrides.isError && <ProblemAlert error={overrides.error} />}
      <Table rowKey={(o) => `${o.level}-${o.day}`} loading={overrides.isPending} dataSource={overrides.data ?? []} pagination={{ pageSize: 50 }}
        columns={[
          { title: ru.calendar.day, dataIndex: 'day', render: formatDate },
          { title: ru.calendar.kind, dataIndex: 'kind', render: (k: string) => ru.calendar.kinds[k] ?? k },
          { title: ru.calendar.reason, dataIndex: 'reason' },
          { title: ru.calendar.level, dataIndex: 'level', render: (l: string) => ru.calendar.levels[l] ?? l },
          {
            title: '', key: 'remove', render: (_, o) => o.level === 'municipal' && (
              <Popconfirm title={ru.calendar.remove} onConfirm={() => remove.mutate(o.day!)}><Button size="small">{ru.calendar.remove}</Button></Popconfirm>
            ),
          },
        ]} />
    </Space>
  );
}
