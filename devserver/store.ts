/** All in-memory state of the stand-in: settings, agents, visitors, rooms, messages, files. */
import { seedAgents } from './seed';
import type { Agent, Message, OfflineMessage, Room, Settings, StoredFile, Visitor } from './types';

export interface TranscriptRequest {
  rid: string;
  email: string;
  subject: string;
  ts: Date;
}

export class Store {
  settings: Settings;
  agents = new Map<string, Agent>();
  /** Visitors by token. */
  visitors = new Map<string, Visitor>();
  rooms = new Map<string, Room>();
  /** Messages of each room in insertion order. */
  messages = new Map<string, Message[]>();
  files = new Map<string, StoredFile>();
  offlineMessages: OfflineMessage[] = [];
  transcripts: TranscriptRequest[] = [];
  private guestCounter = 0;

  constructor(private readonly initialSettings: () => Settings) {
    this.settings = initialSettings();
    this.reset();
  }

  /** Back to the seeded state (settings included). */
  reset(): void {
    this.settings = this.initialSettings();
    this.agents = new Map(seedAgents().map((agent) => [agent._id, agent]));
    this.visitors.clear();
    this.rooms.clear();
    this.messages.clear();
    this.files.clear();
    this.offlineMessages = [];
    this.transcripts = [];
    this.guestCounter = 0;
  }

  nextGuestUsername(): string {
    this.guestCounter += 1;
    return `guest-${this.guestCounter}`;
  }

  agentByUsername(username: string): Agent | undefined {
    for (const agent of this.agents.values()) if (agent.username === username) return agent;
    return undefined;
  }

  /** An agent by username or `_id`. */
  findAgent(ref: string): Agent | undefined {
    return this.agents.get(ref) ?? this.agentByUsername(ref);
  }

  anyAgentOnline(departmentId?: string): boolean {
    return [...this.agents.values()].some(
      (agent) => agent.status === 'online' && (!departmentId || agent.departments.includes(departmentId)),
    );
  }

  /** The visitor's first open room, optionally restricted to a department (getInitialData, config). */
  openRoomOf(token: string, departmentId?: string): Room | undefined {
    for (const room of this.rooms.values()) {
      if (room.open && room.v.token === token && (!departmentId || room.departmentId === departmentId)) return room;
    }
    return undefined;
  }

  /** Open rooms nobody serves yet, oldest first: the inquiry queue. */
  waitingRooms(): Room[] {
    return [...this.rooms.values()]
      .filter((room) => room.open && !room.servedBy)
      .toSorted((a, b) => a.ts.getTime() - b.ts.getTime());
  }

  roomMessages(rid: string): Message[] {
    let list = this.messages.get(rid);
    if (!list) {
      list = [];
      this.messages.set(rid, list);
    }
    return list;
  }

  findMessage(messageId: string): Message | undefined {
    for (const list of this.messages.values()) {
      const found = list.find((message) => message._id === messageId);
      if (found) return found;
    }
    return undefined;
  }

  departmentByIdOrName(ref: string): Settings['departments'][number] | undefined {
    return this.settings.departments.find((dep) => dep._id === ref || dep.name === ref);
  }
}
