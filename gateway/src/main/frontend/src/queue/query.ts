import type { paths } from '../api/generated/core';

export type Query = NonNullable<paths['/api/messages']['get']['parameters']['query']>;

/** The queue's filters live in the URL, so a filter is a link: reloadable, shareable, savable. */
export function queryOf(params: URLSearchParams, me: string | undefined): Query {
  const flag = (name: string) => (params.get(name) === 'true' ? true : undefined);
  const text = (name: string) => params.get(name) || undefined;
  return {
    state: params.getAll('state').length ? params.getAll('state') : undefined,
    channel: text('channel'),
    category: text('category'),
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
