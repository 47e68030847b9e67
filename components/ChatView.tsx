import { useComputed, useSignal } from '../lib/ui/signals';
import { useMemo } from '../lib/ui/hooks';
import type { ChatMessage } from '../lib/livechat/types';
import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
import { bannerShown } from './banner-state';
import type { ChatUi } from './chat-ui';
import { Composer } from './Composer';
import { ChatIcon } from './icons';
import { lazy } from './lazy';
import { MessageList } from './MessageList';
import { TypingLine } from './TypingLine';

/** The files on their way: loaded when the first one is (not on the first screen, which has none). */
const UploadList = lazy(() => import('./UploadList').then((m) => m.UploadList), 'none');
const ChatEnded = lazy(() => import('./ChatEnded').then((m) => m.ChatEnded), 'none');
/** The error or queue line above the log, and the drop target: loaded when first shown (issue 12). */
const ChatBanner = lazy(() => import('./ChatBanner').then((m) => m.ChatBanner), 'none');
const DropZone = lazy(() => import('./DropZone').then((m) => m.DropZone), 'none');

/** Own messages the visitor may still change: delivered ones, in the open conversation. */
function editable(message: ChatMessage, roomId: string | undefined): boolean {
  return (
    message.from === 'visitor' &&
    !message.type &&
    message.rid === roomId &&
    message.delivery !== 'pending' &&
    message.delivery !== 'failed'
  );
}

/** The conversation: banner, log, typing line, then the composer, or what follows a closed chat. */
export function ChatView({ model, ui }: { model: ChatModel; ui: ChatUi }) {
  const dragging = useSignal(false);
  const limit = useComputed(() => model.config.value?.limitTextLength ?? null);
  const typist = useComputed(() => {
    const typing = model.agentTyping.value;
    const agent = model.agent.value;
    if (!typing) return null;
    if (model.config.value?.agentHiddenInfo || agent?.hidden) return t('theAgent');
    // Servers send the username or the display name depending on UI_Use_Real_Name; prefer the name.
    return agent && typing === agent.username ? agent.name || typing : typing;
  });
  const room = model.room.value;
  const closed = room !== null && !room.open;
  const canUpload = model.config.value?.fileUpload === true && room?.open === true;

  const open = room?.open === true;
  // One object while the room stays open, so the memoised bubbles are not re-rendered for a new one.
  const own = useMemo(
    () =>
      open
        ? {
            edit: (message: ChatMessage) => (ui.editing.value = message),
            remove: (message: ChatMessage) => (ui.dialog.value = { kind: 'delete', message }),
          }
        : null,
    [open, ui],
  );

  function editLast(): void {
    const last = model.messages.peek().findLast((m) => editable(m, model.room.peek()?.id) && m.text.trim());
    if (last) ui.editing.value = last;
  }

  const upload = async (file: File, description: string): Promise<void> =>
    (await import('../lib/ui/send-file')).sendFile(model.act, file, description);

  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    dragging.value = false;
    const dropped = event.dataTransfer?.files[0];
    if (dropped && canUpload) ui.file.value = dropped;
  };

  return (
    <div
      class="lqs-chat"
      data-dragging={dragging.value || undefined}
      onDragOver={(event) => {
        if (!canUpload) return;
        event.preventDefault();
        dragging.value = true;
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) dragging.value = false;
      }}
      onDrop={onDrop}
    >
      {bannerShown(model) && <ChatBanner model={model} />}
      <MessageList
        model={model}
        own={own}
        focusId={ui.focusId}
        onFocused={() => (ui.focusId.value = null)}
        empty={
          <div class="lqs-empty">
            <span class="lqs-empty__icon" aria-hidden="true">
              <ChatIcon />
            </span>
            <p class="lqs-empty__title">{t('emptyTitle')}</p>
            <p>{t('emptyText')}</p>
          </div>
        }
      />
      {closed ? (
        <ChatEnded model={model} />
      ) : (
        <>
          {model.uploads.value.length > 0 && (
            <UploadList
              uploads={model.uploads}
              cancel={(uploadId) => void model.act('chat/uploadCancel', { uploadId })}
            />
          )}
          <TypingLine who={typist} />
          <Composer
            limit={limit}
            connection={model.connection}
            send={model.send}
            typing={model.typing}
            draftKey={model.serverUrl.value}
            editing={ui.editing}
            saveEdit={(messageId, text) => model.act('chat/edit', { messageId, text })}
            editLast={editLast}
            upload={canUpload ? upload : null}
            file={ui.file}
          />
        </>
      )}
      {dragging.value && <DropZone />}
    </div>
  );
}
