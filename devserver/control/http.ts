/** `/control/*` over HTTP: the `Control` functions as JSON routes, plus Server-Sent Events and the log. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OperationError } from '../agents';
import { parseJson, readBody, sendJson } from '../http';
import type { Control } from './api';

type Handler = (control: Control, params: string[], body: unknown, url: URL) => unknown;

const ROUTES: { method: string; pattern: RegExp; handler: Handler }[] = [
  { method: 'GET', pattern: /^\/control\/state$/, handler: (c) => c.state() },
  {
    method: 'GET',
    pattern: /^\/control\/log$/,
    handler: (c, _p, _b, url) => c.log(Number(url.searchParams.get('since') ?? 0) || 0),
  },
  {
    method: 'GET',
    pattern: /^\/control\/violations$/,
    handler: (c, _p, _b, url) => c.violations(Number(url.searchParams.get('since') ?? 0) || 0),
  },
  {
    method: 'POST',
    pattern: /^\/control\/rooms\/([^/]+)\/take$/,
    handler: (c, [rid], body) => c.take(rid ?? '', body as never),
  },
  {
    method: 'POST',
    pattern: /^\/control\/rooms\/([^/]+)\/say$/,
    handler: (c, [rid], body) => c.say(rid ?? '', body as never),
  },
  {
    method: 'POST',
    pattern: /^\/control\/rooms\/([^/]+)\/raw$/,
    handler: (c, [rid], body) => c.raw(rid ?? '', body as never),
  },
  {
    method: 'POST',
    pattern: /^\/control\/rooms\/([^/]+)\/call$/,
    handler: (c, [rid], body) => c.call(rid ?? '', body as never),
  },
  {
    method: 'POST',
    pattern: /^\/control\/rooms\/([^/]+)\/end-call$/,
    handler: (c, [rid], body) => c.endCall(rid ?? '', body as never),
  },
  {
    method: 'POST',
    pattern: /^\/control\/rooms\/([^/]+)\/typing$/,
    handler: (c, [rid], body) => c.typing(rid ?? '', body as never),
  },
  {
    method: 'POST',
    pattern: /^\/control\/rooms\/([^/]+)\/edit$/,
    handler: (c, [rid], body) => c.edit(rid ?? '', body as never),
  },
  {
    method: 'POST',
    pattern: /^\/control\/rooms\/([^/]+)\/delete$/,
    handler: (c, [rid], body) => c.delete(rid ?? '', body as never),
  },
  {
    method: 'POST',
    pattern: /^\/control\/rooms\/([^/]+)\/transfer$/,
    handler: (c, [rid], body) => c.transfer(rid ?? '', body as never),
  },
  {
    method: 'POST',
    pattern: /^\/control\/rooms\/([^/]+)\/close$/,
    handler: (c, [rid], body) => c.close(rid ?? '', body as never),
  },
  {
    method: 'POST',
    pattern: /^\/control\/agents\/([^/]+)\/status$/,
    handler: (c, [name], body) => c.agentStatus(name ?? '', body as never),
  },
  { method: 'POST', pattern: /^\/control\/settings$/, handler: (c, _p, body) => c.settings(body as never) },
  { method: 'POST', pattern: /^\/control\/reset$/, handler: (c) => c.reset() },
  { method: 'POST', pattern: /^\/control\/faults$/, handler: (c, _p, body) => c.setFaults(body as never) },
];

/** Streams state events as SSE until the client goes away. */
function streamEvents(control: Control, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'Access-Control-Allow-Origin': '*',
  });
  res.write('event: hello\ndata: {}\n\n');
  const stop = control.events((event) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  const end = () => {
    stop();
    clearInterval(keepAlive);
  };
  req.on('close', end);
  res.on('close', end);
}

/** Handles a `/control/...` request. */
export async function handleControl(
  control: Control,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const cors = { 'Access-Control-Allow-Origin': '*' };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...cors,
      'Access-Control-Allow-Methods': 'GET, POST',
      'Access-Control-Allow-Headers': 'Content-Type',
    });
    res.end();
    return;
  }
  if (req.method === 'GET' && url.pathname === '/control/events') {
    streamEvents(control, req, res);
    return;
  }
  for (const route of ROUTES) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    if (req.method !== route.method) {
      sendJson(res, 405, { error: `use ${route.method}` }, cors);
      return;
    }
    try {
      const body = req.method === 'POST' ? parseJson(await readBody(req, 1024 * 1024)) : undefined;
      const params = match.slice(1).map((p) => decodeURIComponent(p));
      sendJson(res, 200, route.handler(control, params, body, url) ?? { ok: true }, cors);
    } catch (err) {
      const status = err instanceof OperationError ? err.status : 400;
      sendJson(res, status, { error: err instanceof Error ? err.message : String(err) }, cors);
    }
    return;
  }
  sendJson(res, 404, { error: `no control route ${req.method} ${url.pathname}` }, cors);
}
