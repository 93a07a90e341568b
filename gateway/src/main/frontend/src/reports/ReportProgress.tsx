import { Button, Progress, Space, Typography } from 'antd';
import { ru } from '../i18n/ru';
import { fileOf, type Report } from './useReport';

/** A report's state as one line: its stage and progress while it is made, the download once it is, why not if it failed. */
export function ReportProgress({ report }: { report: Report }) {
  if (report.status === 'running') {
    return (
      <Space size="small" data-testid="report-progress">
        <Progress percent={report.progress} size="small" style={{ width: 140 }} aria-label={ru.reports.statuses.running} />
        <Typography.Text type="secondary">{report.stage ?? ru.reports.statuses.running}</Typography.Text>
      </Space>
    );
  }
  if (report.status === 'failed') return <Typography.Text type="danger">{report.failure}</Typography.Text>;
  return <Button size="small" href={fileOf(report)} download data-testid="report-download">{ru.reports.download}</Button>;
}
