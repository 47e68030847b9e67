// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from '../../../lib/ui/linkify';

describe('linkify', () => {
  it('links http(s) and mailto addresses and leaves the rest as text', () => {
    expect(linkify('see https://example.com/a?b=1 or mailto:help@example.com.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' or ' },
      { kind: 'link', text: 'mailto:help@example.com', href: 'mailto:help@example.com' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('never links other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:x',
      'file:///etc/passwd',
    ]) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('does not let a javascript: URL ride along inside a link', () => {
    const parts = linkify('http://x.test/"onclick=alert(1) javascript:alert(1)');
    const links = parts.filter((p) => p.kind === 'link');
    expect(links).toEqual([{ kind: 'link', text: 'http://x.test/', href: 'http://x.test/' }]);
    expect(parts.map((p) => p.text).join('')).toBe('http://x.test/"onclick=alert(1) javascript:alert(1)');
  });

  it('keeps a closing parenthesis only when the URL opened one', () => {
    expect(linkify('(https://example.com/x)')[1]).toMatchObject({ text: 'https://example.com/x' });
    expect(linkify('https://en.wikipedia.org/wiki/Foo_(bar)')[0]).toMatchObject({
      text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
    });
  });

  it('ignores a bare scheme', () => {
    expect(linkify('https:// nothing')).toEqual([{ kind: 'text', text: 'https:// nothing' }]);
  });
});

describe('safeHref', () => {
  it('resolves relative attachment paths against the server and refuses unsafe schemes', () => {
    expect(safeHref('/file-upload/abc/report.pdf', 'https://chat.example.com')).toBe(
      'https://chat.example.com/file-upload/abc/report.pdf',
    );
    expect(safeHref('javascript:alert(1)', 'https://chat.example.com')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});
