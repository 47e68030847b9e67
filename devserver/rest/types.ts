import type { IncomingHttpHeaders } from 'node:http';
import type { Desk } from '../desk';

/** A parsed REST request as the route handlers see it. */
export interface RestRequest {
  desk: Desk;
  siteUrl: string;
  /** URL parameters in pattern order (`:rid`, `:token`, …). */
  params: string[];
  query: URLSearchParams;
  /** JSON body (an object) for JSON requests; `{}` otherwise. */
  body: Record<string, unknown>;
  raw: Buffer;
  headers: IncomingHttpHeaders;
}

/** Returns the success body without `success` (the router adds `success: true`). */
export type RestHandler = (req: RestRequest) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** A failure whose status and body are exact (unauthorized, upload refusals). */
export class RestFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.error ?? body.reason ?? status));
  }
}
