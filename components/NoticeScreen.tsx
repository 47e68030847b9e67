import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
import type { ChatActions } from './chat-actions';
import { ChatIcon } from './icons';
import { MoonIcon, ServerIcon } from './icons-more';
import { NoticePanel } from './NoticePanel';

/** The screens that say why there is no chat (yet); a returning visitor opens on the chat, so they load on use. */
export type NoticeKind = 'unconfigured' | 'connecting' | 'disabled' | 'offline';

interface Props {
  kind: NoticeKind;
  model: ChatModel;
  actions: ChatActions;
}

/** No server configured, connecting to a desk never reached before, live chat turned off, or nobody online. */
export function NoticeScreen({ kind, model, actions }: Props) {
  switch (kind) {
    case 'unconfigured':
      return (
        <NoticePanel
          icon={<ServerIcon />}
          title={t('unconfiguredTitle')}
          action={{ label: t('openSettings'), onClick: actions.openOptions }}
        >
          <p>{t('unconfiguredText')}</p>
        </NoticePanel>
      );
    case 'connecting':
      return (
        <NoticePanel icon={<ChatIcon />} title={t('connectingTitle')}>
          <p>{hostOf(model.serverUrl.value)}</p>
        </NoticePanel>
      );
    case 'disabled':
      return (
        <NoticePanel icon={<ChatIcon />} title={t('disabledTitle')}>
          <p>{t('disabledText')}</p>
        </NoticePanel>
      );
    case 'offline': {
      const messages = model.config.value?.messages;
      return (
        <NoticePanel icon={<MoonIcon />} title={t('offlineTitle')}>
          <p>{messages?.offlineUnavailableMessage || messages?.offlineMessage || t('offlineText')}</p>
        </NoticePanel>
      );
    }
  }
}

function hostOf(url: string | null): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return url ?? '';
  }
}
