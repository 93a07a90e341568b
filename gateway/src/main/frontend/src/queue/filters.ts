import { queryOptions } from '@tanstack/react-query';
import { core, ok, type Core } from '../api/client';
import type { paths } from '../api/generated/core';

type Query = NonNullable<paths['/api/messages']['get']['parameters']['query']>;

/** The queue's list for a query; shared by the queue screen and the start-up prefetch, so both hit one cache entry. */
export function messagesQuery(query: Query) {
  return queryOptions({ queryKey: ['messages', query], queryFn: () => ok(core.GET('/api/messages', { params: { query } })) });
}

/** The queue's filters live in the URL, so a filter is a link: reloadable, shareable, savable. */
export function queryOf(params: URLSearchParams, me: string | undefined): Query {
  const flag = (name: string) => (params.get(name) === 'true' ? true : undefined);
  const text = (name: string) => params.get(name) || undefined;
  return {
    state: params.getAll('state').length ? params.getAll('state') : undefined,
    channel: text('channel'),
    block: text('block'),
    recipient: text('recipient'),
    executor: params.get('mine') === 'true' ? me : text('executor'),
    overdue: flag('overdue'),
    atRisk: flag('atRisk'),
    from: text('from'),
    to: text('to'),
    q: text('q'),
    sort: text('sort'),
    page: Number(params.get('page') ?? 0),
    size: Number(params.get('size') ?? 20),
  };
}

export interface SavedFilter {
  name: string;
  search: string;
}

const KEY = 'mcu.queue.saved-filters';

/** Saved filters stay in this browser, per person (they are views, not data). */
export function savedFilters(username: string): SavedFilter[] {
  try {
    return JSON.parse(localStorage.getItem(`${KEY}.${username}`) ?? '[]') as SavedFilter[];
  } catch {
    return [];
  }
}

export function saveFilters(username: string, filters: SavedFilter[]) {
  localStorage.setItem(`${KEY}.${username}`, JSON.stringify(filters));
}

export type MessageView = Core['MessageView'];
