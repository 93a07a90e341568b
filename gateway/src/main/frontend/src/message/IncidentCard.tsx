import { Link } from 'react-router-dom';
import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { can, useMe } from '../session/me';
import { ProblemAlert } from '../layout/ProblemAlert';
import { TONE } from '../layout/tones';
import { ru } from '../i18n/ru';
import { excerpt, useIncidentOf } from './excerpt';

type Action = Core['Action'];

const SHOWN = 160;

/**
 * The incident the message is in (messages about one problem, handled once): its messages with their states,
 * each one split off by those who group messages, and this message's steps taken for the whole incident.
 */
export function IncidentCard({ messageId, actions, onAct }: { messageId: string; actions: Action[]; onAct: (incident: string, action: Action) => void }) {
  const me = useMe().data;
  const { message: notify } = App.useApp();
  const client = useQueryClient();
  const found = useIncidentOf(messageId);
  const split = useMutation({
    mutationFn: ({ incident, id }: { incident: string; id: string }) =>
      ok(core.DELETE('/api/incidents/{id}/messages/{messageId}', { params: { path: { id: incident, messageId: id } } })),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['message'] });
      notify.success(ru.incident.splitDone);
    },
  });
  const incident = found.data?.[0];
  if (found.error) return <ProblemAlert error={found.error} />;
  if (!incident) return null;
  const grouping = can(me, 'message.assign');
  return (
    <Card title={ru.incident.title(incident.title ?? '')} data-testid="incident">
      {split.error && <ProblemAlert error={split.error} />}
      <Typography.Paragraph type="secondary">{ru.incident.explained}</Typography.Paragraph>
      {actions.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }}>
          {actions.map((a) => (
            <Button key={a.action} onClick={() => onAct(incident.id!, a)} title={a.regulationPoint}>
              {ru.incident.forAll(ru.actions[a.action!] ?? a.action ?? '')}
            </Button>
          ))}
        </Space>
      )}
      <List size="small" dataSource={incident.messages ?? []} renderItem={(m) => (
        <List.Item key={m.id} actions={grouping ? [
          <Button key="split" size="small" onClick={() => split.mutate({ incident: incident.id!, id: m.id! })} loading={split.isPending}
            aria-label={ru.incident.splitOff(excerpt(m.text, SHOWN))}>{ru.incident.split}</Button>,
        ] : []}>
          <List.Item.Meta title={m.id === messageId ? excerpt(m.text, SHOWN) : <Link to={`/messages/${m.id}`}>{excerpt(m.text, SHOWN)}</Link>}
            description={<Tag color={m.isFinal ? TONE.muted : TONE.warn}>{m.stateName}</Tag>} />
        </List.Item>
      )} />
    </Card>
  );
}
