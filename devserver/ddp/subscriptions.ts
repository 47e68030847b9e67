/** The stream subscriptions of one connection: `sub` handling (SPEC §1.5) and event delivery (SPEC §1.6). */
import type { StreamEmit, StreamName } from '../bus';
import type { Desk } from '../desk';
import { MeteorError, toDdpError } from '../errors';
import type { CallLog, Violation } from '../log';
import { canRead, isStreamName, parseStreamParams } from './streams';

type Frame = Record<string, unknown>;

export class Subscriptions {
  private readonly subs = new Map<string, { name: StreamName; eventName: string }>();

  constructor(
    private readonly desk: Desk,
    private readonly log: CallLog,
    private readonly connectionId: string,
  ) {}

  /** The reply to a well-formed `sub` frame: `ready`, `nosub` with an error, or nothing for a reused id. */
  subscribe(id: string, name: string, params: unknown[]): Frame | undefined {
    const refuse = (error: unknown, code: string | number): Frame => {
      this.record(name, params, 'nosub', code);
      return { msg: 'nosub', id, error: toDdpError(error) };
    };
    if (!isStreamName(name)) return refuse(new MeteorError(404, `Subscription '${name}' not found`), 404);
    // Meteor ignores a `sub` whose id is in use (the existing subscription stays).
    if (this.subs.has(id)) return undefined;
    let parsed: ReturnType<typeof parseStreamParams>;
    try {
      parsed = parseStreamParams(params);
    } catch (err) {
      return refuse(err, 400);
    }
    if (!canRead(this.desk, name, parsed.eventName, parsed.extra))
      return refuse(new MeteorError('not-allowed'), 'not-allowed');
    this.subs.set(id, { name, eventName: parsed.eventName });
    this.record(name, params, 'ready', undefined, this.silentEvent(name, parsed.eventName));
    return { msg: 'ready', subs: [id] };
  }

  /** `unsub`: always answered with a bare `nosub`. */
  unsubscribe(id: unknown): Frame {
    if (typeof id === 'string') this.subs.delete(id);
    this.log.record({
      transport: 'ddp',
      kind: 'unsub',
      name: String(id),
      connection: this.connectionId,
      outcome: 'nosub',
    });
    return { msg: 'nosub', id };
  }

  /** One `changed` frame per subscription matching the event (none for the writer itself). */
  framesFor(event: StreamEmit): Frame[] {
    if (event.origin === this.connectionId) return [];
    const frames: Frame[] = [];
    for (const sub of this.subs.values()) {
      if (sub.name === event.stream && sub.eventName === event.eventName) {
        frames.push({
          msg: 'changed',
          collection: event.stream,
          id: 'id',
          fields: { eventName: event.eventName, args: event.args },
        });
      }
    }
    return frames;
  }

  /** A subscription a real server accepts for an event this line never emits (README "Violations"). */
  private silentEvent(name: string, eventName: string): Violation | undefined {
    if (name !== 'stream-notify-room' || !eventName.endsWith('/typing') || this.desk.caps.legacyTyping)
      return undefined;
    return {
      kind: 'ignored',
      rule: 'typing-event',
      what: `ddp sub ${name} ${eventName}`,
      why: '<rid>/typing is no longer emitted since 6.0 (PR #28234): the subscription hears nothing',
    };
  }

  private record(
    name: string,
    params: unknown[],
    outcome: string,
    error?: string | number,
    violation?: Violation,
  ): void {
    this.log.record(
      {
        transport: 'ddp',
        kind: 'sub',
        name,
        connection: this.connectionId,
        params,
        outcome,
        ...(error === undefined ? {} : { error }),
      },
      violation,
    );
  }
}
