import type { ReadonlySignal } from '../lib/ui/signals';
import { stripBidi } from '../lib/bidi';
import type { UploadView } from '../lib/messaging';
import { formatSize } from '../lib/ui/format-size';
import { t } from '../lib/ui/i18n';
import { failureText } from '../lib/ui/send-file';
import { CloseIcon, FileIcon } from './icons-more';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './uploads.css';

/**
 * The files the worker is sending, with a bar each. Handing the file to the worker has real progress; the request
 * itself has none to show (lib/livechat/rest.ts), so its bar is indeterminate rather than a made-up percentage.
 */
export function UploadList({
  uploads,
  cancel,
}: {
  uploads: ReadonlySignal<UploadView[]>;
  cancel: (uploadId: string) => void;
}) {
  const list = uploads.value;
  if (list.length === 0) return null;
  return (
    <ul class="lqs-uploads" aria-label={t('uploadsLabel')}>
      {list.map((upload) => (
        <UploadRow key={upload.id} upload={upload} cancel={() => cancel(upload.id)} />
      ))}
    </ul>
  );
}

function UploadRow({ upload, cancel }: { upload: UploadView; cancel: () => void }) {
  const name = stripBidi(upload.name);
  const percent = upload.size > 0 ? Math.floor((upload.received / upload.size) * 100) : 0;
  const failed = upload.phase === 'failed';
  const status = failed
    ? failureText(upload)
    : upload.phase === 'receiving'
      ? t('uploadPreparing', String(percent))
      : t('uploadSending', formatSize(upload.size));
  return (
    <li class="lqs-file lqs-upload" data-phase={upload.phase} data-error={failed ? 'true' : undefined}>
      <span class="lqs-file__icon" aria-hidden="true">
        <FileIcon />
      </span>
      <span class="lqs-file__text">
        <span class="lqs-file__name">{name}</span>
        {!failed &&
          (upload.phase === 'receiving' ? (
            <progress class="lqs-upload__bar" max={upload.size} value={upload.received} aria-label={name} />
          ) : (
            <progress class="lqs-upload__bar" aria-label={name} />
          ))}
        <span class="lqs-file__meta" role={failed ? 'alert' : 'status'}>
          {status}
        </span>
      </span>
      <button
        type="button"
        class="lqs-icon-button lqs-file__remove"
        onClick={cancel}
        aria-label={failed ? t('uploadDismiss', name) : t('uploadCancel', name)}
        title={failed ? t('uploadDismiss', name) : t('uploadCancel', name)}
      >
        <CloseIcon />
      </button>
    </li>
  );
}
