/**
 * The visitor's past conversations on the desk: listed, read (from storage, and page by page from the server
 * where the line still answers for a closed room), and forgotten on request.
 */
import type { LivechatApi } from '../livechat/api';
import { isTransient, LivechatError } from '../livechat/errors';
import type { ChatMessage } from '../livechat/types';
import type { PastConversation, Result } from '../messaging';
import { conversations, withOlder } from './archive';
import type { ChatState } from './chat-state';
import { isUndelivered } from './desk';
import { HISTORY_PAGE } from './room-actions';

export interface HistoryDeps {
  state: ChatState;
  api: Pick<LivechatApi, 'loadHistory'>;
  /** Pages the desk's current room (its messages join the chat's); resolves with the page's size. */
  loadOlderCurrent(): Promise<number>;
}

export type History = ReturnType<typeof createHistory>;

/** The server answered and will not give this room's history (not a connection trouble worth an error). */
const refused = (error: unknown) => error instanceof LivechatError && !isTransient(error);

/** Creates the past-conversation actions over the desk's state. */
export function createHistory({ state, api, loadOlderCurrent }: HistoryDeps) {
  const listed = (roomId: string): PastConversation => {
    const found = conversations(state.desk).find((c) => c.id === roomId);
    if (!found) throw new LivechatError('rejected', 'no-room', 'This conversation is no longer stored');
    return found;
  };
  const archived = (roomId: string) => state.desk.archive.find((p) => p.id === roomId);
  /** The current room read as a past one: its page joins the chat's messages, and the view gets what was new. */
  async function loadCurrent(roomId: string): Promise<Result<'history/loadOlder'>> {
    const known = new Set(state.desk.messages.map((m) => m.id));
    try {
      await loadOlderCurrent();
    } catch (error) {
      if (refused(error)) return { messages: [], hasOlder: false, unavailable: true };
      throw error;
    }
    const messages = state.desk.messages.filter((m) => m.rid === roomId && !known.has(m.id));
    return { messages, hasOlder: !state.desk.historyComplete, unavailable: false };
  }

  return {
    list(): Result<'history/list'> {
      return { conversations: conversations(state.desk), trimmed: state.desk.archiveTrimmed };
    },

    open(roomId: string): Result<'history/open'> {
      const conversation = listed(roomId);
      const past = archived(roomId);
      if (past) return { conversation, messages: past.messages, hasOlder: !past.historyComplete };
      const messages = state.desk.messages.filter((m) => m.rid === roomId);
      return { conversation, messages, hasOlder: !state.desk.historyComplete };
    },

    /**
     * One page older than the oldest stored message, kept with the conversation. A refusal (the line no longer
     * answers for this closed room) is not an error for the visitor: the stored copy is what there is.
     */
    async loadOlder(roomId: string): Promise<Result<'history/loadOlder'>> {
      const past = archived(roomId);
      if (!past && state.desk.room?.id === roomId) return loadCurrent(roomId);
      if (!past) throw new LivechatError('rejected', 'no-room', 'This conversation is no longer stored');
      const oldest = past.messages[0];
      let page: ChatMessage[];
      try {
        page = await api.loadHistory(roomId, { limit: HISTORY_PAGE, ...(oldest ? { before: oldest.ts } : {}) });
      } catch (error) {
        if (refused(error)) return { messages: [], hasOlder: false, unavailable: true };
        throw error;
      }
      const older = page.filter((m) => m.rid === roomId && !isUndelivered(m));
      const complete = page.length < HISTORY_PAGE;
      // The conversation may have been forgotten while the page was on its way: then nothing is kept.
      const now = archived(roomId);
      if (now) {
        const next = withOlder(now, older, complete);
        state.update({ archive: state.desk.archive.map((p) => (p === now ? next : p)) });
        return { messages: older, hasOlder: !next.historyComplete, unavailable: false };
      }
      return { messages: older, hasOlder: !complete, unavailable: false };
    },

    /** Deletes the conversation and its messages from storage; the current room only once it is closed. */
    forget(roomId: string): void {
      if (archived(roomId)) {
        state.update({ archive: state.desk.archive.filter((p) => p.id !== roomId) });
        return;
      }
      const room = state.desk.room;
      if (room?.id !== roomId) return;
      if (room.open) throw new LivechatError('rejected', 'room-open', 'Close the conversation first');
      for (const m of state.desk.messages) if (m.rid === roomId && !isUndelivered(m)) state.remove(m.id, m.rid);
      state.update({ room: null, agent: null, queue: null, historyComplete: false });
    },
  };
}
