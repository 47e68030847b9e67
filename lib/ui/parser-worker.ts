/**
 * Runs Rocket.Chat's markdown parser off the UI thread. Some texts take the parser seconds (its grammar
 * backtracks on runs of `*`, `[`, `~`…), so the chat page asks here and never waits; see parse-client.ts.
 * Messages in: `{id, text}`; out: `{ready: true}` once the parser is loaded, then `{id, ast}` or `{id, error}`.
 */
import { parse } from '@rocket.chat/message-parser';

declare const self: {
  addEventListener(type: 'message', listener: (event: { data: { id: number; text: string } }) => void): void;
  postMessage(message: unknown): void;
};

self.addEventListener('message', ({ data }) => {
  try {
    self.postMessage({ id: data.id, ast: parse(data.text, { emoticons: true }) });
  } catch (error) {
    self.postMessage({ id: data.id, error: error instanceof Error ? error.message : String(error) });
  }
});

self.postMessage({ ready: true });
