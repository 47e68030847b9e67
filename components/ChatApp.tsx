import { useComputed, useSignalEffect } from '../lib/ui/signals';
import { useMemo } from '../lib/ui/hooks';
// The shared tokens first (chat.css begins with them): every component stylesheet imported below builds on them.
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './chat.css';
import type { ChatModel } from '../lib/ui/chat-model';
import { followDeskLanguage, locale, t } from '../lib/ui/i18n';
import { chooseScreen } from '../lib/ui/screen';
import type { ChatActions } from './chat-actions';
import { createChatUi, type ChatUi } from './chat-ui';
import { ChatHeader } from './ChatHeader';
import { ChatView } from './ChatView';
import { lazy } from './lazy';

// Screens a returning visitor rarely sees load on first use (DECISIONS #6: what the popup loads on open).
const RegistrationForm = lazy(() => import('./RegistrationForm').then((m) => m.RegistrationForm));
const OfflineForm = lazy(() => import('./OfflineForm').then((m) => m.OfflineForm));
const ChatDialogs = lazy(() => import('./ChatDialogs').then((m) => m.ChatDialogs), 'none');
const ResetNotice = lazy(() => import('./ResetNotice').then((m) => m.ResetNotice), 'none');
const PastChats = lazy(() => import('./PastChats').then((m) => m.PastChats));
const NoticeScreen = lazy(() => import('./NoticeScreen').then((m) => m.NoticeScreen));

interface Props {
  model: ChatModel;
  layout: 'popup' | 'sidepanel';
  actions: ChatActions;
  /** View state; tests and the mount code pass one to reach into it (the notification's message to focus). */
  ui?: ChatUi;
}

/** The whole chat: header, then whichever screen the snapshot calls for. Popup and side panel share it. */
export function ChatApp({ model, layout, actions, ui: given }: Props) {
  const ui = useMemo(() => given ?? createChatUi(), [given]);
  const screen = useComputed(() =>
    chooseScreen(model.ready.value, {
      serverUrl: model.serverUrl.value,
      connection: model.connection.value,
      config: model.config.value,
      visitor: model.visitor.value,
      room: model.room.value,
      messages: model.messages.value,
    }),
  );
  // Worked out by the worker (lib/accent.ts); until it has said, the build's default.
  const theme = useComputed(() => {
    const desk = model.theme.value;
    const { accent, onAccent } = (screen.value === 'offline' && desk?.offline) || desk?.online || __LQS_DEFAULT_THEME__;
    return { '--lqs-accent': accent, '--lqs-on-accent': onAccent };
  });

  // The desk's language wins over the browser's (config.language; empty means the visitor's own).
  useSignalEffect(() => void followDeskLanguage(model.config.value?.language));
  useSignalEffect(() => {
    document.documentElement.lang = locale.value;
  });

  return (
    <div class={`lqs-app lqs-app--${layout}`} style={theme.value}>
      <ChatHeader model={model} actions={actions} ui={ui} screen={screen.value} />
      <main class="lqs-main">
        {model.notice.value && <ResetNotice model={model} />}
        {ui.past.value && screen.value === 'chat' ? (
          <PastChats model={model} ui={ui} />
        ) : (
          // One view per desk: switching desks remounts the screen (its draft, its scroll place).
          <Screen key={model.serverUrl.value} screen={screen.value} model={model} actions={actions} ui={ui} />
        )}
      </main>
      {ui.dialog.value && <ChatDialogs model={model} ui={ui} />}
    </div>
  );
}

interface ScreenProps {
  screen: ReturnType<typeof chooseScreen>;
  model: ChatModel;
  actions: ChatActions;
  ui: ChatUi;
}

function Screen({ screen, model, actions, ui }: ScreenProps) {
  switch (screen) {
    case 'loading':
      return <div class="lqs-loading" role="status" aria-busy="true" aria-label={t('loading')} />;
    case 'unconfigured':
    case 'connecting':
    case 'disabled':
      return <NoticeScreen kind={screen} model={model} actions={actions} />;
    case 'offline':
      if (model.config.value!.displayOfflineForm) return <OfflineForm model={model} />;
      return <NoticeScreen kind="offline" model={model} actions={actions} />;
    case 'register':
      return (
        <div class="lqs-scroll">
          <RegistrationForm
            config={model.config.value!}
            defaults={model.visitor.value}
            register={model.register}
            greetings={model.messages.value.filter((m) => m.trigger)}
          />
        </div>
      );
    case 'chat':
      return <ChatView model={model} ui={ui} />;
  }
}
