import { Link } from 'react-router-dom';
import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, tenant, type Tenant } from '../api/client';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';
import { TONE } from '../layout/tones';

type Municipality = Tenant['MunicipalityView'];
const COLORS: Record<string, string> = { ACTIVE: TONE.ok, SUSPENDED: TONE.warn, ONBOARDING: TONE.info, FAILED: TONE.bad };

/** The regional operator's console: every municipality with its status, suspended and resumed from here. */
export function MunicipalitiesPage() {
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['municipalities'], queryFn: () => ok(tenant.GET('/api/platform/municipalities')), refetchInterval: 15_000 });
  const status = useMutation({
    mutationFn: ({ slug, suspend }: { slug: string; suspend: boolean }) =>
      ok(tenant.POST(suspend ? '/api/platform/municipalities/{slug}/suspend' : '/api/platform/municipalities/{slug}/resume',
        { params: { path: { slug } } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['municipalities'] }),
  });
  const resumeOnboarding = useMutation({
    mutationFn: (slug: string) => ok(tenant.POST('/api/platform/municipalities/{slug}/resume-onboarding', { params: { path: { slug } } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['municipalities'] }),
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{ru.platform.title}</Typography.Title>
      <Link to="/platform/onboarding"><Button type="primary">{ru.platform.onboard}</Button></Link>
      {list.isError && <ProblemAlert error={list.error} />}
      {status.isError && <ProblemAlert error={status.error} />}
      {resumeOnboarding.isError && <ProblemAlert error={resumeOnboarding.error} />}
      <Table<Municipality> rowKey="id" loading={list.isPending} dataSource={list.data ?? []} pagination={false} scroll={{ x: 700 }}
        columns={[
          { title: ru.platform.name, dataIndex: 'name', render: (name: string, m) => <>{name}<div><Typography.Text type="secondary">{m.id}</Typography.Text></div></> },
          { title: ru.platform.region, dataIndex: 'region' },
          { title: ru.platform.status, dataIndex: 'status', render: (s: string) => <Tag color={COLORS[s]}>{ru.platform.statuses[s] ?? s}</Tag> },
          {
            title: '', key: 'actions', render: (_, m) => (
              <Space wrap>
                {m.status === 'ACTIVE' && (
                  <Popconfirm title={ru.platform.confirmSuspend} onConfirm={() => status.mutate({ slug: m.id!, suspend: true })}>
                    <Button size="small" danger>{ru.platform.suspend}</Button>
                  </Popconfirm>
                )}
                {m.status === 'SUSPENDED' && <Button size="small" onClick={() => status.mutate({ slug: m.id!, suspend: false })}>{ru.platform.resume}</Button>}
                {(m.status === 'FAILED' || m.status === 'ONBOARDING') && (
                  <Button size="small" onClick={() => resumeOnboarding.mutate(m.id!)}>{ru.platform.resumeOnboarding}</Button>
                )}
                <Link to={`/platform/municipalities/${m.id}/connectors`}>{ru.platform.connectors}</Link>
                {(m.status === 'ACTIVE' || m.status === 'SUSPENDED') && <Link to={`/platform/municipalities/${m.id}/template`}>{ru.platform.template}</Link>}
              </Space>
            ),
          },
        ]} />
    </Space>
  );
}
