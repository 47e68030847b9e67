import { signal, useComputed, useSignal, type ReadonlySignal, type Signal } from '../lib/ui/signals';
import { useEffect, useRef } from '../lib/ui/hooks';
import type { ChatMessage } from '../lib/livechat/types';
import type { ConnectionView } from '../lib/messaging';
import { loadDraft, saveDraft } from '../lib/ui/draft';
import { t } from '../lib/ui/i18n';
import type { checkFile } from '../lib/ui/upload';
import { AttachButton } from './AttachButton';
import { useEditMode } from './use-edit-mode';
import { ComposerHint } from './ComposerHint';
import { SendIcon } from './icons';
import { lazy, preloadWhenIdle } from './lazy';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './composer.css';

interface Props {
  /** Maximum length the desk accepts, or null when unlimited. */
  limit: ReadonlySignal<number | null>;
  connection: ReadonlySignal<ConnectionView>;
  send: (text: string) => Promise<unknown>;
  typing: (active: boolean) => void;
  /** Where the unsent text is kept across popup reopens (one draft per desk); none when absent. */
  draftKey?: string | null;
  /** The visitor's own message being edited, set by the log's edit button or ArrowUp here. */
  editing?: Signal<ChatMessage | null>;
  saveEdit?: (id: string, text: string) => Promise<unknown>;
  /** Starts editing the visitor's last message (ArrowUp in an empty box). */
  editLast?: () => void;
  /** Present when the desk takes files in this conversation. */
  upload?: ((file: File, description: string) => Promise<unknown>) | null;
  /** The file waiting to be sent; the chat sets it too when a file is dropped or pasted anywhere. */
  file?: Signal<File | null>;
}

/** The chosen file's card: only a visitor who attaches a file sees it, so it loads then (issue 12). */
const FilePreview = lazy(() => import('./FilePreview').then((m) => m.FilePreview), 'none');
/** "Editing your message" and its cancel button: only once the visitor edits a message (issue 12). */
const EditBar = lazy(() => import('./EditBar').then((m) => m.EditBar), 'none');

/**
 * The first check of an attached file (lib/ui/upload.ts, with the sizes it words), which no first screen needs
 * (issue 12): loaded once the page is idle after its first frames, or by the first file if that comes sooner.
 * Until it is in, an attached file waits: it cannot be sent yet, and no error shows.
 */
const fileCheck = signal<typeof checkFile | null>(null);
let checkLoading: Promise<void> | null = null;
function loadFileCheck(): Promise<void> {
  checkLoading ??= import('../lib/ui/upload').then(
    (module) => void (fileCheck.value = module.checkFile),
    (error: unknown) => {
      checkLoading = null;
      console.error('Could not load the file check', error);
    },
  );
  return checkLoading;
}
preloadWhenIdle(loadFileCheck);

/** How long after the last keystroke the agent stops seeing "typing…". */
const TYPING_IDLE_MS = 4_000;
const MAX_HEIGHT_PX = 140;

/** Remaining characters below which the counter shows. */
function counterThreshold(limit: number): number {
  return Math.max(20, Math.floor(limit * 0.1));
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The message box. Enter sends, Shift+Enter starts a new line, the draft survives closing the popup. Writing
 * while disconnected is fine: the worker queues the message as pending and delivers it when the connection is
 * back, and the composer says so. It also edits the visitor's own messages and sends files with a preview.
 */
export function Composer({
  limit,
  connection,
  send,
  typing,
  draftKey,
  editing,
  saveEdit,
  editLast,
  upload,
  file,
}: Props) {
  const draft = useSignal('');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const localFile = useSignal<File | null>(null);
  const attached = file ?? localFile;
  const field = useRef<HTMLTextAreaElement>(null);
  const idleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const edit = useEditMode({
    editing,
    draft,
    saveEdit,
    refresh: () => {
      error.value = null;
      resize();
      field.current?.focus();
    },
  });

  // UTF-16 units, as the server counts `msg.length`.
  const length = useComputed(() => draft.value.length);
  const over = useComputed(() => (limit.value === null ? 0 : length.value - limit.value));
  const showCounter = useComputed(
    () => limit.value !== null && limit.value - length.value <= counterThreshold(limit.value),
  );
  // '' while the check is loading: nothing to say yet, and nothing to send.
  const fileError = useComputed(() => {
    const chosen = attached.value;
    const check = fileCheck.value;
    if (!chosen) return null;
    if (check) return check(chosen);
    void loadFileCheck();
    return '';
  });
  const canSend = useComputed(
    () => !busy.value && over.value <= 0 && (attached.value ? fileError.value === null : draft.value.trim().length > 0),
  );
  const offline = useComputed(() => connection.value.state !== 'connected');

  useEffect(() => {
    // Opening the chat means wanting to write: put the caret in the box, as chat widgets do.
    field.current?.focus();
    resize();
    return () => clearTimeout(idleTimer.current);
  }, []);

  useEffect(() => {
    if (!draftKey) return;
    // A page's first localStorage access loads the extension's whole store synchronously (14 ms in a profile of
    // cold opens): the saved draft is read once the first frame is painted, and text typed before then wins.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        if (draft.peek() || editing?.peek()) return;
        draft.value = loadDraft(draftKey);
        resize();
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);

  function setDraft(text: string): void {
    draft.value = text;
    if (draftKey && !editing?.peek()) saveDraft(draftKey, text);
  }

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
    setDraft((event.currentTarget as HTMLTextAreaElement).value);
    error.value = null;
    resize();
    if (editing?.peek()) return;
    if (!draft.value.trim()) {
      stopTyping();
      return;
    }
    typing(true);
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(() => typing(false), TYPING_IDLE_MS);
  }

  async function submitEdit(message: ChatMessage): Promise<void> {
    busy.value = true;
    try {
      await edit.save(message);
    } catch (failure) {
      error.value = t('editFailed', reason(failure));
    } finally {
      busy.value = false;
    }
  }

  async function submitFile(chosen: File): Promise<void> {
    if (!upload || fileError.value) return;
    const description = draft.value.trim();
    busy.value = true;
    error.value = null;
    try {
      await upload(chosen, description);
      attached.value = null;
      setDraft('');
      queueMicrotask(resize);
    } catch (failure) {
      error.value = t('uploadFailed', reason(failure));
    } finally {
      busy.value = false;
    }
  }

  function submit(): void {
    if (!canSend.value) return;
    const message = editing?.peek();
    if (message) {
      void submitEdit(message);
      return;
    }
    if (attached.value) {
      void submitFile(attached.value);
      return;
    }
    const text = draft.value.trim();
    setDraft('');
    stopTyping();
    queueMicrotask(resize);
    send(text).catch((failure: unknown) => {
      error.value = t('sendFailed', reason(failure));
      // Give the text back unless the visitor already started a new one.
      if (!draft.value) setDraft(text);
    });
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && editing?.peek()) {
      event.preventDefault();
      edit.cancel();
      return;
    }
    if (event.key === 'ArrowUp' && !draft.value && !attached.value && editLast) {
      event.preventDefault();
      editLast();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    submit();
  }

  function onPaste(event: ClipboardEvent): void {
    const pasted = event.clipboardData?.files[0];
    if (!pasted || !upload) return;
    event.preventDefault();
    attached.value = pasted;
  }

  const editingNow = editing?.value ?? null;
  return (
    <form
      class="lqs-composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {editingNow && <EditBar onCancel={edit.cancel} />}
      {attached.value && !editingNow && (
        <FilePreview
          file={attached.value}
          error={fileError.value}
          busy={busy.value}
          onRemove={() => (attached.value = null)}
        />
      )}
      <div class="lqs-composer__box">
        {upload && !editingNow && (
          <AttachButton
            disabled={busy.value}
            onPick={(picked) => {
              attached.value = picked;
              field.current?.focus();
            }}
          />
        )}
        <textarea
          ref={field}
          class="lqs-composer__input"
          rows={1}
          placeholder={attached.value ? t('fileCaptionPlaceholder') : t('composerPlaceholder')}
          aria-label={t('messageLabel')}
          aria-describedby="lqs-composer-hint"
          aria-invalid={over.value > 0}
          value={draft.value}
          onInput={onInput}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={stopTyping}
        />
        <button
          type="submit"
          class="lqs-send"
          disabled={!canSend.value}
          aria-label={editingNow ? t('saveEdit') : t('sendMessage')}
          title={editingNow ? t('saveEdit') : t('sendTitle')}
        >
          <SendIcon />
        </button>
      </div>
      <ComposerHint
        error={error.value}
        over={over.value}
        offline={offline.value}
        counter={showCounter.value ? `${length.value}/${limit.value}` : null}
      />
    </form>
  );
}
