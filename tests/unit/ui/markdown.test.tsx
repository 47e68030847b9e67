// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../../components/Markdown';
import { MessageBody } from '../../../components/MessageText';
import { loadEmoji } from '../../../lib/ui/emoji';

afterEach(cleanup);

const SERVER = 'https://chat.example.com';
const text = (value: string) => ({ type: 'PLAIN_TEXT', value });
const paragraph = (...value: unknown[]) => ({ type: 'PARAGRAPH', value });
const link = (src: string, label: string) => ({ type: 'LINK', value: { src: text(src), label: [text(label)] } });

function show(ast: unknown): Element {
  return render(<Markdown ast={ast} serverUrl={SERVER} />).container;
}

describe('markdown (Rocket.Chat AST)', () => {
  it('renders the inline marks of the SPEC §3.5 shape as elements', () => {
    // `**bold** _it_ ~~st~~ \`code\`` as @rocket.chat/message-parser (and the server's `md`) give it.
    const root = show([
      paragraph(
        { type: 'BOLD', value: [text('bold')] },
        text(' '),
        { type: 'ITALIC', value: [text('it')] },
        text(' '),
        { type: 'STRIKE', value: [text('st')] },
        text(' '),
        { type: 'INLINE_CODE', value: text('x = 1') },
      ),
    ]);
    expect(root.querySelector('p strong')?.textContent).toBe('bold');
    expect(root.querySelector('p em')?.textContent).toBe('it');
    expect(root.querySelector('p s')?.textContent).toBe('st');
    expect(root.querySelector('p code')?.textContent).toBe('x = 1');
  });

  it('renders blocks: quote, code, lists, tasks, headings, tables, rules', () => {
    const root = show([
      { type: 'QUOTE', value: [paragraph(text('quoted'))] },
      {
        type: 'CODE',
        language: 'js',
        value: [
          { type: 'CODE_LINE', value: text('a()') },
          { type: 'CODE_LINE', value: text('b()') },
        ],
      },
      { type: 'UNORDERED_LIST', value: [{ type: 'LIST_ITEM', value: [text('one')] }] },
      { type: 'ORDERED_LIST', value: [{ type: 'LIST_ITEM', value: [text('third')], number: 3 }] },
      { type: 'TASKS', value: [{ type: 'TASK', status: true, value: [text('done')] }] },
      { type: 'HEADING', level: 1, value: [text('Title')] },
      {
        type: 'TABLE',
        value: {
          header: [{ type: 'TABLE_CELL', align: undefined, value: [text('h')] }],
          rows: [{ type: 'TABLE_ROW', value: [{ type: 'TABLE_CELL', align: undefined, value: [text('c')] }] }],
        },
      },
      { type: 'HORIZONTAL_RULE', value: undefined },
    ]);
    expect(root.querySelector('blockquote p')?.textContent).toBe('quoted');
    expect(root.querySelector('pre code')?.textContent).toBe('a()\nb()');
    expect(root.querySelector('ul li')?.textContent).toBe('one');
    expect(root.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(root.querySelector('.lqs-md-tasks li')?.textContent).toContain('done');
    expect(root.querySelector('.lqs-md-heading')?.textContent).toBe('Title');
    expect(root.querySelector('h1, h2, h3')).toBeNull();
    expect(root.querySelector('th')?.textContent).toBe('h');
    expect(root.querySelector('td')?.textContent).toBe('c');
    expect(root.querySelector('hr')).toBeTruthy();
  });

  it('links only http(s) and mailto, in a new tab without access to the chat', () => {
    const root = show([
      paragraph(
        link('https://example.com/help', 'help'),
        link('//example.org', 'example.org'),
        link('mailto:a@b.co', 'a@b.co'),
        link('javascript:alert(1)', 'evil'),
        link('data:text/html,<script>alert(1)</script>', 'data'),
        link('vbscript:msgbox', 'vb'),
      ),
    ]);
    const anchors = [...root.querySelectorAll('a')];
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/help',
      'https://example.org/',
      'mailto:a@b.co',
    ]);
    for (const a of anchors) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    // Refused links keep their words, as plain text.
    expect(root.textContent).toContain('evil');
    expect(root.textContent).toContain('data');
  });

  it('shows images only from http(s) sources', () => {
    const root = show([
      paragraph(
        { type: 'IMAGE', value: { src: text('https://chat.example.com/a.png'), label: text('chart') } },
        { type: 'IMAGE', value: { src: text('javascript:alert(1)'), label: text('bad') } },
      ),
    ]);
    const images = root.querySelectorAll('img');
    expect(images).toHaveLength(1);
    expect(images[0]!.getAttribute('src')).toBe('https://chat.example.com/a.png');
    expect(images[0]!.getAttribute('alt')).toBe('chart');
    expect(root.textContent).toContain('bad');
  });

  it('loads an image from another origin only when the visitor asks, naming its host', async () => {
    const root = show([
      paragraph(
        { type: 'IMAGE', value: { src: text('https://tracker.example.org/p.gif?u=1'), label: text('') } },
        { type: 'IMAGE', value: { src: text('/file-upload/x/a.png'), label: text('desk') } },
      ),
    ]);
    // The desk's own (relative) image loads; the foreign one is a button, no <img>, no request.
    expect([...root.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual([
      'https://chat.example.com/file-upload/x/a.png',
    ]);
    const gate = screen.getByRole('button', { name: 'Load image from tracker.example.org' });
    gate.click();
    await waitFor(() => expect(root.querySelectorAll('img')).toHaveLength(2));
    expect(root.querySelector('img')?.getAttribute('src')).toBe('https://tracker.example.org/p.gif?u=1');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('treats another port or scheme of the desk host as another origin', () => {
    show([
      paragraph(
        { type: 'IMAGE', value: { src: text('http://chat.example.com/a.png'), label: text('') } },
        { type: 'IMAGE', value: { src: text('https://chat.example.com:8443/b.png'), label: text('') } },
      ),
    ]);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Load image from chat.example.com',
      'Load image from chat.example.com:8443',
    ]);
  });

  it('never turns text into markup', () => {
    const root = show([paragraph(text('<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>'))]);
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.textContent).toBe('<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>');
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  it('renders unicode emoji as text and short codes once the table is loaded', async () => {
    await loadEmoji();
    const root = show([
      paragraph(
        text('Hi '),
        { type: 'EMOJI', value: text('smile'), shortCode: 'smile' },
        text(' '),
        { type: 'EMOJI', value: text(':)'), shortCode: 'slight_smile' },
        text(' '),
        { type: 'EMOJI', value: text('nope'), shortCode: 'no_such_emoji' },
      ),
      { type: 'BIG_EMOJI', value: [{ type: 'EMOJI', value: undefined, unicode: '🎉' }] },
    ]);
    expect(root.querySelector('[aria-label=":smile:"]')?.textContent).toBe('😄');
    expect(root.querySelector('[aria-label=":slight_smile:"]')?.textContent).toBe('🙂');
    expect(root.textContent).toContain(':no_such_emoji:');
    expect(root.querySelector('.lqs-md-big')?.textContent).toBe('🎉');
  });

  it('survives ASTs it does not know or that are malformed', () => {
    let deep: unknown = text('bottom');
    for (let i = 0; i < 5000; i += 1) deep = { type: 'BOLD', value: [deep] };
    const root = show([
      null,
      'string',
      { type: 'SOMETHING_NEW', value: 'future text' },
      {
        type: 'PARAGRAPH',
        value: [
          { type: 'LINK', value: null },
          { type: 'TIMESTAMP', value: { timestamp: 'x' } },
          { type: 'TIMESTAMP', value: { timestamp: '1e300', format: 't' } },
        ],
      },
      paragraph(deep),
      { value: 'no type' },
    ]);
    expect(root.textContent).toContain('future text');
    expect(root.textContent).toContain('1e300');
    expect(root.textContent).not.toContain('bottom');
    expect(show({ type: 'PARAGRAPH' }).textContent).toBe('');
    expect(show(42).textContent).toBe('');
  });

  it('prefers the message md, and parses the text with Rocket.Chat’s parser only when md is missing', async () => {
    const withMd = render(
      <MessageBody
        message={{ text: 'ignored', md: [paragraph({ type: 'BOLD', value: [text('from md')] })] }}
        serverUrl={SERVER}
      />,
    );
    expect(withMd.container.querySelector('strong')?.textContent).toBe('from md');
    withMd.unmount();

    const parsed = render(<MessageBody message={{ text: 'see **this** at https://example.com' }} serverUrl={SERVER} />);
    await waitFor(() => expect(parsed.container.querySelector('strong')?.textContent).toBe('this'));
    expect(parsed.container.querySelector('a')?.getAttribute('href')).toBe('https://example.com/');
    expect(screen.getByText('this')).toBeTruthy();
  });
});
