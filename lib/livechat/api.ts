/**
 * The visitor's Livechat operations behind one typed API. Each call takes the path this server supports
 * (`viaTwin`), always adopts the ids the server answers with, and returns normalised models.
 */
import type { DdpConnection } from '../ddp/types';
import { LivechatError } from './errors';
import { normalizeConfig } from './normalize-config';
import { normalizeAgent, normalizeMessage, type MessageContext } from './normalize-message';
import { fromDdpError, viaTwin, type Capabilities } from './paths';
import { list, obj, str } from './read';
import type { RestClient } from './rest';
import type { AgentInfo, ChatMessage, LivechatConfig, Visitor } from './types';

export interface LivechatApiDeps {
  ddp: DdpConnection;
  rest: RestClient;
  caps: Capabilities;
  baseUrl: string;
  token: () => string;
}

export interface OutgoingMessage {
  /** Client-generated message id: the key that makes a resend safe and matches the stream echo. */
  id: string;
  text: string;
  /** The room id to use: the server's when known (`confirmed`), else one we propose (honoured by ≤ 6.x). */
  rid: string;
  confirmed: boolean;
}

export type LivechatApi = ReturnType<typeof createLivechatApi>;

/** Creates the Livechat API for one server and visitor token. */
export function createLivechatApi(deps: LivechatApiDeps) {
  const { ddp, rest, caps, token } = deps;
  const context = (): MessageContext => ({ token: token(), baseUrl: deps.baseUrl });
  const call = async <T>(method: string, params: unknown[], resendOnReconnect = false): Promise<T> => {
    try {
      return await ddp.call<T>(method, params, { resendOnReconnect });
    } catch (error) {
      throw fromDdpError(error);
    }
  };
  const message = (raw: unknown): ChatMessage => {
    const normalized = normalizeMessage(raw, context());
    if (!normalized)
      throw new LivechatError('protocol', 'bad-message', 'The server answered with an unreadable message');
    return normalized;
  };

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
          const raw = obj(await call('sendMessageLivechat', [params], true));
          return { ...message(raw), newRoom: raw.newRoom === true };
        },
        async () => {
          const query = { token: token(), ...(out.confirmed ? { rid: out.rid } : {}) };
          const room = obj(await rest.get('livechat/room', query));
          const rid = str(obj(room.room)._id);
          if (!rid) throw new LivechatError('protocol', 'bad-room', 'The server did not say which room to use');
          const body = { token: token(), rid, msg: out.text, _id: out.id };
          const raw = obj(obj(await rest.post('livechat/message', body)).message);
          return { ...message(raw), newRoom: room.newRoom === true };
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

    /** The newest `limit` room messages older than `before` (epoch ms; default now), returned oldest first. */
    loadHistory(rid: string, options: { before?: number; limit?: number } = {}): Promise<ChatMessage[]> {
      const limit = options.limit ?? 50;
      return viaTwin(
        caps,
        'history',
        async () => {
          const end = options.before === undefined ? undefined : new Date(options.before);
          const params = { token: token(), rid, limit, ...(end ? { end } : {}) };
          return readMessages(obj(await call('livechat:loadHistory', [params])).messages);
        },
        async () => {
          const end = options.before === undefined ? undefined : new Date(options.before).toISOString();
          const query = { token: token(), limit, end };
          return readMessages(obj(await rest.get(`livechat/messages.history/${enc(rid)}`, query)).messages);
        },
      );
    },

    /** Tells the agent the visitor is typing (or stopped). Stream writes never fail loudly (SPEC §1.6). */
    async sendTyping(rid: string, username: string, typing: boolean): Promise<void> {
      await call('stream-notify-room', [
        `${rid}/user-activity`,
        username,
        typing ? ['user-typing'] : [],
        { token: token() },
      ]);
    },
  };

  function readMessages(raw: unknown): ChatMessage[] {
    return list(raw)
      .map((m) => normalizeMessage(m, context()))
      .filter((m): m is ChatMessage => m !== null)
      .toSorted((a, b) => a.ts - b.ts);
  }
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

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
