import { describe, expect, it } from 'vitest';
import {
  conversationHtml,
  conversationText,
  exportFileName,
  type ConversationExport,
} from '../../../lib/export/conversation';
import type { ChatMessage } from '../../../lib/livechat/types';

const AGENT = { id: 'a1', username: 'maria', name: 'Maria Souza' };
const VISITOR = { id: 'v1', username: 'guest-1', name: 'Ana Lima' };

function msg(id: string, ts: number, from: ChatMessage['from'], text: string, extra: Partial<ChatMessage> = {}) {
  return {
    id,
    rid: 'R1',
    text,
    ts,
    updatedAt: ts,
    editedAt: null,
    author: from === 'visitor' ? VISITOR : AGENT,
    from,
    type: null,
    attachments: [],
    ...extra,
  } satisfies ChatMessage;
}

function input(messages: ChatMessage[], extra: Partial<ConversationExport> = {}): ConversationExport {
  return {
    desk: { title: 'Acme <Support>', accent: '#4f46e5', onAccent: '#ffffff' },
    messages,
    labels: {
      heading: 'Conversation with Acme <Support>',
      subtitle: 'Saved',
      you: 'You',
      agent: 'An agent',
      edited: '(edited)',
    },
    systemLine: (m) => (m.type === 'uj' ? `${m.author.name} joined` : null),
    formatTime: (ts) => `t${ts}`,
    lang: 'en',
    ...extra,
  };
}

const CONVERSATION = [
  msg('m3', 3000, 'visitor', 'third'),
  msg('m1', 1000, 'visitor', 'first'),
  msg('j', 1500, 'system', '', { type: 'uj' }),
  msg('hidden', 1600, 'system', '', { type: 'livechat-started' }),
  msg('m2', 2000, 'agent', 'second', { editedAt: 2500 }),
  msg('m1', 1000, 'visitor', 'first'),
];

describe('a copy of the conversation', () => {
  it('has every message once, in order, system lines as text, in HTML and in plain text', () => {
    const html = conversationHtml(input(CONVERSATION));
    const order = ['first', 'Maria Souza joined', 'second', 'third'].map((text) => html.indexOf(text));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual(order.toSorted((a, b) => a - b));
    expect(html.match(/first/g)).toHaveLength(1);
    expect(html).not.toContain('livechat-started');

    const text = conversationText(input(CONVERSATION));
    expect(text).toBe(
      [
        'Conversation with Acme <Support>',
        'Saved',
        '',
        '[t1000] Ana Lima:',
        '  first',
        '',
        '[t1500] — Maria Souza joined —',
        '',
        '[t2000] Maria Souza (edited):',
        '  second',
        '',
        '[t3000] Ana Lima:',
        '  third',
        '',
      ].join('\n'),
    );
  });

  it('escapes every text: HTML and script in a message stay inert', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)> "quotes" & \'apos\'';
    const html = conversationHtml(
      input([
        msg('x', 1, 'agent', evil, {
          author: { id: 'a', username: 'u', name: '<b onmouseover=alert(3)>Eve</b>' },
          attachments: [{ title: '<i>file</i>"', url: 'https://chat.example.com/a?x="><script>' }],
        }),
      ]),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b onmouseover/i);
    expect(html).not.toMatch(/<i>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quotes&quot; &amp; &#39;apos&#39;');
    expect(html).toContain('<title>Conversation with Acme &lt;Support&gt;</title>');
    // Nothing loads and nothing runs, even if something slipped through.
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    // No element anywhere has a source or an event handler.
    expect(html).not.toMatch(/<[^>]*\s(?:src|on[a-z]+)=/i);
  });

  it('links files and images only when http(s), never as an image, and without the visitor’s file credentials', () => {
    const html = conversationHtml(
      input([
        msg('f', 1, 'visitor', '', {
          attachments: [
            {
              title: 'photo.png',
              url: 'https://chat.example.com/file-upload/F1/photo.png?rc_token=SECRET&rc_rid=R1&rc_room_type=l&v=2',
              imageUrl: 'https://chat.example.com/file-upload/F1/photo.png?rc_token=SECRET',
            },
            { title: 'bad', url: 'javascript:alert(1)' },
            { title: 'data', url: 'data:text/html,<script>alert(1)</script>' },
            { title: 'creds', url: 'https://user:pass@chat.example.com/x' },
            { title: 'relative', url: '/file-upload/F2/x' },
          ],
        }),
      ]),
    );
    expect(html).toContain(
      '<a href="https://chat.example.com/file-upload/F1/photo.png?v=2" rel="noopener noreferrer">photo.png</a>',
    );
    expect(html).not.toContain('SECRET');
    expect(html).not.toMatch(/javascript:|data:text|user:pass|\/file-upload\/F2/);
    expect(html).not.toMatch(/<img/i);
    const text = conversationText(
      input([msg('f', 1, 'visitor', 'see', { attachments: [{ title: 'a.pdf', url: 'http://x.example/a.pdf' }] })]),
    );
    expect(text).toContain('  a.pdf <http://x.example/a.pdf>');
  });

  it('carries the desk’s name and colours, and refuses a colour that is not one', () => {
    const html = conversationHtml(input([msg('a', 1, 'agent', 'hi')]));
    expect(html).toContain('header{background:#4f46e5;color:#ffffff;');
    const odd = conversationHtml(
      input([msg('a', 1, 'agent', 'hi')], { desk: { title: 'X', accent: 'red;}</style><script>', onAccent: 'x' } }),
    );
    expect(odd).not.toContain('</style><script>');
    expect(odd).toContain('header{background:#4b5563;color:#ffffff;');
  });

  it('names the file after the desk and the time', () => {
    expect(exportFileName('Acme Suppört / Help!', new Date(2026, 11, 7, 1, 5).getTime(), 'html')).toBe(
      'acme-support-help-2026-12-07-0105.html',
    );
    expect(exportFileName('日本', new Date(2026, 0, 2, 3, 4).getTime(), 'txt')).toBe(
      'conversation-2026-01-02-0304.txt',
    );
  });
});
