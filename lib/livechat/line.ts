/**
 * Which Rocket.Chat line a desk runs, and the path each operation takes on it (SPEC §0, §2.0, §8, devserver
 * README): the seed's DDP methods wherever the line still has them whole, their REST twins where they were
 * removed, REST first from 7.0 on for everything REST covers, DDP for streams, typing and what REST lacks. The
 * version comes from `GET /api/info`, which answers `major.minor` without a login on every line.
 */
import type { ApiPath } from './paths';
import { obj, str } from './read';
import type { RestClient } from './rest';

export interface Line {
  major: number;
  minor: number;
}

/** `"6.13"`, `"6.13.1"` or `"3.18.7-rc.1"` → `{major, minor}`; anything else is unknown. */
export function parseLine(version: unknown): Line | null {
  const match = /^(\d{1,3})\.(\d{1,3})(?:\D|$)/.exec(typeof version === 'string' ? version : '');
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** The line as `GET /api/info` tells an anonymous caller, or null when it does not say. */
export async function readLine(rest: RestClient): Promise<Line | null> {
  // `/api/info` lives beside `/api/v1/`, not under it.
  return parseLine(str(obj(await rest.get('../info')).version));
}

/** Where a line's removals happened (SPEC §2.0): first major without the method. */
const GONE = {
  getInitialData: 5,
  closeByVisitor: 6,
  seedMethods: 7,
  roomTransfer: 8,
} as const;

/**
 * The path of every operation on `line`. `typing` is the event name the line emits (`typing` up to 3.x,
 * `user-activity` from 4.0); `transcript` is REST everywhere (visitors get `error-not-allowed` over DDP since ~3.4);
 * `restoredRoom` says whether a room remembered from before may be subscribed at once, or only once the config
 * says it is still open (8.x refuses `stream-room-messages` of a closed room, devserver README q11).
 */
export function pathsFor(line: Line): Record<string, ApiPath> {
  const seed = (goneIn: number): ApiPath => (line.major < goneIn ? 'ddp' : 'rest');
  return {
    config: seed(GONE.getInitialData),
    closeRoom: seed(GONE.closeByVisitor),
    registerGuest: seed(GONE.seedMethods),
    sendMessage: seed(GONE.seedMethods),
    agentInfo: seed(GONE.seedMethods),
    nextAgent: seed(GONE.seedMethods),
    history: seed(GONE.seedMethods),
    survey: seed(GONE.seedMethods),
    offlineMessage: seed(GONE.seedMethods),
    customFields: seed(GONE.seedMethods),
    pageVisited: seed(GONE.seedMethods),
    departmentTransfer: line.major < GONE.seedMethods ? 'ddp' : line.major < GONE.roomTransfer ? 'rest' : 'rest-v8',
    transcript: 'rest',
    typing: line.major < 4 ? 'typing' : 'user-activity',
    restoredRoom: line.major < 8 ? 'at-once' : 'after-config',
  };
}

/** The key under which the line (`major.minor`) is kept with the desk's learnt paths. */
export const LINE_KEY = '@line';
/** When the line was last read (epoch ms, as a string), kept with it. */
export const LINE_READ_AT_KEY = '@lineReadAt';

/** `{major, minor}` → `"major.minor"`, the form kept with the desk. */
export function formatLine(line: Line): string {
  return `${line.major}.${line.minor}`;
}
