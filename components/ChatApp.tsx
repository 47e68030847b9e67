import { useComputed } from '@preact/signals';
// The shared tokens first: every component stylesheet imported below builds on them.
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './theme.css';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './chat.css';
import type { ChatModel } from '../lib/ui/chat-model';
import { accentPair } from '../lib/ui/format';
import { chooseScreen } from '../lib/ui/screen';
import type { ChatActions } from './chat-actions';
import { ChatBanner } from './ChatBanner';
import { ChatHeader } from './ChatHeader';
import { Composer } from './Composer';
import { ChatIcon, MoonIcon, ServerIcon } from './icons';
import { MessageList } from './MessageList';
import { NoticePanel } from './NoticePanel';
import { RegistrationForm } from './RegistrationForm';
import { TypingLine } from './TypingLine';

interface Props {
  model: ChatModel;
  layout: 'popup' | 'sidepanel';
  actions: ChatActions;
}

/** The whole chat: header, then whichever screen the snapshot calls for. Popup and side panel share it. */
export function ChatApp({ model, layout, actions }: Props) {
  const theme = useComputed(() => {
    const { accent, onAccent } = accentPair(model.config.value?.color);
    return { '--lqs-accent': accent, '--lqs-on-accent': onAccent };
  });
  return (
    <div class={`lqs-app lqs-app--${layout}`} style={theme.value}>
      <ChatHeader model={model} actions={actions} />
      <main class="lqs-main">
        <ChatScreen model={model} actions={actions} />
      </main>
    </div>
  );
}

function ChatScreen({ model, actions }: Omit<Props, 'layout'>) {
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

  switch (screen.value) {
    case 'loading':
      return <div class="lqs-loading" aria-busy="true" aria-label="Loading the chat" />;
    case 'unconfigured':
      return (
        <NoticePanel
          icon={<ServerIcon />}
          title="No support server yet"
          action={{ label: 'Open settings', onClick: actions.openOptions }}
        >
          <p>Enter the address of your Rocket.Chat support desk in the settings to start chatting.</p>
        </NoticePanel>
      );
    case 'connecting':
      return (
        <NoticePanel icon={<ChatIcon />} title="Reaching your support desk…">
          <p>{hostOf(model.serverUrl.value)}</p>
        </NoticePanel>
      );
    case 'disabled':
      return (
        <NoticePanel icon={<ChatIcon />} title="Live chat is turned off">
          <p>This support desk does not offer live chat at the moment.</p>
        </NoticePanel>
      );
    case 'offline': {
      const messages = model.config.value?.messages;
      return (
        <NoticePanel icon={<MoonIcon />} title="Nobody is available right now">
          <p>
            {messages?.offlineUnavailableMessage ||
              messages?.offlineMessage ||
              'The support team is offline. Please come back later.'}
          </p>
        </NoticePanel>
      );
    }
    case 'register':
      return (
        <div class="lqs-scroll">
          <RegistrationForm config={model.config.value!} defaults={model.visitor.value} register={model.register} />
        </div>
      );
    case 'chat':
      return <ChatView model={model} />;
  }
}

function ChatView({ model }: { model: ChatModel }) {
  const limit = useComputed(() => model.config.value?.limitTextLength ?? null);
  const typist = useComputed(() => {
    const typing = model.agentTyping.value;
    const agent = model.agent.value;
    if (!typing) return null;
    if (model.config.value?.agentHiddenInfo || agent?.hidden) return 'The agent';
    // Servers send the username or the display name depending on UI_Use_Real_Name; prefer the name.
    return agent && typing === agent.username ? agent.name || typing : typing;
  });
  return (
    <>
      <ChatBanner model={model} />
      <MessageList
        model={model}
        empty={
          <div class="lqs-empty">
            <ChatIcon />
            <p>Send a message to start a conversation.</p>
          </div>
        }
      />
      <TypingLine who={typist} />
      <Composer limit={limit} connection={model.connection} send={model.send} typing={model.typing} />
    </>
  );
}

function hostOf(url: string | null): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return url ?? '';
  }
}
