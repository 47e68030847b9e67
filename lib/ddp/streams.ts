/**
 * Routes Rocket.Chat stream events (`changed` frames, SPEC §1.6) to handlers by collection and
 * `fields.eventName`. Handler lists are copied on change, so a handler may unsubscribe (or subscribe) while an
 * event is being dispatched.
 */

type StreamHandler = (args: unknown[]) => void;

export interface Streams {
  on(collection: string, eventName: string, handler: StreamHandler): () => void;
  /** Returns a reason when the frame was malformed; frames for routes nobody listens to are silently dropped. */
  dispatch(collection: string, fields: Record<string, unknown> | undefined): string | undefined;
  clear(): void;
  count(): number;
}

/** Creates an empty router; handler errors go to `onError` and never stop the other handlers. */
export function createStreams(onError: (error: unknown, context: string) => void): Streams {
  const routes = new Map<string, Map<string, StreamHandler[]>>();
  let handlers = 0;

  return {
    on(collection, eventName, handler) {
      if (typeof collection !== 'string' || typeof eventName !== 'string' || typeof handler !== 'function') {
        throw new TypeError('onStream needs a collection, an eventName and a handler function');
      }
      let byEvent = routes.get(collection);
      if (byEvent === undefined) routes.set(collection, (byEvent = new Map()));
      byEvent.set(eventName, [...(byEvent.get(eventName) ?? []), handler]);
      handlers++;
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        // Look the route up again: `clear()` may have replaced it since.
        const current = routes.get(collection);
        const list = current?.get(eventName);
        const at = list?.lastIndexOf(handler) ?? -1;
        if (current === undefined || list === undefined || at === -1) return;
        handlers--;
        const next = [...list];
        next.splice(at, 1);
        if (next.length > 0) current.set(eventName, next);
        else current.delete(eventName);
        if (current.size === 0) routes.delete(collection);
      };
    },
    dispatch(collection, fields) {
      const byEvent = routes.get(collection);
      if (byEvent === undefined) return undefined;
      if (fields === undefined) return 'stream event without fields';
      const eventName = fields.eventName;
      if (typeof eventName !== 'string') return 'stream event without eventName';
      const list = byEvent.get(eventName);
      if (list === undefined) return undefined;
      const args = fields.args;
      if (!Array.isArray(args)) return 'stream event without args[]';
      for (const handler of list) {
        try {
          handler(args);
        } catch (err) {
          onError(err, `stream handler ${collection}/${eventName}`);
        }
      }
      return undefined;
    },
    clear() {
      routes.clear();
      handlers = 0;
    },
    count: () => handlers,
  };
}
