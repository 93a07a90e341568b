import { queryOptions } from '@tanstack/react-query';
import type { Core } from '../api/client';
import { messagesRequest } from '../start/first';
import type { Query } from './query';

export { queryOf } from './query';

/** The queue's list for a query; shared by the queue screen and the early start, so both hit one cache entry. */
export function messagesQuery(query: Query) {
  const request = messagesRequest(query);
  return queryOptions({ queryKey: request.key, queryFn: request.call });
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
