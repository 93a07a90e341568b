import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { core, ok, upload } from '../api/client';
import { ProblemAlert } from '../layout/ProblemAlert';
import { useMe, zoneOf } from '../session/me';
import { formatDateTime } from '../time/zone';
import { ru } from '../i18n/ru';

const TYPES: Record<string, string> = { csv: 'text/csv', jsonl: 'application/x-ndjson' };

/** A history import: the file goes up, the job runs in the background, the page follows it and shows its report. */
export function ImportPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const zone = zoneOf(useMe().data);
  const [format, setFormat] = useState('csv');
  const [file, setFile] = useState<File>();
  const start = useMutation({
    mutationFn: () => upload<{ id: string }>(`/api/imports?format=${format}`, file!, TYPES[format]!),
    onSuccess: (job) => navigate(`/admin/imports/${job.id}`),
  });
  const job = useQuery({
    queryKey: ['import', id],
    queryFn: () => ok(core.GET('/api/imports/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1_000 : false),
  });
  const j = job.data;
  const percent = j?.totalLines ? Math.round(((j.processed ?? 0) / j.totalLines) * 100) : 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{ru.imports.title}</Typography.Title>
      <Card size="small">
        <Space wrap>
          <label htmlFor="import-format">{ru.imports.format}</label>
          <Select id="import-format" value={format} onChange={setFormat} options={[{ value: 'csv', label: 'CSV' }, { value: 'jsonl', label: 'JSON Lines' }]} />
          <Upload beforeUpload={(f) => { setFile(f); return false; }} maxCount={1} accept=".csv,.jsonl,.txt" onRemove={() => setFile(undefined)}>
            <Button icon={<UploadOutlined />}>{ru.imports.choose}</Button>
          </Upload>
          <Button type="primary" disabled={!file} loading={start.isPending} onClick={() => start.mutate()}>{ru.imports.start}</Button>
        </Space>
        {start.isError && <div style={{ marginTop: 12 }}><ProblemAlert error={start.error} /></div>}
      </Card>
      {job.isError && <ProblemAlert error={job.error} />}
      {j && (
        <Card title={ru.imports.status}>
          <Progress aria-label={ru.imports.status} percent={percent} status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'} />
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={ru.imports.status}><Tag>{ru.imports.statuses[j.status!] ?? j.status}</Tag></Descriptions.Item>
            <Descriptions.Item label={ru.imports.processed}>{j.processed} / {j.totalLines}</Descriptions.Item>
            <Descriptions.Item label={ru.imports.created}>{j.created}</Descriptions.Item>
            <Descriptions.Item label={ru.imports.duplicates}>{j.duplicates}</Descriptions.Item>
            <Descriptions.Item label={ru.imports.rejected}>{j.rejected}</Descriptions.Item>
            <Descriptions.Item label="">{formatDateTime(j.startedAt, zone)} — {formatDateTime(j.finishedAt, zone)}</Descriptions.Item>
          </Descriptions>
          {j.failure && <ProblemAlert error={new Error(j.failure)} />}
          {(j.rejections?.length ?? 0) > 0 && (
            <Table rowKey={(r) => `${r.line}-${r.field}`} size="small" dataSource={j.rejections} pagination={{ pageSize: 20 }}
              columns={[{ title: ru.imports.line, dataIndex: 'line' }, { title: ru.imports.field, dataIndex: 'field' },
                { title: ru.imports.problem, dataIndex: 'problem' }]} />
          )}
        </Card>
      )}
    </Space>
  );
}
