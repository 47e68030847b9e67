import { useSignal } from '../lib/ui/signals';
import type { ComponentChildren } from 'preact';
import { foreignHost } from '../lib/ui/desk-origin';
import { t } from '../lib/ui/i18n';

/**
 * Shows `children` (the image) only when `src` is on the desk's origin; an image from anywhere else waits behind
 * a button naming its host, so no third party learns that the visitor read the chat until they ask for it.
 */
export function ImageGate({
  src,
  serverUrl,
  children,
}: {
  src: string;
  serverUrl: string | null;
  children: ComponentChildren;
}) {
  const allowed = useSignal(false);
  const host = foreignHost(src, serverUrl);
  if (!host || allowed.value) return <>{children}</>;
  return (
    <button type="button" class="lqs-image-gate" onClick={() => (allowed.value = true)}>
      {t('loadImageFrom', host)}
    </button>
  );
}
