import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import ruRU from 'antd/es/locale/ru_RU';
import 'antd/dist/antd.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import './time/zone';
import { ApiProblem } from './api/problem';
import { AppRoutes } from './AppRoutes';
import { adoptBegun } from './start/first';
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

// The first screen's requests went out from the early script while this code loaded; the cache takes them over:
// what has answered is put in before the first render (one render with the data, not one per answer), what has
// not is awaited (a failed one is asked anew when its screen mounts).
adoptBegun(({ key, call, answer, answered }) => {
  if (answered) {
    queries.setQueryData(key, answered.value);
    return;
  }
  let begun: Promise<unknown> | undefined = answer;
  void queries.prefetchQuery({ queryKey: key, queryFn: () => begun ?? call(), retry: false }).finally(() => (begun = undefined));
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={ruRU} theme={{ zeroRuntime: true, token: { ...ACCESSIBLE_TOKENS, motion: false } }}>
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
