import { queryOptions, useQuery } from '@tanstack/react-query';
import { ok, tenant, type Tenant } from '../api/client';

export type Me = Tenant['Me'];

export const meQuery = queryOptions({ queryKey: ['me'], queryFn: () => ok(tenant.GET('/api/me')), staleTime: 5 * 60_000 });

export function useMe() {
  return useQuery(meQuery);
}

export function isOperator(me: Me | undefined): boolean {
  return !!me?.roles?.includes('regional-operator');
}

export function can(me: Me | undefined, permission: string): boolean {
  return !!me?.permissions?.includes(permission);
}

/** The municipality's time zone; Moscow only before the person is known. */
export function zoneOf(me: Me | undefined): string {
  return me?.municipality?.timeZone ?? 'Europe/Moscow';
}
