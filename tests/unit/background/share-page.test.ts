import { describe, expect, it, vi } from 'vitest';
import { sharePage } from '../../../lib/background/share-page';

function deps(rid: string | null = 'R1') {
  const sent: string[] = [];
  return {
    sent,
    send: (text: string) => (sent.push(text), `m${sent.length}`),
    roomId: () => rid,
    pageVisited: vi.fn(async (_rid: string, _page: { title: string; href: string }) => {}),
  };
}

describe('sharePage (worker)', () => {
  it('sends the title and the address as one message and records the visit in the open room', () => {
    const d = deps();
    expect(sharePage(d, { url: 'https://shop.example.com/cart?id=1', title: ' My\ncart ' })).toBe('m1');
    expect(d.sent).toEqual(['My cart\nhttps://shop.example.com/cart?id=1']);
    expect(d.pageVisited).toHaveBeenCalledWith('R1', { title: 'My cart', href: 'https://shop.example.com/cart?id=1' });
  });

  it('refuses anything but an http(s) address, and sends nothing', () => {
    const d = deps();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'chrome://settings', '', 'not a url']) {
      expect(() => sharePage(d, { url, title: 'x' })).toThrow(/Only web pages/);
    }
    expect(() => sharePage(d, { url: `https://a.example/${'a'.repeat(5000)}`, title: '' })).toThrow();
    expect(d.sent).toEqual([]);
    expect(d.pageVisited).not.toHaveBeenCalled();
  });

  it('still sends the message when the line keeps no history, and records none without a room', async () => {
    const d = deps();
    d.pageVisited.mockRejectedValueOnce(new Error('404 Method not found'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(sharePage(d, { url: 'https://a.example/', title: '' })).toBe('m1');
    await Promise.resolve();
    expect(d.sent).toEqual(['https://a.example/']);
    warn.mockRestore();
    const none = deps(null);
    sharePage(none, { url: 'https://a.example/', title: 'A' });
    expect(none.pageVisited).not.toHaveBeenCalled();
  });
});
