import { useSignal } from '../lib/ui/signals';
import type { ComponentChildren } from 'preact';
import { t } from '../lib/ui/i18n';
import { Dialog } from './Dialog';

interface ConfirmProps {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  children?: ComponentChildren;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

/** A question with Cancel (focused first: nothing happens by accident) and a confirm button. */
export function Confirm({ title, confirmLabel, danger, children, onConfirm, onClose }: ConfirmProps) {
  const busy = useSignal(false);
  const failure = useSignal<string | null>(null);
  async function confirm(event: Event): Promise<void> {
    event.preventDefault();
    busy.value = true;
    failure.value = null;
    try {
      await onConfirm();
      onClose();
    } catch (error) {
      failure.value = error instanceof Error ? error.message : String(error);
      busy.value = false;
    }
  }
  return (
    <Dialog title={title} role={danger ? 'alertdialog' : 'dialog'} onCancel={onClose}>
      <form class="lqs-form" onSubmit={confirm}>
        {children}
        {failure.value && (
          <p class="lqs-form__failure" role="alert">
            {failure.value}
          </p>
        )}
        <div class="lqs-dialog__actions">
          <button type="button" class="lqs-button" onClick={onClose} data-autofocus={danger || undefined}>
            {t('cancel')}
          </button>
          <button
            type="submit"
            class={`lqs-button ${danger ? 'lqs-button--danger' : 'lqs-button--primary'}`}
            disabled={busy.value}
          >
            {confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
