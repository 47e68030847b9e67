/**
 * `/api/v1/*`: route matching per profile, CORS as Rocket.Chat sends it, the per-route rate limiter with its
 * headers (SPEC §1.9), error bodies (SPEC §2.4) and the call log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Desk } from '../desk';
import { toRestErrorBody } from '../errors';
import type { FaultState } from '../faults';
import { BodyTooLargeError, parseJson, readBody, sendJson } from '../http';
import type { CallLog } from '../log';
import type { RateLimiter } from '../ratelimit';
import { messageRoutes } from './message-routes';
import { roomRoutes } from './room-routes';
import { DuplicateMessageError } from '../rooms';
import { RestFailure, type RestHandler } from './types';
import { settingsRoutes } from './settings-routes';
import { uploadRoutes } from './upload';
import { visitorRoutes } from './visitor-routes';

export { serveUploadedFile } from './upload';

export interface RestContext {
  desk: Desk;
  faults: FaultState;
  log: CallLog;
  limiter: RateLimiter;
  rateLimits: boolean;
  siteUrl: string;
}

interface Route {
  key: string;
  method: string;
  pattern: RegExp;
  handler: RestHandler;
}

const ROUTES: Route[] = [...visitorRoutes, ...roomRoutes, ...messageRoutes, ...uploadRoutes, ...settingsRoutes].map(
  ([method, path, handler]) => ({
    key: `${method} ${path}`,
    method,
    pattern: new RegExp(`^/api/v1/${path.replace(/\./g, '\\.').replace(/:[^/]+/g, '([^/]+)')}$`),
    handler,
  }),
);

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, HEAD, PATCH',
  'Access-Control-Allow-Headers':
    'Origin, X-Requested-With, Content-Type, Accept, X-User-Id, X-Auth-Token, x-visitor-token, Authorization',
};

const DEFAULT_LIMIT = { calls: 10, ms: 60_000 };
const MAX_BODY = 110 * 1024 * 1024;

function rateLimitHeaders(ctx: RestContext, route: Route, ip: string) {
  const rule = ctx.desk.caps.routeLimits[route.key] ?? DEFAULT_LIMIT;
  const decision = ctx.limiter.hit(`rest:${ip}:${route.key}`, rule.calls, rule.ms);
  const headers = {
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Reset': String(decision.resetAt),
  };
  return { decision, headers };
}

/** Handles one `/api/...` request. */
export async function handleRest(ctx: RestContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(200, CORS);
    res.end();
    return;
  }
  const record = (status: number, name: string, error?: string, duplicate = false) =>
    ctx.log.record(
      {
        transport: 'rest',
        kind: method,
        name,
        status,
        outcome: status < 400 ? 'ok' : 'error',
        ...(error ? { error } : {}),
      },
      duplicate
        ? {
            kind: 'error',
            rule: 'duplicate-id',
            what: `rest ${method} ${name}`,
            why: 'the message _id is stored already',
          }
        : undefined,
    );
  if (method === 'GET' && url.pathname === '/api/info') {
    // `getServerInfo` without a login: `major.minor` only (RC#16050 removed the patch number).
    record(200, url.pathname);
    sendJson(res, 200, { version: ctx.desk.caps.version, success: true }, CORS);
    return;
  }
  const route = ROUTES.find(
    (r) => r.method === method && r.pattern.test(url.pathname) && !ctx.desk.caps.missingRoutes.has(r.key),
  );
  if (!route) {
    record(404, url.pathname, 'not-found');
    sendJson(res, 404, { status: 'error', message: 'API endpoint does not exist' }, CORS);
    return;
  }
  let headers: Record<string, string> = { ...CORS, Vary: 'Origin' };
  if (ctx.rateLimits) {
    const limit = rateLimitHeaders(ctx, route, req.socket.remoteAddress ?? '');
    headers = { ...headers, ...limit.headers };
    if (!limit.decision.allowed) {
      const seconds = Math.ceil(limit.decision.timeToReset / 1000);
      record(429, url.pathname, 'error-too-many-requests');
      sendJson(
        res,
        429,
        {
          success: false,
          error: `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying this endpoint again. [error-too-many-requests]`,
        },
        headers,
      );
      return;
    }
  }
  try {
    const raw = await readBody(req, MAX_BODY);
    if (route.key.includes('upload') && !(await slowLink(ctx.faults.slowUploadMs, res))) {
      // The visitor cancelled (or the link died) before the server had the file: no message, only this entry.
      record(499, url.pathname, 'client-aborted');
      return;
    }
    const isJson = (req.headers['content-type'] ?? '').includes('json') || (raw.length > 0 && raw[0] === 0x7b);
    const parsed = isJson && !route.key.includes('upload') ? parseJson(raw) : {};
    const body =
      parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    const params = (route.pattern.exec(url.pathname) ?? []).slice(1).map((p) => decodeURIComponent(p));
    const result = await route.handler({
      desk: ctx.desk,
      siteUrl: ctx.siteUrl,
      params,
      query: url.searchParams,
      body,
      raw,
      headers: req.headers,
    });
    record(200, url.pathname);
    sendJson(res, 200, { ...result, success: true }, headers);
  } catch (err) {
    if (!req.complete) {
      record(499, url.pathname, 'client-aborted');
      return;
    }
    const [status, body] =
      err instanceof RestFailure
        ? [err.status, err.body]
        : err instanceof SyntaxError || err instanceof BodyTooLargeError
          ? [400, { success: false, error: err.message }]
          : [400, toRestErrorBody(err)];
    record(
      status,
      url.pathname,
      String(body.errorType ?? body.error ?? body.reason),
      err instanceof DuplicateMessageError,
    );
    sendJson(res, status, body, headers);
  }
}

/** Waits `ms` as a slow upload link would; false when the client went away meanwhile. */
function slowLink(ms: number, res: ServerResponse): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', gone);
      resolve(!res.destroyed);
    }, ms);
    const gone = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once('close', gone);
  });
}
