import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/ru';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('ru');

/** Russian order, day first; the zone is the municipality's, never the browser's. */
export const DATE_TIME = 'DD.MM.YYYY HH:mm';
export const DATE = 'DD.MM.YYYY';

export function formatDateTime(iso: string | undefined | null, zone: string): string {
  return iso ? dayjs(iso).tz(zone).format(DATE_TIME) : '—';
}

export function formatDate(day: string | undefined | null): string {
  return day ? dayjs(day).format(DATE) : '—';
}

/** "UTC+07:00" for the zone at this moment. */
export function zoneOffset(zone: string): string {
  return 'UTC' + dayjs().tz(zone).format('Z');
}

/** A value for a picker: the instant's wall-clock time in the zone, shown as such whatever the browser's zone. */
export function toPicker(iso: string | undefined | null, zone: string): Dayjs | undefined {
  if (!iso) return undefined;
  return dayjs(dayjs(iso).tz(zone).format('YYYY-MM-DDTHH:mm:ss'));
}

/** A picker's wall-clock value read in the municipality's zone, as an ISO instant for the API. */
export function fromPicker(value: Dayjs | null | undefined, zone: string): string | undefined {
  if (!value) return undefined;
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), zone).toISOString();
}

export { dayjs };
