import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { ApiProblem } from '../api/problem';
import { showFieldProblems } from '../layout/useProblemForm';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';

/** The SMTP server the municipality's notices go out through. The password is never shown back. */
export function MailServerPage() {
  const [form] = Form.useForm();
  const { message: notify } = App.useApp();
  const [problem, setProblem] = useState<unknown>();
  const current = useQuery({ queryKey: ['mail-server'], queryFn: () => ok(core.GET('/api/notifications/mail-server')) });
  const notConfigured = current.error instanceof ApiProblem && current.error.status === 404;
  useEffect(() => {
    if (current.data) form.setFieldsValue({ ...current.data, password: undefined });
  }, [current.data, form]);
  const save = useMutation({
    mutationFn: (body: Core['MailServer']) => ok(core.PUT('/api/notifications/mail-server', { body })),
    onSuccess: () => notify.success(ru.mail.saved),
    onError: (error) => setProblem(showFieldProblems(form, error, ['host', 'port', 'username', 'password', 'from', 'starttls']) ? undefined : error),
  });

  return (
    <Card style={{ maxWidth: 640 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>{ru.mail.title}</Typography.Title>
      {current.isError && !notConfigured && <ProblemAlert error={current.error} />}
      {problem !== undefined && <div style={{ marginBottom: 12 }}><ProblemAlert error={problem} /></div>}
      <Form form={form} layout="vertical" initialValues={{ port: 587, starttls: true }} onFinish={(v) => { setProblem(undefined); save.mutate(v); }}>
        <Form.Item name="host" label={ru.mail.host} rules={[{ required: true, message: ru.step.required }]}><Input /></Form.Item>
        <Form.Item name="port" label={ru.mail.port} rules={[{ required: true, message: ru.step.required }]}><InputNumber min={1} max={65535} /></Form.Item>
        <Form.Item name="username" label={ru.mail.username}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="password" label={ru.mail.password} extra={current.data ? ru.mail.passwordKept : undefined}>
          <Input.Password autoComplete="new-password" /></Form.Item>
        <Form.Item name="from" label={ru.mail.from} rules={[{ required: true, message: ru.step.required }]}><Input inputMode="email" /></Form.Item>
        <Form.Item name="starttls" valuePropName="checked"><Checkbox>{ru.mail.starttls}</Checkbox></Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>{ru.mail.save}</Button>
      </Form>
    </Card>
  );
}
