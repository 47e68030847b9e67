import { t } from '../lib/ui/i18n';
import { ArrowDownIcon } from './icons-more';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './jump.css';

/** "New messages" over the log once the visitor scrolled up and more came, with how many: back to the bottom. */
export function JumpButton({ count, onClick }: { count: number; onClick: () => void }) {
  return (
    <button type="button" class="lqs-jump" onClick={onClick}>
      <ArrowDownIcon />
      {t('newMessages')}
      <span class="lqs-jump__count">{count}</span>
    </button>
  );
}
