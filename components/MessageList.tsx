import { useComputed } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatModel } from '../lib/ui/chat-model';
import { buildTimeline } from '../lib/ui/timeline';
import { MessageGroup } from './MessageGroup';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './messages.css';

type ListModel = Pick<ChatModel, 'messages' | 'config' | 'agent' | 'serverUrl' | 'connection' | 'retry'>;

/** Pixels from the bottom within which the log keeps following new messages. */
const STICK_PX = 48;

/** The conversation log: day separators, system lines and message groups, following new messages. */
export function MessageList({ model, empty }: { model: ListModel; empty?: ComponentChildren }) {
  const agentHidden = useComputed(
    () => model.config.value?.agentHiddenInfo === true || model.agent.value?.hidden === true,
  );
  const items = useComputed(() =>
    buildTimeline(model.messages.value, {
      now: Date.now(),
      agentHidden: agentHidden.value,
      hiddenTypes: model.config.value?.hiddenSystemMessages,
    }),
  );
  const log = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const lastOwnId = useRef<string | undefined>(undefined);

  const list = items.value;
  useLayoutEffect(() => {
    const element = log.current;
    if (!element) return;
    // Follow the conversation unless the visitor scrolled up to read; their own new message always scrolls.
    const own = model.messages.peek().findLast((m) => m.from === 'visitor')?.id;
    if (stick.current || own !== lastOwnId.current) element.scrollTop = element.scrollHeight;
    lastOwnId.current = own;
  }, [list]);

  const onScroll = (): void => {
    const element = log.current;
    if (element) stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
  };
  const onRetry = (id: string): void => void model.retry(id).catch(() => undefined);
  const agentLabel = agentHidden.value ? 'Agent' : null;
  const serverUrl = model.serverUrl.value;
  const connected = model.connection.value.state === 'connected';

  return (
    <div
      class="lqs-log"
      ref={log}
      role="log"
      aria-live="polite"
      aria-label="Conversation"
      tabIndex={0}
      onScroll={onScroll}
    >
      {list.length === 0 && empty}
      {list.map((item) => {
        switch (item.kind) {
          case 'day':
            return (
              <div key={item.key} class="lqs-day">
                <span>{item.label}</span>
              </div>
            );
          case 'system':
            return (
              <div key={item.key} class="lqs-system">
                <span class="lqs-system__text">{item.text}</span>
                {item.detail && <span class="lqs-system__detail">“{item.detail}”</span>}
              </div>
            );
          case 'group':
            return (
              <MessageGroup
                key={item.key}
                group={item}
                agentLabel={agentLabel}
                serverUrl={serverUrl}
                connected={connected}
                onRetry={onRetry}
              />
            );
        }
      })}
    </div>
  );
}
