/**
 * The desk switcher in the chat header, loaded only when the visitor has more than one desk: each desk with its
 * colour and unread count, the one shown checked; choosing one shows it on this page. "Forget this desk" asks first.
 */
import { stripBidi } from '../lib/bidi';
import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
import type { ChatUi } from './chat-ui';
import { TrashIcon } from './icons';
import { Menu, type MenuItem } from './MenuList';

/** Two stacked cards: several desks. */
function DesksIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <rect x="3" y="8" width="14" height="12" rx="2" />
      <path d="M7 8V6a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-2" />
    </svg>
  );
}

/** The menu of desks; the button counts what is unread on the desks not shown. */
export function DeskSwitcher({ model, ui }: { model: ChatModel; ui: ChatUi }) {
  const shown = model.serverUrl.value;
  const desks = model.desks.value;
  const elsewhere = desks.filter((desk) => desk.id !== shown).reduce((sum, desk) => sum + desk.unread, 0);
  const items: MenuItem[] = desks.map((desk) => {
    const title = stripBidi(desk.title);
    return {
      label: title,
      spoken: desk.unread > 0 ? t('deskUnread', title, String(desk.unread)) : title,
      checked: desk.id === shown,
      count: desk.unread,
      icon: <span class="lqs-desk-swatch" style={desk.colour ? { '--lqs-swatch': desk.colour } : undefined} />,
      onSelect: () => {
        if (desk.id === shown) return;
        // What this page held for the desk it leaves (an edit, a file, a past chat) does not follow to another desk.
        ui.editing.value = null;
        ui.file.value = null;
        ui.past.value = null;
        void model.act('desk/focus', { desk: desk.id }).catch(() => undefined);
      },
    };
  });
  const current = desks.find((desk) => desk.id === shown);
  if (current) {
    items.push({
      label: t('forgetDesk'),
      icon: <TrashIcon />,
      tone: 'danger',
      onSelect: () => (ui.dialog.value = { kind: 'forget-desk', desk: current }),
    });
  }
  return (
    <Menu
      label={elsewhere > 0 ? t('deskSwitcherUnread', String(elsewhere)) : t('deskSwitcher')}
      icon={<DesksIcon />}
      items={items}
      count={elsewhere}
    />
  );
}
