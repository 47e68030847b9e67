/**
 * The desk's colours: its accent and the text readable on it. The worker works them out (`themeOf`, sent as the
 * snapshot's `theme`), so the popup loads none of this before its first screen (issue 12); a branded build's
 * default pair is worked out at build time (wxt.config.ts, `__LQS_DEFAULT_THEME__`).
 */
import type { LivechatConfig } from './livechat/types';

/** An accent and the colour of text drawn on it. */
export interface AccentPair {
  accent: string;
  onAccent: string;
}

/** A desk's header colours: while it is online, and on its offline form (null: the same as online). */
export interface DeskTheme {
  online: AccentPair;
  offline: AccentPair | null;
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
export function accentPair(color: string | null | undefined): AccentPair {
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

const themes = new WeakMap<object, DeskTheme>();

/**
 * The colours of a desk with `config` (null: not known yet, the default accent). The same config gives the same
 * object: the worker's state asks on every change (an unread count), and compares what it gets before and after.
 */
export function themeOf(config: Pick<LivechatConfig, 'color' | 'offlineColor'> | null): DeskTheme {
  const known = config && themes.get(config);
  if (known) return known;
  const theme = {
    online: accentPair(config?.color),
    offline: config?.offlineColor ? accentPair(config.offlineColor) : null,
  };
  if (config) themes.set(config, theme);
  return theme;
}
