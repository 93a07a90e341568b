import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Checkbox, Space, Spin, Tag, Typography } from 'antd';
import { core, ok, upload, type Core } from '../api/client';
import { ProblemAlert } from '../layout/ProblemAlert';
import { TONE } from '../layout/tones';
import { ru } from '../i18n/ru';
import { formatDateTime } from '../time/zone';

type Attachment = Core['AttachmentView'];

/** Bytes as a person reads them: «12 КиБ», «3,4 МиБ». */
function size(bytes: number): string {
  if (bytes < 1024) return ru.files.bytes(bytes);
  if (bytes < 1024 * 1024) return ru.files.kib(Math.round(bytes / 1024));
  return ru.files.mib((bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 }));
}

function Extraction({ file }: { file: Attachment }) {
  if (file.extraction === 'failed') return <><Tag color={TONE.bad}>{ru.files.failed}</Tag><Typography.Text type="secondary">{file.extractionNote}</Typography.Text></>;
  if (file.extraction === 'done') return <Tag color={TONE.ok}>{file.textLength ? ru.files.text(file.textLength) : ru.files.noText}</Tag>;
  return <Tag color={TONE.muted}>{ru.files.pending}</Tag>;
}

/**
 * The message's files: each with its type (as its bytes show it), size and what extraction made of it, the
 * name and the download only where the person may see the citizen's personal data; and a file to add, to the
 * message or to its answer (which the connector publishing the answer takes along).
 * The list refreshes itself while a file is still being read.
 */
export function Files({ messageId, zone }: { messageId: string; zone: string }) {
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [forAnswer, setForAnswer] = useState(false);
  const files = useQuery({
    queryKey: ['message', messageId, 'files'],
    queryFn: () => ok(core.GET('/api/attachments/messages/{messageId}', { params: { path: { messageId } } })),
    refetchInterval: (query) => (query.state.data?.some((f) => f.extraction === 'pending' || f.extraction === 'extracting') ? 2_000 : false),
  });
  const add = useMutation({
    mutationFn: (file: File) => upload<Attachment>(`/api/attachments/messages/${messageId}?name=${encodeURIComponent(file.name)}&forAnswer=${forAnswer}`,
      file, file.type || 'application/octet-stream'),
    onSettled: () => {
      if (input.current) input.current.value = '';
      // Each file is marked for the answer on its own: the next one is the message's unless ticked again.
      setForAnswer(false);
      void client.invalidateQueries({ queryKey: ['message', messageId] });
    },
  });

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      {files.isPending && <Spin />}
      {files.isError && <ProblemAlert error={files.error} />}
      {files.data?.length === 0 && <Typography.Text type="secondary">{ru.files.none}</Typography.Text>}
      {files.data && files.data.length > 0 && (
        <ul className="file-list" aria-label={ru.files.title}>
          {files.data.map((f) => (
            <li key={f.id}>
              {f.personalDataHidden
                ? <Typography.Text>{ru.files.hidden}</Typography.Text>
                : <a href={`/api/attachments/${f.id}/content`} download={f.name}>{f.name}</a>}
              <div><Typography.Text type="secondary">{f.type} · {size(f.size ?? 0)} · {formatDateTime(f.addedAt, zone)}</Typography.Text></div>
              <div><Extraction file={f} />{f.forAnswer && <Tag color={TONE.info}>{ru.files.forAnswer}</Tag>}</div>
            </li>
          ))}
        </ul>
      )}
      <Checkbox checked={forAnswer} onChange={(e) => setForAnswer(e.target.checked)}>{ru.files.attachToAnswer}</Checkbox>
      <div>
        <label htmlFor={`attach-${messageId}`}>{ru.files.add}</label>{' '}
        <input id={`attach-${messageId}`} ref={input} type="file" disabled={add.isPending}
          onChange={(e) => { const file = e.target.files?.[0]; if (file) add.mutate(file); }} />
        {add.isPending && <Spin size="small" />}
      </div>
      {add.isError && <ProblemAlert error={add.error} />}
    </Space>
  );
}
