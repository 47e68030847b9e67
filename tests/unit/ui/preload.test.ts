// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"disableCSSFileLoading": true, "handleDisabledFileLoadingAsSuccess": true}}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { __vitePreload } from '../../../lib/ui/preload';

const links = (): Array<[string, string | null]> =>
  [...document.head.querySelectorAll('link')].map((link) => [
    link.getAttribute('rel') ?? '',
    link.getAttribute('href'),
  ]);
const sheet = (href: string): HTMLLinkElement => document.head.querySelector(`link[href="${href}"]`)!;
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.head.replaceChildren();
});

describe('__vitePreload (the build routes Vite’s dynamic imports here)', () => {
  it('runs the import once the part’s stylesheets have loaded, its chunks preloaded beside it', async () => {
    const load = vi.fn(() => Promise.resolve('part'));
    const result = __vitePreload(load, ['assets/a-1.css', 'chunks/b-2.js']);
    expect(links()).toEqual([
      ['stylesheet', '/assets/a-1.css'],
      ['modulepreload', '/chunks/b-2.js'],
    ]);
    await settle();
    expect(load).not.toHaveBeenCalled();
    sheet('/assets/a-1.css').dispatchEvent(new Event('load'));
    await expect(result).resolves.toBe('part');
    expect(load).toHaveBeenCalledOnce();
  });

  it('runs an import without files at once', async () => {
    await expect(__vitePreload(() => Promise.resolve(1))).resolves.toBe(1);
    await expect(__vitePreload(() => Promise.resolve(2), [])).resolves.toBe(2);
    expect(links()).toEqual([]);
  });

  it('fails the import when a stylesheet does not load, and does not run it', async () => {
    const load = vi.fn(() => Promise.resolve('part'));
    const result = __vitePreload(load, ['assets/broken-3.css']);
    sheet('/assets/broken-3.css').dispatchEvent(new Event('error'));
    await expect(result).rejects.toThrow('/assets/broken-3.css');
    expect(load).not.toHaveBeenCalled();
  });

  it('makes a second part that needs a stylesheet still loading wait for it too, and links it once', async () => {
    const first = vi.fn(() => Promise.resolve('first'));
    const second = vi.fn(() => Promise.resolve('second'));
    const a = __vitePreload(first, ['assets/forms-4.css']);
    const b = __vitePreload(second, ['assets/forms-4.css', 'chunks/c-5.js']);
    await settle();
    expect(second).not.toHaveBeenCalled();
    expect(links().filter(([, href]) => href === '/assets/forms-4.css')).toHaveLength(1);
    sheet('/assets/forms-4.css').dispatchEvent(new Event('load'));
    await expect(Promise.all([a, b])).resolves.toEqual(['first', 'second']);
  });

  it('links nothing the page already links (a stylesheet of the HTML)', async () => {
    const own = document.createElement('link');
    own.rel = 'stylesheet';
    own.href = '/assets/page-6.css';
    document.head.append(own);
    await expect(__vitePreload(() => Promise.resolve('part'), ['assets/page-6.css'])).resolves.toBe('part');
    expect(links()).toEqual([['stylesheet', '/assets/page-6.css']]);
  });
});
