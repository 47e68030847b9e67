import { t } from '../lib/ui/i18n';
import { CloseIcon } from './icons-more';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './edit-bar.css';

/** "Editing your message", above the box while an edit borrows it, with a button to cancel. */
export function EditBar({ onCancel }: { onCancel: () => void }) {
  return (
    <div class="lqs-composer__editing">
      <span>{t('editingMessage')}</span>
      <button
        type="button"
        class="lqs-icon-button"
        onClick={onCancel}
        aria-label={t('cancelEdit')}
        title={t('cancelEdit')}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
