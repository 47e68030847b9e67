/**
 * The conversation operations, each on the path this server supports (`viaTwin`): the seed's DDP method while
 * the server has it, its REST twin otherwise. Ids the server answers with always win over ours.
 */
import { enc, type Caller } from './caller';
import { LivechatError } from './errors';
import { normalizeConfig } from './normalize-config';
import { normalizeAgent } from './normalize-message';
import { viaTwin } from './paths';
import { list, obj, str } from './read';
import type { AgentInfo, ChatMessage, LivechatConfig, Visitor } from './types';

export interface OutgoingMessage {
  /** Client-generated message id: the key that makes a resend safe and matches the stream echo. */
  id: string;
  text: string;
  /** The room id to use: the server's when known (`confirmed`), else one we propose (honoured by ≤ 6.x). */
  rid: string;
  confirmed: boolean;
}

/** An agent the server names, or null (none, or hidden by `Livechat_show_agent_info`). */
const known = (agent: AgentInfo | null): AgentInfo | null => (agent && !agent.hidden ? agent : null);

/** The conversation operations: configuration, visitor, messages, agent, history, typing. */
export function chatOps(c: Caller) {
  const { rest, caps, token, call } = c;

  return {
    /** Ties this socket to the visitor so agents see them go offline when it closes. Optional on new servers. */
    async setUpConnection(): Promise<void> {
      try {
        await call('livechat:setUpConnection', [{ token: token() }]);
      } catch (error) {
        if (!(error instanceof LivechatError && error.kind === 'missing')) throw error;
      }
    },

    /** The widget configuration (with the visitor's open room and agent when the token is known). */
    getConfig(department?: string): Promise<LivechatConfig> {
      return viaTwin(
        caps,
        'config',
        async () =>
          normalizeConfig(await call('livechat:getInitialData', department ? [token(), department] : [token()])),
        async () => normalizeConfig(await rest.get('livechat/config', { token: token(), department })),
      );
    },

    /** Creates or updates the visitor for our token. */
    registerGuest(input: { name?: string; email?: string; department?: string }): Promise<Visitor> {
      const visitor = { token: token(), ...clean(input) };
      return viaTwin(
        caps,
        'registerGuest',
        async () => normalizeVisitor(obj(await call('livechat:registerGuest', [visitor])).visitor),
        async () => normalizeVisitor(obj(await rest.post('livechat/visitor', { visitor })).visitor),
      );
    },

    /** Sends a visitor message; the returned message carries the room id the server really used. */
    sendMessage(out: OutgoingMessage): Promise<ChatMessage & { newRoom: boolean }> {
      return viaTwin(
        caps,
        'sendMessage',
        async () => {
          const params = { _id: out.id, rid: out.rid, msg: out.text, token: token() };
          // Not resent by the DDP client after a drop: the worker's catch-up reads the room back first and marks
          // what arrived as delivered, so only what really got lost is sent again (no duplicate refusals).
          const raw = obj(await call('sendMessageLivechat', [params]));
          return { ...c.message(raw), newRoom: raw.newRoom === true };
        },
        async () => {
          // `GET livechat/room` opens the room (5 a minute on 8.x): asked only for the first message of a room.
          let rid = out.rid;
          let newRoom = false;
          if (!out.confirmed) {
            const room = obj(await rest.get('livechat/room', { token: token() }));
            rid = str(obj(room.room)._id);
            newRoom = room.newRoom === true;
            if (!rid) throw new LivechatError('protocol', 'bad-room', 'The server did not say which room to use');
          }
          const body = { token: token(), rid, msg: out.text, _id: out.id };
          const raw = obj(obj(await rest.post('livechat/message', body)).message);
          return { ...c.message(raw), newRoom };
        },
      );
    },

    /** The agent serving the room, or null while nobody has taken it. */
    getAgent(rid: string): Promise<AgentInfo | null> {
      return viaTwin(
        caps,
        'agentInfo',
        async () => normalizeAgent(await call('livechat:getAgentData', [{ roomId: rid, token: token() }])),
        async () => {
          const body = obj(await rest.get(`livechat/agent.info/${enc(rid)}/${enc(token())}`));
          return normalizeAgent(body.agent);
        },
      );
    },

    /**
     * The agent who would take a new chat (a trigger message from sender `queue`), or null when nobody would, the
     * visitor already has a room, or the server hides who it is.
     */
    nextAgent(department?: string): Promise<AgentInfo | null> {
      return viaTwin(
        caps,
        'nextAgent',
        async () => known(normalizeAgent(await call('livechat:getNextAgent', [{ token: token(), department }]))),
        async () =>
          known(normalizeAgent(obj(await rest.get(`livechat/agent.next/${enc(token())}`, { department })).agent)),
      );
    },

    /** The newest `limit` room messages older than `before` (epoch ms; default now), returned oldest first. */
    loadHistory(rid: string, options: { before?: number; limit?: number } = {}): Promise<ChatMessage[]> {
      const limit = options.limit ?? 50;
      return viaTwin(
        caps,
        'history',
        async () => {
          const end = options.before === undefined ? undefined : new Date(options.before);
          const params = { token: token(), rid, limit, ...(end ? { end } : {}) };
          return c.messages(obj(await call('livechat:loadHistory', [params])).messages);
        },
        async () => {
          const end = options.before === undefined ? undefined : new Date(options.before).toISOString();
          const query = { token: token(), limit, end };
          return c.messages(obj(await rest.get(`livechat/messages.history/${enc(rid)}`, query)).messages);
        },
      );
    },

    /** Tells the agent the visitor is typing (or stopped), on the one event name the line reads (`line.ts`). */
    async sendTyping(rid: string, username: string, typing: boolean): Promise<void> {
      const extra = { token: token() };
      if (caps.get('typing') === 'typing') await call('stream-notify-room', [`${rid}/typing`, username, typing, extra]);
      else await call('stream-notify-room', [`${rid}/user-activity`, username, typing ? ['user-typing'] : [], extra]);
    },
  };
}

function normalizeVisitor(raw: unknown): Visitor {
  const v = obj(raw);
  return {
    id: str(v._id),
    token: str(v.token),
    name: str(v.name),
    username: str(v.username),
    email: str(obj(list(v.visitorEmails)[0]).address),
    department: str(v.department),
  };
}

function clean<T extends Record<string, string | undefined>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
