import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Modal, Result, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import { ApiProblem } from '../api/problem';
import { useMe, zoneOf } from '../session/me';
import { blockName, categoryName, executorName, recipientName, stateName, useReference } from './reference';
import { StepForm } from './StepForm';
import { Files } from './Files';
import { Duplicates } from './Duplicates';
import { IncidentCard } from './IncidentCard';
import { formatDateTime } from '../time/zone';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';
import { TONE } from '../layout/tones';

type MessageView = Core['MessageView'];
type Action = Core['Action'];

function Deadlines({ deadlines, zone }: { deadlines: Core['History'][]; zone: string }) {
  if (!deadlines.length) return <Empty description={false} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {deadlines.map((d) => (
        <Card key={d.id} size="small" title={<Space>{ru.message.deadlineKinds[d.kind!] ?? d.kind}
          <Tag color={d.status === 'missed' ? TONE.bad : d.status === 'met' ? TONE.ok : d.status === 'open' ? TONE.info : TONE.muted}>
            {ru.message.deadlineStatuses[d.status!] ?? d.status}</Tag></Space>}>
          <div>{ru.message.started} {formatDateTime(d.startedAt, zone)} · {ru.message.due} <strong>{formatDateTime(d.dueAt, zone)}</strong>
            {d.closedAt && <> · {ru.message.closed} {formatDateTime(d.closedAt, zone)}</>}</div>
          {d.reason && <Typography.Text type="secondary">{d.reason}</Typography.Text>}
          {d.trace && (
            <details><summary>{ru.message.howCounted}</summary><pre className="message-text" style={{ fontSize: 12 }}>{d.trace}</pre></details>
          )}
        </Card>
      ))}
    </Space>
  );
}

function History({ id, zone, regulation }: { id: string; zone: string; regulation?: string }) {
  const reference = useReference().data;
  const trail = useQuery({ queryKey: ['message', id, 'trail'], queryFn: () => ok(core.GET('/api/audit/messages/{id}', { params: { path: { id } } })) });
  if (trail.isPending) return <Spin />;
  if (trail.isError || !trail.data?.length) return <Typography.Text type="secondary">{ru.message.noTimeline}</Typography.Text>;
  return (
    <Timeline items={trail.data.map((entry) => ({
      key: entry.seq,
      content: (
        <>
          <strong>{ru.actions[entry.action!] ?? entry.action}</strong> · {formatDateTime(entry.at, zone)}
          <div>{ru.message.by}: {entry.actor}{entry.fromState && entry.toState && entry.fromState !== entry.toState
            ? ` · ${stateName(reference, regulation, entry.fromState)} → ${stateName(reference, regulation, entry.toState)}` : ''}</div>
          {entry.comment && <div className="message-text">{entry.comment}</div>}
        </>
      ),
    }))} />
  );
}

/** The message card: everything the role may see, its deadlines and history, and the steps the server offers now. */
export function MessagePage() {
  const { id = '' } = useParams();
  const me = useMe().data;
  const zone = zoneOf(me);
  const reference = useReference().data;
  const { message: notify } = App.useApp();
  const client = useQueryClient();
  const [acting, setActing] = useState<Action>();
  // The incident whose messages the step in the form is for, when it was started from the incident's card.
  const [forIncident, setForIncident] = useState<string>();
  const [conflict, setConflict] = useState<MessageView>();
  const [pausing, setPausing] = useState(false);
  const [pauseReason, setPauseReason] = useState('');
  const detail = useQuery({
    queryKey: ['message', id],
    queryFn: () => ok(core.GET('/api/messages/{id}', { params: { path: { id } } })),
    refetchInterval: 15_000,
  });
  const pause = useMutation({
    mutationFn: (resume: boolean) => ok(core.POST(resume ? '/api/messages/{id}/resume' : '/api/messages/{id}/pause',
      { params: { path: { id } }, body: { reason: pauseReason || undefined, version: detail.data?.message?.version } })),
    onSuccess: () => { setPausing(false); client.invalidateQueries({ queryKey: ['message', id] }); },
  });

  if (detail.isPending) return <Spin />;
  if (detail.isError) {
    return detail.error instanceof ApiProblem && detail.error.status === 404
      ? <Result status="404" title={ru.message.notFound} extra={<Link to="/queue">{ru.message.back}</Link>} />
      : <ProblemAlert error={detail.error} />;
  }
  const m = detail.data.message!;
  const actions = m.availableActions ?? [];
  const citizen = m.citizen;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/queue">← {ru.message.back}</Link>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {ru.message.title(m.externalId ?? m.id!.slice(0, 8))} <Tag color={TONE.info}>{m.stateName}</Tag>
        {m.overdue && <Tag color={TONE.bad}>{ru.message.overdue}</Tag>}{m.pausedAt && <Tag color={TONE.muted}>{ru.message.paused}</Tag>}
        {m.extended && <Tag color={TONE.muted}>{ru.message.extended}</Tag>}
      </Typography.Title>
      {conflict && (
        <Alert type="warning" showIcon closable onClose={() => setConflict(undefined)} title={ru.message.conflict}
          description={ru.message.conflictNow(conflict.stateName ?? conflict.state ?? '')} data-testid="conflict" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={ru.message.text}><div className="message-text">{m.text}</div>
              {m.answer && <><Typography.Title level={5}>{ru.message.answer}</Typography.Title><div className="message-text">{m.answer}</div></>}
            </Card>
            <Card title={ru.message.actions}>
              {actions.length === 0 ? <Typography.Text type="secondary">{ru.message.noActions}</Typography.Text> : (
                <Space wrap>
                  {actions.map((a) => (
                    <Button key={a.action} type="primary" onClick={() => setActing(a)} title={a.regulationPoint}>
                      {ru.actions[a.action!] ?? a.action}
                    </Button>
                  ))}
                </Space>
              )}
              {!m.isFinal && (
                <div style={{ marginTop: 12 }}>
                  {m.pausedAt
                    ? <Button onClick={() => pause.mutate(true)} loading={pause.isPending}>{ru.message.resume}</Button>
                    : <Button onClick={() => setPausing(true)}>{ru.message.pause}</Button>}
                  {pause.isError && <div style={{ marginTop: 8 }}><ProblemAlert error={pause.error} /></div>}
                </div>
              )}
            </Card>
            <Card title={ru.message.fields}>
              <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
                <Descriptions.Item label={ru.message.channel}>{m.channelName}</Descriptions.Item>
                <Descriptions.Item label={ru.message.kind}>{ru.message.kinds[m.kind!] ?? m.kind}</Descriptions.Item>
                <Descriptions.Item label={ru.message.receivedAt}>{formatDateTime(m.receivedAt, zone)}</Descriptions.Item>
                <Descriptions.Item label={ru.message.dueAt}>{formatDateTime(m.dueAt, zone)}</Descriptions.Item>
                <Descriptions.Item label={ru.message.block}>{blockName(reference, m.block)}</Descriptions.Item>
                <Descriptions.Item label={ru.message.category}>{categoryName(reference, m.category)}{m.subcategory ? ` / ${categoryName(reference, m.subcategory)}` : ''}</Descriptions.Item>
                <Descriptions.Item label={ru.message.recipient}>{recipientName(reference, m.recipient)}</Descriptions.Item>
                <Descriptions.Item label={ru.message.executor}>{executorName(reference, m.executor)}</Descriptions.Item>
                {m.territory && <Descriptions.Item label={ru.message.territory}>
                  {reference?.territories?.find((t) => t.code === m.territory)?.name ?? m.territory}</Descriptions.Item>}
                {m.address && <Descriptions.Item label={ru.message.address}>{m.address}</Descriptions.Item>}
                {m.priority && <Descriptions.Item label={ru.message.priority}>
                  {reference?.priorities?.find((p) => p.code === m.priority)?.name ?? m.priority}</Descriptions.Item>}
                {citizen && <Descriptions.Item label={ru.message.citizen}>{citizen.name ?? '—'}
                  {citizen.phone && <div>{ru.message.phone}: {citizen.phone}</div>}{citizen.email && <div>{ru.message.email}: {citizen.email}</div>}
                </Descriptions.Item>}
                {m.resultStatus && <Descriptions.Item label={ru.message.resultStatus}>{ru.resultStatuses[m.resultStatus] ?? m.resultStatus}</Descriptions.Item>}
                {m.externalUrl && <Descriptions.Item label={ru.message.externalUrl}>
                  <a href={m.externalUrl} target="_blank" rel="noreferrer noopener">{m.externalId ?? m.externalUrl}</a></Descriptions.Item>}
                <Descriptions.Item label={ru.message.createdAt}>{formatDateTime(m.createdAt, zone)}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={ru.message.deadlines}><Deadlines deadlines={detail.data.deadlines ?? []} zone={zone} /></Card>
            <Card title={ru.files.title}><Files messageId={id} zone={zone} /></Card>
            <IncidentCard messageId={id} actions={actions} onAct={(incident, a) => { setForIncident(incident); setActing(a); }} />
            <Card title={ru.duplicates.title} data-testid="duplicates"><Duplicates messageId={id} zone={zone} /></Card>
            <Card title={ru.message.timeline}><History id={id} zone={zone} regulation={m.regulation} /></Card>
          </Space>
        </Col>
      </Row>
      {acting && (
        <StepForm message={m} action={acting} zone={zone} onClose={() => { setActing(undefined); setForIncident(undefined); }}
          incident={forIncident ? { id: forIncident, onDone: (stepped) => {
            setActing(undefined); setForIncident(undefined); setConflict(undefined);
            notify.success(ru.incident.stepped(stepped.applied?.length ?? 0, stepped.skipped?.length ?? 0));
          } } : undefined}
          onDone={(after) => { setActing(undefined); setConflict(undefined); notify.success(ru.message.done(after.stateName ?? after.state ?? '')); }}
          onConflict={(current) => { setActing(undefined); setConflict(current); }} />
      )}
      <Modal open={pausing} title={ru.message.pause} onCancel={() => setPausing(false)} onOk={() => pause.mutate(false)} confirmLoading={pause.isPending}>
        <label htmlFor="pause-reason">{ru.message.pauseReason}</label>
        <Input.TextArea id="pause-reason" rows={3} value={pauseReason} onChange={(e) => setPauseReason(e.target.value)} />
      </Modal>
    </Space>
  );
}
