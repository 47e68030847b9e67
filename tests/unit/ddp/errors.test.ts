import { describe, expect, it } from 'vitest';
import {
  DdpDisconnectedError,
  DdpError,
  DdpTimeoutError,
  isMethodNotFound,
  isRateLimited,
  rateLimitWaitMs,
  toDdpError,
} from '../../../lib/ddp/errors';

describe('toDdpError', () => {
  it('keeps every Meteor.Error field (SPEC F09)', () => {
    const err = toDdpError({
      isClientSafe: true,
      error: 404,
      reason: "Method 'livechat:getInitialData' not found",
      message: "Method 'livechat:getInitialData' not found [404]",
      errorType: 'Meteor.Error',
    });
    expect(err).toBeInstanceOf(DdpError);
    expect(err).toMatchObject({
      error: 404,
      reason: "Method 'livechat:getInitialData' not found",
      message: "Method 'livechat:getInitialData' not found [404]",
      errorType: 'Meteor.Error',
      isClientSafe: true,
      details: undefined,
    });
    expect(isMethodNotFound(err)).toBe(true);
  });

  it('builds Meteor’s message when the server sent none, and survives wrong types', () => {
    expect(toDdpError({ error: 'not-allowed' }).message).toBe('[not-allowed]');
    expect(toDdpError({ error: 500, reason: 'Internal server error' }).message).toBe('Internal server error [500]');
    const odd = toDdpError({ error: {}, reason: 5, message: [], isClientSafe: 'yes', errorType: 1 });
    expect(odd).toMatchObject({
      error: 'unknown-error',
      reason: undefined,
      isClientSafe: false,
      errorType: 'Meteor.Error',
    });
    expect(toDdpError('boom').error).toBe('invalid-error');
  });
});

describe('helpers', () => {
  it('isMethodNotFound wants both 404 and the reason', () => {
    expect(isMethodNotFound(toDdpError({ error: 404, reason: 'Not found' }))).toBe(false);
    expect(isMethodNotFound(toDdpError({ error: 500, reason: "Method 'x' not found" }))).toBe(false);
    expect(isMethodNotFound(new Error("Method 'x' not found"))).toBe(false);
  });

  it('recognises both rate-limit spellings and reads the wait (SPEC F56, §1.9)', () => {
    const meteor = toDdpError({ error: 'too-many-requests', details: { timeToReset: 3712 } });
    const rc = toDdpError({ error: 'error-too-many-requests', details: { seconds: 4 } });
    const reasonOnly = toDdpError({
      error: 'too-many-requests',
      reason: 'You must wait 2 seconds before trying again.',
    });
    expect(isRateLimited(meteor) && isRateLimited(rc)).toBe(true);
    expect(isRateLimited(toDdpError({ error: 'not-allowed' }))).toBe(false);
    expect(rateLimitWaitMs(meteor)).toBe(3712);
    expect(rateLimitWaitMs(rc)).toBe(4000);
    expect(rateLimitWaitMs(reasonOnly)).toBe(2000);
    expect(rateLimitWaitMs(toDdpError({ error: 'too-many-requests', details: { timeToReset: -1 } }))).toBe(1000);
  });

  it('client errors are DdpErrors with their own type', () => {
    expect(new DdpDisconnectedError('m')).toMatchObject({ error: 'disconnected', errorType: 'DdpClient.Error' });
    expect(new DdpTimeoutError('m', 5)).toBeInstanceOf(DdpError);
  });
});
