/**
 * The inline half of the markdown renderer (text marks, links, images, emoji, mentions, timestamps) and the
 * helpers that read an untrusted AST defensively. Blocks are in Markdown.tsx.
 */
import type { ComponentChildren } from 'preact';
import { locale, t } from '../lib/ui/i18n';
import { ImageGate } from './ImageGate';
import { stripBidi } from '../lib/bidi';
import { misleadingLinkHost } from '../lib/ui/link-spoof';
import { safeHref } from '../lib/ui/linkify';
import { emojiFor } from '../lib/ui/emoji';

export interface AstNode {
  type: string;
  value?: unknown;
  [key: string]: unknown;
}

/** Deeper than any real message; a hostile AST cannot exhaust the stack. */
export const MAX_DEPTH = 24;

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';
}

export function list(value: unknown): AstNode[] {
  if (Array.isArray(value)) return value.filter(isNode);
  return isNode(value) ? [value] : [];
}

/** The string of a `PLAIN_TEXT` node (or of a bare string), without bidi controls. */
export function plain(value: unknown): string {
  if (typeof value === 'string') return stripBidi(value);
  return isNode(value) && typeof value.value === 'string' ? stripBidi(value.value) : '';
}

/** The AST as the text a visitor would read, for link labels and image descriptions. */
function textOf(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) return '';
  if (typeof value === 'string') return stripBidi(value);
  if (Array.isArray(value)) return value.map((v) => textOf(v, depth + 1)).join('');
  if (!isNode(value)) return '';
  return textOf(value.value, depth + 1);
}

export interface Ctx {
  base: string;
  /** The desk's address: only its origin's images load without a click. */
  serverUrl: string | null;
  depth: number;
}

export function inlines(value: unknown, ctx: Ctx): ComponentChildren {
  if (ctx.depth > MAX_DEPTH) return null;
  const inner = { ...ctx, depth: ctx.depth + 1 };
  return list(value).map((node, index) => inline(node, index, inner));
}

function emoji(node: AstNode, key: number): ComponentChildren {
  if (typeof node.unicode === 'string') return node.unicode;
  const code = typeof node.shortCode === 'string' ? node.shortCode : '';
  const source = plain(node.value);
  const found = code ? emojiFor(code) : null;
  // An emoticon (":)") keeps its own characters until the table arrives; a code shows as written.
  if (!found) return source && !/^[\w+-]+$/.test(source) ? source : `:${code || source}:`;
  return (
    <span key={key} class="lqs-md-emoji" role="img" aria-label={`:${code}:`} title={`:${code}:`}>
      {found}
    </span>
  );
}

function timestamp(node: AstNode, key: number): ComponentChildren {
  const value = node.value as { timestamp?: unknown; format?: unknown } | undefined;
  const seconds = Number(value?.timestamp);
  if (!Number.isFinite(seconds)) return null;
  const date = new Date(seconds * 1000);
  // Beyond the range of Date: every formatter (toISOString included) would throw, so say the number as it came.
  if (Number.isNaN(date.getTime())) return String(value?.timestamp);
  const styles: Record<string, Intl.DateTimeFormatOptions> = {
    t: { timeStyle: 'short' },
    T: { timeStyle: 'medium' },
    d: { dateStyle: 'short' },
    D: { dateStyle: 'long' },
    f: { dateStyle: 'long', timeStyle: 'short' },
    F: { dateStyle: 'full', timeStyle: 'short' },
  };
  const format = typeof value?.format === 'string' ? value.format : 'f';
  let text: string;
  try {
    text =
      format === 'R'
        ? relative(date.getTime())
        : new Intl.DateTimeFormat(locale.value, styles[format] ?? styles.f).format(date);
  } catch {
    text = date.toISOString();
  }
  return (
    <time key={key} dateTime={date.toISOString()}>
      {text}
    </time>
  );
}

function relative(ts: number): string {
  const seconds = Math.round((ts - Date.now()) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const rtf = new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto' });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  return rtf.format(seconds, 'second');
}

export function inline(node: AstNode, key: number, ctx: Ctx): ComponentChildren {
  switch (node.type) {
    case 'PLAIN_TEXT':
      return plain(node);
    case 'BOLD':
      return <strong key={key}>{inlines(node.value, ctx)}</strong>;
    case 'ITALIC':
      return <em key={key}>{inlines(node.value, ctx)}</em>;
    case 'STRIKE':
      return <s key={key}>{inlines(node.value, ctx)}</s>;
    case 'INLINE_CODE':
      return <code key={key}>{plain(node.value)}</code>;
    case 'INLINE_KATEX':
      return <code key={key}>{plain(node.value)}</code>;
    case 'LINK': {
      const value = node.value as { src?: unknown; label?: unknown } | undefined;
      const href = safeHref(plain(value?.src), ctx.base);
      const label = inlines(value?.label, ctx);
      if (!href) return <span key={key}>{label}</span>;
      const realHost = misleadingLinkHost(textOf(value?.label), href);
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer">
          {textOf(value?.label) ? label : href}
          {realHost && <span class="lqs-link-host"> ({t('linkLeadsTo', realHost)})</span>}
        </a>
      );
    }
    case 'IMAGE': {
      const value = node.value as { src?: unknown; label?: unknown } | undefined;
      const src = safeHref(plain(value?.src), ctx.base);
      const label = textOf(value?.label);
      if (!src || src.startsWith('mailto:')) return label;
      return (
        <ImageGate key={key} src={src} serverUrl={ctx.serverUrl}>
          <a href={src} target="_blank" rel="noopener noreferrer" class="lqs-md-image">
            <img src={src} alt={label} loading="lazy" referrerpolicy="no-referrer" />
          </a>
        </ImageGate>
      );
    }
    // A visitor cannot open users or channels of the desk, so mentions stay words ("#4821" is an order number).
    case 'MENTION_USER':
      return `@${plain(node.value)}`;
    case 'MENTION_CHANNEL':
      return `#${plain(node.value)}`;
    case 'EMOJI':
      return emoji(node, key);
    case 'COLOR': {
      const c = node.value as { r?: unknown; g?: unknown; b?: unknown; a?: unknown } | undefined;
      const channels = [c?.r, c?.g, c?.b].map((v) => Math.max(0, Math.min(255, Math.round(Number(v) || 0))));
      const alpha = Math.max(0, Math.min(1, Number(c?.a ?? 255) / 255));
      const css = `rgba(${channels.join(', ')}, ${alpha.toFixed(2)})`;
      return (
        <span key={key} class="lqs-md-color">
          <span class="lqs-md-swatch" style={{ background: css }} aria-hidden="true" />
          {css}
        </span>
      );
    }
    case 'TIMESTAMP':
      return timestamp(node, key);
    case 'SPOILER':
      return (
        <span key={key} class="lqs-md-spoiler" tabIndex={0} title={t('spoiler')}>
          {inlines(node.value, ctx)}
        </span>
      );
    case 'LINE_BREAK':
      return <br key={key} />;
    default:
      // A node type newer than this renderer: keep whatever text it carries.
      return typeof node.value === 'string' ? stripBidi(node.value) : inlines(node.value, ctx);
  }
}
