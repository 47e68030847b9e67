/**
 * The keys of storage layout v6 (`desk-store.ts` writes them): `desk:<origin>` (a desk's record, without its archive
 * and its messages, listing its pages), `past:<origin>` (its archive), `page:<origin>#<name>` (a page of its cached
 * messages, `desk-pages.ts`), and how they are read back into whole desks, v5 records (messages inline) included.
 */
import type { DeskRecord, PastRoom } from './desk';

export const DESK_PREFIX = 'desk:';
export const PAST_PREFIX = 'past:';
export const PAGE_PREFIX = 'page:';
/** The layout version, written with the first desks in their own keys: a start that finds any knows the move from `desks` is done. */
export const LAYOUT_KEY = 'deskLayout';
export const LAYOUT_VERSION = 6;
/** A desk's live record, as stored under its own key: its messages are in the pages it lists. */
export type StoredDesk = Omit<DeskRecord, 'archive' | 'messages'> & { pages: string[] };

/** The key of a desk's page of messages. */
export const pageKey = (url: string, name: string): string => `${PAGE_PREFIX}${url}#${name}`;

/** The desk without its archive and its messages (stored under keys of their own). */
export function live(desk: DeskRecord): Omit<DeskRecord, 'archive' | 'messages'> {
  const { archive: _archive, messages: _messages, ...rest } = desk;
  return rest;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A desk's record as v5 stored it: its messages in the record itself, no pages. */
export const inlineMessages = (desk: unknown): boolean => isRecord(desk) && !Array.isArray(desk.pages);

/**
 * The desks found under their own keys, each with its messages (from its pages, or from the record itself as v5
 * had them) and its archive (a missing archive is an empty one) back in. A listed page that is missing or not a
 * list is damage: it shows as a message the repair drops, and the desk as reset.
 */
export function joined(all: Record<string, unknown>): Record<string, unknown> {
  const desks: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(DESK_PREFIX)) continue;
    const url = key.slice(DESK_PREFIX.length);
    if (!isRecord(value)) {
      desks[url] = value;
      continue;
    }
    const { pages, ...rest } = value;
    const messages = Array.isArray(pages)
      ? pages.flatMap((name) => {
          const page = all[pageKey(url, String(name))];
          return Array.isArray(page) ? (page as unknown[]) : [null];
        })
      : rest.messages;
    const archive = all[PAST_PREFIX + url] as PastRoom[] | undefined;
    desks[url] = { ...rest, messages, archive: archive ?? [] };
  }
  return desks;
}
