import { Navigate, Route, Routes } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { AppLayout } from './layout/AppLayout';
import { isOperator, useMe } from './session/me';
import { QueuePage } from './queue/QueuePage';
import { MessagePage } from './message/MessagePage';
import { ManualEntryPage } from './intake/ManualEntryPage';
import { StaffPage } from './admin/StaffPage';
import { CalendarPage } from './admin/CalendarPage';
import { MailServerPage } from './admin/MailServerPage';
import { ImportPage } from './admin/ImportPage';
import { AuditPage } from './admin/AuditPage';
import { MunicipalitiesPage } from './platform/MunicipalitiesPage';
import { OnboardingPage } from './platform/OnboardingPage';
import { ConnectorsPage } from './platform/ConnectorsPage';
import { ProblemAlert } from './layout/ProblemAlert';
import { ru } from './i18n/ru';

/** Every screen has its URL; a reload or a shared link opens the same screen. */
export function AppRoutes() {
  const me = useMe();
  if (me.isPending) return <Spin fullscreen tip={ru.app.loading} />;
  if (me.isError) return <ProblemAlert error={me.error} />;
  const operator = isOperator(me.data);
  return (
    <Routes>
      <Route element={<AppLayout me={me.data} />}>
        <Route index element={<Navigate to={operator ? '/platform' : '/queue'} replace />} />
        <Route path="queue" element={<QueuePage />} />
        <Route path="messages/new" element={<ManualEntryPage />} />
        <Route path="messages/:id" element={<MessagePage />} />
        <Route path="admin/staff" element={<StaffPage />} />
        <Route path="admin/calendar" element={<CalendarPage />} />
        <Route path="admin/mail" element={<MailServerPage />} />
        <Route path="admin/imports" element={<ImportPage />} />
        <Route path="admin/imports/:id" element={<ImportPage />} />
        <Route path="admin/audit" element={<AuditPage />} />
        <Route path="platform" element={<MunicipalitiesPage />} />
        <Route path="platform/onboarding" element={<OnboardingPage />} />
        <Route path="platform/municipalities/:slug/connectors" element={<ConnectorsPage />} />
        <Route path="*" element={<Result status="404" title={ru.app.notFound} />} />
      </Route>
    </Routes>
  );
}
