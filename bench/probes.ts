/**
 * Code that runs inside the measured pages (sent with `./in-page`). Each probe only watches the DOM with a
 * MutationObserver and keeps its readings on `window`; the baseline socket is the least a page can do to show a
 * message: a raw DDP WebSocket that appends each message's text as a paragraph.
 */

/** What the open probe resolves with, in ms since the page's navigation started. */
export interface OpenReading {
  /** The message box is usable and the newest cached message is in the conversation log. */
  ready: number;
  /** The start of the first frame after `ready`: when the visitor can see it. */
  frame: number;
}

/**
 * Init script: resolves `window.__benchOpen` once the page is interactive — an enabled `<textarea>` (the message
 * box) and `marker` inside `[role=log]` — at the next animation frame.
 */
export function openProbe({ marker }: { marker: string }): void {
  const holder = window as unknown as { __benchOpen: Promise<OpenReading> };
  holder.__benchOpen = new Promise((resolve) => {
    const observer = new MutationObserver(() => check());
    function check(): void {
      const box = document.querySelector('textarea');
      const log = document.querySelector('[role=log]');
      if (!box || box.disabled || !log?.textContent?.includes(marker)) return;
      observer.disconnect();
      const ready = performance.now();
      requestAnimationFrame(() => resolve({ ready, frame: performance.now() }));
    }
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/**
 * Records the page's long tasks (main-thread tasks over 50 ms) from its first script on: `window.__benchOpenLongTasks`
 * holds `[start, duration]` pairs in ms from the start of navigation.
 */
export function longTaskProbe(): void {
  const tasks: [number, number][] = [];
  (window as unknown as { __benchOpenLongTasks: [number, number][] }).__benchOpenLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * Records, for every `bench-<n>-x` token that appears in the page's DOM, the epoch time (high resolution) it
 * first appeared. `window.__benchSeen` maps n to that time.
 */
export function relayProbe(): void {
  const seen: Record<number, number> = {};
  (window as unknown as { __benchSeen: Record<number, number> }).__benchSeen = seen;
  const scan = (text: string | null, at: number): void => {
    for (const match of (text ?? '').matchAll(/bench-(\d+)-x/g)) {
      const n = Number(match[1]);
      if (!(n in seen)) seen[n] = at;
    }
  };
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const record of records) {
      if (record.type === 'characterData') scan(record.target.textContent, at);
      for (const node of record.addedNodes) scan(node.textContent, at);
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** The text of relay message `n`: a marker the probes find, then an ordinary sentence. */
export function relayText(n: number): string {
  return `bench-${n}-x Thanks for waiting, I am looking into this right now.`;
}

/**
 * Opens a raw DDP WebSocket to `url`, subscribes to the room's messages exactly as the worker does (SPEC §3) and
 * appends each message's text to the page as it arrives. Resolves once the subscription is ready.
 */
export function baselineSocket({ url, rid, token }: { url: string; rid: string; token: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const log = document.createElement('div');
    document.body.append(log);
    (window as unknown as { __benchSocket: WebSocket }).__benchSocket = socket;
    const send = (frame: unknown): void => socket.send(JSON.stringify(frame));
    socket.addEventListener('open', () => send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] }));
    socket.addEventListener('error', () => reject(new Error(`baseline socket to ${url} failed`)));
    socket.addEventListener('message', (event) => {
      const frame = JSON.parse(String(event.data)) as {
        msg?: string;
        id?: string;
        subs?: string[];
        collection?: string;
        fields?: { args?: Array<{ msg?: string }> };
      };
      if (frame.msg === 'connected') {
        const extra = { useCollection: false, args: [{ token, visitorToken: token }] };
        send({ msg: 'sub', id: 'bench', name: 'stream-room-messages', params: [rid, extra] });
      } else if (frame.msg === 'ready' && frame.subs?.includes('bench')) resolve();
      else if (frame.msg === 'nosub') reject(new Error('baseline subscription refused'));
      else if (frame.msg === 'ping') send(frame.id === undefined ? { msg: 'pong' } : { msg: 'pong', id: frame.id });
      else if (frame.msg === 'changed' && frame.collection === 'stream-room-messages') {
        const paragraph = document.createElement('p');
        paragraph.textContent = frame.fields?.args?.[0]?.msg ?? '';
        log.append(paragraph);
      }
    });
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** A plain page with the same messages and a message box, no script but the one that scrolls to the end. */
export function staticBaselineHtml(texts: string[]): string {
  const bubbles = texts.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baseline</title>
<style>
body{margin:0;height:100vh;display:flex;flex-direction:column;font:14px/1.4 system-ui,sans-serif}
[role=log]{flex:1;overflow:auto;padding:8px}
p{margin:4px 0;padding:6px 10px;max-width:80%;border-radius:12px;background:#eef1f5}
textarea{margin:8px;font:inherit}
</style></head><body>
<div role="log" aria-label="Conversation">
${bubbles}
</div>
<textarea aria-label="Message"></textarea>
<script>const log=document.querySelector('[role=log]');log.scrollTop=log.scrollHeight;</script>
</body></html>
`;
}
