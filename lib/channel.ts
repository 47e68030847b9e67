/**
 * A faster way for the worker's messages to a page (Chrome), beside the port of lib/messaging.ts: the page hands the
 * worker one end of a `MessageChannel` through `navigator.serviceWorker` (a {@link ChannelHandover}) and names it on
 * the port (a {@link ChannelOffer}). Both live in the extension's renderer process, so a post on the channel skips
 * the browser process and the extension messaging's JSON. Once the worker has the channel it says so on the port (a
 * {@link ChannelSwitch}) and posts everything after that on the channel, so the order a page sees stays the
 * port's. The port still carries the page's requests and says when either end goes away.
 */
import { PROTOCOL_VERSION } from './messaging';

export const CHANNEL_KIND = 'channel';

/** Page → worker on the port: the channel handed over with `token` is this port's. */
export interface ChannelOffer {
  v: typeof PROTOCOL_VERSION;
  kind: typeof CHANNEL_KIND;
  token: string;
}

/** Worker → page on the port: what follows comes on the channel. */
export interface ChannelSwitch {
  v: typeof PROTOCOL_VERSION;
  kind: typeof CHANNEL_KIND;
}

/** Page → service worker (`postMessage` with the channel's end as its one transferred port). */
export interface ChannelHandover {
  lqsChannel: string;
}

/** True for a {@link ChannelOffer} or {@link ChannelSwitch} of this protocol version. */
export function isChannelMessage(message: unknown): message is ChannelOffer | ChannelSwitch {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.v === PROTOCOL_VERSION && m.kind === CHANNEL_KIND;
}
