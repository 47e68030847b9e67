/** Public surface of `lib/ddp`: a generic DDP client that knows nothing about Rocket.Chat or browsers. */
export { createDdpClient, systemClock } from './client';
export {
  clientError,
  DdpClosedError,
  DdpDisconnectedError,
  DdpError,
  DdpTimeoutError,
  isMethodNotFound,
  isRateLimited,
  rateLimitWaitMs,
  toDdpError,
} from './errors';
export { EjsonCustom, EjsonError, parseEjson, stringifyEjson } from './ejson';
export { toWebSocketUrl } from './url';
export type * from './types';
