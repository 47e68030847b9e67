import { useComputed, useSignal, type ReadonlySignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
import { buildTimeline, latestItems, type TimelineItem } from '../lib/ui/timeline';
import { ArrowDownIcon } from './icons';
import { MessageGroup, type OwnMessageActions } from './MessageGroup';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './messages.css';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './markdown.css';

type ListModel = Pick<
  ChatModel,
  'messages' | 'config' | 'agent' | 'serverUrl' | 'connection' | 'retry' | 'hasOlder' | 'firstUnread' | 'act'
>;

interface Props {
  model: ListModel;
  empty?: ComponentChildren;
  own?: OwnMessageActions | null;
  /** A message to scroll to and highlight once (a clicked notification); `onFocused` is called after. */
  focusId?: ReadonlySignal<string | null>;
  onFocused?: () => void;
}

/** Pixels from the bottom within which the log keeps following new messages. */
const STICK_PX = 48;
/** Pixels from the top at which scrolling up fetches the previous page of history. */
const PAGE_PX = 80;
const HIGHLIGHT_MS = 2_500;
/** Messages the first view shows; the older ones follow once it is on screen, so the popup opens fast. */
const FIRST_VIEW = 60;

/** Runs `task` when the page is idle after the frame being prepared; returns the cancel function. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 300 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 50);
  return () => clearTimeout(handle);
}

/**
 * The conversation log: day separators, system lines and message groups. It follows new messages unless the
 * visitor scrolled up (then a "new messages" button appears), fetches older history when scrolled to the top
 * while keeping what is on screen in place, and marks where unread messages start.
 */
export function MessageList({ model, empty, own = null, focusId, onFocused }: Props) {
  const agentHidden = useComputed(
    () => model.config.value?.agentHiddenInfo === true || model.agent.value?.hidden === true,
  );
  // The last build, so that unchanged items keep their identity and their memoised views skip re-rendering.
  const built = useRef<TimelineItem[]>([]);
  const items = useComputed(
    () =>
      (built.current = buildTimeline(
        model.messages.value,
        {
          now: Date.now(),
          agentHidden: agentHidden.value,
          hiddenTypes: model.config.value?.hiddenSystemMessages,
          unreadFrom: model.firstUnread.value,
        },
        built.current,
      )),
  );
  const complete = useSignal(false);
  const shown = useComputed(() => (complete.value ? items.value : latestItems(items.value, FIRST_VIEW)));
  const log = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const lastOwnId = useRef<string | undefined>(undefined);
  const lastOtherId = useRef<string | undefined>(undefined);
  /** Set once the log first showed messages: only that first view may open at the "new messages" line. */
  const opened = useRef(false);
  /** Distance from the bottom to keep while an older page is being inserted above. */
  const anchor = useRef<number | null>(null);
  const loading = useSignal(false);
  const pageError = useSignal<string | null>(null);
  const newBelow = useSignal(false);

  const list = shown.value;
  const partial = list !== items.value;

  const following = useRef(0);
  /**
   * Scrolls to the end before the next frame is drawn. Reading `scrollHeight` now would lay out the whole log
   * for every message; in the frame, one layout serves all the messages that arrived since the last one.
   */
  function followLatest(element: HTMLElement): void {
    if (following.current) return;
    following.current = requestAnimationFrame(() => {
      following.current = 0;
      if (anchor.current === null) element.scrollTop = element.scrollHeight;
    });
  }
  useEffect(() => () => cancelAnimationFrame(following.current), []);

  /** Shows the messages the first view left out, keeping what is on screen where it is. */
  function showAll(): void {
    const element = log.current;
    if (complete.peek() || !element) return;
    const growing = shown.peek() !== items.peek();
    if (growing) anchor.current = element.scrollHeight - element.scrollTop;
    complete.value = true;
    // Release the anchor once the frame with the rest has been laid out.
    if (growing) requestAnimationFrame(() => (anchor.current = null));
  }
  useEffect(() => whenIdle(showAll), []);

  useLayoutEffect(() => {
    const element = log.current;
    if (!element) return;
    const messages = model.messages.peek();
    const ownId = messages.findLast((m) => m.from === 'visitor')?.id;
    const otherId = messages.findLast((m) => m.from !== 'visitor')?.id;
    const marker = opened.current ? null : element.querySelector<HTMLElement>('.lqs-unread');
    if (messages.length > 0) opened.current = true;
    if (marker && element.scrollHeight - marker.offsetTop > element.clientHeight) {
      // More arrived than fits: open where the unread part starts, not at its end.
      element.scrollTop = marker.offsetTop - 8;
      stick.current = false;
    } else if (anchor.current !== null) {
      element.scrollTop = element.scrollHeight - anchor.current;
    } else if (stick.current || ownId !== lastOwnId.current) {
      // Follow the conversation unless the visitor scrolled up to read; their own new message always scrolls.
      followLatest(element);
      newBelow.value = false;
    } else if (otherId !== lastOtherId.current) {
      newBelow.value = true;
    }
    lastOwnId.current = ownId;
    lastOtherId.current = otherId;
  }, [list]);

  async function loadOlder(): Promise<void> {
    const element = log.current;
    if (shown.peek() !== items.peek()) return showAll();
    if (loading.peek() || !model.hasOlder.peek() || !element) return;
    loading.value = true;
    pageError.value = null;
    anchor.current = element.scrollHeight - element.scrollTop;
    try {
      await model.act('chat/loadOlder', null);
    } catch (error) {
      pageError.value = error instanceof Error ? error.message : String(error);
    } finally {
      loading.value = false;
      // The page's messages were rendered before the answer arrived; release the anchor after that frame.
      requestAnimationFrame(() => (anchor.current = null));
    }
  }

  // Pictures load after layout and the log shrinks when panels open below it: stay at the bottom if following.
  useLayoutEffect(() => {
    const element = log.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stick.current && anchor.current === null) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const followAfterLoad = (): void => {
    const element = log.current;
    if (element && stick.current && anchor.current === null) element.scrollTop = element.scrollHeight;
  };

  const onScroll = (): void => {
    const element = log.current;
    if (!element) return;
    stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
    if (stick.current) newBelow.value = false;
    if (element.scrollTop < PAGE_PX && element.scrollHeight > element.clientHeight) void loadOlder();
  };

  function jumpToLatest(): void {
    const element = log.current;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    stick.current = true;
    newBelow.value = false;
  }

  const focusTarget = focusId?.value ?? null;
  useLayoutEffect(() => {
    if (!focusTarget || list.length === 0) return;
    const target = log.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focusTarget)}"]`);
    // Not in the first view: show the rest, and this runs again with it.
    if (!target && partial) return showAll();
    onFocused?.();
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    stick.current = false;
    // A data attribute Preact does not manage, so a re-render in between cannot drop or keep it by mistake.
    target.dataset.highlight = 'true';
    setTimeout(() => delete target.dataset.highlight, HIGHLIGHT_MS);
  }, [focusTarget, list]);

  const onRetry = useMemo(() => (id: string) => void model.retry(id).catch(() => undefined), [model]);
  const agentLabel = agentHidden.value ? t('agent') : null;
  const serverUrl = model.serverUrl.value;
  const connected = model.connection.value.state === 'connected';

  return (
    <div class="lqs-log-wrap">
      <div
        class="lqs-log"
        ref={log}
        role="log"
        aria-live="polite"
        aria-label={t('conversation')}
        aria-busy={loading.value}
        tabIndex={0}
        onScroll={onScroll}
        onLoadCapture={followAfterLoad}
      >
        {model.hasOlder.value && (
          <div class="lqs-older">
            <button type="button" class="lqs-chip" onClick={() => void loadOlder()} disabled={loading.value}>
              {loading.value ? t('loadingOlder') : t('loadOlder')}
            </button>
            {pageError.value && <span class="lqs-older__error">{pageError.value}</span>}
          </div>
        )}
        {list.length === 0 && empty}
        {list.map((item) => {
          switch (item.kind) {
            case 'day':
              return (
                <div key={item.key} class="lqs-day">
                  <span>{item.label}</span>
                </div>
              );
            case 'unread':
              return (
                <div key={item.key} class="lqs-unread">
                  <span>{t('newMessages')}</span>
                </div>
              );
            case 'system':
              return (
                <div key={item.key} class="lqs-system" data-message-id={item.id} data-from="system">
                  <span class="lqs-system__text">{item.text}</span>
                  {item.detail && <span class="lqs-system__detail">“{item.detail}”</span>}
                  {item.call?.url && !item.call.ended && (
                    <a
                      class="lqs-button lqs-button--primary lqs-call__join"
                      href={item.call.url}
                      target="_blank"
                      rel="noopener noreferrer"
                      title={t('joinCallHint')}
                    >
                      {t('joinCall')}
                    </a>
                  )}
                </div>
              );
            case 'group':
              return (
                <MessageGroup
                  key={item.key}
                  group={item}
                  agentLabel={agentLabel}
                  serverUrl={serverUrl}
                  connected={connected}
                  onRetry={onRetry}
                  own={own}
                />
              );
          }
        })}
      </div>
      {newBelow.value && (
        <button type="button" class="lqs-jump" onClick={jumpToLatest}>
          <ArrowDownIcon />
          {t('newMessages')}
        </button>
      )}
    </div>
  );
}
