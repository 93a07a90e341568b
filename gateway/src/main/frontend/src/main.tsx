import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import ruRU from 'antd/locale/ru_RU';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import './time/zone';
import { ApiProblem } from './api/problem';
import { AppRoutes } from './AppRoutes';
import { meQuery } from './session/me';
import { channelsQuery, referenceQuery } from './message/reference';
import { messagesQuery, queryOf } from './queue/filters';
import { ACCESSIBLE_TOKENS } from './layout/tones';
import './app.css';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // A refusal (4xx) will not change by asking again; a lost connection may.
      retry: (failures, error) => !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});

// Who the person is, and their municipality's reference data, are asked for while React starts
// rather than after its first render: the first screen waits on them.
void queries.prefetchQuery(meQuery).then(() => {
  const me = queries.getQueryData(meQuery.queryKey);
  if (me?.municipality) {
    void queries.prefetchQuery(referenceQuery);
    void queries.prefetchQuery(channelsQuery);
    if (location.pathname === '/' || location.pathname === '/queue') {
      void queries.prefetchQuery(messagesQuery(queryOf(new URLSearchParams(location.search), me.username)));
    }
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={ruRU} theme={{ token: ACCESSIBLE_TOKENS }}>
      <AntApp>
        <QueryClientProvider client={queries}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
