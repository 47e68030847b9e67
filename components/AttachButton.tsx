import { useRef } from '../lib/ui/hooks';
import { t } from '../lib/ui/i18n';
import { AttachmentIcon } from './icons';

/** The paper-clip button and the file picker it opens (the input itself stays out of the tab order). */
export function AttachButton({ disabled, onPick }: { disabled: boolean; onPick: (file: File) => void }) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        class="lqs-attach"
        onClick={() => picker.current?.click()}
        disabled={disabled}
        aria-label={t('attachFile')}
        title={t('attachFile')}
      >
        <AttachmentIcon />
      </button>
      <input
        ref={picker}
        type="file"
        class="lqs-sr"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const input = event.currentTarget;
          const picked = input.files?.[0];
          input.value = '';
          if (picked) onPick(picked);
        }}
      />
    </>
  );
}
