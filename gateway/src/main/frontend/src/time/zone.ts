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

// One formatter per zone: dayjs's tz() builds a new Intl formatter on every call, which a queue
// of dates made the costliest part of drawing the list.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('ru-RU', {
      timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** DD.MM.YYYY HH:mm of the instant in the zone. */
export function formatDateTime(iso: string | undefined | null, zone: string): string {
  if (!iso) return '—';
  const parts = Object.fromEntries(formatterOf(zone).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
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

/**
 * Today where Russia's day begins first (Kamchatka, UTC+12): the region's view ends its default period
 * there, so a message received a minute ago in any municipality, whose days are its own zone's, is in it.
 */
export function latestToday(): string {
  return dayjs().tz('Asia/Kamchatka').format('YYYY-MM-DD');
}

export { dayjs };
