/**
 * A second origin on loopback that records every request it receives: the tracker behind a planted image, the
 * target of a cross-origin redirect, a foreign file host. Tests assert on `requests` (zero before a click, one
 * after; nothing after a refused redirect). Each test can script answers per path; by default every GET gets a
 * 1×1 PNG so an image that does load is counted once and renders.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived: method, path with query, headers (lower-case names) and body text. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type Responder = (req: RecordedRequest, res: ServerResponse) => void;

export interface HostileOrigin {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  origin: string;
  /** `127.0.0.1:PORT`, what a placeholder naming the host shows. */
  host: string;
  /** Every request so far, oldest first. */
  requests: RecordedRequest[];
  /** Answers requests to `path` (exact, without the query) with `responder` instead of the PNG. */
  on(path: string, responder: Responder): void;
  /** Answers `path` with a redirect to `location` (307 keeps method, body and, in a naive client, headers). */
  redirect(path: string, location: string, status?: number): void;
  close(): Promise<void>;
}

/** The smallest valid PNG (1×1, transparent). */
export const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Starts a recording origin on 127.0.0.1 with a free port. */
export async function startHostileOrigin(): Promise<HostileOrigin> {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, Responder>();
  const server = createServer((req, res) => {
    void readAll(req).then((body) => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body,
      };
      requests.push(recorded);
      const responder = routes.get(recorded.path.split('?')[0] ?? '/');
      if (responder) return responder(recorded, res);
      res.writeHead(200, {
        'content-type': 'image/png',
        'cache-control': 'no-store',
        'access-control-allow-origin': '*',
      });
      res.end(PIXEL);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    origin: `http://${host}`,
    host,
    requests,
    on: (path, responder) => void routes.set(path, responder),
    redirect(path, location, status = 307) {
      routes.set(path, (_req, res) => {
        res.writeHead(status, { location, 'access-control-allow-origin': '*' });
        res.end();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
