import { useSignal } from '../lib/ui/signals';
import { useEffect, useMemo } from '../lib/ui/hooks';
import type { ChatModel } from '../lib/ui/chat-model';
import { stripBidi } from '../lib/bidi';
import { saveDraft } from '../lib/ui/draft';
import { t } from '../lib/ui/i18n';
import { sendFile } from '../lib/ui/send-file';
import { checkFile } from '../lib/ui/upload';
import type { ChatUi } from './chat-ui';
import { Confirm } from './Confirm';
import { Dialog } from './Dialog';

function DepartmentDialog({ model, onClose }: { model: ChatModel; onClose: () => void }) {
  const departments = model.config.value?.departments ?? [];
  const choice = useSignal(departments[0]?.id ?? '');
  return (
    <Confirm
      title={t('changeDepartment')}
      confirmLabel={t('changeDepartmentConfirm')}
      onConfirm={() => model.act('chat/department', { department: choice.value })}
      onClose={onClose}
    >
      <p class="lqs-dialog__text">{t('changeDepartmentText')}</p>
      <div class="lqs-field">
        <label for="lqs-department-switch">{t('department')}</label>
        <select
          id="lqs-department-switch"
          value={choice.value}
          data-autofocus
          onChange={(event) => (choice.value = event.currentTarget.value)}
        >
          {departments.map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
        </select>
      </div>
    </Confirm>
  );
}

/** The screenshot as it would be sent: Cancel drops it, Send uploads it like any attached file. */
function ScreenshotDialog({ model, file, onClose }: { model: ChatModel; file: File; onClose: () => void }) {
  const url = useMemo(() => URL.createObjectURL(file), [file]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <Confirm
      title={t('screenshotTitle')}
      confirmLabel={t('screenshotSend')}
      onConfirm={async () => {
        const refusal = checkFile(file);
        if (refusal) throw new Error(refusal);
        await sendFile(model.act, file);
      }}
      onClose={onClose}
    >
      <p class="lqs-dialog__text">{t('screenshotText')}</p>
      <img class="lqs-dialog__shot" src={url} alt={t('screenshotAlt')} />
    </Confirm>
  );
}

/** Whichever dialog the chat has open: end chat, change department or delete a message. */
export function ChatDialogs({ model, ui }: { model: ChatModel; ui: ChatUi }) {
  const dialog = ui.dialog.value;
  const close = (): void => void (ui.dialog.value = null);
  switch (dialog?.kind) {
    case 'close':
      return (
        <Confirm
          title={t('endChatTitle')}
          confirmLabel={t('endChat')}
          danger
          onConfirm={() => model.act('chat/close', null)}
          onClose={close}
        >
          <p class="lqs-dialog__text">{t('endChatText')}</p>
        </Confirm>
      );
    case 'department':
      return <DepartmentDialog model={model} onClose={close} />;
    case 'screenshot':
      return <ScreenshotDialog model={model} file={dialog.file} onClose={close} />;
    case 'share-help':
      return (
        <Dialog title={t('sharePage')} onCancel={close}>
          <p class="lqs-dialog__text" role="alert">
            {dialog.reason === 'no-access'
              ? t('shareNoAccess')
              : dialog.reason === 'not-web'
                ? t('shareNotWeb')
                : t('shareFailed', dialog.detail ?? '')}
          </p>
          <div class="lqs-dialog__actions">
            <button type="button" class="lqs-button lqs-button--primary" onClick={close} data-autofocus>
              {t('shareOk')}
            </button>
          </div>
        </Dialog>
      );
    case 'forget-desk':
      return (
        <Confirm
          title={t('forgetDeskTitle', stripBidi(dialog.desk.title))}
          confirmLabel={t('forgetDeskConfirm')}
          danger
          onConfirm={async () => {
            await model.act('desk/forget', { desk: dialog.desk.id });
            saveDraft(dialog.desk.id, '');
          }}
          onClose={close}
        >
          <p class="lqs-dialog__text">{t('forgetDeskText')}</p>
        </Confirm>
      );
    case 'delete':
      return (
        <Confirm
          title={t('deleteTitle')}
          confirmLabel={t('deleteMessage')}
          danger
          onConfirm={() => model.act('chat/delete', { messageId: dialog.message.id })}
          onClose={close}
        >
          {dialog.message.text && <blockquote class="lqs-dialog__quote">{dialog.message.text}</blockquote>}
        </Confirm>
      );
    default:
      return null;
  }
}
