import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { categoryOptions, useChannels, useReference } from '../message/reference';
import { useMe, zoneOf } from '../session/me';
import { DATE_TIME, fromPicker } from '../time/zone';
import { showFieldProblems } from '../layout/useProblemForm';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';

const FIELDS = ['channel', 'kind', 'text', 'citizen', 'address', 'category', 'territory', 'priority', 'receivedAt', 'externalId'];

/** Registering by hand what arrived by phone, paper or a visit, in the channels the role may register. */
export function ManualEntryPage() {
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message: notify } = App.useApp();
  const zone = zoneOf(useMe().data);
  const reference = useReference().data;
  const channels = (useChannels().data ?? []).filter((c) => c.mayRegister);
  const [problem, setProblem] = useState<unknown>();
  const create = useMutation({
    mutationFn: (values: Core['ManualEntry'] & { receivedAt?: unknown }) =>
      ok(core.POST('/api/messages', { body: { ...values, receivedAt: fromPicker(values.receivedAt as never, zone) } })),
    onSuccess: (created) => {
      client.invalidateQueries({ queryKey: ['messages'] });
      notify.success(ru.intake.created);
      navigate(`/messages/${created.id}`);
    },
    onError: (error) => setProblem(showFieldProblems(form, error, FIELDS) ? undefined : error),
  });

  return (
    <Card style={{ maxWidth: 820 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>{ru.intake.title}</Typography.Title>
      {channels.length === 0 ? <Alert type="info" showIcon title={ru.intake.noChannels} /> : (
        <Form form={form} layout="vertical" onFinish={(v) => { setProblem(undefined); create.mutate(v); }}
          initialValues={{ channel: channels[0]?.code, kind: 'message' }} scrollToFirstError>
          {problem !== undefined && <div style={{ marginBottom: 12 }}><ProblemAlert error={problem} /></div>}
          <Form.Item name="channel" label={ru.intake.channel} rules={[{ required: true, message: ru.step.required }]}>
            <Select options={channels.map((c) => ({ value: c.code!, label: c.name }))} />
          </Form.Item>
          <Form.Item name="kind" label={ru.intake.kind}>
            <Select options={Object.entries(ru.message.kinds).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="text" label={ru.intake.text} rules={[{ required: true, message: ru.step.required }]}>
            <Input.TextArea rows={5} maxLength={20000} showCount />
          </Form.Item>
          <Form.Item name={['citizen', 'name']} label={ru.intake.citizenName}><Input maxLength={300} /></Form.Item>
          <Form.Item name={['citizen', 'phone']} label={ru.intake.phone}><Input maxLength={40} inputMode="tel" /></Form.Item>
          <Form.Item name={['citizen', 'email']} label={ru.intake.email}><Input maxLength={254} inputMode="email" /></Form.Item>
          <Form.Item name="address" label={ru.intake.address}><Input maxLength={500} /></Form.Item>
          <Form.Item name="category" label={ru.intake.category}>
            <Select allowClear showSearch optionFilterProp="label" options={categoryOptions(reference)} />
          </Form.Item>
          {(reference?.territories?.length ?? 0) > 0 && (
            <Form.Item name="territory" label={ru.intake.territory}>
              <Select allowClear options={reference!.territories!.map((t) => ({ value: t.code!, label: t.name }))} />
            </Form.Item>
          )}
          {(reference?.priorities?.length ?? 0) > 0 && (
            <Form.Item name="priority" label={ru.intake.priority}>
              <Select allowClear options={reference!.priorities!.map((p) => ({ value: p.code!, label: p.name }))} />
            </Form.Item>
          )}
          <Form.Item name="receivedAt" label={`${ru.intake.receivedAt} (${zone})`} extra={ru.intake.receivedAtHelp}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>{ru.intake.submit}</Button>
        </Form>
      )}
    </Card>
  );
}
