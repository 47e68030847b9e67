import { useComputed } from '@preact/signals';
import type { ChatModel } from '../lib/ui/chat-model';
import { initials } from '../lib/ui/format';
import type { ChatActions } from './chat-actions';
import { ConnectionLine } from './ConnectionLine';
import { SettingsIcon, SidePanelIcon } from './icons';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './header.css';

const STATUS_TEXT = { online: 'Online', away: 'Away', busy: 'Busy', offline: 'Offline', unknown: '' } as const;

/** Desk title, the serving agent (unless the desk hides agents) and the connection line. */
export function ChatHeader({ model, actions }: { model: ChatModel; actions: ChatActions }) {
  // The desk's offline title ("Leave a message") belongs to an offline form this extension does not offer yet.
  const title = useComputed(() => model.config.value?.title || 'Livechat');
  const agent = useComputed(() => {
    const serving = model.agent.value;
    // A closed room keeps its last agent on the server; only an open chat has someone serving it.
    if (!serving || serving.hidden || model.config.value?.agentHiddenInfo || !model.room.value?.open) return null;
    return { name: serving.name || serving.username, status: serving.status };
  });

  return (
    <header class="lqs-header">
      <div class="lqs-header__row">
        <h1 class="lqs-header__title">{title}</h1>
        <div class="lqs-header__actions">
          {actions.openSidePanel && (
            <button
              type="button"
              class="lqs-icon-button"
              onClick={actions.openSidePanel}
              aria-label="Open in side panel"
              title="Open in side panel"
            >
              <SidePanelIcon />
            </button>
          )}
          <button
            type="button"
            class="lqs-icon-button"
            onClick={actions.openOptions}
            aria-label="Settings"
            title="Settings"
          >
            <SettingsIcon />
          </button>
        </div>
      </div>
      {agent.value && (
        <div class="lqs-header__agent">
          <span class="lqs-avatar lqs-avatar--header" aria-hidden="true">
            {initials(agent.value.name)}
            <span class="lqs-avatar__status" data-status={agent.value.status} />
          </span>
          <span>
            <span class="lqs-header__agent-name">{agent.value.name}</span>
            {STATUS_TEXT[agent.value.status] && (
              <span class="lqs-header__agent-status"> · {STATUS_TEXT[agent.value.status]}</span>
            )}
          </span>
        </div>
      )}
      <ConnectionLine
        connection={model.connection}
        pendingCount={model.pendingCount}
        onRetry={() => void model.reconnect().catch(() => undefined)}
      />
    </header>
  );
}
