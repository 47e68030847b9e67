// @vitest-environment happy-dom
// Issue 14 item 9: words from the desk cannot disguise where things lead. Bidi controls are gone from names, file
// names, link labels and text; a link labelled with another host's address shows the real host; a file card
// names its host when it is not the desk's.
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentView } from '../../../components/Attachments';
import { Markdown } from '../../../components/Markdown';
import { MessageGroup } from '../../../components/MessageGroup';
import { MessageText } from '../../../components/MessageText';
import { misleadingLinkHost } from '../../../lib/ui/link-spoof';
import { message } from './messages';

afterEach(cleanup);

const SERVER = 'https://chat.example.com';
const RLO = '\u202E';
const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const text = (value: string) => ({ type: 'PLAIN_TEXT', value });
const paragraph = (...value: unknown[]) => ({ type: 'PARAGRAPH', value });
const link = (src: string, label: string) => ({ type: 'LINK', value: { src: text(src), label: [text(label)] } });

describe('bidi controls', () => {
  it('are removed from markdown text, link labels and image descriptions', () => {
    const { container } = render(
      <Markdown
        ast={[
          paragraph(
            text(`invoice ${RLO}fdp.exe\u2066x\u2069`),
            link('https://chat.example.com/a', `my ${RLO}gnp.exe`),
            {
              type: 'INLINE_CODE',
              value: text(`\u202Bcode`),
            },
          ),
        ]}
        serverUrl={SERVER}
      />,
    );
    expect(container.textContent).not.toMatch(CONTROLS);
    expect(container.textContent).toContain('invoice fdp.exex');
    expect(container.querySelector('a')?.textContent).toBe('my gnp.exe');
  });

  it('are removed from plain message text', () => {
    const { container } = render(<MessageText text={`see ${RLO}https://x.example.com/gnp.exe and \u202Dmore`} />);
    expect(container.textContent).not.toMatch(CONTROLS);
  });

  it('are removed from file names and captions', () => {
    const { container } = render(
      <AttachmentView
        attachment={{ title: `photo${RLO}gnp.exe`, description: `\u202Asee`, url: `${SERVER}/file-upload/1/x` }}
        serverUrl={SERVER}
      />,
    );
    expect(container.textContent).not.toMatch(CONTROLS);
    expect(container.textContent).toContain('photognp.exe');
  });

  it('are removed from the agent name over a group of messages', () => {
    const { container } = render(
      <MessageGroup
        group={{
          kind: 'group',
          key: 'g',
          from: 'agent',
          authorId: 'a',
          authorName: `Maria ${RLO}troppus`,
          messages: [message('m1', 'agent', 'hi')],
        }}
        agentLabel={null}
        serverUrl={SERVER}
        connected
        onRetry={() => undefined}
        own={null}
      />,
    );
    expect(container.querySelector('.lqs-group__name')?.textContent).toBe('Maria troppus');
  });
});

describe('links that claim another address', () => {
  it('show the host they really lead to', () => {
    const { container } = render(
      <Markdown
        ast={[
          paragraph(
            link('https://evil.example.net/login', 'https://bank.example.com/login'),
            link('https://evil.example.net/login', 'bank.example.com'),
            link('https://bank.example.com/login', 'https://www.bank.example.com/'),
            link('https://evil.example.net/login', 'our login page'),
          ),
        ]}
        serverUrl={SERVER}
      />,
    );
    const anchors = [...container.querySelectorAll('a')].map((a) => a.textContent);
    expect(anchors).toEqual([
      'https://bank.example.com/login (leads to evil.example.net)',
      'bank.example.com (leads to evil.example.net)',
      'https://www.bank.example.com/',
      'our login page',
    ]);
  });

  it('judges labels by host only', () => {
    expect(misleadingLinkHost('https://a.example.com/x', 'https://a.example.com/y')).toBeNull();
    expect(misleadingLinkHost('a.example.com', 'https://b.example.com:8443/')).toBe('b.example.com:8443');
    expect(misleadingLinkHost('call us', 'https://b.example.com/')).toBeNull();
    expect(misleadingLinkHost('x@example.com', 'mailto:x@example.com')).toBeNull();
  });
});

describe('file cards', () => {
  it('name their host when it is not the desk', () => {
    const foreign = render(
      <AttachmentView
        attachment={{ title: 'report.pdf', url: 'https://files.example.org/r.pdf' }}
        serverUrl={SERVER}
      />,
    );
    expect(foreign.container.textContent).toContain('from files.example.org');
    cleanup();
    const own = render(
      <AttachmentView attachment={{ title: 'report.pdf', url: `${SERVER}/file-upload/1/r.pdf` }} serverUrl={SERVER} />,
    );
    expect(own.container.textContent).not.toContain('from');
  });
});
