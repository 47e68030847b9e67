/**
 * The page's end of the worker's channel (lib/channel.ts): the page hands one end of a `MessageChannel` to the
 * extension's service worker and names it on the port; once the worker says it has it (a switch on the port), the
 * worker's messages come on the channel. Everything before the switch came on the port, everything after on the
 * channel, so the page sees them in the order the worker posted them. Where the page has no service worker
 * (Firefox's background is a page) or the worker never switches, the port carries everything. In the chat's eager
 * chunk: the port opens as soon as the first screen is drawn, and waiting for a chunk would hold it back.
 */
import { PROTOCOL_VERSION, type BgToUi, type PortLike, type UiPort, type UiToBg } from '../messaging';
import { CHANNEL_KIND, type ChannelHandover, type ChannelOffer, type ChannelSwitch } from '../channel';

/** The port as `runtime.connect` gives it: it also carries the channel's offer and the worker's switch. */
export type RawUiPort = PortLike<BgToUi | ChannelSwitch, UiToBg | ChannelOffer>;

/** The page's controlling service worker (`navigator.serviceWorker.controller`), the extension's worker. */
export interface ChannelTarget {
  postMessage(message: ChannelHandover, transfer: Transferable[]): void;
}

/**
 * `port` with the worker's messages taken from a channel handed to `worker` once the worker switches; `port`
 * itself when there is no `worker` (by default the page's controlling service worker). The channel is named by a
 * random token: only the page that made it knows it.
 */
export function withChannel(
  port: RawUiPort,
  worker: ChannelTarget | null | undefined = navigator.serviceWorker?.controller,
): UiPort {
  if (!worker) return port as UiPort;
  const listeners = new Set<(message: BgToUi) => void>();
  const deliver = (message: BgToUi): void => listeners.forEach((listener) => listener(message));
  const { port1, port2 } = new MessageChannel();
  /** Channel messages that overtook the switch; null once it came. */
  let early: BgToUi[] | null = [];
  port1.addEventListener('message', (event: MessageEvent<BgToUi>) =>
    early ? early.push(event.data) : deliver(event.data),
  );
  port1.start();
  port.onMessage.addListener((message) => {
    if (message.kind !== CHANNEL_KIND) return deliver(message);
    early?.forEach(deliver);
    early = null;
  });
  port.onDisconnect.addListener(() => port1.close());
  try {
    const token = crypto.randomUUID();
    worker.postMessage({ lqsChannel: token }, [port2]);
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port, not a window
    port.postMessage({ v: PROTOCOL_VERSION, kind: CHANNEL_KIND, token });
  } catch {
    // A dead port (its disconnect follows) or a worker that cannot take the channel: the port carries everything.
  }
  return {
    name: port.name,
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port, not a window
    postMessage: (message) => port.postMessage(message),
    onMessage: {
      addListener: (listener) => void listeners.add(listener),
      removeListener: (listener) => void listeners.delete(listener),
    },
    onDisconnect: port.onDisconnect,
    disconnect(): void {
      port1.close();
      port.disconnect();
    },
  };
}
