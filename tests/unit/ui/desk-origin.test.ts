import { describe, expect, it } from 'vitest';
import { deskOrigin, foreignHost, isDeskUrl } from '../../../lib/ui/desk-origin';

const DESK = 'https://chat.example.com/livechat';

describe('desk origin', () => {
  it('is the scheme, host and port of the configured server', () => {
    expect(deskOrigin(DESK)).toBe('https://chat.example.com');
    expect(deskOrigin(null)).toBeNull();
    expect(deskOrigin('not a url')).toBeNull();
  });

  it('accepts only addresses on that origin, relative ones included', () => {
    expect(isDeskUrl('https://chat.example.com/file-upload/a.png', DESK)).toBe(true);
    expect(isDeskUrl('/avatar/maria', DESK)).toBe(true);
    expect(isDeskUrl('http://chat.example.com/a.png', DESK)).toBe(false);
    expect(isDeskUrl('https://chat.example.com.evil.org/a.png', DESK)).toBe(false);
    expect(isDeskUrl('https://chat.example.com@evil.org/a.png', DESK)).toBe(false);
    expect(isDeskUrl('//evil.org/a.png', DESK)).toBe(false);
    expect(isDeskUrl('https://chat.example.com/a.png', null)).toBe(false);
  });

  it('names the host of anything else', () => {
    expect(foreignHost('https://chat.example.com/a.png', DESK)).toBeNull();
    expect(foreignHost('https://tracker.example.org:8080/p?x', DESK)).toBe('tracker.example.org:8080');
    expect(foreignHost('https://chat.example.com@evil.org/', DESK)).toBe('evil.org');
  });
});
