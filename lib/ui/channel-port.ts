/**
 * The page's end of the worker's channel (lib/channel.ts): the page hands one end of a `MessageChannel` to the
 * extension's service worker and names it on the port; once the worker says it has it (a switch on the port), the
 * worker's messages come on the channel. Everything before the switch came on the port, everything after on the
 * channel, so the page sees them in the order the worker posted them. Where the page has no service worker
 * (Firefox's background is a page) or the worker never switches, the port carries everything. Loaded after the
 * port opened: the first screen needs none of it.
 */
import { PROTOCOL_VERSION, type BgToUi, type PortLike, type UiToBg } from '../messaging';
import { CHANNEL_KIND, type ChannelHandover, type ChannelOffer, type ChannelSwitch } from '../channel';

/** The port as `runtime.connect` gives it: it also carries the channel's offer and the worker's switch. */
export type RawUiPort = PortLike<BgToUi | ChannelSwitch, UiToBg | ChannelOffer>;

/** The page's controlling service worker (`navigator.serviceWorker.controller`), the extension's worker. */
export interface ChannelTarget {
  postMessage(message: ChannelHandover, transfer: Transferable[]): void;
}

/**
 * Hands `worker` a channel for `port`'s messages and passes what comes on it, once the worker switched, to
 * `deliver` (the background client's own listener of the port). The channel is named by a random token: only
 * the page that made it knows it. It closes with the port.
 */
export function openChannel(
  port: RawUiPort,
  deliver: (message: BgToUi) => void,
  worker: ChannelTarget | null | undefined = navigator.serviceWorker?.controller,
): void {
  if (!worker) return;
  const { port1, port2 } = new MessageChannel();
  port.onMessage.addListener((message) => {
    if (message.kind !== CHANNEL_KIND) return;
    port1.addEventListener('message', (event: MessageEvent<BgToUi>) => deliver(event.data));
    // A port's messages wait in its queue until it is started, so those that overtook the switch come now.
    port1.start();
  });
  port.onDisconnect.addListener(() => port1.close());
  try {
    const token = crypto.randomUUID();
    worker.postMessage({ lqsChannel: token }, [port2]);
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a runtime.Port, not a window
    port.postMessage({ v: PROTOCOL_VERSION, kind: CHANNEL_KIND, token });
  } catch {
    // A port that died while this loaded (its disconnect came already): the next port brings its own channel.
    port1.close();
  }
}
