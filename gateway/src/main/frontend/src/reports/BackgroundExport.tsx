import { useState } from 'react';
import { Button, Space } from 'antd';
import { ProblemAlert } from '../layout/ProblemAlert';
import { ru } from '../i18n/ru';
import { ReportProgress } from './ReportProgress';
import { useOrderReport, useReport } from './useReport';

/** The dashboard of a period as a PDF report or an Excel workbook, made in the background with its progress shown here. */
export function BackgroundExport({ from, to }: { from: string; to: string }) {
  const [id, setId] = useState<string>();
  const order = useOrderReport((report) => setId(report.id));
  const report = useReport(id);
  // A new order hides the previous one's download until its own state is known.
  const make = (format: 'pdf' | 'xlsx') => { setId(undefined); order.mutate({ kind: 'dashboard', format, from, to }); };
  return (
    <Space wrap>
      <Button onClick={() => make('pdf')} loading={order.isPending}>{ru.analytics.pdf}</Button>
      <Button onClick={() => make('xlsx')} loading={order.isPending}>{ru.analytics.export}</Button>
      {report.data && <ReportProgress report={report.data} />}
      {order.isError && <ProblemAlert error={order.error} />}
    </Space>
  );
}
