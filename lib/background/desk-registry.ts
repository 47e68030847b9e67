/**
 * The desks the visitor added, beside the sessions that serve them: one runtime per desk, and a link (a DDP
 * socket) only for a desk that needs one now — its conversation is open or has undelivered words, or a chat UI
 * shows it, or a chat UI is open and the desk's title is not known yet (the switcher names it). Every other
 * desk's link is down, so ten desks cost ten stored records, not ten sockets.
 */
import type { Clock } from '../ddp/types';

/** What the registry needs of a desk's runtime: whether it needs its link, and the link's switches. */
export interface LinkedDesk {
  needsConnection(): boolean;
  /** The desk's own description (title, colour) is not known yet: a link brings it. */
  unknown(): boolean;
  connect(): void;
  disconnect(): void;
  reconnect(): void;
  dispose(): void;
}

/**
 * Time between two desks' reconnects on a wake-up (alarm, network back): each server is asked once, one after
 * the other, never all at once; after that each link backs off on its own (lib/ddp's backoff, per desk).
 */
export const WAKE_STAGGER_MS = 400;

/**
 * How long a desk keeps its link after the chat moved to another desk, while a chat is still open: a visitor
 * flipping between desks must not make each server see a connect and a disconnect per flip.
 */
export const LINGER_MS = 30_000;

export interface DeskRegistryDeps<R extends LinkedDesk> {
  create(url: string): R;
  /** Chat UIs showing this desk right now, or open at all (`null`). */
  watchers(url: string | null): number;
  /** Keeps the worker alive while some desk's conversation needs its link. */
  keepAlive(on: boolean): void;
  clock: Pick<Clock, 'setTimeout' | 'now'>;
}

export interface DeskRegistry<R extends LinkedDesk> {
  /** Makes the registry hold exactly these desks (in this order): new ones start, dropped ones stop. */
  sync(urls: readonly string[]): { added: string[]; removed: string[] };
  get(url: string): R | undefined;
  /** The desks in the visitor's order. */
  urls(): string[];
  runtimes(): R[];
  /** Puts each desk's link up or down as its need says; call after anything that may change a need. */
  applyLinks(): void;
  /** Re-checks the links and reconnects those that are needed, one desk after another. */
  wake(): void;
  /** Whether the desk's link should be up now. */
  needsLink(url: string): boolean;
}

/** Creates the registry; `create` builds a desk's runtime (with its link down). */
export function createDeskRegistry<R extends LinkedDesk>(deps: DeskRegistryDeps<R>): DeskRegistry<R> {
  let order: string[] = [];
  const live = new Map<string, R>();
  /** Desks a chat shows, and when a chat last left each desk it no longer shows. */
  const shown = new Set<string>();
  const leftAt = new Map<string, number>();

  const lingers = (url: string): boolean =>
    deps.watchers(null) > 0 && deps.clock.now() - (leftAt.get(url) ?? Number.NEGATIVE_INFINITY) < LINGER_MS;
  const needsLink = (url: string): boolean => {
    const runtime = live.get(url);
    if (!runtime) return false;
    if (runtime.needsConnection() || deps.watchers(url) > 0) return true;
    return deps.watchers(null) > 0 && (runtime.unknown() || lingers(url));
  };
  /** Notes a desk the chat just left; its link is looked at again once its linger is over. */
  const noteShown = (url: string): void => {
    if (deps.watchers(url) > 0) {
      shown.add(url);
      return;
    }
    if (!shown.delete(url)) return;
    leftAt.set(url, deps.clock.now());
    deps.clock.setTimeout(() => registry.applyLinks(), LINGER_MS);
  };

  const registry: DeskRegistry<R> = {
    sync(urls) {
      const next = [...new Set(urls)];
      const added = next.filter((url) => !live.has(url));
      const removed = order.filter((url) => !next.includes(url));
      for (const url of removed) {
        live.get(url)?.dispose();
        live.delete(url);
        shown.delete(url);
        leftAt.delete(url);
      }
      for (const url of added) live.set(url, deps.create(url));
      order = next;
      registry.applyLinks();
      return { added, removed };
    },
    get: (url) => live.get(url),
    urls: () => [...order],
    runtimes: () => order.map((url) => live.get(url)!),
    applyLinks() {
      let conversationNeedsLink = false;
      for (const url of order) {
        const runtime = live.get(url)!;
        conversationNeedsLink ||= runtime.needsConnection();
        noteShown(url);
        // Both are no-ops on a link already so: the DDP client keeps its own backoff across these calls.
        if (needsLink(url)) runtime.connect();
        else runtime.disconnect();
      }
      deps.keepAlive(conversationNeedsLink);
    },
    wake() {
      registry.applyLinks();
      const due = order.filter((url) => live.get(url)!.needsConnection());
      due.forEach((url, index) => {
        const reconnect = (): void => {
          if (live.has(url) && needsLink(url)) live.get(url)!.reconnect();
        };
        if (index === 0) reconnect();
        else deps.clock.setTimeout(reconnect, index * WAKE_STAGGER_MS);
      });
    },
    needsLink,
  };
  return registry;
}
