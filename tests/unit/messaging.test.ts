import { describe, expect, it } from 'vitest';
import { isRequest, PROTOCOL_VERSION } from '../../lib/messaging';

describe('isRequest', () => {
  it('accepts a well-formed request and rejects anything else', () => {
    expect(isRequest({ v: PROTOCOL_VERSION, kind: 'request', id: '1', op: 'chat/seen', params: null })).toBe(true);
    expect(isRequest({ v: 99, kind: 'request', id: '1', op: 'chat/seen' })).toBe(false);
    expect(isRequest(null)).toBe(false);
    expect(isRequest('chat/seen')).toBe(false);
  });
});
