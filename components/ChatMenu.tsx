import { useComputed } from '../lib/ui/signals';
import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
import type { ChatActions } from './chat-actions';
import type { ChatUi } from './chat-ui';
import { CameraIcon, DownloadIcon, EndIcon, HistoryIcon, ShareIcon, SwitchIcon } from './icons-more';
import type { MenuListProps } from './Menu';
import { MenuList, type MenuItem } from './MenuList';

interface Props extends MenuListProps {
  model: ChatModel;
  actions: ChatActions;
  ui: ChatUi;
}

/**
 * The chat menu's items, for what the desk allows and the conversation offers: past conversations, the
 * conversation as a file, another department, sharing the page or a screenshot, ending the chat. Loaded on demand
 * (components/ChatHeader.tsx): only its button is part of the first screen.
 */
export function ChatMenu({ model, actions, ui, ...list }: Props) {
  const entries = useComputed(() => {
    const desk = model.config.value;
    const room = model.room.value;
    const items: MenuItem[] = [];
    if (!desk) return items;
    items.push({
      label: t('pastConversations'),
      icon: <HistoryIcon />,
      onSelect: () => (ui.past.value = { roomId: null }),
    });
    // The current conversation, open or ended, as a file the visitor keeps (loaded on first use).
    if (model.messages.value.length > 0) {
      for (const format of ['html', 'text'] as const) {
        items.push({
          label: t(format === 'html' ? 'downloadHtml' : 'downloadText'),
          icon: <DownloadIcon />,
          onSelect: () => void import('./download-conversation').then((d) => d.downloadConversation(model, format)),
        });
      }
    }
    if (!room?.open) return items;
    if (desk.allowSwitchingDepartments && desk.departments.length > 1) {
      items.push({
        label: t('changeDepartment'),
        icon: <SwitchIcon />,
        onSelect: () => (ui.dialog.value = { kind: 'department' }),
      });
    }
    const activePage = actions.activePage;
    if (activePage) {
      items.push({
        label: t('sharePage'),
        icon: <ShareIcon />,
        onSelect: () => void import('./share-page').then((share) => share.sharePage(model, ui, activePage)),
      });
    }
    const captureTab = actions.captureTab;
    if (captureTab && desk.fileUpload) {
      items.push({
        label: t('sendScreenshot'),
        icon: <CameraIcon />,
        onSelect: () => void import('./share-page').then((share) => share.screenshot(ui, captureTab)),
      });
    }
    if (desk.visitorsCanCloseChat) {
      items.push({
        label: t('endChat'),
        icon: <EndIcon />,
        tone: 'danger',
        onSelect: () => (ui.dialog.value = { kind: 'close' }),
      });
    }
    return items;
  });

  return <MenuList {...list} items={entries.value} />;
}
