import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, List, Popconfirm, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, tenant, type Tenant } from '../api/client';
import { showFieldProblems } from '../layout/useProblemForm';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';

/** A municipality's channel connectors: issue one (its secret is shown this once) and see those issued. */
export function ConnectorsPage() {
  const { slug = '' } = useParams();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [issued, setIssued] = useState<Tenant['Issued']>();
  const [problem, setProblem] = useState<unknown>();
  const list = useQuery({
    queryKey: ['connectors', slug],
    queryFn: () => ok(tenant.GET('/api/platform/municipalities/{slug}/connectors', { params: { path: { slug } } })),
  });
  const issue = useMutation({
    mutationFn: (body: Tenant['ConnectorRequest']) =>
      ok(tenant.POST('/api/platform/municipalities/{slug}/connectors', { params: { path: { slug } }, body })),
    onSuccess: (result) => { setIssued(result); form.resetFields(); client.invalidateQueries({ queryKey: ['connectors', slug] }); },
    onError: (error) => setProblem(showFieldProblems(form, error, ['name', 'channels']) ? undefined : error),
  });
  const rotate = useMutation({
    mutationFn: (clientId: string) =>
      ok(tenant.POST('/api/platform/municipalities/{slug}/connectors/{clientId}/secret', { params: { path: { slug, clientId } } })),
    onSuccess: (result) => setIssued(result),
    onError: setProblem,
  });
  const revoke = useMutation({
    mutationFn: (clientId: string) =>
      ok(tenant.DELETE('/api/platform/municipalities/{slug}/connectors/{clientId}', { params: { path: { slug, clientId } } })),
    onSuccess: () => { setIssued(undefined); client.invalidateQueries({ queryKey: ['connectors', slug] }); },
    onError: setProblem,
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/platform">← {ru.platform.title}</Link>
      <Typography.Title level={2} style={{ margin: 0 }}>{ru.connectors.title(slug)}</Typography.Title>
      <Card size="small" title={ru.connectors.issue}>
        {problem !== undefined && <div style={{ marginBottom: 12 }}><ProblemAlert error={problem} /></div>}
        <Form form={form} layout="vertical" onFinish={(v) => { setProblem(undefined); setIssued(undefined); issue.mutate(v); }} style={{ maxWidth: 560 }}>
          <Form.Item name="name" label={ru.connectors.name} rules={[{ required: true, message: ru.step.required }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="channels" label={ru.connectors.channels} rules={[{ required: true, message: ru.step.required }]}>
            <Select mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={issue.isPending}>{ru.connectors.issue}</Button>
        </Form>
      </Card>
      {issued && (
        <Alert type="success" showIcon closable onClose={() => setIssued(undefined)} title={issued.clientId}
          description={
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={ru.connectors.clientId}><Typography.Text code copyable>{issued.clientId}</Typography.Text></Descriptions.Item>
              <Descriptions.Item label={ru.connectors.secret}>
                <Typography.Text code copyable data-testid="connector-secret">{issued.clientSecret}</Typography.Text></Descriptions.Item>
              <Descriptions.Item label={ru.connectors.tokenEndpoint}>{issued.tokenEndpoint}</Descriptions.Item>
              <Descriptions.Item label={ru.connectors.intake}>{issued.intake}</Descriptions.Item>
              {(issued.channels?.length ?? 0) > 0 && <Descriptions.Item label={ru.connectors.channels}>{issued.channels!.join(', ')}</Descriptions.Item>}
            </Descriptions>
          } />
      )}
      <Card size="small" title={ru.connectors.list}>
        {list.isError ? <ProblemAlert error={list.error} /> : <List size="small" loading={list.isPending} dataSource={list.data ?? []} renderItem={(c) => (
          <List.Item actions={[
            <Popconfirm key="rotate" title={ru.connectors.confirmRotate} onConfirm={() => rotate.mutate(c)}>
              <Button size="small">{ru.connectors.rotate}</Button></Popconfirm>,
            <Popconfirm key="revoke" title={ru.connectors.confirmRevoke} onConfirm={() => revoke.mutate(c)}>
              <Button size="small" danger>{ru.connectors.revoke}</Button></Popconfirm>,
          ]}>{c}</List.Item>
        )} />}
      </Card>
    </Space>
  );
}
