import { Link } from 'react-router-dom';
import { List, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { core, ok } from '../api/client';
import { ProblemAlert } from '../layout/ProblemAlert';
import { TONE } from '../layout/tones';
import { ru } from '../i18n/ru';
import { formatDateTime } from '../time/zone';

const excerpt = (text?: string) => (text && text.length > 200 ? `${text.slice(0, 200)}…` : text ?? '');

/**
 * Messages of the same category from ten days around this one that may be about the same problem, most
 * likely first, each with what made it likely (or less so); a person opens them and decides.
 */
export function Duplicates({ messageId, zone }: { messageId: string; zone: string }) {
  const proposals = useQuery({
    queryKey: ['message', messageId, 'duplicates'],
    queryFn: () => ok(core.GET('/api/messages/{id}/duplicates', { params: { path: { id: messageId } } })),
  });
  if (proposals.error) return <ProblemAlert error={proposals.error} />;
  if (!proposals.data) return <Spin />;
  const found = proposals.data.proposals ?? [];
  return (
    <List size="small" dataSource={found} locale={{ emptyText: ru.duplicates.none(proposals.data.compared ?? 0) }}
      renderItem={(p) => (
        <List.Item key={p.id}>
          <List.Item.Meta
            title={<Link to={`/messages/${p.id}`}>{excerpt(p.text)}</Link>}
            description={<>
              <Tag color={TONE.info}>{ru.duplicates.likeness(Math.round((p.score ?? 0) * 100))}</Tag>
              <Tag color={p.isFinal ? TONE.muted : TONE.warn}>{p.stateName}</Tag>
              <Typography.Text type="secondary">{formatDateTime(p.receivedAt, zone)}</Typography.Text>
              <div><Typography.Text type="secondary">{(p.reasons ?? []).join('; ')}</Typography.Text></div>
            </>} />
        </List.Item>
      )} />
  );
}
