/**
 * Whether the log follows its newest message. Only the visitor's own scrolling decides it: a wheel turned up, a
 * finger dragging the log down, an up key, or the scroll position moving up by other means (a scrollbar drag,
 * assistive technology) while nothing resized. A distance from the bottom measured in a scroll event raced by new
 * content never does: new content does not move the scroll position, moves made by the log itself are recorded
 * before their scroll event arrives, and the browser clamping the position of a log that grew is not the visitor.
 * While following, every growth of the content or shrinking of the log (a new bubble, a picture or font loaded
 * late, a panel opening below) keeps the bottom pinned, in the frame it happens in. While not following, the same
 * changes keep the first message in view where it is on screen (an older page inserted above, a group rebuilt).
 */
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from '../lib/ui/hooks';

/** Pixels from the bottom within which scrolling down resumes following. */
const STICK_PX = 48;
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

interface Geometry {
  top: number;
  height: number;
  client: number;
}

const measure = (element: HTMLElement): Geometry => ({
  top: element.scrollTop,
  height: element.scrollHeight,
  client: element.clientHeight,
});

/**
 * Whether the log was scrolled up between two measures by something other than itself: new content never moves
 * the scroll position (the browser's scroll anchoring is off), and content or a log shrinking only clamps it to
 * the new bottom.
 */
const movedUp = (before: Geometry, now: Geometry): boolean =>
  now.top < before.top - 1 && now.top < now.height - now.client - 1;

/**
 * Whether nothing resized between two measures. When something did, a move up may be the browser clamping the
 * position to a bottom that has moved again since: the log grew (the composer went) and then shrank (the
 * end-of-chat panel came) before the clamp's scroll event was handled, or the content shrank and then a picture
 * loaded. Only a layout read in between (any script's) lets the clamp happen, so it shows now and then.
 */
const sameSize = (before: Geometry, now: Geometry): boolean =>
  now.height === before.height && now.client === before.client;

interface Anchor {
  id: string;
  /** Its distance from the top of the log's box, in pixels. */
  top: number;
}

const byId = (log: HTMLElement, id: string): HTMLElement | null =>
  log.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);

/**
 * The first rendered message that reaches into the visible part of `log`, and where it is. A group's parts are
 * passed over whole until one reaches that far: the browser skips the layout of a part off screen (messages.css),
 * so its own box has a position to read, its bubbles only a stale one.
 */
function visibleAnchor(log: HTMLElement): Anchor | null {
  const top = log.getBoundingClientRect().top;
  for (const box of log.querySelectorAll<HTMLElement>('.lqs-group__part, .lqs-system')) {
    if (box.getBoundingClientRect().bottom <= top) continue;
    for (const element of box.dataset.messageId ? [box] : box.querySelectorAll<HTMLElement>('[data-message-id]')) {
      const rect = element.getBoundingClientRect();
      if (rect.bottom > top) return { id: element.dataset.messageId ?? '', top: rect.top - top };
    }
  }
  return null;
}

export interface Follow {
  /** True while the log keeps its bottom in view; read it in handlers and effects, it does not re-render. */
  readonly following: { readonly current: boolean };
  /** Pins the bottom now and follows from here on (the "new messages" button, the visitor's own message). */
  resume(): void;
  /** Stops following: the log is about to show something above (the unread line, a focused message). */
  stop(): void;
  /** Records a move the log just made itself (to the unread line, to a message), so it is not taken for the visitor's. */
  moved(): void;
}

/**
 * Watches `log` (the scrolling element) and `content` (everything it scrolls), calls `onChange` when following
 * starts or stops and `onScrolled` after each scroll event, once following is decided.
 */
export function useFollow(
  log: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
  onChange: (following: boolean) => void,
  onScrolled: () => void,
): Follow {
  const following = useRef(true);
  const last = useRef<Geometry>({ top: 0, height: 0, client: 0 });
  /** While not following: the message to keep in place. */
  const anchor = useRef<Anchor | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const scrolled = useRef(onScrolled);
  scrolled.current = onScrolled;

  const api = useRef<Follow | null>(null);
  if (!api.current) {
    const set = (value: boolean): void => {
      if (following.current === value) return;
      following.current = value;
      anchor.current = !value && log.current ? visibleAnchor(log.current) : null;
      changed.current(value);
    };
    const pin = (element: HTMLElement): void => {
      element.scrollTop = element.scrollHeight;
      last.current = measure(element);
    };
    api.current = {
      following,
      resume() {
        set(true);
        if (log.current) pin(log.current);
      },
      stop: () => set(false),
      moved() {
        const element = log.current;
        if (!element) return;
        last.current = measure(element);
        if (!following.current) anchor.current = visibleAnchor(element);
      },
    };
  }

  useLayoutEffect(() => {
    const element = log.current;
    if (!element) return;
    const follow = api.current!;
    last.current = measure(element);
    /** Puts the anchored message back where it was, whatever moved it (no scroll event is taken for the visitor's). */
    const keepAnchor = (): void => {
      const held = anchor.current;
      const now = held && byId(element, held.id);
      if (!held || !now) return void (anchor.current = visibleAnchor(element));
      const delta = now.getBoundingClientRect().top - element.getBoundingClientRect().top - held.top;
      if (Math.abs(delta) >= 0.5) element.scrollTop += delta;
    };
    let dragging = false;
    let touchY: number | null = null;
    /** A move up that is the visitor's: with the sizes unchanged, or while they hold the scrollbar. */
    const scrolledUp = (before: Geometry, now: Geometry): boolean =>
      movedUp(before, now) && (dragging || sameSize(before, now));
    const up = (): void => {
      if (element.scrollTop > 0) follow.stop();
    };
    const onScroll = (): void => {
      const before = last.current;
      const now = (last.current = measure(element));
      if (scrolledUp(before, now)) follow.stop();
      else if (
        now.top > before.top &&
        (sameSize(before, now) || dragging) &&
        now.height - now.top - now.client <= STICK_PX
      ) {
        follow.resume();
      }
      // Re-anchored only when someone else moved the log: its own moves keep the message the visitor was reading.
      if (!following.current && Math.abs(now.top - before.top) >= 1) anchor.current = visibleAnchor(element);
      scrolled.current();
    };
    const onWheel = (event: WheelEvent): void => {
      if (event.deltaY < 0) up();
    };
    const onKey = (event: KeyboardEvent): void => {
      if (UP_KEYS.has(event.key) || (event.key === ' ' && event.shiftKey)) up();
    };
    const onTouchStart = (event: TouchEvent): void => {
      touchY = event.touches[0]?.clientY ?? null;
    };
    const onTouchMove = (event: TouchEvent): void => {
      const y = event.touches[0]?.clientY;
      // A finger moving down drags the content down: the visitor is scrolling up.
      if (touchY !== null && y !== undefined && y > touchY + 2) up();
    };
    // A press on the log itself, not on a message, is its scrollbar (or padding): moves while it is held are theirs.
    const onPointerDown = (event: PointerEvent): void => {
      dragging = event.target === element;
    };
    const onPointerUp = (): void => {
      dragging = false;
    };
    const passive = { passive: true };
    element.addEventListener('scroll', onScroll, passive);
    element.addEventListener('wheel', onWheel, passive);
    element.addEventListener('keydown', onKey);
    element.addEventListener('touchstart', onTouchStart, passive);
    element.addEventListener('touchmove', onTouchMove, passive);
    element.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('pointerup', onPointerUp);

    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            // A scroll up whose event has not arrived yet (the visitor's, by the rule above) stops following instead
            // of losing it.
            if (following.current && scrolledUp(last.current, measure(element))) follow.stop();
            if (following.current) element.scrollTop = element.scrollHeight;
            else keepAnchor();
            last.current = measure(element);
          });
    observer?.observe(element);
    if (content.current) observer?.observe(content.current);
    return () => {
      observer?.disconnect();
      element.removeEventListener('scroll', onScroll);
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('keydown', onKey);
      element.removeEventListener('touchstart', onTouchStart);
      element.removeEventListener('touchmove', onTouchMove);
      element.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('pointerup', onPointerUp);
    };
  }, []);

  return api.current;
}
