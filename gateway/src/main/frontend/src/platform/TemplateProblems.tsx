import { Table } from 'antd';
import type { Tenant } from '../api/client';
import { ru } from '../i18n/ru';

type Problem = Tenant['TemplateProblem'];

/** A template's problems, each with its file, line, path and rule: the wizard's check and the re-apply both show them so. */
export function TemplateProblems({ problems }: { problems: Problem[] }) {
  return (
    <Table<Problem> rowKey={(p) => `${p.file}-${p.line}-${p.path}-${p.rule}`} size="small" pagination={false} dataSource={problems}
      columns={[
        { title: 'Где', render: (_, p) => ru.onboarding.problemAt(p.file ?? '', p.line, p.path ?? '') },
        { title: 'Правило', dataIndex: 'rule' },
        { title: 'Что не так', dataIndex: 'message' },
      ]} />
  );
}
