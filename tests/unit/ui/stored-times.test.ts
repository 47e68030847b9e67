// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { afterEach, describe, expect, it } from 'vitest';
import { createDateFormats, readShownTimes, shownTimesOf, type ShownTimes } from '../../../lib/shown-times';
import { dayLabel, formatTime, takeStoredTimes } from '../../../lib/ui/format';
import { locale } from '../../../lib/ui/i18n';

const at = (day: number, hour: number, minute: number): number => new Date(2026, 0, day, hour, minute).getTime();
const MONDAY = at(12, 9, 5);
/** Texts no formatter writes, so that a test sees which of the two answered. */
const storedFor = (tag: string, ts = MONDAY, offset = new Date(ts).getTimezoneOffset()): ShownTimes => ({
  tag,
  at: [[ts, offset, 'stored time', 'stored day']],
});

afterEach(() => {
  takeStoredTimes([]);
  locale.value = 'en';
});

describe('the stored first screen’s times', () => {
  it('are what the page shows for those times in their language, without a formatter', () => {
    takeStoredTimes([storedFor('de'), storedFor('en')]);
    expect(formatTime(MONDAY)).toBe('stored time');
    // A day line of a day before yesterday is the stored date; "Today" and "Yesterday" follow the page's clock,
    // so a screen stored before midnight and read after it still names the right day.
    expect(dayLabel(MONDAY, at(15, 12, 0))).toBe('stored day');
    expect(dayLabel(MONDAY, at(12, 23, 59))).toBe('Today');
    expect(dayLabel(MONDAY, at(13, 0, 1))).toBe('Yesterday');
    // Other times are formatted as ever.
    expect(formatTime(at(12, 14, 5))).toBe('2:05 PM');
  });

  it('are not used in another language than theirs, nor in another time zone', () => {
    takeStoredTimes([storedFor('de')]);
    expect(formatTime(MONDAY)).toBe('9:05 AM');
    expect(dayLabel(MONDAY, at(15, 12, 0))).toBe('Monday, January 12');
    locale.value = 'de';
    expect(formatTime(MONDAY)).toBe('stored time');
    // The desk's language came after the page read them: its texts are formatted.
    locale.value = 'de-AT';
    expect(formatTime(MONDAY)).toBe('9:05');
    locale.value = 'en';
    takeStoredTimes([storedFor('en', MONDAY, new Date(MONDAY).getTimezoneOffset() + 60)]);
    expect(formatTime(MONDAY)).toBe('9:05 AM');
  });

  it('are written as the page writes them', () => {
    const worker = createDateFormats();
    for (const tag of ['en', 'de', 'pt-BR', 'en-GB', 'not a language']) {
      locale.value = tag;
      const [entry] = shownTimesOf([MONDAY], tag, worker).at;
      expect(entry).toEqual([MONDAY, new Date(MONDAY).getTimezoneOffset(), formatTime(MONDAY), dayLabel(MONDAY, 0)]);
    }
    expect(shownTimesOf([Number.NaN, MONDAY], 'en', worker).at).toHaveLength(1);
  });

  it('are taken only in their exact shape, within bounds', () => {
    const good = [storedFor('en'), storedFor('de')];
    expect(readShownTimes(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(readShownTimes([])).toEqual([]);
    const entry = [MONDAY, 0, 'time', 'day'];
    for (const bad of [
      null,
      {},
      'en',
      [storedFor('en'), storedFor('de'), storedFor('pt')],
      [null],
      [{ tag: 7, at: [] }],
      [{ tag: 'x'.repeat(101), at: [] }],
      [{ tag: 'en', at: {} }],
      [{ tag: 'en', at: Array.from({ length: 65 }, () => entry) }],
      [{ tag: 'en', at: [[MONDAY, 0, 'time']] }],
      [{ tag: 'en', at: [[String(MONDAY), 0, 'time', 'day']] }],
      [{ tag: 'en', at: [[MONDAY, null, 'time', 'day']] }],
      [{ tag: 'en', at: [[MONDAY, 0, 7, 'day']] }],
      [{ tag: 'en', at: [[MONDAY, 0, 'time', 'd'.repeat(101)]] }],
    ]) {
      expect(readShownTimes(bad)).toBeNull();
    }
  });
});
