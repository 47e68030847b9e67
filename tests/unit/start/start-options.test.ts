import { describe, expect, it } from 'vitest';
import { readStartOptions } from '../../../scripts/start-options';

describe('readStartOptions', () => {
  it('defaults to port 3000 and the devserver default profile', () => {
    expect(readStartOptions({})).toEqual({ port: 3000 });
    expect(readStartOptions({ DEVSERVER_PORT: ' ', DEVSERVER_PROFILE: '' })).toEqual({ port: 3000 });
  });

  it('reads DEVSERVER_PORT and DEVSERVER_PROFILE', () => {
    expect(readStartOptions({ DEVSERVER_PORT: '4100', DEVSERVER_PROFILE: 'v7' })).toEqual({
      port: 4100,
      profile: 'v7',
    });
    expect(readStartOptions({ DEVSERVER_PORT: '0' })).toEqual({ port: 0 });
  });

  it.each(['abc', '-1', '3.5', '65536', '0x10'])('rejects DEVSERVER_PORT=%s', (value) => {
    expect(() => readStartOptions({ DEVSERVER_PORT: value })).toThrow(
      `DEVSERVER_PORT=${value} is not a port number (0-65535)`,
    );
  });

  it('rejects an unknown profile and names the accepted ones', () => {
    expect(() => readStartOptions({ DEVSERVER_PROFILE: 'v9' })).toThrow(
      'DEVSERVER_PROFILE=v9 is not one of legacy, v6, v7, v8',
    );
  });
});
