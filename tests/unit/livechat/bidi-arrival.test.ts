// Issue 14 item 9 at the boundary: bidi embedding, override and isolate controls in anything the server sends
// (message text, author names, attachment titles, desk texts) are gone as soon as it is read.
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../../lib/livechat/normalize-config';
import { normalizeMessage } from '../../../lib/livechat/normalize-message';

const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const RLO = '\u202E';

describe('bidi controls on arrival', () => {
  it('are removed from a message, its author and its attachments', () => {
    const message = normalizeMessage(
      {
        _id: 'm1',
        rid: 'R1',
        msg: `invoice ${RLO}fdp.exe`,
        ts: { $date: 1 },
        u: { _id: 'a1', username: `maria${RLO}`, name: `Maria ${RLO}troppus` },
        attachments: [{ title: `photo${RLO}gnp.exe`, title_link: '/file-upload/x', description: `\u2067see\u2069` }],
      },
      { token: 'tok', baseUrl: 'https://chat.example.com' },
    );
    expect(message).not.toBeNull();
    expect(JSON.stringify(message)).not.toMatch(CONTROLS);
    expect(message?.text).toBe('invoice fdp.exe');
    expect(message?.author.name).toBe('Maria troppus');
    expect(message?.attachments[0]?.title).toBe('photognp.exe');
  });

  it('are removed from the desk configuration', () => {
    const config = normalizeConfig({
      config: { theme: { title: `Acme ${RLO}troppuS` }, messages: { offlineMessage: `\u202Bclosed` } },
    });
    expect(JSON.stringify(config)).not.toMatch(CONTROLS);
    expect(config.title).toBe('Acme troppuS');
  });
});
