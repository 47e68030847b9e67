/**
 * "Share this page" (issue 10 §3): the page the visitor chose to share reaches the agent as a message, and as
 * navigation history where the line records it (`livechat:pageVisited` / `POST livechat/page.visited`; whether
 * it is kept is the desk's `Livechat_history_monitor_type`). The UI read the page with the `activeTab` grant and
 * sends it only on the visitor's click; the worker holds it to the same bounds as anything else it sends.
 */
import { clip, MAX_FIELD_CHARS, MAX_URL_CHARS } from '../livechat/bounds';
import { LivechatError } from '../livechat/errors';

export interface SharedPage {
  url: string;
  title: string;
}

export interface ShareDeps {
  /** Queues a visitor message through the outbox; returns its id. */
  send(text: string): string;
  /** The open room, if any: the navigation entry belongs to it. */
  roomId(): string | null;
  pageVisited(rid: string, page: { title: string; href: string }): Promise<void>;
}

/** Sends `page` as a message (title, then link) and records the visit; returns the message id. */
export function sharePage(deps: ShareDeps, page: SharedPage): string {
  const url = shareableUrl(page.url);
  if (!url) throw new LivechatError('rejected', 'not-shareable', 'Only web pages (http or https) can be shared');
  // One line: a title with line breaks could pass for several messages.
  const title = clip(page.title.replace(/\s+/g, ' ').trim(), MAX_FIELD_CHARS);
  const id = deps.send(title && title !== url ? `${title}\n${url}` : url);
  const rid = deps.roomId();
  if (rid) {
    deps.pageVisited(rid, { title: title || url, href: url }).catch((error: unknown) => {
      // The message already carries the page; a line that does not keep history loses nothing the agent needs.
      console.warn('The page visit was not recorded', error);
    });
  }
  return id;
}

/** The page's address when it is an http(s) URL within {@link MAX_URL_CHARS}, else null. */
export function shareableUrl(link: string): string | null {
  if (!link || link.length > MAX_URL_CHARS) return null;
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
