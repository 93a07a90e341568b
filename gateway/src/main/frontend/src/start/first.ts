import { core, ok, tenant } from '../api/client';
import type { Query } from '../queue/query';

// The requests the first screen waits on. The early script (early.ts) begins them while the application's
// code is still loading and compiling; the application adopts what was begun instead of asking again.
// The query modules take their keys and calls from here, so a begun request and the screen's query are one cache entry.

export const meRequest = { key: ['me'] as const, call: () => ok(tenant.GET('/api/me')) };
export const referenceRequest = { key: ['reference'] as const, call: () => ok(core.GET('/api/messages/reference')) };
export const channelsRequest = { key: ['channels'] as const, call: () => ok(core.GET('/api/messages/channels')) };
export function messagesRequest(query: Query) {
  return { key: ['messages', query] as const, call: () => ok(core.GET('/api/messages', { params: { query } })) };
}
/** The queue's overdue and at-risk counts. */
export const deadlinesRequest = { key: ['deadlines'] as const, call: () => ok(core.GET('/api/messages/deadlines')) };
/** The bell's notices: the unread ones (its count), or all. */
export function notificationsRequest(unread: boolean) {
  return { key: ['notifications', unread ? 'unread' : 'all'] as const, call: () => ok(core.GET('/api/notifications', { params: { query: { unread } } })) };
}

type Request = { key: readonly unknown[]; call: () => Promise<unknown> };
type Begun = Request & { answer: Promise<unknown>; answered?: { value: unknown } };
const begun: Begun[] = [];
let adopt: ((request: Begun) => void) | undefined;

export function begin(request: Request): Promise<unknown> {
  const started: Begun = { ...request, answer: request.call() };
  // An answer already in when the application starts goes into its cache before the first render, so that render has it.
  // A refusal is the screen's to show when it asks; nobody waits on this copy.
  started.answer.then((value) => (started.answered = { value }), () => undefined);
  if (adopt) adopt(started);
  else begun.push(started);
  return started.answer;
}

/** Hands what was begun, and what will be, to the application's cache. */
export function adoptBegun(into: (request: Begun) => void) {
  adopt = into;
  begun.splice(0).forEach(into);
}
