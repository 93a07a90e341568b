import { queryOptions, useQuery } from '@tanstack/react-query';
import { meRequest } from '../start/first';

export { can, isOperator, isRegional, zoneOf, type Me } from './person';

export const meQuery = queryOptions({ queryKey: meRequest.key, queryFn: meRequest.call, staleTime: 5 * 60_000 });

export function useMe() {
  return useQuery(meQuery);
}
