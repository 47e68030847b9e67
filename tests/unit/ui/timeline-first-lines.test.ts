/**
 * The log's system lines before the page's own wording (lib/ui/system-text.ts) is loaded: a line the worker worded
 * (`ChatMessage.line`, on what a page shows first) shows at once, so no line of a first screen comes a frame late;
 * once the wording is in, the log words every line itself (in the chat's language as it is then).
 */
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../../lib/livechat/types';
import { computed, effect } from '../../../lib/ui/signals';
import { buildTimeline, systemTextLoaded, type TimelineItem } from '../../../lib/ui/timeline';
import { message, minute } from './messages';

/** The page's wording loads only when the test lets it. */
const gate = await vi.hoisted(async () => (await import('./load-gate')).loadGate());
vi.mock('../../../lib/ui/system-text', async (original) => {
  await gate.opened;
  return original();
});

const noon = new Date(2026, 0, 15, 12, 0).getTime();
const options = { now: noon + 60 * minute, agentHidden: false };

const lines = (items: readonly TimelineItem[]) =>
  items.flatMap((item) => (item.kind === 'system' ? [`${item.id}: ${item.text}`] : []));

describe('system lines before the page words them', () => {
  it('shows the worker’s lines at once, then the page’s own once its wording is in', async () => {
    const shown: ChatMessage[] = [
      message('a1', 'agent', 'hello', { at: noon }),
      message('j1', 'system', '', { at: noon + minute, type: 'uj', line: { text: 'Jane Doe joined (worker)' } }),
      message('c1', 'system', 'internal', { at: noon + 2 * minute, type: 'command', line: null }),
      message('a2', 'agent', 'how can I help?', { at: noon + 3 * minute }),
    ];
    // A line that came after the first page (a delta): nobody worded it yet.
    const later = message('j2', 'system', '', { at: noon + 4 * minute, type: 'uj' });
    const list = computed(() => buildTimeline(shown, options));
    const seen: string[][] = [];
    const stop = effect(() => void seen.push(lines(list.value)));

    expect(lines(list.value)).toEqual(['j1: Jane Doe joined (worker)']);
    const first = buildTimeline(shown, options);
    const grown = buildTimeline([...shown, later], options, first);
    expect(lines(grown)).toEqual(['j1: Jane Doe joined (worker)']);
    expect(grown.filter((item) => item.kind === 'group')).toHaveLength(2);

    gate.open();
    await systemTextLoaded;
    // The page's wording replaces the worker's, and words the line nobody had worded; a grown list is built anew.
    expect(seen.at(-1)).toEqual(['j1: Jane Doe joined the chat']);
    expect(lines(buildTimeline([...shown, later], options, first))).toEqual([
      'j1: Jane Doe joined the chat',
      'j2: Jane Doe joined the chat',
    ]);
    stop();
  });
});
