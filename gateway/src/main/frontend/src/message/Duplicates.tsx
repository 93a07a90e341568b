import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Checkbox, List, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { core, ok } from '../api/client';
import { can, useMe } from '../session/me';
import { excerpt, useIncidentOf } from './excerpt';
import { ProblemAlert } from '../layout/ProblemAlert';
import { TONE } from '../layout/tones';
import { ru } from '../i18n/ru';
import { formatDateTime } from '../time/zone';

const SHOWN = 200;

/**
 * Messages of the same category from ten days around this one that may be about the same problem, most
 * likely first, each with what made it likely (or less so); a person opens them and decides, and those who
 * distribute messages (message.assign) confirm the ones chosen as one incident with this message.
 */
export function Duplicates({ messageId, zone }: { messageId: string; zone: string }) {
  const me = useMe().data;
  const { message: notify } = App.useApp();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const group = useMutation({
    mutationFn: () => ok(core.POST('/api/incidents', { body: { messages: [messageId, ...chosen] } })),
    onSuccess: (incident) => {
      setChosen([]);
      client.invalidateQueries({ queryKey: ['message'] });
      notify.success(ru.incident.grouped(incident.messages?.length ?? 0));
    },
  });
  const incident = useIncidentOf(messageId);
  const grouping = can(me, 'message.assign') && incident.data?.length === 0;
  const proposals = useQuery({
    queryKey: ['message', messageId, 'duplicates'],
    queryFn: () => ok(core.GET('/api/messages/{id}/duplicates', { params: { path: { id: messageId } } })),
  });
  if (proposals.error) return <ProblemAlert error={proposals.error} />;
  if (!proposals.data) return <Spin />;
  const found = proposals.data.proposals ?? [];
  return (
    <>
    {group.error && <ProblemAlert error={group.error} />}
    <List size="small" dataSource={found} locale={{ emptyText: ru.duplicates.none(proposals.data.compared ?? 0) }}
      renderItem={(p) => (
        <List.Item key={p.id}>
          {grouping && (
            <Checkbox style={{ marginRight: 8 }} checked={chosen.includes(p.id!)} aria-label={ru.duplicates.choose(excerpt(p.text, SHOWN))}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, p.id!] : chosen.filter((c) => c !== p.id))} />
          )}
          <List.Item.Meta
            title={<Link to={`/messages/${p.id}`}>{excerpt(p.text, SHOWN)}</Link>}
            description={<>
              <Tag color={TONE.info}>{ru.duplicates.likeness(Math.round((p.score ?? 0) * 100))}</Tag>
              <Tag color={p.isFinal ? TONE.muted : TONE.warn}>{p.stateName}</Tag>
              <Typography.Text type="secondary">{formatDateTime(p.receivedAt, zone)}</Typography.Text>
              <div><Typography.Text type="secondary">{(p.reasons ?? []).join('; ')}</Typography.Text></div>
            </>} />
        </List.Item>
      )} />
    {grouping && found.length > 0 && (
      <Button type="primary" disabled={chosen.length === 0} loading={group.isPending} onClick={() => group.mutate()}>{ru.incident.group}</Button>
    )}
    </>
  );
}
