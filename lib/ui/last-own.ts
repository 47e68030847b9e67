import type { ChatMessage } from '../livechat/types';

/** What {@link lastOwn} found in a list: reused when the next list is that one with newer messages after it. */
export interface LastOwn {
  messages: readonly ChatMessage[];
  /** Where the visitor's last message is in `messages`, or -1. */
  index: number;
}

/**
 * The visitor's last message in `messages`, going on from `previous` (what the last call found) when `messages`
 * is that list with newer messages after it: only the new messages are looked at. A burst of agent messages into
 * a log of a thousand, none of them the visitor's, then costs each render a few steps, not a walk over all of them.
 * `visit` is told of each message looked at (tests count them).
 */
export function lastOwn(
  messages: readonly ChatMessage[],
  previous: LastOwn | null,
  visit?: (message: ChatMessage) => void,
): LastOwn {
  const before = previous?.messages;
  const grown =
    before !== undefined &&
    messages.length >= before.length &&
    // The same objects where the last list ended and where its last own message was: nothing before them changed.
    (before.length === 0 || messages[before.length - 1] === before[before.length - 1]) &&
    (previous!.index < 0 || messages[previous!.index] === before[previous!.index]);
  const stop = grown ? before.length : 0;
  for (let i = messages.length - 1; i >= stop; i--) {
    visit?.(messages[i]!);
    if (messages[i]!.from === 'visitor') return { messages, index: i };
  }
  return { messages, index: grown ? previous!.index : -1 };
}
