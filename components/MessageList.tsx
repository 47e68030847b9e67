import { useComputed, useSignal, type ReadonlySignal } from '../lib/ui/signals';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useRef } from '../lib/ui/hooks';
import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
import { lastOwn, type LastOwn } from '../lib/ui/last-own';
import { buildTimeline, countSince, firstTs, latestItems, type TimelineItem } from '../lib/ui/timeline';
import { lazy, preloadWhenIdle } from './lazy';
import { MessageGroup, type OwnMessageActions } from './MessageGroup';
import { useFirstFill } from './use-first-fill';
import { useFollow } from './use-follow';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './messages.css';

type ListModel = Pick<
  ChatModel,
  'messages' | 'config' | 'agent' | 'serverUrl' | 'connection' | 'retry' | 'hasOlder' | 'firstUnread' | 'act' | 'live'
>;

interface Props {
  model: ListModel;
  empty?: ComponentChildren;
  own?: OwnMessageActions | null;
  /** A message to scroll to and highlight once (a clicked notification); `onFocused` is called after. */
  focusId?: ReadonlySignal<string | null>;
  onFocused?: () => void;
}

/**
 * "New messages": only once the visitor scrolled up and more came, so it loads once the page is idle after its
 * first frames (issue 12), long before that.
 */
const loadJump = () => import('./JumpButton').then((m) => m.JumpButton);
const JumpButton = lazy(loadJump, 'none');
preloadWhenIdle(loadJump);

/** Pixels from the top at which scrolling up shows (or fetches) the previous page of history. */
const PAGE_PX = 80;
const HIGHLIGHT_MS = 2_500;
/**
 * While following, the log renders only the newest `TAIL` to `TAIL + CHUNK - 1` messages: the window slides in steps
 * of `CHUNK`, so that most new messages only add a bubble, and its top is cut while the view is at the bottom.
 */
const TAIL = 60;
const CHUNK = 40;
/** Messages added above the window each time the visitor reaches its top. */
const PAGE = 60;

/**
 * The conversation log: day separators, system lines and message groups. It renders a window of the newest
 * messages and follows them unless the visitor scrolled up (then a "new messages" button counts what arrived);
 * scrolled to its top, it shows older messages, then fetches older history, keeping what is on screen in place.
 * It marks where unread messages start and can scroll to one message (a clicked notification).
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
  /** Where the window starts: the newest messages (following), from a date on (reading above), or everything. */
  const from = useSignal<number | null | undefined>(undefined);
  const log = useRef<HTMLDivElement>(null);
  const first = useFirstFill(log, model.messages.value.length);
  const shown = useComputed(() => {
    const all = items.value;
    const start = from.value;
    if (start === null) return all;
    const tail = Math.min(TAIL + (model.messages.value.length % CHUNK), first.value ?? Infinity);
    return latestItems(all, start === undefined ? tail : countSince(all, start));
  });
  /** The newest message when the visitor left the bottom; what came after it from the desk is counted. */
  const leftAt = useSignal<{ id: string; ts: number } | null>(null);
  const unseen = useComputed(() => {
    const left = leftAt.value;
    if (!left) return 0;
    const messages = model.messages.value;
    let index = messages.findLastIndex((m) => m.id === left.id);
    if (index < 0) index = messages.findLastIndex((m) => m.ts <= left.ts);
    let count = 0;
    for (let i = index + 1; i < messages.length; i++) if (messages[i]!.from !== 'visitor') count += 1;
    return count;
  });
  const content = useRef<HTMLDivElement>(null);
  const follow = useFollow(
    log,
    content,
    (following) => {
      if (following) {
        from.value = undefined;
        leftAt.value = null;
        return;
      }
      // Reading above: the window keeps its first message, so that nothing on screen moves as messages arrive.
      from.value = firstTs(shown.peek()) ?? null;
      const newest = model.messages.peek().at(-1);
      leftAt.value = newest ? { id: newest.id, ts: newest.ts } : null;
    },
    () => {
      // Near the top, reading: show older messages. Not while following a log that is only a little too tall.
      const element = log.current;
      if (element && !follow.following.current && element.scrollTop < PAGE_PX) void showOlder();
    },
  );
  const lastOwnId = useRef<string | undefined>(undefined);
  /** Where the visitor's last message was found, so that the next render looks only at newer messages. */
  const ownFound = useRef<LastOwn | null>(null);
  /**
   * Set once the log first showed the worker's whole list: only that first view may open at the "new messages" line
   * (a stored first screen or a snapshot's first page may not reach it).
   */
  const opened = useRef(false);
  const loading = useSignal(false);
  const pageError = useSignal<string | null>(null);

  const list = shown.value;
  const partial = list !== items.value;

  useLayoutEffect(() => {
    const element = log.current;
    if (!element) return;
    const messages = model.messages.peek();
    ownFound.current = lastOwn(messages, ownFound.current);
    const ownId = messages[ownFound.current.index]?.id;
    const wasOpened = opened.current;
    const marker = wasOpened ? null : element.querySelector<HTMLElement>('.lqs-unread');
    if (messages.length > 0 && model.live.peek()) opened.current = true;
    if (marker && element.scrollHeight - marker.offsetTop > element.clientHeight) {
      // More arrived than fits: open where the unread part starts, not at its end.
      follow.stop();
      element.scrollTop = marker.offsetTop - 8;
      follow.moved();
    } else if (wasOpened && ownId !== lastOwnId.current && messages.at(-1)?.id === ownId) {
      // The visitor's own new message always brings them back to the bottom (not one an older page brought).
      follow.resume();
    }
    lastOwnId.current = ownId;
  }, [list, model.live.value]);

  /** Shows the previous page above the window, or fetches it once the window reaches the oldest message held. */
  async function showOlder(): Promise<void> {
    const element = log.current;
    if (!element || loading.peek()) return;
    follow.stop();
    if (shown.peek() !== items.peek()) {
      const all = items.peek();
      const count = countSince(all, firstTs(shown.peek()) ?? 0) + PAGE;
      const wider = latestItems(all, count);
      from.value = wider === all ? null : (firstTs(wider) ?? null);
      return;
    }
    if (!model.hasOlder.peek()) return;
    loading.value = true;
    pageError.value = null;
    try {
      await model.act('chat/loadOlder', null);
      from.value = null;
    } catch (error) {
      pageError.value = error instanceof Error ? error.message : String(error);
    } finally {
      loading.value = false;
    }
  }

  // Looked for once the worker's whole list is here: a stored first screen or a snapshot's first page may lack it.
  const focusTarget = model.live.value ? (focusId?.value ?? null) : null;
  useLayoutEffect(() => {
    if (!focusTarget || list.length === 0) return;
    const target = log.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focusTarget)}"]`);
    const message = model.messages.peek().find((m) => m.id === focusTarget);
    // Outside the window: widen it to start there, and this runs again with it.
    if (!target && partial && message && from.peek() !== message.ts) {
      follow.stop();
      from.value = message.ts;
      return;
    }
    onFocused?.();
    if (!target) return;
    follow.stop();
    target.scrollIntoView({ block: 'center' });
    follow.moved();
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
      >
        <div class="lqs-log__content" ref={content}>
          {(model.hasOlder.value || partial) && (
            <div class="lqs-older">
              <button type="button" class="lqs-chip" onClick={() => void showOlder()} disabled={loading.value}>
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
      </div>
      {unseen.value > 0 && <JumpButton count={unseen.value} onClick={() => follow.resume()} />}
    </div>
  );
}
