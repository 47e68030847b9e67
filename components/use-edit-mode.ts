import { useSignalEffect, type Signal } from '../lib/ui/signals';
import { useRef } from '../lib/ui/hooks';
import type { ChatMessage } from '../lib/livechat/types';

interface Options {
  /** The message being edited (set from the log's edit button or ArrowUp), or null. */
  editing?: Signal<ChatMessage | null>;
  /** The composer's text, which the edit borrows. */
  draft: Signal<string>;
  saveEdit?: (id: string, text: string) => Promise<unknown>;
  /** Resizes and focuses the box once its text changed. */
  refresh: () => void;
}

export interface EditMode {
  /** Puts the visitor's draft back and leaves edit mode. */
  cancel(): void;
  /** Saves the box's text as the message's new text; an unchanged text just leaves edit mode. */
  save(message: ChatMessage): Promise<void>;
}

/**
 * Editing one of the visitor's own messages in the composer: the draft is put aside while the message's text
 * fills the box, and comes back when the edit is saved or cancelled.
 */
export function useEditMode({ editing, draft, saveEdit, refresh }: Options): EditMode {
  /** The draft put aside while an edit borrows the box. */
  const parked = useRef<string | null>(null);

  useSignalEffect(() => {
    const message = editing?.value;
    if (!message) return;
    parked.current ??= draft.peek();
    draft.value = message.text;
    queueMicrotask(refresh);
  });

  function cancel(): void {
    if (!editing) return;
    editing.value = null;
    draft.value = parked.current ?? '';
    parked.current = null;
    queueMicrotask(refresh);
  }

  return {
    cancel,
    async save(message) {
      const text = draft.value.trim();
      if (!text || !saveEdit) return;
      if (text !== message.text.trim()) await saveEdit(message.id, text);
      cancel();
    },
  };
}
