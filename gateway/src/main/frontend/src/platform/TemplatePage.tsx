import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Form, List, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, tenant, type Tenant } from '../api/client';
import { ApiProblem } from '../api/problem';
import { ProblemAlert } from '../layout/ProblemAlert';
import { TONE } from '../layout/tones';
import { ru } from '../i18n/ru';
import { TemplateProblems } from './TemplateProblems';

type Preview = Tenant['Preview'];
type Problem = Tenant['TemplateProblem'];

/** A template's version for a municipality already working: what it would change (the diff), what stops it, then re-apply. */
export function TemplatePage() {
  const { slug = '' } = useParams();
  const client = useQueryClient();
  const { message: notify } = App.useApp();
  const [template, setTemplate] = useState<string>();
  const [upload, setUpload] = useState<{ name: string; yaml: string }>();
  const [preview, setPreview] = useState<Preview>();
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => ok(tenant.GET('/api/platform/templates')) });
  const body = (): Tenant['OnboardingRequest'] => (upload ? { templateYaml: upload.yaml, fileName: upload.name } : { template });
  const show = useMutation({
    mutationFn: () => ok(tenant.POST('/api/platform/municipalities/{slug}/template/preview', { params: { path: { slug } }, body: body() })),
    onMutate: () => setPreview(undefined),
    onSuccess: setPreview,
  });
  const apply = useMutation({
    mutationFn: () => ok(tenant.POST('/api/platform/municipalities/{slug}/template/apply', { params: { path: { slug } }, body: body() })),
    onSuccess: (done) => {
      setPreview(undefined);
      notify.success(ru.template.applied(done.templateVersionAfter ?? 0));
      client.invalidateQueries({ queryKey: ['municipalities'] });
    },
  });
  const failed = show.error ?? apply.error;
  const problems = failed instanceof ApiProblem && Array.isArray(failed.body.problems) ? (failed.body.problems as Problem[]) : [];
  const changes = Object.entries(preview?.changes ?? {});

  return (
    <Card>
      <Link to="/platform">← {ru.platform.title}</Link>
      <Typography.Title level={2}>{ru.template.title(slug)}</Typography.Title>
      <Typography.Paragraph type="secondary">{ru.template.intro}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 720 }}>
        <Form.Item label={ru.template.source} htmlFor="template-source">
          <Select id="template-source" allowClear disabled={!!upload} loading={templates.isPending} value={template}
            onChange={(v) => { setTemplate(v); setPreview(undefined); }}
            options={(templates.data ?? []).map((t) => ({ value: t.code!, label: `${t.name} (версия ${t.version})` }))} />
        </Form.Item>
        <Upload accept=".yaml,.yml" maxCount={1} onRemove={() => { setUpload(undefined); setPreview(undefined); }}
          beforeUpload={async (file) => { setUpload({ name: file.name, yaml: await file.text() }); setPreview(undefined); return false; }}>
          <Button icon={<UploadOutlined />}>{ru.template.upload}</Button>
        </Upload>
        {upload && <Typography.Paragraph type="secondary">{ru.template.uploaded(upload.name)}</Typography.Paragraph>}
        <Button type="primary" style={{ marginTop: 16 }} disabled={!upload && !template} loading={show.isPending} onClick={() => show.mutate()}>
          {ru.template.preview}
        </Button>
      </Form>

      <Space orientation="vertical" size="middle" style={{ width: '100%', marginTop: 24 }}>
        {failed && <ProblemAlert error={failed} />}
        {problems.length > 0 && <TemplateProblems problems={problems} />}
        {preview && (
          <>
            <Typography.Text data-testid="template-versions">
              {ru.template.versions(preview.templateVersionBefore ?? 0, preview.templateVersionAfter ?? 0, preview.currentVersion ?? 0)}
            </Typography.Text>
            {(preview.blockers?.length ?? 0) > 0 && (
              <Alert type="error" showIcon title={ru.template.blockers}
                description={<List size="small" dataSource={preview.blockers} renderItem={(b) => <List.Item>{b}</List.Item>} />} />
            )}
            {changes.length === 0 ? <Alert type="info" showIcon title={ru.template.nothing} /> : (
              <Table rowKey={([part]) => part} size="small" pagination={false} dataSource={changes} scroll={{ x: 600 }}
                columns={[
                  { title: ru.template.part, render: (_, [part]) => <Typography.Text strong>{ru.template.parts[part] ?? part}</Typography.Text> },
                  { title: ru.template.added, render: (_, [, p]) => (p.added ?? []).map((a) => <Tag key={a} color={TONE.ok}>{a}</Tag>) },
                  { title: ru.template.removed, render: (_, [, p]) => (p.removed ?? []).map((r) => <Tag key={r} color={TONE.bad}>{r}</Tag>) },
                  {
                    title: ru.template.changed,
                    render: (_, [, p]) => Object.entries(p.changed ?? {}).map(([item, fields]) => <div key={item}>{ru.template.changedFields(item, fields)}</div>),
                  },
                ]} />
            )}
            <Popconfirm title={ru.template.confirmApply} onConfirm={() => apply.mutate()}>
              <Button type="primary" danger disabled={(preview.blockers?.length ?? 0) > 0 || changes.length === 0} loading={apply.isPending}>
                {ru.template.apply}
              </Button>
            </Popconfirm>
          </>
        )}
      </Space>
    </Card>
  );
}
