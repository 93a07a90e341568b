import { useState } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { ApiProblem } from '../api/problem';
import { can, useMe, zoneOf } from '../session/me';
import { dayjs, DATE, formatDateTime } from '../time/zone';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';
import { ReportProgress } from './ReportProgress';
import { useOrderReport, type Report } from './useReport';

type Duty = Core['Duty'];

/**
 * The municipality's reporting duties (from its act, via the template) with where each is e-mailed,
 * a way to make any of them for a period, and the reports made so far with their progress.
 */
export function ReportsPage() {
  const me = useMe().data;
  const zone = zoneOf(me);
  const duties = useQuery({ queryKey: ['reports', 'duties'], queryFn: () => ok(core.GET('/api/reports/duties')) });
  const recent = useQuery({
    queryKey: ['reports', 'recent'],
    queryFn: () => ok(core.GET('/api/reports')),
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === 'running') ? 1000 : false),
  });
  const [making, setMaking] = useState<Duty>();
  const [addressing, setAddressing] = useState<Duty>();
  const mayPrepare = can(me, 'report.prepare') || can(me, 'report.approve');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{ru.reports.title}</Typography.Title>
      <Card size="small" title={ru.reports.duties} data-testid="duties">
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{ru.reports.dutiesHint}</Typography.Paragraph>
        {duties.isError && <ProblemAlert error={duties.error} />}
        <Table<Duty> size="small" rowKey={(d) => d.code!} dataSource={duties.data ?? []} loading={duties.isPending} pagination={false}
          scroll={{ x: 900 }}
          columns={[
            { title: ru.reports.name, dataIndex: 'name', render: (name: string, d) => <span data-testid={`duty-${d.code}`}>{name}</span> },
            { title: ru.reports.preparedBy, dataIndex: 'preparedByName', render: (v?: string) => v ?? '—' },
            { title: ru.reports.recipient, dataIndex: 'recipient', render: (v?: string) => v ?? <Typography.Text type="secondary">{ru.reports.notNamed}</Typography.Text> },
            {
              title: ru.reports.frequency, dataIndex: 'frequency',
              render: (f?: string) => (f ? <Tag color={['daily', 'weekly', 'monthly', 'quarterly'].includes(f) ? 'blue' : undefined}>{ru.reports.frequencies[f] ?? f}</Tag>
                : <Typography.Text type="secondary">{ru.reports.noFrequency}</Typography.Text>),
            },
            {
              title: ru.reports.emails, key: 'emails', render: (_, d) => (
                <Space size="small" wrap>
                  <span>{d.emails?.length ? d.emails.join(', ') : <Typography.Text type="secondary">{ru.reports.noEmails}</Typography.Text>}</span>
                  {can(me, 'tenant.admin') && <Button size="small" onClick={() => setAddressing(d)}>{ru.reports.editEmails}</Button>}
                </Space>
              ),
            },
            {
              title: '', key: 'make', render: (_, d) => mayPrepare && <Button size="small" type="primary" onClick={() => setMaking(d)}>{ru.reports.make}</Button>,
            },
          ]} />
      </Card>
      <Card size="small" title={ru.reports.made} data-testid="reports-made">
        {recent.isError && <ProblemAlert error={recent.error} />}
        <Table<Report> size="small" rowKey={(r) => r.id!} dataSource={recent.data ?? []} loading={recent.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 900 }}
          columns={[
            { title: ru.reports.name, dataIndex: 'title' },
            { title: ru.reports.period, key: 'period', render: (_, r) => `${dayjs(r.from).format(DATE)} — ${dayjs(r.to).format(DATE)}` },
            { title: ru.reports.requestedBy, key: 'by', render: (_, r) => (r.scheduled ? <Tag>{ru.reports.bySchedule}</Tag> : r.requestedBy) },
            { title: ru.reports.createdAt, dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, zone) },
            { title: ru.reports.status, key: 'status', render: (_, r) => <ReportProgress report={r} /> },
            {
              title: ru.reports.mailed, key: 'mail', render: (_, r) => (r.emailedTo?.length ? ru.reports.mailedTo(r.emailedTo.join(', '))
                : r.mailProblem ? <Typography.Text type="secondary">{ru.reports.notMailed(r.mailProblem)}</Typography.Text> : '—'),
            },
          ]} />
      </Card>
      {making && <MakeDialog duty={making} zone={zone} onClose={() => setMaking(undefined)} />}
      {addressing && <AddressesDialog duty={addressing} onClose={() => setAddressing(undefined)} />}
    </Space>
  );
}

/** A duty's report for a period of one's choosing (by default the last 7 days), sent to its recipients if asked. */
function MakeDialog({ duty, zone, onClose }: { duty: Duty; zone: string; onClose: () => void }) {
  const [form] = Form.useForm();
  const order = useOrderReport(() => onClose());
  const today = dayjs().tz(zone);
  return (
    <Modal open title={ru.reports.makeTitle(duty.name!)} okText={ru.reports.make} onCancel={onClose} confirmLoading={order.isPending}
      onOk={() => form.submit()} destroyOnHidden>
      {order.isError && <ProblemAlert error={order.error} />}
      <Form form={form} layout="vertical" initialValues={{ period: [today.subtract(6, 'day'), today], send: false }}
        onFinish={(v) => order.mutate({ kind: duty.code!, format: 'pdf', from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD'), send: v.send })}>
        <Form.Item name="period" label={ru.reports.period} rules={[{ required: true }]} htmlFor="report-from">
          <DatePicker.RangePicker id={{ start: 'report-from', end: 'report-to' }} format={DATE} allowClear={false} />
        </Form.Item>
        <Form.Item name="send" valuePropName="checked">
          <Checkbox disabled={!duty.emails?.length}>{ru.reports.send}{duty.emails?.length ? ` (${duty.emails.join(', ')})` : ''}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Where a duty's reports are e-mailed: the administrator's addresses for the recipient the act names. */
function AddressesDialog({ duty, onClose }: { duty: Duty; onClose: () => void }) {
  const [form] = Form.useForm();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (emails: string[]) => ok(core.PUT('/api/reports/duties/{code}/recipients', { params: { path: { code: duty.code! } }, body: { emails } })),
    onSuccess: () => { client.invalidateQueries({ queryKey: ['reports'] }); onClose(); },
    onError: (error) => {
      const field = error instanceof ApiProblem ? error.fieldErrors.find((e) => e.field.startsWith('emails')) : undefined;
      if (field) form.setFields([{ name: 'emails', errors: [field.message] }]);
    },
  });
  const fieldProblem = save.error instanceof ApiProblem && save.error.fieldErrors.some((e) => e.field.startsWith('emails'));
  return (
    <Modal open title={ru.reports.emailsTitle(duty.name!)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      {duty.recipient && <Alert type="info" showIcon title={`${ru.reports.recipient}: ${duty.recipient}`} style={{ marginBottom: 12 }} />}
      {save.isError && !fieldProblem && <ProblemAlert error={save.error} />}
      <Form form={form} layout="vertical" initialValues={{ emails: duty.emails ?? [] }} onFinish={(v) => save.mutate(v.emails ?? [])}>
        <Form.Item name="emails" label={ru.reports.emails} help={undefined} extra={ru.reports.emailsHelp} htmlFor="report-emails">
          <Select id="report-emails" mode="tags" open={false} tokenSeparators={[',', ';', ' ']} aria-label={ru.reports.emails} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
