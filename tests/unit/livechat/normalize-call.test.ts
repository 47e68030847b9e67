import { describe, expect, it } from 'vitest';
import { httpsUrl } from '../../../lib/livechat/normalize-call';
import { normalizeMessage } from '../../../lib/livechat/normalize-message';

const context = { token: 'tok-1', baseUrl: 'https://desk.example.com/' };
const base = { _id: 'm1', rid: 'R1', u: { _id: 'a1', username: 'jane' }, ts: { $date: 1 } };

function videoconf(url: unknown, extra: Record<string, unknown> = {}) {
  return {
    ...base,
    t: 'videoconf',
    msg: '',
    blocks: [
      { type: 'section', appId: 'videoconf-core', text: { type: 'mrkdwn', text: 'jane started a call' } },
      {
        type: 'actions',
        appId: 'videoconf-core',
        blockId: 'C1',
        elements: [{ appId: 'videoconf-core', blockId: 'C1', actionId: 'joinLivechat', type: 'button', url }],
      },
    ],
    ...extra,
  };
}

describe('video call messages', () => {
  it('reads the join link of a videoconf block message (6.x+)', () => {
    expect(normalizeMessage(videoconf('https://meet.jit.si/C1'), context)?.call).toEqual({
      url: 'https://meet.jit.si/C1',
      ended: false,
    });
  });

  it('reads a Jitsi call link from customFields (jitsi_call_started, livechat_video_call)', () => {
    for (const t of ['jitsi_call_started', 'livechat_video_call']) {
      const raw = { ...base, t, msg: '', customFields: { jitsiCallUrl: 'https://meet.jit.si/RocketChatR1' } };
      expect(normalizeMessage(raw, context)?.call).toEqual({ url: 'https://meet.jit.si/RocketChatR1', ended: false });
    }
  });

  it("builds a WebRTC call's link on the desk's /meet page and reads its end", () => {
    const raw = { ...base, t: 'livechat_webrtc_video_call', msg: 'Join my room to start the video call' };
    expect(normalizeMessage(raw, context)?.call).toEqual({
      url: 'https://desk.example.com/meet/R1?token=tok-1',
      ended: false,
    });
    expect(normalizeMessage({ ...raw, webRtcCallEndTs: { $date: 5 } }, context)?.call?.ended).toBe(true);
  });

  it('keeps no link that is not https, carries credentials, is too long or is not a string', () => {
    const bad = [
      'http://meet.example.com/x',
      'javascript:alert(1)',
      'data:text/html,x',
      'https://user:pw@meet.example.com/x',
      `https://meet.example.com/${'a'.repeat(5000)}`,
      '/relative',
      42,
      { href: 'https://x' },
    ];
    for (const url of bad) expect(normalizeMessage(videoconf(url), context)?.call).toEqual({ url: null, ended: false });
  });

  it('ignores buttons of other apps and looks at a bounded number of blocks', () => {
    const other = videoconf('https://meet.jit.si/C1');
    (other.blocks[1] as Record<string, unknown>).appId = 'some-app';
    expect(normalizeMessage(other, context)?.call?.url).toBeNull();
    const filler = Array.from({ length: 50 }, () => ({ type: 'section', appId: 'videoconf-core' }));
    const late = videoconf('https://meet.jit.si/C1');
    late.blocks = [...filler, ...late.blocks] as typeof late.blocks;
    expect(normalizeMessage(late, context)?.call?.url).toBeNull();
  });

  it('gives other messages no call', () => {
    expect(
      normalizeMessage({ ...base, msg: 'hi', customFields: { jitsiCallUrl: 'https://x.test' } }, context)?.call,
    ).toBeUndefined();
    expect(normalizeMessage({ ...base, t: 'uj', msg: '' }, context)?.call).toBeUndefined();
  });

  it('httpsUrl keeps a clean https link as a URL string', () => {
    expect(httpsUrl('https://meet.jit.si/a b')).toBe('https://meet.jit.si/a%20b');
    expect(httpsUrl('')).toBeNull();
  });
});
