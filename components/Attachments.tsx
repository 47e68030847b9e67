import { useSignal } from '../lib/ui/signals';
import type { Attachment } from '../lib/livechat/types';
import { stripBidi } from '../lib/bidi';
import { foreignHost } from '../lib/ui/desk-origin';
import { formatSize } from '../lib/ui/format-size';
import { t } from '../lib/ui/i18n';
import { safeHref } from '../lib/ui/linkify';
import { FileIcon } from './icons-more';
import { ImageGate } from './ImageGate';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './attachments.css';

/** Images show as a thumbnail that opens the full file; anything else as a file card with name and size. */
export function AttachmentView({ attachment, serverUrl }: { attachment: Attachment; serverUrl: string | null }) {
  const broken = useSignal(false);
  const href = safeHref(attachment.url, serverUrl ?? undefined);
  const image = attachment.imageUrl ? safeHref(attachment.imageUrl, serverUrl ?? undefined) : null;
  const label = stripBidi(attachment.title || attachment.description || '') || t('attachment');
  const description = stripBidi(attachment.description ?? '');
  const size = typeof attachment.size === 'number' ? formatSize(attachment.size) : null;

  const host = href ? foreignHost(href, serverUrl) : null;
  const where = host ? <span class="lqs-attachment__host">{t('fileFrom', host)}</span> : null;
  const caption = description ? <span class="lqs-attachment__caption">{description}</span> : null;
  if (image && href && !broken.value) {
    return (
      <>
        <ImageGate src={image} serverUrl={serverUrl}>
          <a class="lqs-attachment lqs-attachment--image" href={href} target="_blank" rel="noopener noreferrer">
            <img src={image} alt={label} referrerpolicy="no-referrer" onError={() => (broken.value = true)} />
          </a>
        </ImageGate>
        {where}
        {caption}
      </>
    );
  }
  const body = (
    <>
      <span class="lqs-attachment__icon" aria-hidden="true">
        <FileIcon />
      </span>
      <span class="lqs-attachment__text">
        <span class="lqs-attachment__name">{label}</span>
        {size && <span class="lqs-attachment__size">{size}</span>}
        {where}
      </span>
    </>
  );
  return (
    <>
      {href ? (
        <a class="lqs-attachment lqs-attachment--file" href={href} target="_blank" rel="noopener noreferrer">
          {body}
        </a>
      ) : (
        <span class="lqs-attachment lqs-attachment--file">{body}</span>
      )}
      {caption}
    </>
  );
}
