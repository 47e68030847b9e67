/**
 * Routes Rocket.Chat stream events (`changed` frames, SPEC §1.6) to handlers by collection and
 * `fields.eventName`. Handler lists are copied on change, so a handler may unsubscribe (or subscribe) while an
 * event is being dispatched.
 *
 * The collection and event name of an inbound frame are fresh strings: a `Map` lookup has to hash each one before
 * it can compare, which costs more than comparing a handful of strings directly. So while there are at most
 * `SCAN_LIMIT` routes (a visitor has about three per room), dispatch scans a flat copy of them; beyond that it
 * uses the maps, which stay the source of truth either way.
 *
 * Each scanned route also carries a matcher for its events' text (`routeHead`, stream-frame.ts): `dispatchText`
 * routes an event in the servers' canonical layout before anything is read out of it, and hands it back when no
 * route's matcher takes it (another layout, a route nobody listens to, or more routes than the scan holds).
 */
import { EjsonError } from './ejson';
import { noDateKeys, type DateKeys } from './revive-args';
import { argsAt, NOT_CANONICAL, routeHead } from './stream-frame';

type StreamHandler = (args: unknown[]) => void;

export interface Streams {
  on(collection: string, eventName: string, handler: StreamHandler): () => void;
  /** Returns a reason when the frame was malformed; frames for routes nobody listens to are silently dropped. */
  dispatch(collection: string, fields: Record<string, unknown> | undefined): string | undefined;
  /**
   * Dispatches a frame's text when a route's matcher takes it: `undefined` once dispatched, a reason when it was
   * malformed (args not an array, or with `revive` a malformed EJSON tag), `null` when the caller has to decode
   * the frame itself.
   */
  dispatchText(text: string, revive: boolean): string | undefined | null;
  clear(): void;
  count(): number;
}

interface Route {
  collection: string;
  eventName: string;
  handlers: StreamHandler[];
  head: RegExp | undefined;
  /** Where this route's events had their dates, for revival (revive-args.ts). */
  dates: DateKeys;
}

const SCAN_LIMIT = 8;

/** Creates an empty router; handler errors go to `onError` and never stop the other handlers. */
export function createStreams(onError: (error: unknown, context: string) => void): Streams {
  const routes = new Map<string, Map<string, StreamHandler[]>>();
  /** Every route, when there are at most SCAN_LIMIT of them; rebuilt on each change (changes are rare). */
  let flat: Route[] | undefined = [];
  let handlers = 0;

  function rebuild(): void {
    const next: Route[] = [];
    for (const [collection, byEvent] of routes) {
      for (const [eventName, list] of byEvent) {
        if (next.length === SCAN_LIMIT) {
          flat = undefined;
          return;
        }
        next.push({
          collection,
          eventName,
          handlers: list,
          head: routeHead(collection, eventName),
          dates: noDateKeys(),
        });
      }
    }
    flat = next;
  }

  function find(collection: string, eventName: string): StreamHandler[] | undefined {
    if (flat === undefined) return routes.get(collection)?.get(eventName);
    for (const route of flat) {
      // Event names tell routes apart sooner (room ids differ, collection names repeat).
      if (route.eventName === eventName && route.collection === collection) return route.handlers;
    }
    return undefined;
  }

  function run(list: StreamHandler[], args: unknown[], collection: string, eventName: string): void {
    for (let i = 0; i < list.length; i++) {
      try {
        (list[i] as StreamHandler)(args);
      } catch (err) {
        onError(err, `stream handler ${collection}/${eventName}`);
      }
    }
  }

  function set(collection: string, eventName: string, list: StreamHandler[]): void {
    let byEvent = routes.get(collection);
    if (byEvent === undefined) routes.set(collection, (byEvent = new Map()));
    if (list.length > 0) byEvent.set(eventName, list);
    else byEvent.delete(eventName);
    if (byEvent.size === 0) routes.delete(collection);
    rebuild();
  }

  return {
    on(collection, eventName, handler) {
      if (typeof collection !== 'string' || typeof eventName !== 'string' || typeof handler !== 'function') {
        throw new TypeError('onStream needs a collection, an eventName and a handler function');
      }
      set(collection, eventName, [...(routes.get(collection)?.get(eventName) ?? []), handler]);
      handlers++;
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        // Look the route up again: `clear()` may have replaced it since.
        const list = routes.get(collection)?.get(eventName);
        const at = list?.lastIndexOf(handler) ?? -1;
        if (list === undefined || at === -1) return;
        handlers--;
        set(collection, eventName, list.toSpliced(at, 1));
      };
    },
    dispatch(collection, fields) {
      const eventName = fields?.eventName;
      if (typeof eventName !== 'string') {
        if (!routes.has(collection)) return undefined;
        return fields === undefined ? 'stream event without fields' : 'stream event without eventName';
      }
      const list = find(collection, eventName);
      if (list === undefined) return undefined;
      const args = fields?.args;
      if (!Array.isArray(args)) return 'stream event without args[]';
      run(list, args, collection, eventName);
      return undefined;
    },
    dispatchText(text, revive) {
      if (flat === undefined) return null;
      for (const route of flat) {
        const head = route.head;
        if (head === undefined) continue;
        head.lastIndex = 0;
        if (!head.test(text)) continue;
        let args: unknown;
        try {
          args = argsAt(text, head.lastIndex, revive ? route.dates : undefined);
        } catch (err) {
          return err instanceof EjsonError ? err.message : 'bad EJSON';
        }
        if (args === NOT_CANONICAL) return null;
        if (!Array.isArray(args)) return 'stream event without args[]';
        run(route.handlers, args, route.collection, route.eventName);
        return undefined;
      }
      return null;
    },
    clear() {
      routes.clear();
      flat = [];
      handlers = 0;
    },
    count: () => handlers,
  };
}
