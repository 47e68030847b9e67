import { describe, expect, it } from 'vitest';
import { isCleartextUrl, isLoopbackHost } from '../../lib/cleartext';

describe('cleartext', () => {
  it('knows the loopback names and addresses', () => {
    for (const host of ['localhost', 'LOCALHOST', 'desk.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['chat.example.com', '128.0.0.1', '10.0.0.1', '192.168.1.1', 'localhost.example.com', '::2']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('calls http:// to anything but loopback unencrypted', () => {
    expect(isCleartextUrl('http://chat.example.com')).toBe(true);
    expect(isCleartextUrl('http://192.168.1.10:3000/chat')).toBe(true);
    expect(isCleartextUrl('ws://chat.example.com/websocket')).toBe(true);
    expect(isCleartextUrl('https://chat.example.com')).toBe(false);
    expect(isCleartextUrl('http://127.0.0.1:3000')).toBe(false);
    expect(isCleartextUrl('http://127.1:3000')).toBe(false);
    expect(isCleartextUrl('http://[::1]:3000')).toBe(false);
    expect(isCleartextUrl('http://localhost:3000')).toBe(false);
    expect(isCleartextUrl('not a url')).toBe(false);
  });
});
