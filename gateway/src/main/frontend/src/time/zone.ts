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

// One formatter per zone, and every time on a screen read from it: dayjs's tz() builds a new Intl
// formatter (en-US, a locale the page otherwise never loads) on every call, which a queue of dates
// made the costliest part of drawing the list, and the first call the costliest part of the first render.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('ru-RU', {
      timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

type Parts = Record<'day' | 'month' | 'year' | 'hour' | 'minute' | 'second', string>;

function partsOf(instant: Date, zone: string): Parts {
  return Object.fromEntries(formatterOf(zone).formatToParts(instant).map((p) => [p.type, p.value])) as Parts;
}

/** DD.MM.YYYY HH:mm of the instant in the zone. */
export function formatDateTime(iso: string | undefined | null, zone: string): string {
  if (!iso) return '—';
  const parts = partsOf(new Date(iso), zone);
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

export function formatDate(day: string | undefined | null): string {
  return day ? dayjs(day).format(DATE) : '—';
}

/** HH:mm:ss of the instant (milliseconds since the epoch) in the zone. */
export function formatTime(epochMillis: number, zone: string): string {
  const parts = partsOf(new Date(epochMillis), zone);
  return `${parts.hour}:${parts.minute}:${parts.second}`;
}

/** "UTC+07:00" for the zone at this moment: the zone's wall clock now, less the instant. */
export function zoneOffset(zone: string): string {
  const now = new Date();
  now.setMilliseconds(0);
  const p = partsOf(now, zone);
  const minutes = Math.round((Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - now.getTime()) / 60_000);
  const hhmm = `${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
  return `UTC${minutes < 0 ? '-' : '+'}${hhmm}`;
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
