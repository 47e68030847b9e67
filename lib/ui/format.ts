/** Small display helpers: times, day labels and initials (sizes: format-size.ts, colours: lib/accent.ts). */
import { createDateFormats, type DateStyle, type ShownTime, type ShownTimes } from '../shown-times';
import { locale, t } from './i18n';

const formats = createDateFormats();
const dateFormat = (style: DateStyle): Intl.DateTimeFormat => formats(locale.value, style);

/** The stored first screen's texts of its message times, by language and time (lib/shown-times.ts). */
let stored = new Map<string, Map<number, ShownTime>>();

/**
 * Takes the texts the worker stored with the first screen: {@link formatTime} and {@link dayLabel} give them for
 * those times while the page speaks their language and the local zone is the one they were written in, so the
 * first screen renders without making a formatter.
 */
export function takeStoredTimes(times: readonly ShownTimes[]): void {
  stored = new Map(times.map(({ tag, at }) => [tag, new Map(at.map((item) => [item[0], item]))]));
}

function storedText(ts: number): ShownTime | undefined {
  const found = stored.get(locale.value)?.get(ts);
  return found && found[1] === new Date(ts).getTimezoneOffset() ? found : undefined;
}

/**
 * The last time written, by language, minute and zone offset: a formatter's `format` costs a new bubble tens of
 * microseconds (issue 12, relay), and a message's time is nearly always its group's and the one before it's.
 */
let lastTime: [key: string, text: string] = ['', ''];

/** "14:05" or "2:05 PM", as the chat's language writes it. */
export function formatTime(ts: number): string {
  const key = `${locale.value} ${Math.floor(ts / 60_000)} ${new Date(ts).getTimezoneOffset()}`;
  if (key !== lastTime[0]) lastTime = [key, storedText(ts)?.[2] ?? dateFormat('time').format(ts)];
  return lastTime[1];
}

/** Makes the time formatter, which a page's first one costs (its language's data), without writing a time. */
export const makeTimeFormat = (): unknown => dateFormat('time');

/** Date and time, for tooltips. */
export function formatFull(ts: number): string {
  return dateFormat('full').format(ts);
}

/** Midnight of the local day that contains `ts`. */
export function startOfDay(ts: number): number {
  const date = new Date(ts);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** "Today", "Yesterday" or a weekday with its date. */
export function dayLabel(ts: number, now: number): string {
  const days = Math.round((startOfDay(now) - startOfDay(ts)) / 86_400_000);
  if (days === 0) return t('dayToday');
  if (days === 1) return t('dayYesterday');
  return storedText(ts)?.[3] ?? dateFormat('day').format(ts);
}

/** Up to two initials for an avatar ("Jane Doe" → "JD", "support" → "S"). */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = words.slice(0, 2).map((word) => [...word][0]!.toUpperCase());
  return letters.join('') || '?';
}
