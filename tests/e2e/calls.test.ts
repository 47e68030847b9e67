/**
 * Issue 10 §2: an agent's video call, as each line writes it, shows a Join call button in the chat; the click opens
 * the call's validated https link in a new tab (the call server is intercepted: nothing leaves the machine).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILES } from '../../devserver/index';
import { startConversation, type Opened } from './flows';

describe.each(PROFILES)('video call on a %s server', (profile) => {
  const opened: Opened = {};

  afterEach(async () => {
    await opened.ext?.close();
    await opened.server?.close();
  });

  it("shows the agent's call with a Join button that opens the call in a new tab", async () => {
    const { server, ext, rid, popup } = await startConversation(opened, { profile });
    const served: string[] = [];
    await ext.context.route('https://meet.jit.si/**', (route) => {
      served.push(route.request().url());
      return route.fulfill({ contentType: 'text/html', body: '<title>Call</title><p>in the call</p>' });
    });
    const message = server.control.call(rid) as { t: string };
    const expected = callUrl(message);
    const join = popup.getByRole('link', { name: 'Join call' });
    await join.waitFor({ timeout: 15_000 });
    expect(await popup.getByText('Maria Souza started a video call').count()).toBe(1);
    expect(served).toEqual([]);
    const [tab] = await Promise.all([ext.context.waitForEvent('page', { timeout: 15_000 }), join.click()]);
    await tab.waitForLoadState('domcontentloaded');
    expect(tab.url()).toBe(expected);
    expect(await tab.title()).toBe('Call');
    expect(served).toEqual([expected]);
  });
});

/** The link a visitor of the line should open, read from the call message as the line writes it. */
function callUrl(message: Record<string, any>): string {
  if (message.t === 'videoconf') return message.blocks[1].elements[0].url as string;
  return message.customFields.jitsiCallUrl as string;
}
