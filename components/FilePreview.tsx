import { useEffect, useMemo } from '../lib/ui/hooks';
import { stripBidi } from '../lib/bidi';
import { formatSize } from '../lib/ui/format-size';
import { t } from '../lib/ui/i18n';
import { FileIcon } from './icons-more';
import { CloseIcon } from './icons-more';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './file-preview.css';

interface Props {
  file: File;
  error: string | null;
  busy: boolean;
  onRemove: () => void;
}

/** The file about to be sent: a thumbnail for images, else an icon, with its name, size and any refusal. */
export function FilePreview({ file, error, busy, onRemove }: Props) {
  const image = file.type.startsWith('image/') && !error;
  const url = useMemo(() => (image ? URL.createObjectURL(file) : null), [file, image]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  return (
    <div class="lqs-file" data-error={error ? 'true' : undefined}>
      {url ? (
        <img class="lqs-file__thumb" src={url} alt="" />
      ) : (
        <span class="lqs-file__icon" aria-hidden="true">
          <FileIcon />
        </span>
      )}
      <span class="lqs-file__text">
        <span class="lqs-file__name">{stripBidi(file.name)}</span>
        <span class="lqs-file__meta">
          {busy ? t('uploading') : error ? <span role="alert">{error}</span> : formatSize(file.size)}
        </span>
      </span>
      <button
        type="button"
        class="lqs-icon-button lqs-file__remove"
        onClick={onRemove}
        disabled={busy}
        aria-label={t('removeFile', file.name)}
        title={t('removeFile', file.name)}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
