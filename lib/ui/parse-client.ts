/**
 * Parses message texts with Rocket.Chat's parser without ever blocking the chat page: the parser runs in a
 * dedicated worker (parser-worker.ts), one text at a time. A text that keeps the loaded worker busy past
 * {@link PARSE_STALL_MS} without an answer is given up (it stays plain text), the worker is replaced and the
 * texts queued behind it are asked again. Where no Worker exists (unit tests) the parser runs in-thread.
 */

// oxlint-disable-next-line import/default -- Vite's `?worker` import: the worker's constructor, bundled on its own
import ParserWorker from './parser-worker?worker';

type Ast = unknown[];

/** How long the worker may work on one text before it is stopped and that text shown plain. */
export const PARSE_STALL_MS = 1500;

interface Job {
  id: number;
  text: string;
  resolve(ast: Ast): void;
  reject(error: Error): void;
}

/** What the worker posts: `{ready: true}` once, then one answer per text. */
interface WorkerAnswer {
  ready?: boolean;
  id?: number;
  ast?: unknown;
  error?: string;
}

export interface ParseClient {
  parse(text: string): Promise<Ast>;
}

interface Timers {
  set(callback: () => void, ms: number): ReturnType<typeof setTimeout>;
  clear(id: ReturnType<typeof setTimeout> | undefined): void;
}

/** Called as plain functions: Firefox refuses `clearTimeout` invoked as a method of another object. */
const WINDOW_TIMERS: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (id) => clearTimeout(id),
};

/** The worker-backed client; `spawn` is injectable so the stall handling runs in plain Node. */
export function createWorkerParseClient(spawn: () => Worker, timers: Timers = WINDOW_TIMERS): ParseClient {
  let worker: Worker | null = null;
  /** The worker has loaded the parser: only from then on is a missing answer a stall (loading can be slow). */
  let ready = false;
  let nextId = 0;
  const queue: Job[] = [];
  let watchdog: ReturnType<typeof setTimeout> | undefined;

  function arm(): void {
    timers.clear(watchdog);
    watchdog = ready && queue.length > 0 ? timers.set(stalled, PARSE_STALL_MS) : undefined;
  }

  /** No answer in time: the oldest job is the one the worker is stuck on. */
  function stalled(): void {
    worker?.terminate();
    worker = null;
    ready = false;
    queue.shift()?.reject(new Error('the markdown parser took too long'));
    if (queue.length > 0) for (const job of queue) post(job);
    arm();
  }

  function post(job: Job): void {
    worker ??= start();
    worker.postMessage({ id: job.id, text: job.text });
  }

  function start(): Worker {
    const created = spawn();
    created.addEventListener('message', (event: MessageEvent<WorkerAnswer>) => {
      if (worker !== created) return;
      if (event.data.ready === true) {
        ready = true;
        return arm();
      }
      const index = queue.findIndex((job) => job.id === event.data.id);
      if (index < 0) return;
      const [job] = queue.splice(index, 1);
      if (Array.isArray(event.data.ast)) job?.resolve(event.data.ast);
      else job?.reject(new Error(event.data.error ?? 'the markdown parser failed'));
      arm();
    });
    created.addEventListener('error', () => {
      created.terminate();
      if (worker !== created) return;
      worker = null;
      ready = false;
      for (const job of queue.splice(0)) job.reject(new Error('the markdown parser could not run'));
      arm();
    });
    return created;
  }

  return {
    parse(text) {
      return new Promise<Ast>((resolve, reject) => {
        const job = { id: ++nextId, text, resolve, reject };
        queue.push(job);
        post(job);
        if (queue.length === 1) arm();
      });
    },
  };
}

/** In-thread parsing, for environments without Worker. */
function createInlineParseClient(): ParseClient {
  const parser = import('@rocket.chat/message-parser');
  return {
    parse: async (text) => (await parser).parse(text, { emoticons: true }) as Ast,
  };
}

/** The client for this page: a worker when the platform has them. */
export function createParseClient(): ParseClient {
  if (typeof Worker === 'undefined') return createInlineParseClient();
  return createWorkerParseClient(() => new ParserWorker());
}
