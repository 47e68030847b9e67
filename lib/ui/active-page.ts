/**
 * The page the visitor is on, read only when they choose "Share this page" (issue 10 §3). Without the `tabs`
 * permission a tab's address is visible only under the `activeTab` grant (the toolbar button or its keyboard
 * shortcut was used on that tab) or a host permission; otherwise the visitor is told how to grant it.
 */
import { browser } from 'wxt/browser';

export type ActivePage =
  | { kind: 'page'; url: string; title: string }
  /** The tab's address is hidden: no grant for it. */
  | { kind: 'no-access' }
  /** Not a web page (a browser page, a file, the extension's own pages). */
  | { kind: 'not-web' };

type TabQuery = (query: { active: true; currentWindow: true }) => Promise<Array<{ url?: string; title?: string }>>;

/** The active tab of the window hosting the chat, as far as the extension may see it. */
export async function readActivePage(query: TabQuery = (q) => browser.tabs.query(q)): Promise<ActivePage> {
  const [tab] = await query({ active: true, currentWindow: true });
  if (!tab?.url) return { kind: 'no-access' };
  if (!/^https?:\/\//i.test(tab.url)) return { kind: 'not-web' };
  return { kind: 'page', url: tab.url, title: tab.title ?? '' };
}

export type Capture = { kind: 'image'; file: File } | { kind: 'no-access' };

type CaptureVisible = (options: { format: 'png' }) => Promise<string>;

/**
 * A picture of the visible part of the active tab (`tabs.captureVisibleTab`, allowed by the same `activeTab`
 * grant), as a PNG file for the normal upload path; `no-access` when the grant is missing.
 */
export async function captureActiveTab(
  capture: CaptureVisible = (options) => browser.tabs.captureVisibleTab(options),
  now: Date = new Date(),
): Promise<Capture> {
  let dataUrl: string;
  try {
    dataUrl = await capture({ format: 'png' });
  } catch {
    return { kind: 'no-access' };
  }
  const match = /^data:image\/png;base64,(.*)$/.exec(dataUrl);
  if (!match) return { kind: 'no-access' };
  const binary = atob(match[1]!);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return { kind: 'image', file: new File([bytes], `screenshot-${stamp}.png`, { type: 'image/png' }) };
}
