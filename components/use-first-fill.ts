/**
 * How many of the newest messages the log's first render holds (issue 12: a first frame renders only what is on
 * screen). A message is at least about `MIN_MESSAGE_PX` tall, so that many fill a log as tall as the window less
 * its header and composer; the rest of the log's window follows in the task after that frame is drawn, above
 * what is on screen (the log keeps its bottom, or its first visible message, as it grows). When the first ones
 * do not fill the log, the rest comes before that frame is drawn.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect } from '../lib/ui/hooks';
import { nextFrame } from '../lib/ui/chat-model';
import { useSignal, type ReadonlySignal } from '../lib/ui/signals';

/** A one-line bubble in a run of them: its padding, one line of text and the gap to the next. */
const MIN_MESSAGE_PX = 40;
/** The header and the composer, at their smallest: what the log cannot take of the window. */
const CHROME_PX = 100;

/**
 * The cap on the messages the log renders (null: none), for a log `log` that renders `count` messages now.
 * Read only while the log follows its newest message: a visitor reading above sees the window they chose.
 */
export function useFirstFill(log: RefObject<HTMLElement | null>, count: number): ReadonlySignal<number | null> {
  const cap = useSignal<number | null>(Math.max(1, Math.ceil((globalThis.innerHeight - CHROME_PX) / MIN_MESSAGE_PX)));
  const shown = count > 0;
  useLayoutEffect(() => {
    const element = log.current;
    if (!shown || !element || cap.peek() === null) return;
    // A layout the log's follower has just read: reading it again costs nothing.
    if (element.scrollHeight <= element.clientHeight) cap.value = null;
    else nextFrame(() => setTimeout(() => (cap.value = null)));
  }, [shown]);
  return cap;
}
