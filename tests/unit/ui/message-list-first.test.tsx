// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatApp } from '../../../components/ChatApp';
import { PORT_NAME, type BgToUi, type UiToBg } from '../../../lib/messaging';
import { createBackgroundClient } from '../../../lib/ui/background-client';
import { createChatModel } from '../../../lib/ui/chat-model';
import { testConfig } from './config';
import { baseSnapshot, flush } from './fake-worker';
import { message } from './messages';
import { createPortPair } from './port-pair';

// Frames run when the tests say.
const frames: Array<() => void> = [];
vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
afterEach(() => {
  cleanup();
  frames.length = 0;
  vi.restoreAllMocks();
});

const noon = new Date(2026, 0, 15, 12, 0).getTime();
const thirty = Array.from({ length: 30 }, (_, i) => message(`m${i}`, 'agent', `text ${i}`, { at: noon + i * 1000 }));
const bubbles = (): number => screen.getByRole('log').querySelectorAll('.lqs-message').length;

const log = (element: Element): boolean => element.classList.contains('lqs-log');

/** A log `content` px tall in a box `box` px tall (happy-dom lays nothing out). */
function geometry(content: number, box: number): void {
  vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return log(this) ? content : 0;
  });
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return log(this) ? box : 0;
  });
}

/** A chat page showing a stored first screen of thirty messages, its worker not answering yet. */
function openOnFirstScreen(): void {
  const [ui] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
  const model = createChatModel(createBackgroundClient(() => ui));
  model.preview(baseSnapshot({ config: testConfig(), messages: thirty }));
  render(<ChatApp model={model} layout="popup" actions={{ openOptions: vi.fn() }} />);
}

describe('the log’s first render (issue 12)', () => {
  it('holds only the newest messages that fill the log, and the rest once that frame is drawn', async () => {
    geometry(2000, 400);
    openOnFirstScreen();
    expect(bubbles()).toBe(Math.ceil((window.innerHeight - 100) / 40));
    expect(screen.getByRole('log').querySelector('[data-message-id="m29"]')).not.toBeNull();
    for (const fn of frames.splice(0)) fn();
    await flush();
    expect(bubbles()).toBe(30);
  });

  it('holds them all before the first frame when the newest do not fill the log', () => {
    geometry(300, 400);
    openOnFirstScreen();
    expect(frames.length).toBeGreaterThan(0);
    expect(bubbles()).toBe(30);
  });
});
