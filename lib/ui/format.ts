/** Small display helpers: times, day labels, initials and the header's accent colour (sizes: format-size.ts). */
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

/** "14:05" or "2:05 PM", as the chat's language writes it. */
export function formatTime(ts: number): string {
  return storedText(ts)?.[2] ?? dateFormat('time').format(ts);
}

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

/** The accent when the desk sets none: a branded build's colour, else the stock blue. */
export const DEFAULT_ACCENT =
  typeof __LQS_BRAND_ACCENT__ === 'string' && __LQS_BRAND_ACCENT__ ? __LQS_BRAND_ACCENT__ : '#2563eb';

/** The header colour: the desk's `config.color` when it is a hex colour, a calm blue otherwise. */
export function accentColor(color: string | null | undefined): string {
  const value = color?.trim() ?? '';
  if (/^#[0-9a-f]{6}$/i.test(value)) return value.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(value)) {
    return `#${value
      .slice(1)
      .split('')
      .map((c) => c + c)
      .join('')}`.toLowerCase();
  }
  return DEFAULT_ACCENT;
}

function luminance(hex: string): number {
  const channel = (offset: number): number => {
    const c = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio between two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const WHITE = '#ffffff';
const INK = '#111827';

/**
 * The header colours: the desk's accent and the text drawn on it. Text must stay readable (WCAG AA, 4.5:1) on
 * whatever colour a desk picked, so a mid-tone that neither white nor ink text can reach is darkened, keeping
 * its hue, until white text does.
 */
export function accentPair(color: string | null | undefined): { accent: string; onAccent: string } {
  let accent = accentColor(color);
  const ink = contrast(accent, INK);
  if (ink >= 4.5 && ink > contrast(accent, WHITE)) return { accent, onAccent: INK };
  while (contrast(accent, WHITE) < 4.5) {
    accent = `#${[1, 3, 5]
      .map((offset) => Math.floor(Number.parseInt(accent.slice(offset, offset + 2), 16) * 0.94))
      .map((v) => v.toString(16).padStart(2, '0'))
      .join('')}`;
  }
  return { accent, onAccent: WHITE };
}
