/**
 * The first check of a file the visitor attaches, said as soon as it is attached. Sending one is send-file.ts,
 * loaded when the visitor sends a file.
 */
import { formatSize } from './format-size';
import { t } from './i18n';

/** The worker refuses anything larger (lib/background/uploads.ts `MAX_UPLOAD_BYTES`). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Why a file cannot be sent whatever the desk, or null when it may be tried: said as soon as it is attached. */
export function checkFile(file: { name: string; size: number }): string | null {
  if (file.size === 0) return t('fileEmpty', file.name);
  if (file.size > MAX_UPLOAD_BYTES)
    return t('fileTooLarge', file.name, formatSize(file.size), formatSize(MAX_UPLOAD_BYTES));
  return null;
}
