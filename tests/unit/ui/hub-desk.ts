/**
 * A desk behind the worker's real UI hub, for UI tests of what crosses the port: a snapshot's first page, then
 * its rest when the page asks. The desk's messages change as its state would, each change published.
 */
import { createUiHub, type Handlers } from '../../../lib/background/ui-hub';
import type { ChatMessage } from '../../../lib/livechat/types';
import { emptySnapshot, PORT_NAME, type BgToUi, type ChatSnapshot, type UiToBg } from '../../../lib/messaging';
import { createBackgroundClient } from '../../../lib/ui/background-client';
import { agentMessage } from '../fakes/chat-message';
import { createPortPair } from './port-pair';

export const DESK = 'https://desk.example';

/** An agent message (`extra` overrides). */
export const msg = agentMessage;

/** A hub serving one desk of `messages` (oldest first); `client` is a background client on a port to it. */
export function createHubDesk(
  messages: ChatMessage[],
  snapshot: Partial<ChatSnapshot> = {},
  handlers: Partial<Handlers> = {},
) {
  const desk = { messages };
  const hub = createUiHub(
    {
      snapshot: () => ({
        ...emptySnapshot({ state: 'connected' }),
        serverUrl: DESK,
        visitor: { name: 'Ada', email: 'ada@example.com', registered: true },
        room: { id: 'R1', open: true, surveySent: false, transcriptSent: false },
        ...snapshot,
        messages: desk.messages,
      }),
      initial: () => DESK,
      exists: () => true,
    },
    handlers as Handlers,
  );
  const requests: string[] = [];
  const ports: Array<ReturnType<typeof createPortPair<UiToBg, BgToUi>>[1]> = [];
  const client = createBackgroundClient(() => {
    const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
    ports.push(bg);
    bg.onMessage.addListener((m) => void requests.push(m.op));
    hub.attach(bg);
    return ui;
  });
  /** Changes the desk as its state would, and publishes the change. */
  const upsert = (message: ChatMessage): void => {
    const rest = desk.messages.filter((m) => m.id !== message.id);
    desk.messages = [...rest, message].toSorted((a, b) => a.ts - b.ts);
    hub.publish(DESK, { type: 'message/upsert', payload: message });
  };
  const remove = (id: string): void => {
    desk.messages = desk.messages.filter((m) => m.id !== id);
    hub.publish(DESK, { type: 'message/remove', payload: { id } });
  };
  return { desk, hub, client, ports, requests, upsert, remove };
}
