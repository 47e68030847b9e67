/**
 * Steps the UI state tests and the screenshot script share: open both chat surfaces, put the desk in a state
 * through devserver's control API, wait for the pages to show it, and check pages with axe. No vitest here, so
 * `scripts/screenshots.ts` can use it too.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { DevServer, RoomView } from '../../devserver/index';
import type { Extension } from './harness';

export type Surface = 'popup' | 'sidepanel';
export const SURFACES: readonly Surface[] = ['popup', 'sidepanel'];

/** Polls `check` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens popup and side panel (as tabs sized like the real surfaces). */
export async function openBoth(ext: Extension): Promise<Record<Surface, Page>> {
  const [popup, sidepanel] = await Promise.all([ext.open('popup'), ext.open('sidepanel')]);
  return { popup, sidepanel };
}

/** Waits until every page's visible text contains `text`. */
export async function waitForText(pages: Page[], text: string, timeoutMs = 15_000): Promise<void> {
  await Promise.all(
    pages.map((page) =>
      waitFor(
        `"${text}" on ${page.url()}`,
        async () => (await page.locator('body').innerText()).includes(text),
        timeoutMs,
      ),
    ),
  );
}

/** The newest room on the server. */
export function newestRoom(server: DevServer): RoomView | undefined {
  return (server.control.state().rooms as RoomView[])[0];
}

/** Waits for the visitor's open room to exist on the server and returns its id. */
export async function roomId(server: DevServer): Promise<string> {
  const rooms = (): RoomView[] => server.control.state().rooms as RoomView[];
  return (await waitFor('an open room on the server', () => rooms().find((room) => room.open)?._id)) ?? '';
}

/**
 * Clears the server's faults and reconnects now ("Retry now"), unless the worker already did by itself; resolves
 * once the worker listens to the room's messages again and has delivered what waited, so what the agent does
 * next (closing the room, say) comes after it.
 */
export async function heal(server: DevServer, page: Page): Promise<void> {
  const since = server.control.log().at(-1)?.seq ?? 0;
  server.control.setFaults({});
  await front(page);
  await page
    .getByRole('button', { name: 'Retry now' })
    .click({ timeout: 2_000 })
    .catch(() => undefined);
  await waitForText([page], 'Connected', 20_000);
  await waitFor('the room subscription after reconnecting', () =>
    server.control
      .log(since)
      .some((e) => e.kind === 'sub' && e.name === 'stream-room-messages' && e.outcome === 'ready'),
  );
  await waitFor(
    'pending messages delivered',
    async () => (await page.locator('[data-delivery="pending"]').count()) === 0,
  );
}

/**
 * Resolves once the worker listens to the room's typing events. Rocket.Chat sends a typing event to those
 * subscribed at that moment only, so an agent typing before the subscription is ready is never heard.
 */
export async function listensForTyping(server: DevServer, rid: string): Promise<void> {
  await waitFor('the typing subscription', () =>
    server.control
      .log()
      .some(
        (e) =>
          e.kind === 'sub' &&
          e.name === 'stream-notify-room' &&
          e.outcome === 'ready' &&
          JSON.stringify(e.params).includes(rid),
      ),
  );
}

/**
 * Drops every DDP connection: the worker reconnects at once and re-reads the desk's configuration, which is
 * how settings changed through the control API reach the extension (Rocket.Chat pushes no config changes).
 */
export async function reloadDesk(server: DevServer, pages: Page[]): Promise<void> {
  server.control.setFaults({ downForMs: 1 });
  await waitForText(pages, 'Connected', 20_000).catch(() => undefined);
}

/** Every seeded agent goes offline or online. */
export function setAgents(server: DevServer, status: 'online' | 'offline'): void {
  for (const username of ['maria.agent', 'joao.agent']) server.control.agentStatus(username, { status });
}

/**
 * Brings a page to the front before driving it: the chat pages are tabs of one window, and Chromium throttles
 * animation frames in background tabs, which makes every Playwright action on them wait for seconds.
 */
export async function front(page: Page): Promise<Page> {
  await page.bringToFront();
  return page;
}

/** Fills and submits the registration form with whatever fields the desk asks for. */
export async function registerVisitor(page: Page, name = 'Ana Lima', email = 'ana@example.com'): Promise<void> {
  await front(page);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  const consent = page.getByRole('checkbox');
  if (await consent.count()) await consent.check();
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 20_000 });
}

/** Types a message into the composer and presses Enter. */
export async function sendText(page: Page, text: string): Promise<void> {
  await front(page);
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Serious and critical accessibility violations axe finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  // A dialog fading in has not reached its colours yet; endless animations (typing dots) never settle.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}
