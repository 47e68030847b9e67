/** View state shared by the chat's parts (header menu, log, composer) that the worker does not hold. */
import { signal, type Signal } from '../lib/ui/signals';
import type { ChatMessage } from '../lib/livechat/types';
import type { DeskSummary } from '../lib/messaging';

export type DialogState =
  | { kind: 'close' }
  | { kind: 'department' }
  | { kind: 'delete'; message: ChatMessage }
  /** "Share this page" could not read the page: why, and how to grant access. */
  | { kind: 'share-help'; reason: 'no-access' | 'not-web' | 'failed'; detail?: string }
  /** A screenshot of the page, waiting for the visitor to send or drop it. */
  | { kind: 'screenshot'; file: File }
  /** "Forget this desk": deletes everything stored for it, after the visitor confirms. */
  | { kind: 'forget-desk'; desk: DeskSummary }
  | null;

export interface ChatUi {
  /** The open dialog, if any. */
  dialog: Signal<DialogState>;
  /** The visitor's own message being edited in the composer. */
  editing: Signal<ChatMessage | null>;
  /** A file chosen, pasted or dropped, waiting in the composer. */
  file: Signal<File | null>;
  /** A message to scroll to once (from a notification click). */
  focusId: Signal<string | null>;
  /** The past conversations shown instead of the chat: the list (`roomId` null) or one of them; null: the chat. */
  past: Signal<{ roomId: string | null } | null>;
}

/** Fresh view state for one chat page. */
export function createChatUi(focusId: Signal<string | null> = signal(null)): ChatUi {
  return { dialog: signal(null), editing: signal(null), file: signal(null), focusId, past: signal(null) };
}
