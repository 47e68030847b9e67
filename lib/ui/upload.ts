/**
 * Files the visitor attaches: checked here first so a refusal is immediate and clear, then sent to the worker
 * as base64 (ports carry JSON only). The server still has the last word on size and type.
 */
import { formatSize } from './format';
import { t } from './i18n';

/** The worker refuses anything larger (lib/background/room-actions.ts `MAX_UPLOAD_BYTES`). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Why a file cannot be sent, or null when it can. */
export function checkFile(file: { name: string; size: number }): string | null {
  if (file.size === 0) return t('fileEmpty', file.name);
  if (file.size > MAX_UPLOAD_BYTES)
    return t('fileTooLarge', file.name, formatSize(file.size), formatSize(MAX_UPLOAD_BYTES));
  return null;
}

/** The file's bytes as base64, built in slices so large files do not overflow the argument list. */
export async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const SLICE = 0x8000;
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  }
  return btoa(binary);
}
