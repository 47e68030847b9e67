import { t } from '../lib/ui/i18n';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './dropzone.css';

/** "Drop the file here", over the chat while a file is dragged over it. */
export function DropZone() {
  return (
    <div class="lqs-dropzone" aria-hidden="true">
      {t('dropFile')}
    </div>
  );
}
