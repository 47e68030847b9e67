import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../lib/messaging';
import { inSteps, type Delta } from '../../../lib/ui/message-deltas';
import { agentMessage } from '../fakes/chat-message';

let seq = 0;
const event = <E extends Delta>(type: E['type'], payload: E['payload']): Delta =>
  ({ v: PROTOCOL_VERSION, kind: 'event', seq: ++seq, type, payload }) as Delta;
const upsert = (id: string, ts: number) => event('message/upsert', agentMessage(id, ts));
const unread = (count: number) => event('patch', { unread: count });

describe('inSteps', () => {
  it('applies a burst, each message followed by the unread count, as one run of messages', () => {
    const burst = [upsert('a', 1), unread(1), upsert('b', 2), unread(2), upsert('c', 3), unread(3)];
    const steps = inSteps(burst);
    const runs = steps.filter((step) => Array.isArray(step));
    expect(runs).toHaveLength(1);
    expect((runs[0] as { payload: { id: string } }[]).map((d) => d.payload.id)).toEqual(['a', 'b', 'c']);
    // The patches are all there, in their order.
    expect(steps.filter((step) => !Array.isArray(step)).map((p) => (p as { payload: unknown }).payload)).toEqual([
      { unread: 1 },
      { unread: 2 },
      { unread: 3 },
    ]);
  });

  it('ends a run at a patch that replaces the list, so what came before it is applied before it', () => {
    const replace = event('patch', { messages: [agentMessage('z', 9)] });
    const steps = inSteps([upsert('a', 1), unread(1), replace, upsert('b', 2)]);
    const order = steps.map((step) =>
      Array.isArray(step) ? step.map((d) => (d.payload as { id: string }).id).join() : Object.keys(step.payload).join(),
    );
    expect(order).toEqual(['unread', 'a', 'messages', 'b']);
  });
});
