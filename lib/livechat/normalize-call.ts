/**
 * The video call an agent's message starts (issue 10 §2), read from each line's message shape (devserver/README.md,
 * "Video calls"). The link is what the visitor's click opens in a new tab, so it is held to the same rule as every
 * link from the server and more: a call provider is a third party, so only `https:` links without credentials are
 * kept; the one link built here (WebRTC, the desk's own `/meet` page) uses the desk's address the visitor set.
 */
import { MAX_URL_CHARS } from './bounds';
import { list, obj, str, type Obj } from './read';
import type { VideoCall } from './types';

/** Blocks and block elements looked at per message; a videoconf message has two blocks and one button. */
const MAX_BLOCKS = 20;

/** Message types that announce a call, by the line that writes them. */
const JITSI = new Set(['jitsi_call_started', 'livechat_video_call']);
const WEBRTC = 'livechat_webrtc_video_call';
const VIDEOCONF = 'videoconf';

/** True for a system type that announces a video call. */
export function isCallType(type: string | null): boolean {
  return type !== null && (JITSI.has(type) || type === WEBRTC || type === VIDEOCONF);
}

/**
 * The call a raw message announces, or undefined when it announces none. `url` is null when the message carries
 * no link the extension can open safely (the UI then says to join on the web).
 */
export function normalizeCall(
  m: Obj,
  type: string | null,
  context: { baseUrl: string; token: string; rid: string },
): VideoCall | undefined {
  if (type === null || !isCallType(type)) return undefined;
  if (type === WEBRTC) {
    // The widget opens `<desk>/meet/<rid>?token=<token>` (packages/livechat CallNotification); the message has no link.
    const url = new URL(`meet/${encodeURIComponent(context.rid)}`, `${context.baseUrl.replace(/\/+$/, '')}/`);
    url.searchParams.set('token', context.token);
    return { url: url.toString(), ended: m.webRtcCallEndTs !== undefined && m.webRtcCallEndTs !== null };
  }
  if (type === VIDEOCONF) return { url: httpsUrl(joinLivechatUrl(m.blocks)), ended: false };
  return { url: httpsUrl(str(obj(m.customFields).jitsiCallUrl)), ended: false };
}

/** The `url` of the `joinLivechat` button in the `videoconf-core` actions block (VideoConference service). */
function joinLivechatUrl(blocks: unknown): string {
  for (const block of list(blocks).slice(0, MAX_BLOCKS)) {
    const b = obj(block);
    if (b.appId !== 'videoconf-core' || b.type !== 'actions') continue;
    for (const element of list(b.elements).slice(0, MAX_BLOCKS)) {
      const e = obj(element);
      if (e.actionId === 'joinLivechat') return str(e.url);
    }
  }
  return '';
}

/** An absolute `https:` link within {@link MAX_URL_CHARS} and without user or password, else null. */
export function httpsUrl(link: string): string | null {
  if (!link || link.length > MAX_URL_CHARS) return null;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' && !url.username && !url.password ? url.toString() : null;
  } catch {
    return null;
  }
}
