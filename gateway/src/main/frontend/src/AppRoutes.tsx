import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { AppLayout } from './layout/AppLayout';
import { isOperator, isRegional, useMe } from './session/me';
import { QueuePage } from './queue/QueuePage';
import { MessagePage } from './message/MessagePage';
import { ManualEntryPage } from './intake/ManualEntryPage';
import { StaffPage } from './admin/StaffPage';
import { ProblemAlert } from './layout/ProblemAlert';
import { ru } from './i18n/ru';

// The screens opened all day (queue, card, manual entry, the administrator's staff) come with the first
// load; the rest of the administration and the operator's console load when first opened, so the first render parses less.
const CalendarPage = lazy(() => import('./admin/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const MailServerPage = lazy(() => import('./admin/MailServerPage').then((m) => ({ default: m.MailServerPage })));
const ImportPage = lazy(() => import('./admin/ImportPage').then((m) => ({ default: m.ImportPage })));
const RegionalPage = lazy(() => import('./analytics/RegionalPage').then((m) => ({ default: m.RegionalPage })));
const RoadmapsPage = lazy(() => import('./analytics/RoadmapsPage').then((m) => ({ default: m.RoadmapsPage })));
const ForecastPage = lazy(() => import('./analytics/ForecastPage').then((m) => ({ default: m.ForecastPage })));
const AnalyticsPage = lazy(() => import('./analytics/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })));
const ReportsPage = lazy(() => import('./reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const AuditPage = lazy(() => import('./admin/AuditPage').then((m) => ({ default: m.AuditPage })));
const MunicipalitiesPage = lazy(() => import('./platform/MunicipalitiesPage').then((m) => ({ default: m.MunicipalitiesPage })));
const OnboardingPage = lazy(() => import('./platform/OnboardingPage').then((m) => ({ default: m.OnboardingPage })));
const TemplatePage = lazy(() => import('./platform/TemplatePage').then((m) => ({ default: m.TemplatePage })));
const BoundariesPage = lazy(() => import('./platform/BoundariesPage').then((m) => ({ default: m.BoundariesPage })));
const ConnectorsPage = lazy(() => import('./platform/ConnectorsPage').then((m) => ({ default: m.ConnectorsPage })));

/** Every screen has its URL; a reload or a shared link opens the same screen. */
export function AppRoutes() {
  const me = useMe();
  if (me.isPending) return <Spin fullscreen tip={ru.app.loading} />;
  if (me.isError) return <ProblemAlert error={me.error} />;
  const operator = isOperator(me.data);
  const home = operator ? '/platform' : isRegional(me.data) && !me.data.municipality ? '/regional' : '/queue';
  return (
    <Routes>
      <Route element={<AppLayout me={me.data} />}>
        <Route index element={<Navigate to={home} replace />} />
        <Route path="queue" element={<QueuePage />} />
        <Route path="messages/new" element={<ManualEntryPage />} />
        <Route path="messages/:id" element={<MessagePage />} />
        <Route path="admin/staff" element={<StaffPage />} />
        <Route path="admin/calendar" element={<CalendarPage />} />
        <Route path="admin/mail" element={<MailServerPage />} />
        <Route path="admin/imports" element={<ImportPage />} />
        <Route path="admin/imports/:id" element={<ImportPage />} />
        <Route path="admin/audit" element={<AuditPage />} />
        <Route path="analytics" element={<AnalyticsPage />} />
        <Route path="analytics/forecast" element={<ForecastPage />} />
        <Route path="roadmaps" element={<RoadmapsPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="regional" element={<RegionalPage />} />
        <Route path="platform" element={<MunicipalitiesPage />} />
        <Route path="platform/onboarding" element={<OnboardingPage />} />
        <Route path="platform/boundaries" element={<BoundariesPage />} />
        <Route path="platform/municipalities/:slug/connectors" element={<ConnectorsPage />} />
        <Route path="platform/municipalities/:slug/template" element={<TemplatePage />} />
        <Route path="*" element={<Result status="404" title={ru.app.notFound} />} />
      </Route>
    </Routes>
  );
}
