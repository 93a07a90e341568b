import { Alert, Button, Card, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { core, ok } from '../api/client';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';

/** The municipality's hash-chained audit trail: check that nothing was altered, or take it away whole. */
export function AuditPage() {
  const verify = useMutation({ mutationFn: () => ok(core.GET('/api/audit/verify')) });
  const v = verify.data;
  return (
    <Card style={{ maxWidth: 720 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>{ru.audit.title}</Typography.Title>
      <Space wrap>
        <Button type="primary" onClick={() => verify.mutate()} loading={verify.isPending}>{ru.audit.verify}</Button>
        <Button href="/api/audit/export" download="audit.ndjson">{ru.audit.export}</Button>
      </Space>
      <div style={{ marginTop: 16 }}>
        {verify.isError && <ProblemAlert error={verify.error} />}
        {v && (v.intact
          ? <Alert type="success" showIcon title={ru.audit.intact(v.entries ?? 0)} description={v.headHash} />
          : <Alert type="error" showIcon title={ru.audit.broken(v.firstBrokenSeq ?? 0)} description={v.problem} />)}
      </div>
    </Card>
  );
}
