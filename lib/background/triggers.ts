/**
 * Runs the desk's triggers (`lib/livechat/triggers.ts`) for the visitor, as the official widget does
 * (`packages/livechat/src/lib/triggers.ts`, `triggerActions.ts`), with the extension's events:
 * - `chat-opened-by-visitor`: a popup or side panel opens;
 * - `time-on-site`: that many seconds after it opened, while it stays open (closing all chats cancels the wait);
 * - `after-guest-registration`: the visitor's registration went through;
 * - `page-url`: a page the visitor shares ("Share this page") matches.
 * Only before a conversation exists (no room), as the widget schedules no trigger once a visitor chats; except
 * `page-url`, since sharing a page is something a visitor does mid-conversation and the desk's answer to it is
 * the point. A fired
 * `send-message` becomes an agent message kept in the worker's state (persisted with the desk), so it survives a
 * closed popup and stays at the top of the conversation once the visitor answers; like the widget's, it is never
 * sent to the server. `runOnce` triggers are remembered per visitor in the desk (`firedTriggers`).
 */
import type { Clock } from '../ddp/types';
import type { AgentInfo, ChatMessage } from '../livechat/types';
import { pageMatches, type LivechatTrigger, type TriggerCondition } from '../livechat/triggers';
import type { ChatState } from './chat-state';

export interface TriggerDeps {
  state: ChatState;
  clock: Clock;
  /** The agent who would take a new chat, for sender `queue` (`livechat:getNextAgent` / `agent.next/:token`). */
  nextAgent(): Promise<AgentInfo | null>;
  log?: (message: string) => void;
}

/** The id of a trigger's message: one per trigger, so showing it again replaces it. */
export function triggerMessageId(triggerId: string): string {
  return `trigger-${triggerId}`;
}

/** Creates the runner of the active desk's triggers. */
export function createTriggerRunner(deps: TriggerDeps) {
  const { state, clock } = deps;
  const log = deps.log ?? ((message: string) => console.info(message));
  let open = false;
  /** Triggers already scheduled during this opening of the chat. */
  const scheduled = new Set<string>();
  const timers = new Map<string, unknown>();

  const triggers = (): LivechatTrigger[] => state.desk.config?.triggers ?? [];

  function eligible(trigger: LivechatTrigger): boolean {
    if (state.desk.room !== null && trigger.condition.name !== 'page-url') return false;
    if (trigger.runOnce && state.desk.firedTriggers.includes(trigger.id)) return false;
    return !state.message('', triggerMessageId(trigger.id));
  }

  async function author(trigger: LivechatTrigger): Promise<ChatMessage['author']> {
    const { sender, agentName } = trigger.action;
    if (sender === 'custom') return { id: '', username: agentName, name: agentName };
    try {
      const agent = await deps.nextAgent();
      if (agent) return { id: agent.id, username: agent.username, name: agent.name || agent.username };
    } catch (error) {
      log(`trigger ${trigger.id}: no next agent (${error instanceof Error ? error.message : String(error)})`);
    }
    return { id: '', username: '', name: '' };
  }

  async function fire(trigger: LivechatTrigger): Promise<void> {
    if (!eligible(trigger)) return;
    if (trigger.action.name === 'use-external-service') {
      log(`trigger ${trigger.id}: use-external-service is not supported by this client; skipped`);
      return;
    }
    const from = await author(trigger);
    if (!eligible(trigger)) return;
    const now = clock.now();
    state.upsert({
      id: triggerMessageId(trigger.id),
      rid: '',
      text: trigger.action.text,
      ts: now,
      updatedAt: now,
      editedAt: null,
      author: from,
      from: 'agent',
      type: null,
      attachments: [],
      trigger: true,
    });
    if (trigger.runOnce) state.update({ firedTriggers: [...state.desk.firedTriggers, trigger.id] });
  }

  function run(trigger: LivechatTrigger): void {
    fire(trigger).catch((error: unknown) => log(`trigger ${trigger.id} failed: ${String(error)}`));
  }

  /** Schedules what an opening of the chat starts (again once the config arrives while it is open). */
  function scheduleOpening(): void {
    if (!open) return;
    for (const trigger of triggers()) {
      const { condition } = trigger;
      if (scheduled.has(trigger.id) || !eligible(trigger)) continue;
      if (condition.name === 'chat-opened-by-visitor') {
        scheduled.add(trigger.id);
        run(trigger);
      } else if (condition.name === 'time-on-site') {
        scheduled.add(trigger.id);
        timers.set(
          trigger.id,
          clock.setTimeout(() => {
            timers.delete(trigger.id);
            run(trigger);
          }, condition.seconds * 1000),
        );
      }
    }
  }

  function runAll(match: (condition: TriggerCondition) => boolean): void {
    for (const trigger of triggers()) if (match(trigger.condition)) run(trigger);
  }

  return {
    /** A chat UI opened where none was. */
    chatOpened(): void {
      open = true;
      scheduleOpening();
    },
    /** The last chat UI closed: waits for `time-on-site` stop. */
    chatClosed(): void {
      open = false;
      scheduled.clear();
      for (const handle of timers.values()) clock.clearTimeout(handle);
      timers.clear();
    },
    /** The desk's config changed (it may have arrived after the chat opened). */
    configChanged(): void {
      scheduleOpening();
    },
    /** The visitor's registration went through. */
    registered(): void {
      runAll((c) => c.name === 'after-guest-registration');
    },
    /** The visitor shared a page (its URL); `page-url` triggers whose pattern matches it fire. */
    pageShared(url: string): void {
      runAll((c) => c.name === 'page-url' && pageMatches(c.pattern, url));
    },
    dispose(): void {
      open = false;
      for (const handle of timers.values()) clock.clearTimeout(handle);
      timers.clear();
    },
  };
}

export type TriggerRunner = ReturnType<typeof createTriggerRunner>;
