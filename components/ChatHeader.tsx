import { useComputed, useSignal } from '../lib/ui/signals';
import type { ChatModel } from '../lib/ui/chat-model';
import type { ChatScreen } from '../lib/ui/screen';
import { isCleartextUrl } from '../lib/cleartext';
import { stripBidi } from '../lib/bidi';
import { initials } from '../lib/ui/format';
import { t } from '../lib/ui/i18n';
import type { ChatActions } from './chat-actions';
import type { ChatUi } from './chat-ui';
import { ConnectionLine } from './ConnectionLine';
import { MoreIcon, SettingsIcon, SidePanelIcon } from './icons';
import { lazy, preloadWhenIdle } from './lazy';
import { MenuButton } from './Menu';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './header.css';

interface Props {
  model: ChatModel;
  actions: ChatActions;
  ui: ChatUi;
  /** Which screen the chat shows: the offline form takes the desk's offline title; only a conversation shows
   *  its agent and its actions. */
  screen: ChatScreen;
}

/** Most visitors have one desk: the switcher's code loads only for those with several. */
const DeskSwitcher = lazy(() => import('./DeskSwitcher').then((m) => m.DeskSwitcher), 'none');
/** The chat menu's items load when it first opens, or once the page is idle after its first frames. */
const loadChatMenu = () => import('./ChatMenu').then((m) => m.ChatMenu);
const ChatMenu = lazy(loadChatMenu, 'none');
preloadWhenIdle(loadChatMenu);

const STATUS_KEYS = {
  online: 'statusOnline',
  away: 'statusAway',
  busy: 'statusBusy',
  offline: 'statusOffline',
} as const;

/** The agent's picture from the desk when it has one; the initials underneath show until (or unless) it loads. */
function Avatar({ name, username, serverUrl }: { name: string; username: string; serverUrl: string | null }) {
  const failed = useSignal(false);
  const src = serverUrl && username ? `${serverUrl}/avatar/${encodeURIComponent(username)}` : null;
  return (
    <span class="lqs-avatar lqs-avatar--header" aria-hidden="true">
      {initials(name)}
      {src && !failed.value && (
        <img
          class="lqs-avatar__img"
          src={src}
          alt=""
          referrerpolicy="no-referrer"
          onError={() => (failed.value = true)}
        />
      )}
    </span>
  );
}

/** Desk title, the serving agent (unless the desk hides agents), the chat's actions and the connection line. */
export function ChatHeader({ model, actions, ui, screen }: Props) {
  const config = model.config.value;
  const title = stripBidi((screen === 'offline' && config?.offlineTitle) || config?.title || '') || t('defaultTitle');
  const chatting = screen === 'chat';
  const agent = useComputed(() => {
    const serving = model.agent.value;
    const room = model.room.value;
    if (model.config.value?.agentHiddenInfo) return null;
    // A closed room keeps its last agent on the server; only an open chat has someone serving it.
    if (serving && room?.open) {
      if (serving.hidden) return null;
      return { name: stripBidi(serving.name || serving.username), username: serving.username, status: serving.status };
    }
    if (room && !room.open) return null;
    // Until an agent is assigned, a `queue` trigger's greeting names who would take the chat, as the widget shows.
    const greeter = model.messages.value.findLast((m) => m.trigger === true && m.author.id !== '')?.author;
    if (!greeter) return null;
    // Nobody serves the chat yet, so no presence is shown for them, connected or not.
    return { name: stripBidi(greeter.name || greeter.username), username: greeter.username, status: null };
  });
  // Only whether there are several desks: the list changes with every unread count (twice per agent reply an open
  // chat marks seen), which is no reason to render the header again.
  const severalDesks = useComputed(() => model.desks.value.length > 1);
  const serving = chatting ? agent.value : null;
  const server = model.serverUrl.value;
  // Whoever chose this address (visitor, administrator, build), an unencrypted chat says so for as long as it lasts.
  const insecureHost = server && isCleartextUrl(server) ? new URL(server).host : null;
  // While the link is down the agent's presence is not known: never claim they are still online.
  const status =
    !serving || serving.status === null
      ? null
      : model.connection.value.state === 'connected'
        ? serving.status
        : 'unknown';
  return (
    <header class="lqs-header">
      <div class="lqs-header__row">
        <h1 class="lqs-header__title">{title}</h1>
        <div class="lqs-header__actions">
          {severalDesks.value && <DeskSwitcher model={model} ui={ui} />}
          {actions.openSidePanel && (
            <button
              type="button"
              class="lqs-icon-button"
              onClick={actions.openSidePanel}
              aria-label={t('openSidePanel')}
              title={t('openSidePanel')}
            >
              <SidePanelIcon />
            </button>
          )}
          <button
            type="button"
            class="lqs-icon-button"
            onClick={actions.openOptions}
            aria-label={t('settings')}
            title={t('settings')}
          >
            <SettingsIcon />
          </button>
          {chatting && config && (
            <MenuButton
              label={t('chatOptions')}
              icon={<MoreIcon />}
              list={(props) => <ChatMenu {...props} model={model} actions={actions} ui={ui} />}
            />
          )}
        </div>
      </div>
      {serving && (
        <div class="lqs-header__agent">
          <span class="lqs-header__avatar">
            <Avatar name={serving.name} username={serving.username} serverUrl={model.serverUrl.value} />
            {status !== null && status !== 'unknown' && <span class="lqs-avatar__status" data-status={status} />}
          </span>
          <span class="lqs-header__who">
            <span class="lqs-header__agent-name">{serving.name}</span>
            {status !== null && (
              <span class="lqs-header__agent-status">
                {status === 'unknown' ? t('statusUnknown') : t(STATUS_KEYS[status])}
              </span>
            )}
          </span>
        </div>
      )}
      {insecureHost && (
        <p class="lqs-header__insecure" role="note">
          {t('insecureConnection', insecureHost)}
        </p>
      )}
      <ConnectionLine
        connection={model.connection}
        pendingCount={model.pendingCount}
        onRetry={() => void model.reconnect().catch(() => undefined)}
      />
    </header>
  );
}
