import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { ProblemAlert } from '../layout/ProblemAlert';
import { formatDateTime, zoneOffset } from '../time/zone';
import { TONE } from '../layout/tones';
import { ru } from '../i18n/ru';

type Outlined = Core['MunicipalityOutline'];

/**
 * The regional operator's outlines of a region's municipalities, for the region's choropleth: which
 * municipality has one, and a GeoJSON file (a FeatureCollection, each feature naming its municipality
 * in properties.municipality) that replaces them all. A file with a fault changes nothing; the
 * server's problem names the feature and the place in it.
 */
export function BoundariesPage() {
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const client = useQueryClient();
  const [problem, setProblem] = useState<unknown>();
  const [loadedFile, setLoadedFile] = useState<string>();
  const state = useQuery({
    queryKey: ['boundaries', region],
    enabled: /^\d{2}$/.test(region),
    queryFn: () => ok(core.GET('/api/boundaries/regions/{region}', { params: { path: { region } } })),
  });
  const replace = useMutation({
    mutationFn: async (file: File) => {
      const text = await file.text();
      return ok(core.PUT('/api/boundaries/regions/{region}', {
        params: { path: { region } }, body: text as never, bodySerializer: (body) => body as unknown as string,
        headers: { 'Content-Type': 'application/geo+json' },
      }));
    },
    onSuccess: (result, file) => { setLoadedFile(file.name); client.setQueryData(['boundaries', region], result); client.invalidateQueries({ queryKey: ['regional'] }); },
    onError: (error) => setProblem(error),
  });
  const rows = state.data?.municipalities ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{ru.boundaries.title}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 860 }}>{ru.boundaries.about}</Typography.Paragraph>
      <Card size="small">
        <Form layout="inline" initialValues={{ region }} onFinish={(v: { region: string }) => { setProblem(undefined); setLoadedFile(undefined); setParams({ region: v.region }); }}>
          <Form.Item name="region" label={ru.boundaries.region} rules={[{ required: true, pattern: /^\d{2}$/, message: ru.boundaries.regionRule }]}>
            <Input style={{ width: 120 }} maxLength={2} inputMode="numeric" placeholder="42" />
          </Form.Item>
          <Button htmlType="submit">{ru.boundaries.show}</Button>
        </Form>
      </Card>
      {state.isError && <ProblemAlert error={state.error} />}
      {state.data && (
        <Card size="small" title={ru.boundaries.ofRegion(region)}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {problem !== undefined && <ProblemAlert error={problem} />}
            {loadedFile && <Alert type="success" showIcon title={ru.boundaries.replaced(loadedFile, rows.filter((m) => m.loaded).length, rows.length)} />}
            <Upload accept=".geojson,.json,application/geo+json,application/json" showUploadList={false} maxCount={1}
              beforeUpload={(file) => { setProblem(undefined); setLoadedFile(undefined); replace.mutate(file); return false; }}>
              <Button type="primary" loading={replace.isPending}>{ru.boundaries.upload}</Button>
            </Upload>
            <Table<Outlined> size="small" rowKey="slug" dataSource={rows} pagination={false} data-testid="boundaries-table"
              columns={[
                { title: ru.platform.name, dataIndex: 'name' },
                { title: ru.boundaries.code, dataIndex: 'slug' },
                { title: ru.boundaries.outline, key: 'loaded', render: (_, m) => (m.loaded
                  ? <Tag color={TONE.ok}>{ru.boundaries.loaded}</Tag> : <Tag>{ru.boundaries.missing}</Tag>) },
                { title: ru.boundaries.loadedAt, key: 'at', render: (_, m) => (m.loadedAt
                  ? `${formatDateTime(m.loadedAt, m.timeZone!)} (${zoneOffset(m.timeZone!)}) · ${m.loadedBy}` : '—') },
              ]} />
          </Space>
        </Card>
      )}
    </Space>
  );
}
