import { describe, expect, it } from 'vitest';
import { withFileAccess } from '../../../lib/livechat/file-access';
import { normalizeMessage } from '../../../lib/livechat/normalize-message';

const access = { baseUrl: 'https://chat.example.com/support', token: 'tok en', rid: 'R1' };

describe('withFileAccess', () => {
  it("adds the visitor's credentials to the desk's own uploads", () => {
    expect(withFileAccess('https://chat.example.com/support/file-upload/f1/a.png', access)).toBe(
      'https://chat.example.com/support/file-upload/f1/a.png?rc_token=tok+en&rc_rid=R1&rc_room_type=l',
    );
  });

  it('never sends them to another origin, another path of the desk, or without a token and room', () => {
    for (const url of [
      'https://evil.example.com/support/file-upload/f1/a.png',
      'http://chat.example.com/support/file-upload/f1/a.png',
      'https://chat.example.com:8443/support/file-upload/f1/a.png',
      'https://chat.example.com/support/avatar/maria',
      'https://chat.example.com/file-upload/f1/a.png',
      'not a url',
    ]) {
      expect(withFileAccess(url, access), url).toBe(url);
    }
    const url = 'https://chat.example.com/support/file-upload/f1/a.png';
    expect(withFileAccess(url, { ...access, token: '' })).toBe(url);
    expect(withFileAccess(url, { ...access, rid: '' })).toBe(url);
  });

  it("is applied to a message's attachment links and image, with the message's room, never to its title", () => {
    const m = normalizeMessage(
      {
        _id: 'm',
        rid: 'R9',
        attachments: [
          { title_link: '/support/file-upload/f/a.png', image_url: '/support/file-upload/f/a.png' },
          { title: 'elsewhere', title_link: 'https://cdn.example.net/file-upload/f/b.png' },
        ],
      },
      { token: 'T', baseUrl: 'https://chat.example.com/support' },
    );
    const [own, foreign] = m?.attachments ?? [];
    expect(own?.url).toBe('https://chat.example.com/support/file-upload/f/a.png?rc_token=T&rc_rid=R9&rc_room_type=l');
    expect(own?.imageUrl).toBe(own?.url);
    expect(own?.title).toBe('https://chat.example.com/support/file-upload/f/a.png');
    expect(foreign?.url).toBe('https://cdn.example.net/file-upload/f/b.png');
  });
});
