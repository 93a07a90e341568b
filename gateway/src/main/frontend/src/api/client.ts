import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as CorePaths, components as CoreComponents } from './generated/core';
import type { paths as TenantPaths, components as TenantComponents } from './generated/tenant';
import { ApiProblem, type ProblemBody } from './problem';

/** The schemas of core-service (messages, deadlines, notifications, audit, calendar, imports). */
export type Core = CoreComponents['schemas'];
/** The schemas of tenant-service (the person, staff, municipalities, onboarding, connectors). */
export type Tenant = TenantComponents['schemas'];

/** The session's CSRF token, which the gateway puts in a cookie the page may read (the session cookie it may not). */
export function csrfToken(): string {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

const changes: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('X-XSRF-TOKEN', csrfToken());
    return request;
  },
  onResponse({ response }) {
    // The session ended: the gateway sends the page to Keycloak's login and back.
    if (response.status === 401) window.location.assign(window.location.pathname + window.location.search);
    return response;
  },
};

// Both services sit behind the gateway on the page's own origin; the gateway routes by path.
export const core = createClient<CorePaths>({ baseUrl: window.location.origin });
export const tenant = createClient<TenantPaths>({ baseUrl: window.location.origin });
core.use(changes);
tenant.use(changes);

/** The data of a 2xx answer, or an ApiProblem with what the server said. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await call;
  } catch (e) {
    throw new ApiProblem(0, { detail: (e as Error).message, title: 'network' });
  }
  if (!result.response.ok) throw new ApiProblem(result.response.status, result.error as ProblemBody);
  return result.data as T;
}

/** A file sent as the request's body (the history import), with the same CSRF header as every change. */
export async function upload<T>(path: string, file: File, contentType: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', body: file, headers: { 'Content-Type': contentType, 'X-XSRF-TOKEN': csrfToken(), Accept: 'application/json' } });
  } catch (e) {
    throw new ApiProblem(0, { detail: (e as Error).message });
  }
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : undefined;
  if (!response.ok) throw new ApiProblem(response.status, body as ProblemBody);
  return body as T;
}
