import { useComputed, useSignal, type ReadonlySignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ConnectionView } from '../lib/messaging';
import { SendIcon } from './icons';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './composer.css';

interface Props {
  /** Maximum length the desk accepts, or null when unlimited. */
  limit: ReadonlySignal<number | null>;
  connection: ReadonlySignal<ConnectionView>;
  send: (text: string) => Promise<unknown>;
  typing: (active: boolean) => void;
}

/** How long after the last keystroke the agent stops seeing "typing…". */
const TYPING_IDLE_MS = 4_000;
const MAX_HEIGHT_PX = 140;

/** Remaining characters below which the counter shows. */
function counterThreshold(limit: number): number {
  return Math.max(20, Math.floor(limit * 0.1));
}

/**
 * The message box. Enter sends, Shift+Enter starts a new line. Writing while disconnected is fine: the worker
 * queues the message as pending and delivers it when the connection is back, and the composer says so.
 */
export function Composer({ limit, connection, send, typing }: Props) {
  const draft = useSignal('');
  const error = useSignal<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const idleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // UTF-16 units, as the server counts `msg.length`.
  const length = useComputed(() => draft.value.length);
  const over = useComputed(() => (limit.value === null ? 0 : length.value - limit.value));
  const showCounter = useComputed(
    () => limit.value !== null && limit.value - length.value <= counterThreshold(limit.value),
  );
  const canSend = useComputed(() => draft.value.trim().length > 0 && over.value <= 0);
  const offline = useComputed(() => connection.value.state !== 'connected');

  useEffect(() => {
    // Opening the chat means wanting to write: put the caret in the box, as chat widgets do.
    field.current?.focus();
    return () => clearTimeout(idleTimer.current);
  }, []);

  function resize(): void {
    const element = field.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  }

  function stopTyping(): void {
    clearTimeout(idleTimer.current);
    typing(false);
  }

  function onInput(event: Event): void {
    draft.value = (event.currentTarget as HTMLTextAreaElement).value;
    error.value = null;
    resize();
    if (!draft.value.trim()) {
      stopTyping();
      return;
    }
    typing(true);
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(() => typing(false), TYPING_IDLE_MS);
  }

  function submit(): void {
    const text = draft.value.trim();
    if (!text || over.value > 0) return;
    draft.value = '';
    stopTyping();
    queueMicrotask(resize);
    send(text).catch((reason: unknown) => {
      error.value = `Your message could not be handed over: ${reason instanceof Error ? reason.message : String(reason)}`;
      // Give the text back unless the visitor already started a new one.
      if (!draft.value) draft.value = text;
    });
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    submit();
  }

  return (
    <form
      class="lqs-composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div class="lqs-composer__box">
        <textarea
          ref={field}
          class="lqs-composer__input"
          rows={1}
          placeholder="Write a message…"
          aria-label="Message"
          aria-describedby="lqs-composer-hint"
          aria-invalid={over.value > 0}
          value={draft}
          onInput={onInput}
          onKeyDown={onKeyDown}
          onBlur={stopTyping}
        />
        <button type="submit" class="lqs-send" disabled={!canSend.value} aria-label="Send message" title="Send (Enter)">
          <SendIcon />
        </button>
      </div>
      <div id="lqs-composer-hint" class="lqs-composer__hint">
        {error.value ? (
          <span class="lqs-composer__error" role="alert">
            {error.value}
          </span>
        ) : over.value > 0 ? (
          <span class="lqs-composer__error">Too long by {over.value} characters.</span>
        ) : offline.value ? (
          <span>Not connected: messages are kept and sent when the connection is back.</span>
        ) : (
          <span class="lqs-sr">Enter sends, Shift+Enter adds a new line.</span>
        )}
        {showCounter.value && (
          <span class="lqs-composer__counter" data-over={over.value > 0}>
            {length.value}/{limit.value}
          </span>
        )}
      </div>
    </form>
  );
}
