/**
 * What the visitor can do around the conversation besides writing: page back through history, close, rate, ask
 * for the transcript, leave an offline message, switch department, edit or delete their own messages.
 */
import type { LivechatApi } from '../livechat/api';
import { LivechatError } from '../livechat/errors';
import type { ChatMessage } from '../livechat/types';
import { pastRoom } from './archive';
import type { ChatState } from './chat-state';
import { isUndelivered } from './desk';

/** Page size when scrolling back through history. */
export const HISTORY_PAGE = 50;

export interface RoomActionDeps {
  state: ChatState;
  api: LivechatApi;
  /** Merges messages the way the stream does (dedupe, edits, close). */
  receive(messages: ChatMessage[]): void;
  now(): number;
}

export type RoomActions = ReturnType<typeof createRoomActions>;

/** Creates the actions over the current room of the desk. */
export function createRoomActions({ state, api, receive, now }: RoomActionDeps) {
  const confirmedRoom = () => {
    const room = state.desk.room;
    if (!room?.confirmed) throw new LivechatError('rejected', 'no-room', 'There is no conversation yet');
    return room;
  };
  const ownMessage = (id: string): ChatMessage => {
    const message = state.desk.messages.find((m) => m.id === id && m.from === 'visitor');
    if (!message) throw new LivechatError('rejected', 'not-yours', 'Only your own messages can be changed');
    return message;
  };

  /** Moves the current room, closed, with its delivered messages to the past conversations; no room is left. */
  function leaveRoom(): void {
    const { room, agent, messages, historyComplete, archive } = state.desk;
    const left = room?.confirmed
      ? [pastRoom({ id: room.id, open: false }, agent, messages, historyComplete, now())]
      : [];
    for (const message of messages) if (!isUndelivered(message)) state.remove(message.id, message.rid);
    state.update({
      room: null,
      agent: null,
      queue: null,
      historyComplete: false,
      archive: [...archive.filter((p) => p.id !== room?.id), ...left],
    });
  }

  return {
    async loadOlder(): Promise<number> {
      const room = confirmedRoom();
      const oldest = state.desk.messages.find((m) => m.rid === room.id && m.delivery !== 'pending');
      const page = await api.loadHistory(room.id, { limit: HISTORY_PAGE, ...(oldest ? { before: oldest.ts } : {}) });
      // Only this room's messages: another room's, even with a colliding id, is not part of this conversation.
      receive(page.filter((m) => m.rid === room.id));
      if (page.length < HISTORY_PAGE) state.update({ historyComplete: true });
      return page.length;
    },

    async close(): Promise<void> {
      const room = confirmedRoom();
      if (!room.open) return;
      await api.closeRoom(room.id);
      state.update({ room: { ...room, open: false } });
    },

    /**
     * Leaves the closed conversation behind: it joins the past conversations with its messages, and the next
     * message opens a new room.
     */
    startNew(): void {
      if (state.desk.room?.open) {
        throw new LivechatError('rejected', 'room-open', 'Close the current conversation first');
      }
      leaveRoom();
    },

    /** The server names another room as the visitor's open one: the one we held closed meanwhile. */
    replaced(): void {
      leaveRoom();
    },

    async survey(answers: Array<{ name: string; value: string }>): Promise<void> {
      const room = confirmedRoom();
      await api.submitSurvey(room.id, answers);
      state.update({ room: { ...room, surveySent: true } });
    },

    async transcript(email: string): Promise<string> {
      const room = confirmedRoom();
      await api.requestTranscript(room.id, email);
      state.update({ room: { ...room, transcriptSent: true } });
      // The server's REST status text is not for visitors: the UI says it in the visitor's language.
      return '';
    },

    async offline(input: { name: string; email: string; message: string; department?: string }): Promise<string> {
      await api.sendOfflineMessage(input);
      // The desk's own thanks, else the UI's localized one; never the server's REST status text.
      return state.desk.config?.messages.offlineSuccessMessage ?? '';
    },

    async department(department: string): Promise<void> {
      const room = confirmedRoom();
      await api.changeDepartment(room.id, department);
    },

    async edit(id: string, text: string): Promise<void> {
      const message = ownMessage(id);
      const body = text.trim();
      if (!body) throw new LivechatError('rejected', 'empty', 'The message is empty');
      receive([await api.editMessage(message.rid, id, body)]);
    },

    async remove(id: string): Promise<void> {
      const message = ownMessage(id);
      await api.deleteMessage(message.rid, id);
      state.remove(id, message.rid);
    },
  };
}
