/**
 * How the chat writes a message's time and a day line (`Intl.DateTimeFormat` styles), shared by the page
 * (lib/ui/format.ts) and the worker. The worker stores these texts with the stored first screen
 * (lib/first-screen.ts) for its messages, so a page's first render needs no formatter: the first
 * `Intl.DateTimeFormat` of a page loads its language's data, 10 to 25 ms in the new renderer of a cold open
 * (issue 12), and the page makes it once the first screen is drawn instead.
 */

export type DateStyle = 'time' | 'full' | 'day';

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  time: { hour: 'numeric', minute: '2-digit' },
  full: { dateStyle: 'medium', timeStyle: 'short' },
  day: { weekday: 'long', month: 'long', day: 'numeric' },
};

/** A formatter of `style` for language `tag`. */
export type DateFormats = (tag: string, style: DateStyle) => Intl.DateTimeFormat;

/** Formatters cached per language and style; a tag `Intl` refuses falls back to the browser's own locale. */
export function createDateFormats(): DateFormats {
  const made = new Map<string, Intl.DateTimeFormat>();
  return (tag, style) => {
    const key = `${tag}|${style}`;
    let found = made.get(key);
    if (!found) {
      try {
        found = new Intl.DateTimeFormat(tag, OPTIONS[style]);
      } catch {
        found = new Intl.DateTimeFormat(undefined, OPTIONS[style]);
      }
      made.set(key, found);
    }
    return found;
  };
}

/**
 * One message time as the chat shows it: the time, the local zone's offset from UTC at that time in minutes
 * (`Date#getTimezoneOffset`: the texts hold only where the zone is still the same), its time text and its day's
 * text (the day line of a day before yesterday: "Today" and "Yesterday" depend on when the page reads it).
 */
export type ShownTime = [ts: number, offset: number, time: string, day: string];

/** The texts of some message times in one language (`tag`, as the page's `locale` names it). */
export interface ShownTimes {
  tag: string;
  at: ShownTime[];
}

/** Bounds of what a page takes: a first screen's messages in two languages, short texts. */
export const SHOWN_TIMES_MAX = 64;
const TEXT_MAX_CHARS = 100;

/** The texts of `timestamps` in language `tag`, as `formats` writes them. */
export function shownTimesOf(timestamps: readonly number[], tag: string, formats: DateFormats): ShownTimes {
  const at: ShownTime[] = [];
  for (const ts of timestamps.slice(-SHOWN_TIMES_MAX)) {
    if (!Number.isFinite(ts)) continue;
    at.push([ts, new Date(ts).getTimezoneOffset(), formats(tag, 'time').format(ts), formats(tag, 'day').format(ts)]);
  }
  return { tag, at };
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= TEXT_MAX_CHARS;
const isShownTime = (item: unknown): boolean =>
  Array.isArray(item) &&
  item.length === 4 &&
  Number.isFinite(item[0]) &&
  Number.isFinite(item[1]) &&
  isText(item[2]) &&
  isText(item[3]);

/** `raw` as a list of {@link ShownTimes}, or null unless it has exactly their shape within their bounds. */
export function readShownTimes(raw: unknown): ShownTimes[] | null {
  const valid =
    Array.isArray(raw) &&
    raw.length <= 2 &&
    raw.every(
      (entry: Partial<ShownTimes> | null) =>
        isText(entry?.tag) &&
        Array.isArray(entry.at) &&
        entry.at.length <= SHOWN_TIMES_MAX &&
        entry.at.every(isShownTime),
    );
  return valid ? (raw as ShownTimes[]) : null;
}
