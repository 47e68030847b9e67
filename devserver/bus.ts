/**
 * In-process fan-out between the conversation logic and the transports: stream events go to the DDP
 * subscriptions, state events to the control API's Server-Sent Events and the agent console.
 */

export type StreamName = 'stream-room-messages' | 'stream-livechat-room' | 'stream-notify-room';

export interface StreamEmit {
  stream: StreamName;
  eventName: string;
  args: unknown[];
  /** The DDP connection that wrote the event; streams do not retransmit to the writer (SPEC §1.6). */
  origin?: string;
}

/** A change an agent console or test may want to react to. */
export interface StateEvent {
  type: string;
  rid?: string;
  [key: string]: unknown;
}

type Listener<T> = (event: T) => void;

export class Bus {
  private readonly streamListeners = new Set<Listener<StreamEmit>>();
  private readonly stateListeners = new Set<Listener<StateEvent>>();

  /** Registers a stream listener; returns its removal function. */
  onStream(listener: Listener<StreamEmit>): () => void {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }

  /** Registers a state listener; returns its removal function. */
  onState(listener: Listener<StateEvent>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  emitStream(event: StreamEmit): void {
    for (const listener of this.streamListeners) listener(event);
  }

  emitState(event: StateEvent): void {
    for (const listener of this.stateListeners) listener(event);
  }
}
