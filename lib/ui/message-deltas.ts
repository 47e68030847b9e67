/**
 * The chat page's message list under the worker's deltas: pure functions, so that a burst's cost can be checked
 * without a page.
 */
import type { BgEvent } from '../messaging';
import type { ChatMessage } from '../livechat/types';

export type MessageDelta = Extract<BgEvent, { type: 'message/upsert' | 'message/remove' | 'snapshot/rest' }>;
type PatchDelta = Extract<BgEvent, { type: 'patch' }>;
/** Every event but a snapshot: what a page applies one frame at a time. */
export type Delta = Exclude<BgEvent, { type: 'snapshot' }>;

/** Applies many message deltas at once: one pass over the list and one sort, however many arrived. */
export function applyAll(messages: readonly ChatMessage[], deltas: readonly MessageDelta[]): ChatMessage[] {
  let byId = new Map(messages.map((m) => [m.id, m]));
  for (const delta of deltas) {
    if (delta.type === 'message/upsert') byId.set(delta.payload.id, delta.payload);
    else if (delta.type === 'message/remove') byId.delete(delta.payload.id);
    // The older messages go first (equal times keep the worker's order); one a delta already brought is kept as is.
    else byId = new Map([...delta.payload.messages.map((m): [string, ChatMessage] => [m.id, m]), ...byId]);
  }
  return sortByTs([...byId.values()]);
}

/** Messages in `ts` order; equal times keep their arrival order (`toSorted` is stable, as `sort` is since ES2019). */
export function sortByTs(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.toSorted((a, b) => a.ts - b.ts);
}

/** Replaces the message with the same id, or inserts it after every message not newer than it. */
export function upsertMessage(messages: readonly ChatMessage[], message: ChatMessage): ChatMessage[] {
  const at = messages.findIndex((m) => m.id === message.id);
  if (at >= 0 && messages[at]!.ts === message.ts) return messages.map((m, i) => (i === at ? message : m));
  const rest = at >= 0 ? messages.filter((_, i) => i !== at) : messages;
  let index = rest.length;
  while (index > 0 && rest[index - 1]!.ts > message.ts) index -= 1;
  return [...rest.slice(0, index), message, ...rest.slice(index)];
}

/**
 * What a frame applies, in order: runs of message deltas (each applied in one pass) and patches. Only a patch that
 * replaces the list ends a run. Any other is applied in the same batch as the messages around it, where their order
 * cannot be seen, and a burst (the worker follows each agent message with the unread count) then costs one pass over
 * the list rather than a copy of it per message.
 */
export function inSteps(deltas: readonly Delta[]): Array<MessageDelta[] | PatchDelta> {
  const steps: Array<MessageDelta[] | PatchDelta> = [];
  let run: MessageDelta[] = [];
  for (const delta of deltas) {
    if (delta.type !== 'patch') {
      run.push(delta);
      continue;
    }
    if ('messages' in delta.payload && run.length > 0) {
      steps.push(run);
      run = [];
    }
    steps.push(delta);
  }
  if (run.length > 0) steps.push(run);
  return steps;
}
