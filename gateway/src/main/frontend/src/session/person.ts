import type { Tenant } from '../api/client';

export type Me = Tenant['Me'];

// What a person may do and where, from who-am-I; no React here, so the early script may use it too.

export function isOperator(me: Me | undefined): boolean {
  return !!me?.roles?.includes('regional-operator');
}

/** The region's personas: they compare municipalities and belong to none. */
export function isRegional(me: Me | undefined): boolean {
  return !!me?.roles?.some((r) => r === 'regional-analyst' || r === 'federal-methodologist');
}

export function can(me: Me | undefined, permission: string): boolean {
  return !!me?.permissions?.includes(permission);
}

/** The municipality's time zone; Moscow only before the person is known. */
export function zoneOf(me: Me | undefined): string {
  return me?.municipality?.timeZone ?? 'Europe/Moscow';
}
