import { Link } from 'react-router-dom';
import { Card, Table, Typography } from 'antd';
import type { Core } from '../api/client';
import { ru } from '../i18n/ru';
import { percent } from './format';

type Cluster = Core['Cluster'];

/**
 * Problems that keep coming back (docs/analytics.md): a category in a territory that recurs month after
 * month, grows against the period before, or came back after «решено» — where a root cause and a roadmap
 * are worth looking for. Each category opens the queue of its messages in the period; those who make roadmaps
 * start one from the row.
 */
export function RecurringCard({ recurring, link, plan, roadmaps }: {
  recurring: Core['Recurring']; link: (category: string) => string; plan: boolean; roadmaps?: Core['RoadmapView'][];
}) {
  // A cluster's roadmap, if one is made for it: its progress in place of the offer to make one.
  const roadmapOf = (c: Cluster) => roadmaps?.find((r) => r.category === c.category && r.territory === c.territory);
  return (
    <Card size="small" title={ru.recurring.title} data-testid="recurring">
      <Table<Cluster> size="small" rowKey={(c) => `${c.category}|${c.territory}`} dataSource={recurring.clusters ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }} locale={{ emptyText: ru.recurring.none(recurring.minimum ?? 3) }}
        columns={[
          { title: ru.analytics.category, dataIndex: 'categoryName', render: (name: string, c) => <Link to={link(c.category ?? '')}>{name}</Link> },
          { title: ru.analytics.territory, dataIndex: 'territoryName' },
          { title: ru.recurring.received, dataIndex: 'received', align: 'right' },
          { title: ru.recurring.previous, dataIndex: 'previous', align: 'right' },
          { title: ru.recurring.growth, dataIndex: 'growth', align: 'right', render: (g?: number | null) => (g == null ? '—' : `${g > 0 ? '+' : ''}${percent(g)}`) },
          { title: ru.recurring.afterResolved, dataIndex: 'afterResolved', align: 'right', render: (n: number) => n || '—' },
          { title: ru.recurring.why, dataIndex: 'reasons', render: (reasons: string[]) => reasons.join('; ') },
          ...(plan || roadmaps ? [{ title: ru.roadmaps.all, key: 'plan', render: (_: unknown, c: Cluster) => {
            const roadmap = roadmapOf(c);
            if (roadmap) return <Link to="/roadmaps">{ru.roadmaps.progressOf(roadmap.done ?? 0, roadmap.measures?.length ?? 0)}</Link>;
            return plan ? <Link to={`/roadmaps?${new URLSearchParams({ category: c.category ?? '', territory: c.territory ?? '' })}`}>{ru.roadmaps.fromRecurring}</Link> : '—';
          } }] : []),
        ]} />
      <Typography.Text type="secondary">{ru.recurring.note}</Typography.Text>
    </Card>
  );
}
