import { useSignal } from '../lib/ui/signals';
import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './banner.css';

/** Says that damaged stored data was reset when the worker started (the chat itself carries on); dismissible. */
export function ResetNotice({ model }: { model: Pick<ChatModel, 'notice'> }) {
  const dismissed = useSignal(false);
  if (model.notice.value !== 'storage-reset' || dismissed.value) return null;
  return (
    <div class="lqs-banner" data-tone="info" role="status">
      <span>{t('storageReset')}</span>
      <button type="button" class="lqs-link-button" onClick={() => (dismissed.value = true)}>
        {t('dismissNotice')}
      </button>
    </div>
  );
}
