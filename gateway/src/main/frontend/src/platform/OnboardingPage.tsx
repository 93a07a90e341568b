import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, InputNumber, List, Result, Select, Space, Steps, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, tenant, type Tenant } from '../api/client';
import { ApiProblem } from '../api/problem';
import { showFieldProblems } from '../layout/useProblemForm';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';
import { TemplateProblems } from './TemplateProblems';

type Request = Tenant['OnboardingRequest'];
type Report = Tenant['OnboardingReport'];
const PROFILE = ['slug', 'officialName', 'shortName', 'population', 'adminEmail'];

/** The onboarding wizard: a template (the platform's or an uploaded file), the municipality's facts, the check, then the run step by step. */
export function OnboardingPage() {
  const [form] = Form.useForm();
  const [current, setCurrent] = useState(0);
  const [upload, setUpload] = useState<{ name: string; yaml: string }>();
  const [report, setReport] = useState<Report>();
  const [problem, setProblem] = useState<unknown>();
  const client = useQueryClient();
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => ok(tenant.GET('/api/platform/templates')) });
  const request = (): Request => {
    const v = form.getFieldsValue(true) as Request;
    return upload ? { ...v, template: undefined, templateYaml: upload.yaml, fileName: upload.name } : v;
  };
  const check = useMutation({ mutationFn: () => ok(tenant.POST('/api/platform/onboarding/check', { body: request() })) });
  const onboard = useMutation({
    mutationFn: async () => (await ok(tenant.POST('/api/platform/municipalities', { body: request() }))) as Report,
    onSuccess: (done) => { setReport(done); client.invalidateQueries({ queryKey: ['municipalities'] }); },
    onError: (error) => {
      if (error instanceof ApiProblem && error.body.steps) setReport(error.body as Report);
      if (showFieldProblems(form, error, PROFILE)) setCurrent(1);
      else setProblem(error);
    },
  });
  const progress = useQuery({
    queryKey: ['onboarding', report?.slug],
    queryFn: () => ok(tenant.GET('/api/platform/municipalities/{slug}', { params: { path: { slug: report!.slug! } } })),
    enabled: !!report?.slug && report.status !== 'ACTIVE',
    refetchInterval: 1_000,
  });
  const shown = progress.data ? { ...progress.data, temporaryPassword: report?.temporaryPassword } : report;
  const result = check.data;

  return (
    <Card>
      <Typography.Title level={2} style={{ marginTop: 0 }}>{ru.onboarding.title}</Typography.Title>
      <Steps current={current} style={{ marginBottom: 24 }} responsive
        items={[ru.onboarding.stepTemplate, ru.onboarding.stepProfile, ru.onboarding.stepCheck, ru.onboarding.stepProgress].map((title) => ({ title }))} />
      <Form form={form} layout="vertical" style={{ maxWidth: 720 }} preserve>
        <div hidden={current !== 0}>
          <Form.Item name="template" label={ru.onboarding.template} rules={[{ required: !upload, message: ru.step.required }]}>
            <Select allowClear disabled={!!upload} loading={templates.isPending}
              options={(templates.data ?? []).map((t) => ({ value: t.code!, label: `${t.name} (${t.region}, версия ${t.version})` }))} />
          </Form.Item>
          <Upload accept=".yaml,.yml" maxCount={1} onRemove={() => setUpload(undefined)}
            beforeUpload={async (file) => { setUpload({ name: file.name, yaml: await file.text() }); return false; }}>
            <Button icon={<UploadOutlined />}>{ru.onboarding.upload}</Button>
          </Upload>
          {upload && <Typography.Paragraph type="secondary">{ru.onboarding.uploaded(upload.name)}</Typography.Paragraph>}
        </div>
        <div hidden={current !== 1}>
          <Form.Item name="slug" label={ru.onboarding.slug} rules={[{ required: true, message: ru.step.required }]}><Input maxLength={63} /></Form.Item>
          <Form.Item name="officialName" label={ru.onboarding.officialName}><Input maxLength={300} /></Form.Item>
          <Form.Item name="shortName" label={ru.onboarding.shortName}><Input maxLength={100} /></Form.Item>
          <Form.Item name="population" label={ru.onboarding.population}><InputNumber min={1} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="adminEmail" label={ru.onboarding.adminEmail} rules={[{ required: true, message: ru.step.required }]}>
            <Input inputMode="email" /></Form.Item>
        </div>
      </Form>
      {current === 2 && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {check.isPending && <Alert type="info" title={ru.app.loading} />}
          {check.isError && <ProblemAlert error={check.error} />}
          {result && (result.valid
            ? <Alert type="success" showIcon title={ru.onboarding.valid} description={Object.entries(result.summary ?? {}).map(([k, v]) => `${k}: ${String(v)}`).join(' · ')} />
            : <Alert type="error" showIcon title={ru.onboarding.invalid} />)}
          {result && !result.valid && (
            <TemplateProblems problems={result.problems ?? []} />
          )}
          {(result?.borrowed?.length ?? 0) > 0 && (
            <Card size="small" title={ru.onboarding.borrowed}>
              <List size="small" dataSource={result!.borrowed} renderItem={(b) => <List.Item>{b.path}: {b.basis}{b.point ? ` (${b.point})` : ''}</List.Item>} />
            </Card>
          )}
        </Space>
      )}
      {current === 3 && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {problem !== undefined && <ProblemAlert error={problem} />}
          {shown?.status === 'ACTIVE' && <Result status="success" title={ru.onboarding.done} extra={<Link to="/platform">{ru.platform.title}</Link>} />}
          {shown?.failure && <Alert type="error" showIcon title={ru.onboarding.failure} description={shown.failure} />}
          {shown?.temporaryPassword && (
            <Alert type="warning" showIcon title={ru.onboarding.password}
              description={<Typography.Text code copyable data-testid="admin-password">{shown.temporaryPassword}</Typography.Text>} />
          )}
          <Steps orientation="vertical" size="small" current={-1}
            items={(shown?.steps ?? []).map((s) => ({
              title: s.title ?? s.step, description: s.detail,
              status: ({ DONE: 'finish', FAILED: 'error', RUNNING: 'process' } as const)[s.status as 'DONE' | 'FAILED' | 'RUNNING'] ?? 'wait',
            }))} />
        </Space>
      )}
      <Space style={{ marginTop: 24 }}>
        {current > 0 && current < 3 && <Button onClick={() => setCurrent(current - 1)}>{ru.onboarding.back}</Button>}
        {current < 2 && (
          <Button type="primary" onClick={() => {
            // Only this step's fields: the later steps' are not filled yet.
            form.validateFields(current === 0 ? ['template'] : PROFILE).then(() => {
              if (current === 1) check.mutate();
              setCurrent(current + 1);
            }, () => undefined);
          }}>{current === 1 ? ru.onboarding.check : ru.onboarding.next}</Button>
        )}
        {current === 2 && (
          <Button type="primary" disabled={!result?.valid} loading={onboard.isPending}
            onClick={() => { setProblem(undefined); setCurrent(3); onboard.mutate(); }}>{ru.onboarding.start}</Button>
        )}
      </Space>
    </Card>
  );
}
