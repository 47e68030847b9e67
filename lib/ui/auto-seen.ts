/**
 * Tells the worker the visitor has seen the chat (which clears the toolbar badge) whenever the page is visible
 * and something new arrived from the desk: an unread count above zero, or a newer agent or system message.
 */
import { effect, signal } from './signals';
import type { ChatModel } from './chat-model';

/** Starts watching; returns the function that stops it. */
export function autoSeen(model: Pick<ChatModel, 'ready' | 'messages' | 'unread' | 'seen'>, doc: Document): () => void {
  const visible = signal(doc.visibilityState === 'visible');
  const onVisibility = (): void => {
    visible.value = doc.visibilityState === 'visible';
  };
  doc.addEventListener('visibilitychange', onVisibility);
  let lastSeenId: string | undefined;

  const stop = effect(() => {
    if (!model.ready.value || !visible.value) return;
    const newest = model.messages.value.findLast((m) => m.from !== 'visitor');
    if (model.unread.value > 0 || (newest && newest.id !== lastSeenId)) {
      lastSeenId = newest?.id;
      model.seen();
    }
  });
  return () => {
    stop();
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
