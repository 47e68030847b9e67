// @vitest-environment happy-dom
/**
 * The log's follow rule against a scripted layout: the browser's own clamping of the scroll position (the log grew
 * or its content shrank) is not the visitor scrolling up, even when its scroll event is handled only after the
 * layout changed again (the end-of-chat panel took space, a picture loaded). Seen in the side panel when a chat
 * ended: the log stopped half-way instead of at the bottom.
 */
import { cleanup, render } from '@testing-library/preact';
import { useRef } from '../../../lib/ui/hooks';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useFollow, type Follow } from '../../../components/use-follow';

/** ResizeObservers the tests call back themselves, as the browser does after a layout. */
const observers: Array<() => void> = [];
class FakeResizeObserver {
  private readonly callback: () => void;
  constructor(callback: () => void) {
    this.callback = callback;
    observers.push(() => this.callback());
  }
  observe(): void {}
  disconnect(): void {}
}
vi.stubGlobal('ResizeObserver', FakeResizeObserver);
beforeEach(() => {
  observers.length = 0;
});
afterEach(cleanup);

/**
 * A log whose layout the test sets: `layout()` applies the current sizes as the browser's layout does, clamping
 * the scroll position to the new bottom (no scroll event until the test sends one, as a later frame would).
 */
function scriptedLog(log: HTMLElement, sizes: { content: number; client: number }) {
  let top = 0;
  const max = () => Math.max(0, sizes.content - sizes.client);
  Object.defineProperty(log, 'scrollHeight', { get: () => Math.max(sizes.content, sizes.client) });
  Object.defineProperty(log, 'clientHeight', { get: () => sizes.client });
  Object.defineProperty(log, 'scrollTop', {
    get: () => top,
    set: (value: number) => {
      top = Math.min(Math.max(0, value), max());
    },
  });
  return {
    sizes,
    layout: () => (top = Math.min(top, max())),
    gap: () => max() - top,
    scrolled: () => log.dispatchEvent(new Event('scroll')),
    observed: () => observers.forEach((notify) => notify()),
  };
}

function mount(): { follow: Follow; log: HTMLElement } {
  let follow: Follow | null = null;
  function Log() {
    const log = useRef<HTMLDivElement>(null);
    const content = useRef<HTMLDivElement>(null);
    follow = useFollow(
      log,
      content,
      () => {},
      () => {},
    );
    return (
      <div role="log" ref={log}>
        <div ref={content} />
      </div>
    );
  }
  const { getByRole } = render(<Log />);
  return { follow: follow!, log: getByRole('log') };
}

it('keeps the bottom when the log grows (its scroll position clamped) and then shrinks before that scroll event', () => {
  const { follow, log } = mount();
  const view = scriptedLog(log, { content: 2000, client: 560 });
  follow.resume();
  view.observed();
  expect(view.gap()).toBe(0);

  // The chat ends: the composer goes first (the log grows, the browser clamps its position to the new bottom)...
  view.sizes.client = 730;
  view.layout();
  // ...then the end-of-chat panel takes space below it, before the clamp's scroll event is handled.
  view.sizes.client = 320;
  view.layout();
  view.scrolled();
  view.observed();

  expect(follow.following.current).toBe(true);
  expect(view.gap()).toBe(0);
});

it('keeps the bottom when a picture loads late right after the content shrank', () => {
  const { follow, log } = mount();
  const view = scriptedLog(log, { content: 2000, client: 560 });
  follow.resume();
  view.observed();

  // The typing line goes (the content shrinks, the position is clamped), then a picture above loads and the content
  // grows, both before the clamp's scroll event is handled.
  view.sizes.content = 1960;
  view.layout();
  view.sizes.content = 2240;
  view.layout();
  view.scrolled();
  view.observed();

  expect(follow.following.current).toBe(true);
  expect(view.gap()).toBe(0);
});

it('keeps the bottom when the observer reports the shrink before the clamp scroll event arrives', () => {
  const { follow, log } = mount();
  const view = scriptedLog(log, { content: 2000, client: 560 });
  follow.resume();
  view.observed();

  view.sizes.client = 730;
  view.layout();
  view.sizes.client = 320;
  view.layout();
  view.observed();
  view.scrolled();

  expect(follow.following.current).toBe(true);
  expect(view.gap()).toBe(0);
});

it('still stops following when the visitor scrolls up with nothing else changing', () => {
  const { follow, log } = mount();
  const view = scriptedLog(log, { content: 2000, client: 560 });
  follow.resume();
  view.observed();

  log.scrollTop -= 300;
  view.scrolled();

  expect(follow.following.current).toBe(false);
  // A picture loading while they read does not pull them down.
  view.sizes.content = 2300;
  view.observed();
  expect(view.gap()).toBe(600);
});

it('still stops following when the visitor drags the scrollbar up while the log changes size', () => {
  const { follow, log } = mount();
  const view = scriptedLog(log, { content: 2000, client: 560 });
  follow.resume();
  view.observed();

  log.dispatchEvent(new Event('pointerdown'));
  log.scrollTop -= 300;
  view.sizes.client = 320;
  view.scrolled();
  window.dispatchEvent(new Event('pointerup'));

  expect(follow.following.current).toBe(false);
});
