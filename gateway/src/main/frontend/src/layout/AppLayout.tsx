import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { Button, Drawer, Grid, Layout, Menu, Spin, Tag, Tooltip } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { can, isOperator, isRegional, zoneOf, type Me } from '../session/me';
import { csrfToken } from '../api/client';
import { zoneOffset } from '../time/zone';
import { NotificationsBell } from '../notifications/NotificationsBell';
import { ru } from '../i18n/ru';
import { TONE } from '../layout/tones';

type Item = Required<MenuProps>['items'][number];

function menuOf(me: Me): Item[] {
  const link = (path: string, label: string): Item => ({ key: path, label: <Link to={path}>{label}</Link> });
  if (isOperator(me)) {
    return [link('/platform', ru.nav.municipalities), link('/platform/onboarding', ru.nav.onboarding), link('/platform/boundaries', ru.nav.boundaries)];
  }
  if (isRegional(me) && !me.municipality) {
    return [link('/regional', ru.nav.regional)];
  }
  const items: Item[] = [link('/queue', ru.nav.queue), link('/messages/new', ru.nav.newMessage)];
  if (can(me, 'analytics.view')) items.push(link('/analytics', ru.nav.analytics));
  if (can(me, 'analytics.forecast')) items.push(link('/analytics/forecast', ru.nav.forecast));
  if (['roadmap.view', 'roadmap.manage'].some((p) => can(me, p))) items.push(link('/roadmaps', ru.nav.roadmaps));
  if (['analytics.view', 'analytics.export', 'report.prepare', 'report.approve'].some((p) => can(me, p))) items.push(link('/reports', ru.nav.reports));
  if (can(me, 'tenant.admin')) {
    items.push(link('/admin/staff', ru.nav.staff), link('/admin/calendar', ru.nav.calendar), link('/admin/mail', ru.nav.mailServer),
      link('/admin/imports', ru.nav.imports));
  }
  if (['tenant.admin', 'tenant.security', 'analytics.export', 'report.approve'].some((p) => can(me, p))) {
    items.push(link('/admin/audit', ru.nav.audit));
  }
  return items;
}

/** The frame of every screen: who and where one works (with the zone every time is in), the menu, the bell. */
export function AppLayout({ me }: { me: Me }) {
  const screens = Grid.useBreakpoint();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const phone = !screens.md;
  const zone = zoneOf(me);
  const offset = zoneOffset(zone);
  const items = menuOf(me);
  const selected = items.map((i) => String(i?.key)).filter((k) => location.pathname.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  const menu = <Menu mode="inline" items={items} selectedKeys={selected ? [selected] : []} onClick={() => setMenuOpen(false)}
    aria-label={ru.app.menu} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">{ru.app.skipToContent}</a>
      <header className="app-header">
        {phone && <Button type="text" aria-label={ru.app.menu} icon={<MenuOutlined style={{ color: '#fff' }} />} onClick={() => setMenuOpen(true)} />}
        <h1>{ru.app.title}</h1>
        <span className="municipality">{me.municipality?.name ?? (me.roles ?? []).map((r) => ru.roles[r] ?? r).join(', ')}</span>
        {me.municipality && !phone && (
          <Tooltip title={ru.app.timeZone(zone, offset)}>
            <Tag color={TONE.info} data-testid="zone">{zone} {offset}</Tag>
          </Tooltip>
        )}
        <span className="spacer" />
        {me.municipality && <NotificationsBell />}
        {!phone && <span>{me.name ?? me.username}</span>}
        <form method="post" action="/logout">
          <input type="hidden" name="_csrf" value={csrfToken()} />
          <Button htmlType="submit" size="small">{ru.app.logout}</Button>
        </form>
      </header>
      <Layout>
        {phone ? (
          <Drawer open={menuOpen} onClose={() => setMenuOpen(false)} placement="left" title={ru.app.menu} size={260}>{menu}</Drawer>
        ) : (
          <Layout.Sider width={230} theme="light">{menu}</Layout.Sider>
        )}
        <Layout.Content>
          <main id="main" className="app-main" tabIndex={-1}>
            <Suspense fallback={<Spin tip={ru.app.loading}><div style={{ minHeight: 120 }} /></Spin>}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
