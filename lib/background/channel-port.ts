/**
 * The worker's end of the pages' channels (lib/channel.ts). A page hands a `MessageChannel`'s
 * end to the service worker (a `message` event) and names it on its port; the two arrive in either order. Once
 * both are here the worker posts the switch on the port and every later message to that page on the channel, so
 * the page sees the worker's messages in the order they were posted. The port keeps the page's requests and its
 * lifetime: when it disconnects, the channel is closed.
 */
import { PROTOCOL_VERSION, type BgPort, type BgToUi, type PortLike, type UiToBg } from '../messaging';
import { CHANNEL_KIND, isChannelMessage, type ChannelOffer, type ChannelSwitch } from '../channel';

/** The port as `runtime.onConnect` gives it: it also carries the page's offer and the worker's switch. */
export type RawBgPort = PortLike<UiToBg | ChannelOffer, BgToUi | ChannelSwitch>;

/** A channel's end, as the worker uses it. */
export interface ChannelEnd {
  postMessage(message: BgToUi): void;
  close(): void;
}

export interface ChannelRegistry {
  /** A service worker `message` event's data and ports: a page's channel end, kept until its port names it. */
  receive(data: unknown, ports: readonly ChannelEnd[]): void;
  /** `port`, posting on its page's channel once the page named one and it is here. */
  wrap(port: RawBgPort): BgPort;
}

/** Channel ends or offers waiting for their other half: a page that closed in between leaves one behind. */
const MAX_WAITING = 16;

/** Adds `key` to `map`, dropping (and handing to `evict`) the oldest entry past {@link MAX_WAITING}. */
function keep<T>(map: Map<string, T>, key: string, value: T, evict: (value: T) => void): void {
  map.set(key, value);
  if (map.size <= MAX_WAITING) return;
  const [oldest, dropped] = map.entries().next().value as [string, T];
  map.delete(oldest);
  evict(dropped);
}

/** The registry of channels handed over and not yet claimed, and of ports waiting for theirs. */
export function createChannelRegistry(): ChannelRegistry {
  const handed = new Map<string, ChannelEnd>();
  const wanted = new Map<string, (end: ChannelEnd) => void>();

  function take(token: string, claim: (end: ChannelEnd) => void): void {
    const end = handed.get(token);
    if (!end) return keep(wanted, token, claim, () => undefined);
    handed.delete(token);
    claim(end);
  }

  return {
    receive(data, ports) {
      const token = (data as { lqsChannel?: unknown } | null)?.lqsChannel;
      const [end] = ports;
      if (typeof token !== 'string' || !end) return;
      const claim = wanted.get(token);
      if (!claim) return keep(handed, token, end, (dropped) => dropped.close());
      wanted.delete(token);
      claim(end);
    },
    wrap(port) {
      let channel: ChannelEnd | null = null;
      let token: string | null = null;
      let gone = false;
      const filtered = new Map<(message: UiToBg) => void, (message: UiToBg | ChannelOffer) => void>();
      port.onMessage.addListener((message) => {
        if (!isChannelMessage(message) || token !== null || typeof (message as ChannelOffer).token !== 'string') return;
        token = (message as ChannelOffer).token;
        take(token, (end) => {
          if (gone) return end.close();
          try {
            // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port, not a window
            port.postMessage({ v: PROTOCOL_VERSION, kind: CHANNEL_KIND });
            channel = end;
          } catch {
            // The port died meanwhile; its disconnect drops the page.
            end.close();
          }
        });
      });
      port.onDisconnect.addListener(() => {
        gone = true;
        if (token !== null) wanted.delete(token);
        channel?.close();
        channel = null;
      });
      return {
        name: port.name,
        postMessage(message) {
          // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port or a MessagePort
          if (channel) channel.postMessage(message);
          // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port, not a window
          else port.postMessage(message);
        },
        onMessage: {
          addListener(listener) {
            const only = (message: UiToBg | ChannelOffer): void => {
              if (!isChannelMessage(message)) listener(message);
            };
            filtered.set(listener, only);
            port.onMessage.addListener(only);
          },
          removeListener(listener) {
            const only = filtered.get(listener);
            if (!only) return;
            filtered.delete(listener);
            port.onMessage.removeListener(only);
          },
        },
        onDisconnect: port.onDisconnect,
        disconnect(): void {
          channel?.close();
          port.disconnect();
        },
      };
    },
  };
}
