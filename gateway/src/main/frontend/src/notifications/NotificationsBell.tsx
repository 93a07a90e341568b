import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Drawer, Empty, List, Switch, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { core, ok } from '../api/client';
import { useMe, zoneOf } from '../session/me';
import { notificationsRequest } from '../start/first';
import { formatDateTime } from '../time/zone';
import { ru } from '../i18n/ru';

/** The bell in the header: the unread count, and a panel to read, open and mark notices. */
export function NotificationsBell() {
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(true);
  const navigate = useNavigate();
  const client = useQueryClient();
  const zone = zoneOf(useMe().data);
  const unreadRequest = notificationsRequest(true);
  const unread = useQuery({
    queryKey: unreadRequest.key,
    queryFn: unreadRequest.call,
    refetchInterval: 20_000,
  });
  const shownRequest = notificationsRequest(unreadOnly);
  const shown = useQuery({
    queryKey: shownRequest.key,
    queryFn: shownRequest.call,
    enabled: open,
  });
  const read = useMutation({
    mutationFn: (id: string) => ok(core.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const count = unread.data?.length ?? 0;

  return (
    <>
      <Badge count={count} size="small" offset={[-4, 4]}>
        <Button type="text" aria-label={`${ru.notifications.open}: ${count}`} data-testid="bell"
          icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />} onClick={() => setOpen(true)} />
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={ru.notifications.title} size={420}
        extra={<Space><span id="unread-only">{ru.notifications.unreadOnly}</span>
          <Switch aria-labelledby="unread-only" checked={unreadOnly} onChange={setUnreadOnly} /></Space>}>
        {shown.data?.length === 0 ? <Empty description={ru.notifications.empty} /> : (
          <List loading={shown.isPending} dataSource={shown.data ?? []} renderItem={(notice) => (
            <List.Item actions={[
              notice.messageId && <Button key="open" type="link" onClick={() => {
                setOpen(false);
                if (!notice.readAt && notice.id) read.mutate(notice.id);
                navigate(`/messages/${notice.messageId}`);
              }}>{ru.notifications.openMessage}</Button>,
              !notice.readAt && <Button key="read" size="small" onClick={() => notice.id && read.mutate(notice.id)}>{ru.notifications.markRead}</Button>,
            ].filter(Boolean)}>
              <List.Item.Meta title={<Typography.Text strong={!notice.readAt}>{notice.subject}</Typography.Text>}
                description={<>{formatDateTime(notice.createdAt, zone)}<div>{notice.body}</div></>} />
            </List.Item>
          )} />
        )}
      </Drawer>
    </>
  );
}
