/** Which screen the chat shows, decided from the snapshot alone so popup and side panel always agree. */
import type { ChatSnapshot } from '../messaging';
import type { LivechatConfig } from '../livechat/types';

export type ChatScreen = 'loading' | 'unconfigured' | 'connecting' | 'disabled' | 'offline' | 'register' | 'chat';

/** Whether the desk wants details (or a consent) from the visitor before the first message. */
export function needsRegistration(config: LivechatConfig): boolean {
  const fields =
    config.registrationForm &&
    (config.nameField || config.emailField || config.departments.some((d) => d.showOnRegistration));
  return fields || config.forceDataProcessingConsent;
}

/** Picks the screen; `ready` is false until the first snapshot arrived. */
export function chooseScreen(
  ready: boolean,
  s: Pick<ChatSnapshot, 'serverUrl' | 'connection' | 'config' | 'visitor' | 'room' | 'messages'>,
): ChatScreen {
  if (!ready) return 'loading';
  if (!s.serverUrl || s.connection.state === 'unconfigured') return 'unconfigured';
  // Before the desk's config ever arrived there is nothing to go by, unless a conversation is already stored.
  // A trigger's greeting alone is not a conversation: the visitor still registers first.
  const conversation = s.messages.some((m) => !m.trigger);
  if (!s.config) return conversation ? 'chat' : 'connecting';
  if (!s.config.enabled) return 'disabled';
  const chatting = s.room?.open === true || conversation;
  if (!s.config.online && !chatting) return 'offline';
  // A stored conversation means the visitor registered once; the worker re-registers by itself if the server
  // forgot the token, so the form would only hide the conversation for a moment.
  if (!s.visitor.registered && !chatting && needsRegistration(s.config)) return 'register';
  return 'chat';
}
